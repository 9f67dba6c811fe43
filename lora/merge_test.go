package lora

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/safetensors"
)

const tinyModel = "../testdata/tiny-llama-f32.gguf"

func TestReadPEFTShakes(t *testing.T) {
	ad, err := ReadPEFT("testdata/lora-qv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Modules) != 8 {
		t.Fatalf("%d modules, want 8", len(ad.Modules))
	}
	q := ad.Find("model.layers.2.self_attn.q_proj")
	v := ad.Find("model.layers.2.self_attn.v_proj")
	if q == nil || v == nil || q.Rank != 8 || q.Scale != 2 || q.In != 256 || q.Out != 256 || v.Out != 128 || q.Transposed {
		t.Fatalf("modules: %+v %+v", q, v)
	}
	if n, ok := GGUFName(q.Name); !ok || n != "blk.2.attn_q.weight" {
		t.Errorf("GGUFName = %q", n)
	}
}

// fakeModule is one module of a synthetic PEFT adapter.
type fakeModule struct {
	name      string // HF module path
	rank      int
	in, out   int
	embedding bool
}

// writePEFT writes a PEFT adapter with random factors; cfg is merged into a
// default config.
func writePEFT(t *testing.T, dir string, seed uint64, mods []fakeModule, cfg map[string]any) {
	t.Helper()
	conf := map[string]any{"peft_type": "LORA", "r": 4, "lora_alpha": 8, "use_rslora": false, "fan_in_fan_out": false,
		"bias": "none", "use_dora": false, "modules_to_save": nil, "rank_pattern": map[string]any{"down_proj": 8}, "alpha_pattern": map[string]any{}}
	for k, v := range cfg {
		conf[k] = v
	}
	js, _ := json.Marshal(conf)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "adapter_config.json"), js, 0o644)
	r := rand.New(rand.NewPCG(seed, 3))
	var infos []safetensors.TensorInfo
	data := map[string][]byte{}
	add := func(name string, rows, cols int) {
		b := make([]byte, 4*rows*cols)
		for i := 0; i < len(b); i += 4 {
			binary.LittleEndian.PutUint32(b[i:], math.Float32bits(float32(r.NormFloat64()*0.05)))
		}
		infos = append(infos, safetensors.TensorInfo{Name: name, Dtype: safetensors.F32, Shape: []int64{int64(rows), int64(cols)}})
		data[name] = b
	}
	for _, m := range mods {
		if m.embedding {
			add("base_model.model."+m.name+".lora_embedding_A", m.rank, m.in)
			add("base_model.model."+m.name+".lora_embedding_B", m.out, m.rank)
			continue
		}
		add("base_model.model."+m.name+".lora_A.weight", m.rank, m.in)
		add("base_model.model."+m.name+".lora_B.weight", m.out, m.rank)
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, nil, infos)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range w.Tensors() {
		w.WriteTensor(ti.Name, data[ti.Name])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "adapter_model.safetensors"), buf.Bytes(), 0o644)
}

// tinyModules covers every path: permuted q (4 heads) and k (2 heads),
// plain v/ffn, the output head, and an embedding (transposed).
var tinyModules = []fakeModule{
	{name: "model.layers.0.self_attn.q_proj", rank: 4, in: 256, out: 256},
	{name: "model.layers.1.self_attn.k_proj", rank: 4, in: 256, out: 128},
	{name: "model.layers.0.mlp.down_proj", rank: 8, in: 768, out: 256},
	{name: "lm_head", rank: 4, in: 256, out: 512},
	{name: "model.embed_tokens", rank: 4, in: 512, out: 256, embedding: true},
}

func TestMergeAgainstReference(t *testing.T) {
	for _, cfg := range []map[string]any{
		{},
		{"use_rslora": true},
		{"alpha_pattern": map[string]any{"layers\\.1\\..*k_proj": 3.5, "lm_head": 1}},
	} {
		t.Run(fmt.Sprint(cfg), func(t *testing.T) {
			dir := t.TempDir()
			writePEFT(t, dir, 7, tinyModules, cfg)
			ad, err := ReadPEFT(dir)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out.gguf")
			if _, _, err := MergeFile(context.Background(), tinyModel, out, []Weighted{{ad, 0.75}}, quant.ModelOptions{}); err != nil {
				t.Fatal(err)
			}
			checkMerge(t, out, []Weighted{{ad, 0.75}})
		})
	}
}

