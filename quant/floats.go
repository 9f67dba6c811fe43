package quant

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/simd"
)

// The plain number types. f32, f16 and bf16 convert both ways (f16 and
// bf16 rounding to nearest even, as ggml_fp32_to_fp16_row and
// ggml_fp32_to_bf16_row_ref do); f64 and the integer types, which GGUF files
// use for a few auxiliary tensors, are read only.

func quantizeF32(dst []byte, src, _ []float32) { simd.F32ToBytes(dst, src) }

func dequantizeF32(dst []float32, src []byte) { simd.BytesToF32(dst, src) }

// The f16 and bf16 conversions are simd's kernels (F16C and AVX2 on amd64);
// rows reach them NaN-free, so their bytes are ggml's.

func quantizeF16(dst []byte, src, _ []float32) { simd.F32ToF16(dst, src) }

func dequantizeF16(dst []float32, src []byte) { simd.F16ToF32(dst, src) }

func quantizeBF16(dst []byte, src, _ []float32) { simd.F32ToBF16(dst, src) }

func dequantizeBF16(dst []float32, src []byte) { simd.BF16ToF32(dst, src) }

func dequantizeF64(dst []float32, src []byte) {
	for j := range dst {
		dst[j] = float32(math.Float64frombits(binary.LittleEndian.Uint64(src[8*j:])))
	}
}

func dequantizeI8(dst []float32, src []byte) {
	for j := range dst {
		dst[j] = float32(int8(src[j]))
	}
}

func dequantizeI16(dst []float32, src []byte) {
	for j := range dst {
		dst[j] = float32(int16(binary.LittleEndian.Uint16(src[2*j:])))
	}
}

func dequantizeI32(dst []float32, src []byte) {
	for j := range dst {
		dst[j] = float32(int32(binary.LittleEndian.Uint32(src[4*j:])))
	}
}
