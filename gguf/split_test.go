package gguf

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSplits writes a model of n splits, one f32 tensor each, under dir,
// and lets edit change split i's metadata first.
func writeSplits(t *testing.T, dir string, n int, edit func(i int, m *Metadata, names []string) []string) string {
	t.Helper()
	prefix := filepath.Join(dir, "model")
	for i := range n {
		m := &Metadata{}
		if i == 0 {
			m.Set(KeyArchitecture, NewValue("llama"))
		}
		m.Set(KeySplitNo, NewValue(uint16(i)))
		m.Set(KeySplitCount, NewValue(uint16(n)))
		m.Set(KeySplitTensorsCount, NewValue(int32(n)))
		names := []string{"t" + string(rune('0'+i))}
		if edit != nil {
			names = edit(i, m, names)
		}
		var buf bytes.Buffer
		var infos []TensorInfo
		for _, name := range names {
			infos = append(infos, TensorInfo{Name: name, Type: TypeF32, Shape: []int64{2}})
		}
		w, err := NewWriter(&buf, m, infos)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			w.WriteTensor(name, []byte{byte(i), 0, 0, 0, 1, 2, 3, 4})
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(SplitPath(prefix, i, n), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return prefix
}

func TestSplitModel(t *testing.T) {
	prefix := writeSplits(t, t.TempDir(), 3, nil)
	for _, start := range []int{0, 2} {
		for _, mmap := range []bool{false, true} {
			f, err := open(SplitPath(prefix, start, 3), mmap)
			if err != nil {
				t.Fatal(err)
			}
			if f.Splits() != 3 || len(f.Tensors) != 3 {
				t.Fatalf("%d splits, %d tensors", f.Splits(), len(f.Tensors))
			}
			if arch, _ := Lookup[string](f.Metadata, KeyArchitecture); arch != "llama" {
				t.Fatalf("metadata is not the first split's: %q", arch)
			}
			for i, ti := range f.Tensors {
				b, err := f.TensorBytes(ti.Name)
				if err != nil || ti.Split != i || b[0] != byte(i) {
					t.Fatalf("tensor %s split %d data %v %v", ti.Name, ti.Split, b, err)
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(i int, m *Metadata, names []string) []string
		rm   int // split to delete, or -1
		msg  string
	}{
		{"missing split", nil, 1, "no such file"},
		{"wrong number", func(i int, m *Metadata, n []string) []string {
			if i == 1 {
				m.Set(KeySplitNo, NewValue(uint16(2)))
			}
			return n
		}, -1, "expected split 1 of 3, the file says split 2 of 3"},
		{"duplicate tensor", func(i int, m *Metadata, n []string) []string { return []string{"same"} }, -1, "already in an earlier split"},
		{"tensor count", func(i int, m *Metadata, n []string) []string {
			m.Set(KeySplitTensorsCount, NewValue(int32(5)))
			return n
		}, -1, "split.tensors.count is 5, the splits hold 3"},
		{"bad count type", func(i int, m *Metadata, n []string) []string {
			m.Set(KeySplitCount, NewValue("three"))
			return n
		}, -1, "not a split number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prefix := writeSplits(t, t.TempDir(), 3, tc.edit)
			if tc.rm >= 0 {
				os.Remove(SplitPath(prefix, tc.rm, 3))
			}
			_, err := Open(SplitPath(prefix, 0, 3))
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want one saying %q", err, tc.msg)
			}
		})
	}
	// A split file renamed away from the pattern cannot find its siblings.
	dir := t.TempDir()
	prefix := writeSplits(t, dir, 2, nil)
	other := filepath.Join(dir, "renamed.gguf")
	os.Rename(SplitPath(prefix, 0, 2), other)
	if _, err := Open(other); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "NAME-00001-of-00002.gguf") {
		t.Fatalf("renamed split: %v", err)
	}
}
