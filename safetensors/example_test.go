package safetensors_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/shrinkml/shrink/safetensors"
)

func ExampleOpen() {
	f, err := safetensors.Open("testdata/sharded") // a folder with an index
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	t, _ := f.Tensor("bfloat16_3")
	raw, _ := f.TensorBytes(t.Name)
	vals := make([]float32, t.NumElements())
	if err := safetensors.Float32s(vals, raw, t.Dtype); err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Shards(), "shards,", len(f.Tensors), "tensors;", t.Name, t.Dtype, t.Shape, vals)
	// Output: 6 shards, 36 tensors; bfloat16_3 BF16 [3] [-0.82421875 -0.37304688 0.84375]
}

func ExampleNewWriter() {
	tensors := []safetensors.TensorInfo{
		{Name: "b", Dtype: safetensors.F32, Shape: []int64{2}},
		{Name: "a", Dtype: safetensors.U8, Shape: []int64{3}},
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, safetensors.Metadata{{Key: "format", Value: "pt"}}, tensors)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range w.Tensors() { // reference order: F32 before U8
		if err := w.WriteTensor(t.Name, make([]byte, t.Size())); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", bytes.TrimRight(buf.Bytes()[8:buf.Len()-11], " "))
	// Output: {"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"U8","shape":[3],"data_offsets":[8,11]}}
}
