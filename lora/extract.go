package lora

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/internal/atomicfile"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/safetensors"
)

// ExtractOptions tune Extract.
type ExtractOptions struct {
	// Rank is r, the rank of every module's approximation.
	Rank int
	// Pattern selects the tensors to approximate; nil means the 2-D
	// attention and feed-forward weights of the blocks.
	Pattern *regexp.Regexp
}

// defaultExtract matches the block weights LoRA usually targets.
var defaultExtract = regexp.MustCompile(`^blk\.\d+\.(attn_q|attn_k|attn_v|attn_output|ffn_gate|ffn_up|ffn_down)\.weight$`)

// Extracted reports how well one module's rank-r approximation holds the
// difference between the two models.
type Extracted struct {
	Tensor   string
	Module   string  // the PEFT module name written
	Retained float64 // Σ of the r largest σ² over Σ σ²: the share of the difference's energy kept (1 for no difference)
	Norm     float64 // ‖tuned − base‖ (Frobenius)
}

// Extract approximates, for each selected tensor, the difference between a
// fine-tuned model and its base by its best rank-r factorization (a
// truncated SVD): Δ ≈ B·A with B = U_r·Σ_r and A = V_rᵀ, so that merging
// the adapter with scale 1 adds B·A back. PEFT module names are the
// Hugging Face names of llama-family GGUF tensors, with q and k rows
// brought back from llama.cpp's permutation. Tensors equal in both models
// are skipped.
func Extract(ctx context.Context, base, tuned *gguf.File, opts ExtractOptions) (*Adapter, []Extracted, error) {
	if opts.Rank <= 0 {
		return nil, nil, fmt.Errorf("lora: %w: rank %d", ErrFormat, opts.Rank)
	}
	pat := opts.Pattern
	if pat == nil {
		pat = defaultExtract
	}
	arch, _ := gguf.Lookup[string](base.Metadata, gguf.KeyArchitecture)
	heads := func(key string) int {
		n, _ := gguf.LookupInt(base.Metadata, arch+key)
		return int(n)
	}
	nHead, nHeadKV := heads(".attention.head_count"), heads(".attention.head_count_kv")
	if nHeadKV == 0 {
		nHeadKV = nHead
	}
	ad := &Adapter{Format: "peft"}
	var stats []Extracted
	for _, bt := range base.Tensors {
		if !pat.MatchString(bt.Name) || len(bt.Shape) != 2 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		tt, ok := tuned.Tensor(bt.Name)
		if !ok || tt.Shape[0] != bt.Shape[0] || tt.Shape[1] != bt.Shape[1] {
			return nil, nil, fmt.Errorf("lora: %w: the tuned model has no tensor %s of shape %v", ErrMismatch, bt.Name, bt.Shape)
		}
		module, ok := hfName(bt.Name)
		if !ok {
			return nil, nil, fmt.Errorf("lora: %w: %s has no Hugging Face module name", ErrMismatch, bt.Name)
		}
		w0, err := tensorValues(base, bt)
		if err != nil {
			return nil, nil, err
		}
		w1, err := tensorValues(tuned, tt)
		if err != nil {
			return nil, nil, err
		}
		rows, cols := int(bt.Shape[1]), int(bt.Shape[0])
		delta := make([]float64, rows*cols)
		var norm2 float64
		for i := range delta {
			delta[i] = float64(w1[i]) - float64(w0[i])
			norm2 += delta[i] * delta[i]
		}
		if norm2 == 0 {
			continue
		}
		switch {
		case arch == "llama" && strings.HasSuffix(bt.Name, ".attn_q.weight"):
			delta, err = unpermuteRows(delta, rows, cols, nHead)
		case arch == "llama" && strings.HasSuffix(bt.Name, ".attn_k.weight"):
			delta, err = unpermuteRows(delta, rows, cols, nHeadKV)
		}
		if err != nil {
			return nil, nil, err
		}
		m, retained, err := lowRank(module, delta, rows, cols, opts.Rank)
		if err != nil {
			return nil, nil, fmt.Errorf("lora: %s: %w", bt.Name, err)
		}
		ad.Modules = append(ad.Modules, m)
		stats = append(stats, Extracted{Tensor: bt.Name, Module: module, Retained: retained, Norm: math.Sqrt(norm2)})
	}
	return ad, stats, nil
}

// lowRank is the truncated SVD of a rows×cols matrix as a LoRA module.
func lowRank(name string, delta []float64, rows, cols, rank int) (*Module, float64, error) {
	var svd mat.SVD
	if !svd.Factorize(mat.NewDense(rows, cols, delta), mat.SVDThin) {
		return nil, 0, fmt.Errorf("the SVD did not converge")
	}
	sv := svd.Values(nil)
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	r := min(rank, len(sv))
	m := &Module{Name: name, Rank: rank, In: cols, Out: rows, Scale: 1,
		A: make([]float32, rank*cols), B: make([]float32, rows*rank)}
	var kept, total float64
	for i, s := range sv {
		total += s * s
		if i < r {
			kept += s * s
		}
	}
	for k := range r {
		for i := range rows {
			m.B[i*rank+k] = float32(u.At(i, k) * sv[k])
		}
		for j := range cols {
			m.A[k*cols+j] = float32(v.At(j, k))
		}
	}
	return m, kept / total, nil
}

