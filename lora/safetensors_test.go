package lora

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/safetensors"
)

// TestMergeSafetensorsFanInFanOut merges a GPT-2-style adapter
// (fan_in_fan_out: the Conv1D weight is stored in×out) into a small
// safetensors checkpoint and checks every value against the definition.
func TestMergeSafetensorsFanInFanOut(t *testing.T) {
	dir := t.TempDir()
	const in, out, rank = 8, 12, 2
	base := filepath.Join(dir, "model.safetensors")
	w0 := make([]float32, in*out)
	for i := range w0 {
		w0[i] = float32(i%7) * 0.125
	}
	raw := make([]byte, 4*len(w0))
	safetensors.FromFloat32s(raw, w0, safetensors.F32)
	other := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	infos := []safetensors.TensorInfo{
		{Name: "transformer.h.0.attn.c_attn.weight", Dtype: safetensors.F32, Shape: []int64{in, out}},
		{Name: "transformer.wte.weight", Dtype: safetensors.F16, Shape: []int64{2, 2}},
	}
	var buf bytes.Buffer
	sw, _ := safetensors.NewWriter(&buf, safetensors.Metadata{{Key: "format", Value: "pt"}}, infos, safetensors.KeepOrder())
	sw.WriteTensor(infos[0].Name, raw)
	sw.WriteTensor(infos[1].Name, other)
	sw.Close()
	os.WriteFile(base, buf.Bytes(), 0o644)

	writePEFT(t, filepath.Join(dir, "ad"), 4, []fakeModule{{name: "transformer.h.0.attn.c_attn", rank: rank, in: in, out: out}},
		map[string]any{"r": rank, "lora_alpha": 3, "fan_in_fan_out": true, "rank_pattern": map[string]any{}})
	ad, err := ReadPEFT(filepath.Join(dir, "ad"))
	if err != nil {
		t.Fatal(err)
	}
	m := ad.Modules[0]
	if !m.Transposed || m.Rows() != in || m.Cols() != out {
		t.Fatalf("module %+v", m)
	}
	merged := filepath.Join(dir, "merged.safetensors")
	if _, err := MergeSafetensors(context.Background(), base, merged, []Weighted{{ad, 2}}, SafetensorsOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := safetensors.Open(merged)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Tensors[0].Name != infos[0].Name || f.Metadata[0].Value != "pt" {
		t.Errorf("order or metadata changed: %v %v", f.Tensors[0].Name, f.Metadata)
	}
	if b, _ := f.TensorBytes("transformer.wte.weight"); !bytes.Equal(b, other) {
		t.Error("an untouched tensor changed")
	}
	got, _ := f.TensorBytes(infos[0].Name)
	scale := 2 * 3.0 / rank
	for i := range in {
		for o := range out {
			var sum float64
			for k := range rank {
				sum += float64(m.B[o*rank+k]) * float64(m.A[k*in+i])
			}
			want := float32(float64(w0[i*out+o]) + scale*sum)
			g := math.Float32frombits(binary.LittleEndian.Uint32(got[4*(i*out+o):]))
			if g != want {
				t.Fatalf("[%d][%d] = %g, want %g", i, o, g, want)
			}
		}
	}
}

// TestMergeHFCheckpoint merges the real lora-qv adapter into the shakes-a
// Hugging Face checkpoint (BF16) with F32 output and compares with the
// expected merge in GGUF form (after llama.cpp's q/k permutation).
func TestMergeHFCheckpoint(t *testing.T) {
	hf := sharedPath(t, "hf/model.safetensors")
	want, err := gguf.Open(sharedPath(t, "merged-qv-f32.gguf"))
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	ad, err := ReadPEFT("testdata/lora-qv")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "merged.safetensors")
	mg, err := MergeSafetensors(context.Background(), hf, out, []Weighted{{ad, 1}}, SafetensorsOptions{Dtype: safetensors.F32, SetDtype: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := safetensors.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, m := range mg.Merged() {
		ti, _ := f.Tensor(m.Tensor)
		raw, _ := f.TensorBytes(m.Tensor)
		rows, cols := int(ti.Shape[0]), int(ti.Shape[1])
		vals := make([]float64, rows*cols)
		for i := range vals {
			vals[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:])))
		}
		gname, _ := GGUFName(m.Module)
		heads := 0
		switch {
		case gname[len(gname)-13:] == "attn_q.weight":
			heads = 4
		case gname[len(gname)-13:] == "attn_k.weight":
			heads = 2
		}
		if heads > 0 {
			vals, _ = permuteRows(vals, rows, cols, heads)
		}
		wraw, _ := want.TensorBytes(gname)
		for i, v := range vals {
			if float32(v) != math.Float32frombits(binary.LittleEndian.Uint32(wraw[4*i:])) {
				t.Fatalf("%s element %d differs from the expected merge", m.Tensor, i)
			}
		}
	}
	if len(mg.Merged()) != 8 {
		t.Errorf("%d merged", len(mg.Merged()))
	}
}
