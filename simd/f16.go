package simd

import (
	"encoding/binary"

	"github.com/shrinkml/shrink/internal/half"
)

// The conversions work on little-endian bytes, as files store the values:
// 2 bytes per binary16 or bfloat16 value.

// F32ToF16 stores src as IEEE binary16 in dst (len(dst) ≥ 2·len(src)),
// rounding to nearest even; magnitudes from 65520 up become ±Inf. It is
// the loop
//
//	for i, v := range src { binary.LittleEndian.PutUint16(dst[2*i:], half.F32ToF16(v)) }
//
// except that the assembly versions may give a NaN other payload bits.
func F32ToF16(dst []byte, src []float32) { f32ToF16(dst[:2*len(src)], src) }

// F16ToF32 widens binary16 values to float32, exactly (len(src) ≥
// 2·len(dst)):
//
//	for i := range dst { dst[i] = half.F16ToF32(binary.LittleEndian.Uint16(src[2*i:])) }
//
// (the assembly versions make a signalling NaN quiet).
func F16ToF32(dst []float32, src []byte) { f16ToF32(dst, src[:2*len(dst)]) }

// BF16ToF32 widens bfloat16 values to float32, exactly.
func BF16ToF32(dst []float32, src []byte) { bf16ToF32(dst, src[:2*len(dst)]) }

// F32ToBF16 rounds float32 values to bfloat16, to nearest even, NaNs made
// quiet, as half.F32ToBF16.
func F32ToBF16(dst []byte, src []float32) { f32ToBF16(dst[:2*len(src)], src) }

var (
	f32ToF16  = f32ToF16Generic
	f16ToF32  = f16ToF32Generic
	bf16ToF32 = bf16ToF32Generic
	f32ToBF16 = f32ToBF16Generic
)

func f32ToF16Generic(dst []byte, src []float32) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], half.F32ToF16(v))
	}
}

func f16ToF32Generic(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = half.F16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

func bf16ToF32Generic(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = half.BF16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

func f32ToBF16Generic(dst []byte, src []float32) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], half.F32ToBF16(v))
	}
}

func useF16Generic() {
	f32ToF16, f16ToF32 = f32ToF16Generic, f16ToF32Generic
}

func useBF16Generic() {
	bf16ToF32, f32ToBF16 = bf16ToF32Generic, f32ToBF16Generic
}