// tensorValues reads a whole tensor as float32.
func tensorValues(f *gguf.File, t gguf.TensorInfo) ([]float32, error) {
	c, err := quant.For(t.Type)
	if err != nil {
		return nil, fmt.Errorf("lora: %s: %w", t.Name, err)
	}
	raw, err := f.TensorBytes(t.Name)
	if err != nil {
		return nil, err
	}
	v := make([]float32, t.NumElements())
	return v, c.Dequantize(v, raw, int(t.Shape[0]), 0)
}

// unpermuteRows undoes permuteRows: llama.cpp's row order back to Hugging
// Face's.
func unpermuteRows(m []float64, rows, cols, heads int) ([]float64, error) {
	if heads <= 0 || rows%heads != 0 || (rows/heads)%2 != 0 {
		return nil, fmt.Errorf("lora: %w: %d rows cannot be split into %d heads of pairs", ErrMismatch, rows, heads)
	}
	d := rows / heads
	out := make([]float64, len(m))
	for h := range heads {
		for i := range d / 2 {
			copy(out[(h*d+i)*cols:(h*d+i+1)*cols], m[(h*d+2*i)*cols:(h*d+2*i+1)*cols])
			copy(out[(h*d+d/2+i)*cols:(h*d+d/2+i+1)*cols], m[(h*d+2*i+1)*cols:(h*d+2*i+2)*cols])
		}
	}
	return out, nil
}

// hfName is the inverse of GGUFName.
func hfName(tensor string) (string, bool) {
	for hf, g := range hfTop {
		if g == tensor && strings.HasPrefix(hf, "model.") || g == tensor && hf == "lm_head" {
			return hf, true
		}
	}
	var layer int
	var part string
	if n, _ := fmt.Sscanf(strings.ReplaceAll(tensor, ".", " "), "blk %d %s weight", &layer, &part); n != 2 {
		return "", false
	}
	for hf, g := range hfParts {
		if g == part {
			group := "self_attn"
			if strings.HasPrefix(part, "ffn_") {
				group = "mlp"
			}
			return fmt.Sprintf("model.layers.%d.%s.%s", layer, group, hf), true
		}
	}
	return "", false
}

// WritePEFT writes an adapter whose modules have Hugging Face names as a
// PEFT checkpoint in dir: adapter_config.json (r and lora_alpha equal, so
// the scale is the modules' 1) and adapter_model.safetensors (F32).
func WritePEFT(dir string, ad *Adapter, baseModel string) error {
	if len(ad.Modules) == 0 {
		return fmt.Errorf("lora: %w: no modules to write", ErrFormat)
	}
	rank := ad.Modules[0].Rank
	targets := map[string]bool{}
	var infos []safetensors.TensorInfo
	data := map[string][]byte{}
	for _, m := range ad.Modules {
		if m.Rank != rank || m.Scale != 1 || m.Transposed {
			return fmt.Errorf("lora: %w: WritePEFT writes rank-%d modules of scale 1, not %s", ErrUnsupported, rank, m.Name)
		}
		parts := strings.Split(m.Name, ".")
		targets[parts[len(parts)-1]] = true
		for _, p := range []struct {
			suffix     string
			v          []float32
			rows, cols int
		}{{"lora_A", m.A, m.Rank, m.In}, {"lora_B", m.B, m.Out, m.Rank}} {
			name := "base_model.model." + m.Name + "." + p.suffix + ".weight"
			b := make([]byte, 4*len(p.v))
			for i, x := range p.v {
				binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
			}
			infos = append(infos, safetensors.TensorInfo{Name: name, Dtype: safetensors.F32, Shape: []int64{int64(p.rows), int64(p.cols)}})
			data[name] = b
		}
	}
	var tm []string
	for t := range targets {
		tm = append(tm, t)
	}
	sort.Strings(tm)
	cfg := map[string]any{
		"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": rank, "lora_alpha": rank, "use_rslora": false,
		"fan_in_fan_out": false, "bias": "none", "lora_dropout": 0.0, "target_modules": tm,
		"base_model_name_or_path": baseModel, "inference_mode": true, "use_dora": false, "modules_to_save": nil,
		"rank_pattern": map[string]any{}, "alpha_pattern": map[string]any{},
	}
	js, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, safetensors.Metadata{{Key: "format", Value: "pt"}}, infos)
	if err != nil {
		return err
	}
	for _, ti := range w.Tensors() {
		if err := w.WriteTensor(ti.Name, data[ti.Name]); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"adapter_config.json": append(js, '\n'), "adapter_model.safetensors": buf.Bytes()} {
		err := atomicfile.Write(context.Background(), filepath.Join(dir, name), func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
