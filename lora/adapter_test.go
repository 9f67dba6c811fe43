package lora

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

func TestScales(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		cfg  map[string]any
		want map[string]float64
	}{
		"plain": {nil, map[string]float64{"model.layers.0.self_attn.q_proj": 2, "model.layers.0.mlp.down_proj": 1}},
		"rslora": {map[string]any{"use_rslora": true},
			map[string]float64{"model.layers.0.self_attn.q_proj": 4, "model.layers.0.mlp.down_proj": 8 / math.Sqrt(8)}},
		"patterns": {map[string]any{"alpha_pattern": map[string]any{`layers\.1\..*k_proj`: 3.5, "lm_head": 1}},
			map[string]float64{"model.layers.1.self_attn.k_proj": 3.5 / 4, "lm_head": 0.25, "model.layers.0.self_attn.q_proj": 2}},
	} {
		p := filepath.Join(dir, name)
		writePEFT(t, p, 1, tinyModules, c.cfg)
		ad, err := ReadPEFT(p)
		if err != nil {
			t.Fatal(err)
		}
		for mod, want := range c.want {
			if m := ad.Find(mod); m == nil || math.Abs(m.Scale-want) > 1e-12 {
				t.Errorf("%s: %s scale %v, want %g", name, mod, m, want)
			}
		}
		if e := ad.Find("model.embed_tokens"); e == nil || !e.Transposed || e.Rows() != 512 || e.Cols() != 256 {
			t.Errorf("%s: embedding module %+v", name, e)
		}
	}
}

func TestUnsupportedAdapters(t *testing.T) {
	dir := t.TempDir()
	for name, cfg := range map[string]map[string]any{
		"dora":            {"use_dora": true},
		"modules_to_save": {"modules_to_save": []string{"lm_head"}},
		"bias":            {"bias": "all"},
		"not lora":        {"peft_type": "IA3"},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		writePEFT(t, p, 1, tinyModules[:1], cfg)
		if _, err := ReadPEFT(p); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: err = %v, want ErrUnsupported", name, err)
		}
	}
	// A module the base does not have, and one of the wrong shape.
	for name, mods := range map[string][]fakeModule{
		"no such tensor": {{name: "model.layers.7.self_attn.q_proj", rank: 2, in: 256, out: 256}},
		"wrong shape":    {{name: "model.layers.0.self_attn.v_proj", rank: 2, in: 256, out: 256}},
		"unknown module": {{name: "model.layers.0.self_attn.rotary", rank: 2, in: 256, out: 256}},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		writePEFT(t, p, 1, mods, map[string]any{"r": 2})
		ad, err := ReadPEFT(p)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out.gguf")
		_, _, err = MergeFile(context.Background(), tinyModel, out, []Weighted{{ad, 1}}, quant.ModelOptions{})
		if !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), mods[0].name) {
			t.Errorf("%s: err = %v", name, err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: an output was written", name)
		}
	}
}

