package quant

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// writeTinySplits writes the bundled model as n splits in input order, with
// split 0 holding the metadata, as gguf-split does.
func writeTinySplits(t *testing.T, dir string, n int) string {
	t.Helper()
	in, err := gguf.Open(tinyModel)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	prefix := filepath.Join(dir, "tiny")
	per := (len(in.Tensors) + n - 1) / n
	for i := range n {
		m := &gguf.Metadata{}
		if i == 0 {
			m = in.Metadata.Clone()
		}
		m.Set(gguf.KeySplitNo, gguf.NewValue(uint16(i)))
		m.Set(gguf.KeySplitCount, gguf.NewValue(uint16(n)))
		m.Set(gguf.KeySplitTensorsCount, gguf.NewValue(int32(len(in.Tensors))))
		part := in.Tensors[i*per : min(len(in.Tensors), (i+1)*per)]
		var buf bytes.Buffer
		w, err := gguf.NewWriter(&buf, m, part)
		if err != nil {
			t.Fatal(err)
		}
		for _, ti := range part {
			raw, _ := in.TensorBytes(ti.Name)
			w.WriteTensor(ti.Name, raw)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(gguf.SplitPath(prefix, i, n), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return gguf.SplitPath(prefix, 0, n)
}

func TestKeepSplit(t *testing.T) {
	dir := t.TempDir()
	first := writeTinySplits(t, dir, 3)
	r, _ := ParseRecipe("Q4_K_M")

	// Without KeepSplit: one file, no split keys, llama.cpp's order.
	one := filepath.Join(dir, "one.gguf")
	if _, err := QuantizeFile(context.Background(), first, one, ModelOptions{Recipe: r}); err != nil {
		t.Fatal(err)
	}
	whole, err := gguf.Open(one)
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	if _, ok := whole.Metadata.Get(gguf.KeySplitCount); ok {
		t.Error("a merged output kept split.count")
	}

	// With KeepSplit: three files in input order, split keys at the end.
	res, err := QuantizeFile(context.Background(), first, filepath.Join(dir, "out.gguf"), ModelOptions{Recipe: r, KeepSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Splits != 3 {
		t.Fatalf("%d splits", res.Plan.Splits)
	}
	split, err := gguf.Open(filepath.Join(dir, "out-00002-of-00003.gguf"))
	if err != nil {
		t.Fatal(err)
	}
	defer split.Close()
	if split.Splits() != 3 || len(split.Tensors) != len(whole.Tensors) {
		t.Fatalf("%d splits, %d tensors", split.Splits(), len(split.Tensors))
	}
	kvs := split.Metadata.All()
	if kvs[len(kvs)-1].Key != gguf.KeySplitTensorsCount || kvs[len(kvs)-4].Key != gguf.KeyFileType {
		t.Errorf("split 0 metadata ends %v", kvs[len(kvs)-4:])
	}
	in, _ := gguf.Open(tinyModel)
	defer in.Close()
	for i, ti := range split.Tensors {
		if ti.Name != in.Tensors[i].Name {
			t.Errorf("tensor %d is %s, input order has %s", i, ti.Name, in.Tensors[i].Name)
		}
		a, _ := split.TensorBytes(ti.Name)
		b, _ := whole.TensorBytes(ti.Name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between split and merged outputs", ti.Name)
		}
	}
	// QuantizeModel cannot write several files.
	src, _ := gguf.Open(first)
	defer src.Close()
	if _, err := QuantizeModel(context.Background(), src, &bytes.Buffer{}, ModelOptions{Recipe: r, KeepSplit: true}); err == nil {
		t.Error("QuantizeModel with KeepSplit and 3 splits did not fail")
	}
	// Writing over one of the input splits is refused.
	if _, err := QuantizeFile(context.Background(), first, gguf.SplitPath(filepath.Join(dir, "tiny"), 1, 3), ModelOptions{Recipe: r}); err == nil {
		t.Error("writing over split 2 of the input did not fail")
	}
}
