package gguf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dump formats f the way the .dump.txt files made with ggml's reader do
// (testdata/README.md), writing at most maxElems elements of each array.
func dump(t *testing.T, f *File, fileSize int64, maxElems int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "file_size: %d\nversion: %d\nalignment: %d\ndata_offset: %d\nn_kv: %d\nn_tensors: %d\n",
		fileSize, f.Version, f.Alignment, f.DataOffset, f.Metadata.Len(), len(f.Tensors))
	for i, kv := range f.Metadata.All() {
		typ := kv.Value.TypeName()
		if kv.Value.Type() == ValueArray {
			fmt.Fprintf(&b, "kv %d %s %s n=%d %s\n", i, kv.Key, typ, kv.Value.Len(), kv.Value.Summary(maxElems))
		} else {
			fmt.Fprintf(&b, "kv %d %s %s %s\n", i, kv.Key, typ, kv.Value)
		}
	}
	for i, ti := range f.Tensors {
		data, err := f.TensorBytes(ti.Name)
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		h.Write(data)
		dims := make([]string, len(ti.Shape))
		for j, d := range ti.Shape {
			dims[j] = fmt.Sprint(d)
		}
		fmt.Fprintf(&b, "tensor %d %s type=%v ne=[%s] offset=%d size=%d fnv1a64=%016x\n",
			i, ti.Name, ti.Type, strings.Join(dims, ","), ti.Offset, ti.Size(), h.Sum64())
	}
	return b.String()
}

// TestGoldenDumps checks that the reader reports exactly what ggml's reader
// reported for files ggml (and llama.cpp's converter) wrote.
func TestGoldenDumps(t *testing.T) {
	for _, tc := range []struct {
		file     string
		maxElems int
	}{
		{"sample.gguf", -1},
		{"sample-align64.gguf", -1},
		{"ollama-llama-2-tiny-random.gguf", 8},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			want, err := os.ReadFile(path + ".dump.txt")
			if err != nil {
				t.Fatal(err)
			}
			for _, mmap := range []bool{false, true} {
				f, err := open(path, mmap)
				if err != nil {
					t.Fatal(err)
				}
				st, _ := os.Stat(path)
				got := dump(t, f, st.Size(), tc.maxElems)
				f.Close()
				if got != string(want) {
					os.WriteFile(path+".got", []byte(got), 0o644)
					t.Fatalf("mmap=%v: dump differs from %s.dump.txt; wrote %s.got", mmap, tc.file, tc.file)
				}
			}
		})
	}
}

// rewrite reads the file at path and writes it back with the Writer.
func rewrite(t *testing.T, path string, opts ...WriterOption) []byte {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	w, err := NewWriter(&out, f.Metadata, f.Tensors, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range f.Tensors {
		r, err := f.TensorData(ti.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestRoundTrip checks that writing a file we read gives the same bytes,
// for files written by ggml, by llama.cpp's converter, and by gguf-py
// (vocab-only files, which end without padding).
func TestRoundTrip(t *testing.T) {
	files := []string{
		"testdata/sample.gguf",
		"testdata/sample-align64.gguf",
		"testdata/ollama-llama-2-tiny-random.gguf",
	}
	for _, name := range []string{"ggml-vocab-llama-spm.gguf", "ggml-vocab-bert-bge.gguf", "ggml-vocab-falcon.ggufv2.gguf"} {
		files = append(files, sharedFixture(name))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Skipf("optional fixture absent: %v", err)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			version := f.Version
			f.Close()
			got := rewrite(t, path, WithVersion(version))
			if !bytes.Equal(got, want) {
				t.Fatalf("rewritten file differs: %d bytes, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
			}
		})
	}
}

// TestVersion1 reads the GGUF v1 vocabulary file (32-bit counts and
// lengths) and checks that writing it as version 3 keeps every value.
func TestVersion1(t *testing.T) {
	path := "testdata/ggml-vocab-llama.ggufv1.gguf"
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Version != 1 || f.Metadata.Len() != 13 || len(f.Tensors) != 0 {
		t.Fatalf("version %d, %d keys, %d tensors; want 1, 13, 0", f.Version, f.Metadata.Len(), len(f.Tensors))
	}
	tokens, err := AsSlice[string](mustGet(t, f.Metadata, "tokenizer.ggml.tokens"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != 32000 || tokens[1] != "<s>" || tokens[2] != "</s>" {
		t.Fatalf("tokens: %d, %q %q", len(tokens), tokens[1], tokens[2])
	}
	v3 := rewrite(t, path)
	g, err := Read(bytes.NewReader(v3), int64(len(v3)))
	if err != nil {
		t.Fatal(err)
	}
	if g.Version != 3 {
		t.Fatalf("rewritten version %d", g.Version)
	}
	for i, kv := range f.Metadata.All() {
		got := g.Metadata.All()[i]
		if got.Key != kv.Key || got.Value.String() != kv.Value.String() {
			t.Fatalf("key %d: %s = %.40s, want %s = %.40s", i, got.Key, got.Value, kv.Key, kv.Value)
		}
	}
}

// TestFixtures opens the real files of ../shared/fixtures/gguf when they
// are there: each parses, or is refused as documented.
func TestFixtures(t *testing.T) {
	dir := sharedFixture("")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("optional fixtures absent: %v", err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			f, err := Open(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, ok := f.Metadata.Get(KeyArchitecture); !ok {
				t.Errorf("no %s", KeyArchitecture)
			}
		})
	}
}

func sharedFixture(name string) string {
	return filepath.Join("..", "..", "shared", "fixtures", "gguf", name)
}

func mustGet(t *testing.T, m *Metadata, key string) Value {
	t.Helper()
	v, ok := m.Get(key)
	if !ok {
		t.Fatalf("key %q absent", key)
	}
	return v
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