// checkMerge compares every tensor of the merged file with the reference.
func checkMerge(t *testing.T, out string, ws []Weighted) {
	t.Helper()
	base, _ := gguf.Open(tinyModel)
	defer base.Close()
	got, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if got.Metadata.Len() != base.Metadata.Len() {
		t.Errorf("metadata changed: %d keys, base %d", got.Metadata.Len(), base.Metadata.Len())
	}
	for i, bt := range base.Tensors {
		if got.Tensors[i].Name != bt.Name || got.Tensors[i].Type != bt.Type {
			t.Fatalf("tensor %d: %s %v, base %s %v", i, got.Tensors[i].Name, got.Tensors[i].Type, bt.Name, bt.Type)
		}
		braw, _ := base.TensorBytes(bt.Name)
		graw, _ := got.TensorBytes(bt.Name)
		var uses []refUse
		for _, w := range ws {
			for _, m := range w.Adapter.Modules {
				if n, _ := GGUFName(m.Name); n == bt.Name {
					uses = append(uses, refUse{m, m.Scale * w.Multiplier})
				}
			}
		}
		if len(uses) == 0 {
			if !bytes.Equal(braw, graw) {
				t.Errorf("%s is not adapted but changed", bt.Name)
			}
			continue
		}
		cols := int(bt.Shape[0])
		for e := 0; e < len(braw)/4; e++ {
			row, col := e/cols, e%cols
			w := math.Float32frombits(binary.LittleEndian.Uint32(braw[4*e:]))
			want := referenceSum(w, uses, row, col, bt.Name)
			g := math.Float32frombits(binary.LittleEndian.Uint32(graw[4*e:]))
			if g != want {
				t.Fatalf("%s[%d][%d] = %g, reference %g", bt.Name, row, col, g, want)
			}
		}
	}
}

type refUse struct {
	m     *Module
	scale float64
}

// referenceSum computes, independently of Merger, a merged element of a
// GGUF tensor: w plus every update, in float64, rounded once; the HF row of
// a q or k element is found by inverting llama.cpp's permutation rather
// than by permuting B.
func referenceSum(w float32, uses []refUse, row, col int, name string) float32 {
	heads := 0
	switch name {
	case "blk.0.attn_q.weight", "blk.1.attn_q.weight":
		heads = 4
	case "blk.0.attn_k.weight", "blk.1.attn_k.weight":
		heads = 2
	}
	acc := float64(w)
	for _, u := range uses {
		h := row
		if heads > 0 && !u.m.Transposed {
			d := u.m.Out / heads
			head, r := row/d, row%d
			if r%2 == 0 {
				h = head*d + r/2
			} else {
				h = head*d + d/2 + r/2
			}
		}
		var sum float64
		for k := 0; k < u.m.Rank; k++ {
			if u.m.Transposed {
				sum += float64(u.m.A[k*u.m.In+row]) * float64(u.m.B[col*u.m.Rank+k])
			} else {
				sum += float64(u.m.B[h*u.m.Rank+k]) * float64(u.m.A[k*u.m.In+col])
			}
		}
		acc += u.scale * sum
	}
	return float32(acc)
}

func TestMergeSeveralAdapters(t *testing.T) {
	dir := t.TempDir()
	writePEFT(t, filepath.Join(dir, "a"), 1, tinyModules[:3], nil)
	writePEFT(t, filepath.Join(dir, "b"), 2, tinyModules[1:4], map[string]any{"r": 4, "lora_alpha": 16})
	a, err := ReadPEFT(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadPEFT(filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	ws := []Weighted{{a, 1}, {b, -0.5}}
	out := filepath.Join(dir, "out.gguf")
	if _, _, err := MergeFile(context.Background(), tinyModel, out, ws, quant.ModelOptions{}); err != nil {
		t.Fatal(err)
	}
	checkMerge(t, out, ws)
}
