//go:build arm64 && gc && !purego && !noasm

package simd

// Kernels of f16_arm64.s (NEON is part of every arm64 CPU); each converts
// n&^7 values and the Go wrapper converts the rest.

//go:noescape
func f32ToF16NEON(dst *byte, src *float32, n int)

//go:noescape
func f16ToF32NEON(dst *float32, src *byte, n int)

//go:noescape
func bf16ToF32NEON(dst *float32, src *byte, n int)

func useF16Asm() {
	f32ToF16 = func(dst []byte, src []float32) {
		n := len(src) &^ 7
		if n > 0 {
			f32ToF16NEON(&dst[0], &src[0], n)
		}
		f32ToF16Generic(dst[2*n:], src[n:])
	}
	f16ToF32 = func(dst []float32, src []byte) {
		n := len(dst) &^ 7
		if n > 0 {
			f16ToF32NEON(&dst[0], &src[0], n)
		}
		f16ToF32Generic(dst[n:], src[2*n:])
	}
}

// useBF16Asm widens bfloat16 with NEON; rounding to bfloat16 stays Generic.
func useBF16Asm() {
	bf16ToF32 = func(dst []float32, src []byte) {
		n := len(dst) &^ 7
		if n > 0 {
			bf16ToF32NEON(&dst[0], &src[0], n)
		}
		bf16ToF32Generic(dst[n:], src[2*n:])
	}
	f32ToBF16 = f32ToBF16Generic
}

func init() {
	register("f16", impl{"neon", true, useF16Asm}, impl{"generic", true, useF16Generic})
	register("bf16", impl{"neon", true, useBF16Asm}, impl{"generic", true, useBF16Generic})
	useF16Asm()
	useBF16Asm()
}
