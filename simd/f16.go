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
func F32ToF16(dst []byte, src []float32) {
	dst = dst[:2*len(src)]
	n := 0
	if f16InAsm {
		if n = len(src) &^ 7; n > 0 {
			f32ToF16Block(&dst[0], &src[0], n)
		}
	}
	f32ToF16Generic(dst[2*n:], src[n:])
}

// F16ToF32 widens binary16 values to float32, exactly (len(src) ≥
// 2·len(dst)):
//
//	for i := range dst { dst[i] = half.F16ToF32(binary.LittleEndian.Uint16(src[2*i:])) }
//
// (the assembly versions make a signalling NaN quiet).
func F16ToF32(dst []float32, src []byte) {
	src = src[:2*len(dst)]
	n := 0
	if f16InAsm {
		if n = len(dst) &^ 7; n > 0 {
			f16ToF32Block(&dst[0], &src[0], n)
		}
	}
	f16ToF32Generic(dst[n:], src[2*n:])
}

// BF16ToF32 widens bfloat16 values to float32, exactly.
func BF16ToF32(dst []float32, src []byte) {
	src = src[:2*len(dst)]
	n := 0
	if bf16InAsm {
		if n = len(dst) &^ 7; n > 0 {
			bf16ToF32Block(&dst[0], &src[0], n)
		}
	}
	bf16ToF32Generic(dst[n:], src[2*n:])
}

// F32ToBF16 rounds float32 values to bfloat16, to nearest even, NaNs made
// quiet, as half.F32ToBF16.
func F32ToBF16(dst []byte, src []float32) {
	dst = dst[:2*len(src)]
	n := 0
	if bf16InAsm {
		if n = len(src) &^ 7; n > 0 {
			f32ToBF16Block(&dst[0], &src[0], n)
		}
	}
	f32ToBF16Generic(dst[2*n:], src[n:])
}

// f16InAsm and bf16InAsm select the Block kernels, which convert a
// multiple of 8 values; Generic converts the rest.
var f16InAsm, bf16InAsm bool

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
