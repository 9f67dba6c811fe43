package safetensors

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
)

// BenchmarkReadHeader parses and validates the header of a 36-tensor file
// with metadata; bytes/s counts the header.
func BenchmarkReadHeader(b *testing.B) {
	data, err := os.ReadFile("testdata/fluxml-model.with_metadata.safetensors")
	if err != nil {
		b.Fatal(err)
	}
	f, _ := Read(bytes.NewReader(data), int64(len(data)))
	b.SetBytes(f.shards[0].dataOffset)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFloat32s converts 64 Ki values of each float dtype; bytes/s
// counts the float32 output.
func BenchmarkFloat32s(b *testing.B) {
	const n = 64 << 10
	rng := rand.New(rand.NewPCG(1, 2))
	src := make([]byte, 8*n)
	for i := range src {
		src[i] = byte(rng.Uint32())
	}
	dst := make([]float32, n)
	for _, d := range []Dtype{F16, BF16, F8_E4M3, F8_E5M2, F64} {
		b.Run(fmt.Sprint(d), func(b *testing.B) {
			b.SetBytes(4 * n)
			b.ReportAllocs()
			for b.Loop() {
				Float32s(dst, src, d)
			}
		})
	}
}
