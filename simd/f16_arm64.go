//go:build arm64 && gc && !purego && !noasm

package simd

// Kernels of f16_arm64.s (NEON is part of every arm64 CPU), each converting
// n values (n a multiple of 8).

//go:noescape
func f32ToF16Block(dst *byte, src *float32, n int)

//go:noescape
func f16ToF32Block(dst *float32, src *byte, n int)

//go:noescape
func bf16ToF32Block(dst *float32, src *byte, n int)

//go:noescape
func f32ToBF16Block(dst *byte, src *float32, n int)

func init() {
	register("f16", impl{"neon", true, func() { f16InAsm = true }}, impl{"generic", true, func() { f16InAsm = false }})
	register("bf16", impl{"neon", true, func() { bf16InAsm = true }}, impl{"generic", true, func() { bf16InAsm = false }})
	f16InAsm, bf16InAsm = true, true
}
