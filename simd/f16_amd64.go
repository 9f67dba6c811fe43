//go:build amd64 && gc && !purego && !noasm

package simd

import "golang.org/x/sys/cpu"

// Kernels of f16_amd64.s; each converts n&^7 values and the Go wrapper
// converts the rest.

//go:noescape
func f32ToF16F16C(dst *byte, src *float32, n int)

//go:noescape
func f16ToF32F16C(dst *float32, src *byte, n int)

//go:noescape
func bf16ToF32AVX2(dst *float32, src *byte, n int)

//go:noescape
func f32ToBF16AVX2(dst *byte, src *float32, n int)

var hasF16C = cpu.X86.HasAVX && cpu.X86.HasF16C
var hasAVX2 = cpu.X86.HasAVX2

func useF16Asm() {
	f32ToF16 = func(dst []byte, src []float32) {
		n := len(src) &^ 7
		if n > 0 {
			f32ToF16F16C(&dst[0], &src[0], n)
		}
		f32ToF16Generic(dst[2*n:], src[n:])
	}
	f16ToF32 = func(dst []float32, src []byte) {
		n := len(dst) &^ 7
		if n > 0 {
			f16ToF32F16C(&dst[0], &src[0], n)
		}
		f16ToF32Generic(dst[n:], src[2*n:])
	}
}

func useBF16Asm() {
	bf16ToF32 = func(dst []float32, src []byte) {
		n := len(dst) &^ 7
		if n > 0 {
			bf16ToF32AVX2(&dst[0], &src[0], n)
		}
		bf16ToF32Generic(dst[n:], src[2*n:])
	}
	f32ToBF16 = func(dst []byte, src []float32) {
		n := len(src) &^ 7
		if n > 0 {
			f32ToBF16AVX2(&dst[0], &src[0], n)
		}
		f32ToBF16Generic(dst[2*n:], src[n:])
	}
}

func init() {
	register("f16", impl{"f16c", hasF16C, useF16Asm}, impl{"generic", true, useF16Generic})
	register("bf16", impl{"avx2", hasAVX2, useBF16Asm}, impl{"generic", true, useBF16Generic})
	if hasF16C {
		useF16Asm()
	}
	if hasAVX2 {
		useBF16Asm()
	}
}
