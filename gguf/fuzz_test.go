package gguf

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the reader. Whatever it accepts must
// have every tensor's data inside the file, and, when the Writer accepts it
// too, must survive a write and a second read unchanged.
func FuzzRead(f *testing.F) {
	for _, name := range []string{
		"testdata/sample.gguf",
		"testdata/sample-align64.gguf",
		"testdata/ollama-llama-2-tiny-random.gguf",
		"testdata/ggml-vocab-llama.ggufv1.gguf",
		"../testdata/tiny-llama-f32.gguf",
	} {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		// Large files are cut: the fuzzer mutates the header, which is where
		// the parser is; the data section only has to be long enough.
		f.Add(b[:min(len(b), 16<<10)])
	}
	f.Add((&raw{}).header(2, 0).tensor("a", TypeF32, 0, 64).tensor("b", TypeQ4_0, 256, 32, 2).data(512).Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error is not a *FormatError: %v", err)
			}
			return
		}
		for _, ti := range file.Tensors {
			data, err := file.TensorBytes(ti.Name)
			if err != nil || int64(len(data)) != ti.Size() {
				t.Fatalf("tensor %q: %d bytes, %v", ti.Name, len(data), err)
			}
		}
		var out bytes.Buffer
		w, err := NewWriter(&out, file.Metadata, file.Tensors)
		if err != nil {
			return // e.g. a name of 64 bytes or more: readable, not writable
		}
		for _, ti := range file.Tensors {
			data, _ := file.TensorBytes(ti.Name)
			if err := w.WriteTensor(ti.Name, data); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		again, err := Read(bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatalf("rereading what we wrote: %v", err)
		}
		if again.Metadata.Len() != file.Metadata.Len() || len(again.Tensors) != len(file.Tensors) {
			t.Fatalf("reread %d keys %d tensors, wrote %d %d", again.Metadata.Len(), len(again.Tensors), file.Metadata.Len(), len(file.Tensors))
		}
		for i, kv := range file.Metadata.All() {
			if got := again.Metadata.All()[i]; got.Key != kv.Key || got.Value.String() != kv.Value.String() {
				t.Fatalf("key %q changed", kv.Key)
			}
		}
	})
}
