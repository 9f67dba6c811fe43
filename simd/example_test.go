package simd_test

import (
	"fmt"

	"github.com/shrinkml/shrink/simd"
)

// Quantize one q8_0 block and expand it again: the kernels write ggml's
// bytes, whichever implementation the CPU runs.
func Example_q8_0() {
	x := make([]float32, 32)
	for i := range x {
		x[i] = float32(i-16) / 8
	}
	block := make([]byte, 34)
	simd.QuantizeQ8_0(block, x)
	y := make([]float32, 32)
	simd.DequantizeQ8_0(y, block)
	fmt.Printf("scale bytes %x, level of x[0] %d, y[0] %.4f, y[31] %.4f\n", block[:2], int8(block[2]), y[0], y[31])
	// Output: scale bytes 0824, level of x[0] -127, y[0] -1.9999, y[31] 1.8739
}

// Convert float32 values to IEEE binary16 bytes, as GGUF F16 tensors store
// them, and back.
func ExampleF32ToF16() {
	x := []float32{1, -2.5, 65504, 1e-8}
	b := make([]byte, 2*len(x))
	simd.F32ToF16(b, x)
	y := make([]float32, len(x))
	simd.F16ToF32(y, b)
	fmt.Printf("% x\n%v\n", b, y)
	// Output:
	// 00 3c 00 c1 ff 7b 00 00
	// [1 -2.5 65504 0]
}
