package gguf

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// BenchmarkReadHeader parses the header of a llama.cpp-converted model with
// a 32000-token vocabulary (724 KB of metadata); bytes/s counts the header.
func BenchmarkReadHeader(b *testing.B) {
	data, f := loadBenchFile(b)
	b.SetBytes(f.DataOffset)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite streams the same model (header and 1 MB of tensor data)
// through the Writer; bytes/s counts the whole file.
func BenchmarkWrite(b *testing.B) {
	data, f := loadBenchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		w, err := NewWriter(io.Discard, f.Metadata, f.Tensors)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range f.Tensors {
			w.WriteTensor(t.Name, data[f.DataOffset+t.Offset:f.DataOffset+t.Offset+t.Size()])
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// loadBenchFile reads the llama.cpp-converted test model.
func loadBenchFile(b *testing.B) ([]byte, *File) {
	data, err := os.ReadFile("testdata/ollama-llama-2-tiny-random.gguf")
	if err != nil {
		b.Fatal(err)
	}
	f, err := Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	return data, f
}