// writeGGUFAdapter writes the modules as a llama.cpp GGUF adapter, named by
// GGUF tensor, with B already permuted for q and k as llama.cpp's
// convert_lora_to_gguf.py does.
func writeGGUFAdapter(t *testing.T, path string, ad *Adapter, alpha float32) {
	t.Helper()
	meta := &gguf.Metadata{}
	meta.Set("general.architecture", gguf.NewValue("llama"))
	meta.Set("general.type", gguf.NewValue("adapter"))
	meta.Set("adapter.type", gguf.NewValue("lora"))
	meta.Set("adapter.lora.alpha", gguf.NewValue(alpha))
	var infos []gguf.TensorInfo
	data := map[string][]byte{}
	for _, m := range ad.Modules {
		if m.Transposed {
			continue
		}
		name, _ := GGUFName(m.Name)
		b64 := make([]float64, len(m.B))
		for i, v := range m.B {
			b64[i] = float64(v)
		}
		switch {
		case strings.HasSuffix(name, "attn_q.weight"):
			b64, _ = permuteRows(b64, m.Out, m.Rank, 4)
		case strings.HasSuffix(name, "attn_k.weight"):
			b64, _ = permuteRows(b64, m.Out, m.Rank, 2)
		}
		bb := make([]byte, 4*len(b64))
		for i, v := range b64 {
			binary.LittleEndian.PutUint32(bb[4*i:], math.Float32bits(float32(v)))
		}
		ab := make([]byte, 4*len(m.A))
		for i, v := range m.A {
			binary.LittleEndian.PutUint32(ab[4*i:], math.Float32bits(v))
		}
		infos = append(infos,
			gguf.TensorInfo{Name: name + ".lora_a", Type: gguf.TypeF32, Shape: []int64{int64(m.In), int64(m.Rank)}},
			gguf.TensorInfo{Name: name + ".lora_b", Type: gguf.TypeF32, Shape: []int64{int64(m.Rank), int64(m.Out)}})
		data[name+".lora_a"], data[name+".lora_b"] = ab, bb
	}
	var buf bytes.Buffer
	w, err := gguf.NewWriter(&buf, meta, infos)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range infos {
		w.WriteTensor(ti.Name, data[ti.Name])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
}

// TestGGUFAdapterMatchesPEFT: the same adapter as a GGUF file (names and q/k
// rows already in llama.cpp's form, scale alpha/r) merges to the same bytes.
func TestGGUFAdapterMatchesPEFT(t *testing.T) {
	dir := t.TempDir()
	writePEFT(t, filepath.Join(dir, "peft"), 5, tinyModules[:4], map[string]any{"r": 4, "lora_alpha": 8, "rank_pattern": map[string]any{"down_proj": 8}, "alpha_pattern": map[string]any{"down_proj": 16}})
	peft, err := ReadPEFT(filepath.Join(dir, "peft"))
	if err != nil {
		t.Fatal(err)
	}
	// One alpha for the file: alpha/r is 2 for every module here.
	writeGGUFAdapter(t, filepath.Join(dir, "a.gguf"), peft, 8)
	ga, err := ReadGGUF(filepath.Join(dir, "a.gguf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ga.Modules) != 4 || ga.Find("blk.0.attn_q.weight") == nil {
		t.Fatalf("GGUF adapter modules: %d", len(ga.Modules))
	}
	if m := ga.Find("blk.0.ffn_down.weight"); m.Scale != 1 { // alpha 8 / rank 8
		t.Errorf("down scale %g", m.Scale)
	}
	outs := []string{filepath.Join(dir, "p.gguf"), filepath.Join(dir, "g.gguf")}
	peft.Find("model.layers.0.mlp.down_proj").Scale = 1 // as the GGUF file's single alpha gives
	for i, ad := range []*Adapter{peft, ga} {
		if _, _, err := MergeFile(context.Background(), tinyModel, outs[i], []Weighted{{ad, 1}}, quant.ModelOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := os.ReadFile(outs[0])
	b, _ := os.ReadFile(outs[1])
	if !bytes.Equal(a, b) {
		t.Error("the GGUF adapter merges differently from the same PEFT adapter")
	}
}

// TestMergeIntoQuantizedBase: a Q8_0 base is dequantized, merged and
// requantized to Q8_0, tensor by tensor the same bytes as merging by hand.
func TestMergeIntoQuantizedBase(t *testing.T) {
	dir := t.TempDir()
	q8, _ := quant.ParseRecipe("Q8_0")
	base := filepath.Join(dir, "base-q8.gguf")
	if _, err := quant.QuantizeFile(context.Background(), tinyModel, base, quant.ModelOptions{Recipe: q8}); err != nil {
		t.Fatal(err)
	}
	writePEFT(t, filepath.Join(dir, "a"), 9, tinyModules[:3], nil)
	ad, err := ReadPEFT(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "merged.gguf")
	res, mg, err := MergeFile(context.Background(), base, out, []Weighted{{ad, 1}}, quant.ModelOptions{Measure: true})
	if err != nil {
		t.Fatal(err)
	}
	bf, _ := gguf.Open(base)
	defer bf.Close()
	of, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	c, _ := quant.For(gguf.TypeQ8_0)
	for i, bt := range bf.Tensors {
		ot := of.Tensors[i]
		if ot.Name != bt.Name || ot.Type != bt.Type {
			t.Fatalf("tensor %d: %s %v, base %s %v", i, ot.Name, ot.Type, bt.Name, bt.Type)
		}
		got, _ := of.TensorBytes(bt.Name)
		raw, _ := bf.TensorBytes(bt.Name)
		if !mg.Touches(bt.Name) {
			if !bytes.Equal(got, raw) {
				t.Errorf("%s changed", bt.Name)
			}
			continue
		}
		ncols := int(bt.Shape[0])
		vals := make([]float32, bt.NumElements())
		c.Dequantize(vals, raw, ncols, 1)
		mg.Apply(bt.Name, 0, vals, ncols)
		want := make([]byte, len(raw))
		c.Quantize(want, vals, ncols, quant.Options{})
		if !bytes.Equal(got, want) {
			t.Errorf("%s: requantized merge differs", bt.Name)
		}
		if st := res.Stats[i]; st.SNR < 30 || st.N != len(vals) {
			t.Errorf("%s: requantization error %+v", bt.Name, st)
		}
	}
	if len(mg.Merged()) != 3 {
		t.Errorf("merged %v", mg.Merged())
	}
}
