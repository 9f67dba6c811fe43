package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKnownValues reads the fixtures whose values are known exactly.
func TestKnownValues(t *testing.T) {
	f, err := Open("testdata/hf-samples-overall.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.Metadata.Get("test"); v != "a" || len(f.Metadata) != 1 {
		t.Fatalf("metadata %v", f.Metadata)
	}
	want := map[string]Dtype{"B": U8, "H": U16, "I": U32, "b": I8, "d": F64, "e": F16, "f": F32, "h": I16, "i": I32}
	if len(f.Tensors) != len(want) {
		t.Fatalf("%d tensors", len(f.Tensors))
	}
	for _, ti := range f.Tensors {
		if ti.Dtype != want[ti.Name] || len(ti.Shape) != 1 || ti.Shape[0] != 6 {
			t.Errorf("%s: %v %v", ti.Name, ti.Dtype, ti.Shape)
		}
		b, _ := f.TensorBytes(ti.Name)
		got := decodeInts(t, b, ti.Dtype)
		for i, v := range got {
			w := int64(i - 3)
			if ti.Dtype == U8 || ti.Dtype == U16 || ti.Dtype == U32 {
				w &= 1<<ti.Dtype.Bits() - 1 // unsigned ones wrap
			}
			if v != w {
				t.Errorf("%s[%d] = %d, want %d", ti.Name, i, v, w)
			}
		}
	}

	// arange(n) in every dtype and shape, and bools alternating.
	g, err := Open("testdata/fluxml-model.numpy.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if g.Metadata != nil || len(g.Tensors) != 27 {
		t.Fatalf("metadata %v, %d tensors", g.Metadata, len(g.Tensors))
	}
	for _, ti := range g.Tensors {
		b, _ := g.TensorBytes(ti.Name)
		got := decodeInts(t, b, ti.Dtype)
		if int64(len(got)) != ti.NumElements() {
			t.Fatalf("%s: %d values for shape %v", ti.Name, len(got), ti.Shape)
		}
		for i, v := range got {
			w := int64(i)
			if ti.Dtype == BOOL {
				w %= 2
			} else if ti.Dtype == U8 || ti.Dtype == I8 {
				w = int64(int8(i)) & (1<<8 - 1)
				if ti.Dtype == I8 {
					w = int64(int8(i))
				}
			}
			if v != w {
				t.Fatalf("%s[%d] = %d, want %d", ti.Name, i, v, w)
			}
		}
	}
	for file, want := range map[string][]int64{"burn-integer.safetensors": {1, 2, 3}, "burn-boolean.safetensors": {1, 0, 1}} {
		h, err := Open("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := h.TensorBytes("buffer")
		if got := decodeInts(t, b, h.Tensors[0].Dtype); !equal(got, want) {
			t.Errorf("%s: %v", file, got)
		}
		h.Close()
	}
}

// decodeInts reads integer, bool and float tensors as int64s.
func decodeInts(t *testing.T, b []byte, d Dtype) []int64 {
	t.Helper()
	if d.IsFloat() {
		f := make([]float32, len(b)*8/d.Bits())
		if err := Float32s(f, b, d); err != nil {
			t.Fatal(err)
		}
		out := make([]int64, len(f))
		for i, v := range f {
			out[i] = int64(v)
		}
		return out
	}
	size := d.Bits() / 8
	out := make([]int64, len(b)/size)
	for i := range out {
		var u uint64
		for k := size - 1; k >= 0; k-- {
			u = u<<8 | uint64(b[i*size+k])
		}
		switch d {
		case I8:
			out[i] = int64(int8(u))
		case I16:
			out[i] = int64(int16(u))
		case I32:
			out[i] = int64(int32(u))
		default:
			out[i] = int64(u)
		}
	}
	return out
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRoundTrip writes every fixture back: files from the reference library
// must come out byte-identical. The 2022 sample (an unmerged PR's writer)
// sorted tensors by name and did not pad its header: with KeepOrder it
// matches but for the padding.
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.safetensors")
	shards, _ := filepath.Glob("testdata/sharded/*.safetensors")
	for _, path := range append(files, shards...) {
		if strings.Contains(path, "abuse") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, _ := os.ReadFile(path)
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var opts []WriterOption
			if strings.Contains(path, "hf-samples") {
				opts = append(opts, KeepOrder())
			}
			var out bytes.Buffer
			w, err := NewWriter(&out, f.Metadata, f.Tensors, opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, ti := range w.Tensors() {
				r, _ := f.TensorData(ti.Name)
				if _, err := io.Copy(w, r); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := out.Bytes()
			if strings.Contains(path, "hf-samples") {
				got = unpadded(got)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("rewritten file differs (%d bytes, want %d)\n%.300s\n%.300s", out.Len(), len(want), out.Bytes()[8:], want[8:])
			}
		})
	}
}

func TestSharded(t *testing.T) {
	for _, path := range []string{"testdata/sharded", "testdata/sharded/model.safetensors.index.json"} {
		for _, mapped := range []bool{false, true} {
			f, err := open(path, mapped)
			if err != nil {
				t.Fatal(err)
			}
			if f.Shards() != 6 || len(f.Tensors) != 36 || f.TotalSize != 4305 {
				t.Fatalf("%s: %d shards, %d tensors, total %d", path, f.Shards(), len(f.Tensors), f.TotalSize)
			}
			var sum int64
			for _, ti := range f.Tensors {
				sum += ti.Size()
				b, err := f.TensorBytes(ti.Name)
				if err != nil || int64(len(b)) != ti.Size() {
					t.Fatalf("%s: %d bytes, %v", ti.Name, len(b), err)
				}
			}
			if sum != f.TotalSize {
				t.Errorf("tensor bytes %d, total_size %d", sum, f.TotalSize)
			}
			f.Close()
		}
	}
}

func TestShardedErrors(t *testing.T) {
	index, _ := os.ReadFile("testdata/sharded/model.safetensors.index.json")
	for _, tc := range []struct {
		name, old, new, msg string
	}{
		{"missing", `"float16_3": "model-00001-of-00006.safetensors"`, `"float16_3": "model-00002-of-00006.safetensors"`, `"float16_3": is in model-00001-of-00006.safetensors, but the index says "model-00002`},
		{"twice", `"float32_3": "model-00001-of-00006.safetensors",`, `"float32_3": "model-00001-of-00006.safetensors", "float32_3": "model-00001-of-00006.safetensors",`, "appears twice"},
		{"extra", `"weight_map": {`, `"weight_map": {"ghost": "model-00001-of-00006.safetensors",`, `"ghost": listed in the index but missing`},
		{"unlisted", `"float64_3": "model-00001-of-00006.safetensors",`, ``, `"float64_3": is in model-00001-of-00006.safetensors, but the index says ""`},
		{"path", `"float16_3": "model-00001-of-00006.safetensors"`, `"float16_3": "../model-00001-of-00006.safetensors"`, "not a file name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			shards, _ := filepath.Glob("testdata/sharded/*.safetensors")
			for _, s := range shards {
				b, _ := os.ReadFile(s)
				os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644)
			}
			ix := strings.Replace(string(index), tc.old, tc.new, 1)
			if ix == string(index) {
				t.Fatal("test edit did not apply")
			}
			os.WriteFile(filepath.Join(dir, "model.safetensors.index.json"), []byte(ix), 0o644)
			_, err := Open(dir)
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want one saying %q", err, tc.msg)
			}
		})
	}
}

// unpadded removes the spaces that pad a file's header.
func unpadded(b []byte) []byte {
	n := int(binary.LittleEndian.Uint64(b))
	hdr := bytes.TrimRight(b[8:8+n], " ")
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(hdr)))
	return append(append(out, hdr...), b[8+n:]...)
}
