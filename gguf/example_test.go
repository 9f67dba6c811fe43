package gguf_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/shrinkml/shrink/gguf"
)

func ExampleOpen() {
	f, err := gguf.Open("testdata/sample.gguf")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	arch, err := gguf.Lookup[string](f.Metadata, gguf.KeyArchitecture)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("architecture:", arch)
	for _, t := range f.Tensors[:3] {
		fmt.Printf("%s %v %v %d bytes\n", t.Name, t.Type, t.Shape, t.Size())
	}
	// Output:
	// architecture: qref-sample
	// t.f32 f32 [8 4] 128 bytes
	// t.f16 f16 [16 3] 96 bytes
	// t.q8_0 q8_0 [64 2] 136 bytes
}

func ExampleNewWriter() {
	meta, err := gguf.NewMetadata(
		gguf.KV{Key: gguf.KeyArchitecture, Value: gguf.NewValue("llama")},
		gguf.KV{Key: "tokenizer.ggml.tokens", Value: gguf.NewArray([]string{"<s>", "</s>"})},
	)
	if err != nil {
		log.Fatal(err)
	}
	tensors := []gguf.TensorInfo{{Name: "w", Type: gguf.TypeF32, Shape: []int64{2, 2}}}

	var buf bytes.Buffer
	w, err := gguf.NewWriter(&buf, meta, tensors)
	if err != nil {
		log.Fatal(err)
	}
	// Data can come in any chunks; here, the whole tensor at once.
	if err := w.WriteTensor("w", make([]byte, 16)); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	f, err := gguf.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	tokens, _ := f.Metadata.Get("tokenizer.ggml.tokens")
	fmt.Println(buf.Len(), "bytes;", tokens, "tensor at", f.DataOffset)
	// Output:
	// 224 bytes; ["<s>", "</s>"] tensor at 192
}

func ExampleParseType() {
	t, err := gguf.ParseType("Q4_K")
	if err != nil {
		log.Fatal(err)
	}
	row, _ := t.RowSize(4096)
	fmt.Println(t, t.BlockSize(), t.BlockBytes(), row, t.BitsPerWeight())
	// Output: q4_K 256 144 2304 4.5
}
