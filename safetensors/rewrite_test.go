package safetensors

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
)

type doubler struct{ name string }

func (d doubler) Touches(name string) bool { return name == d.name }

func (d doubler) Apply(_ string, _ int, vals []float32, _ int) error {
	for i := range vals {
		vals[i] *= 2
	}
	return nil
}

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.safetensors")
	w32 := make([]byte, 4*6)
	for i := range 6 {
		binary.LittleEndian.PutUint32(w32[4*i:], math.Float32bits(float32(i)+0.5))
	}
	other := []byte{1, 2, 3, 4}
	var buf bytes.Buffer
	sw, err := NewWriter(&buf, Metadata{{Key: "k", Value: "v"}}, []TensorInfo{
		{Name: "w", Dtype: F32, Shape: []int64{2, 3}},
		{Name: "b", Dtype: U8, Shape: []int64{4}},
	}, KeepOrder())
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.WriteTensor("w", w32); err != nil {
		t.Fatal(err)
	}
	if err := sw.WriteTensor("b", other); err != nil {
		t.Fatal(err)
	}
	if err := sw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := filepath.Join(dir, "out.safetensors")
	if err := Rewrite(context.Background(), f, out, doubler{"w"}, func(string, Dtype) Dtype { return F16 }); err != nil {
		t.Fatal(err)
	}
	g, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.Metadata.Get("k"); v != "v" || len(g.Tensors) != 2 || g.Tensors[0].Name != "w" || g.Tensors[0].Dtype != F16 {
		t.Fatalf("header: %v %+v", g.Metadata, g.Tensors)
	}
	raw, err := g.TensorBytes("w")
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]float32, 6)
	if err := Float32s(vals, raw, F16); err != nil {
		t.Fatal(err)
	}
	for i, v := range vals {
		if v != 2*(float32(i)+0.5) {
			t.Fatalf("w[%d] = %g, want %g", i, v, 2*(float32(i)+0.5))
		}
	}
	if raw, _ := g.TensorBytes("b"); !bytes.Equal(raw, other) {
		t.Fatalf("untouched tensor changed: %v", raw)
	}
}
