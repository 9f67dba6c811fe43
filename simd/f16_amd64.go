//go:build amd64 && gc && !purego && !noasm

package simd

import "golang.org/x/sys/cpu"

// Kernels of f16_amd64.s, each converting n values (n a multiple of 8).

//go:noescape
func f32ToF16Block(dst *byte, src *float32, n int)

//go:noescape
func f16ToF32Block(dst *float32, src *byte, n int)

//go:noescape
func bf16ToF32Block(dst *float32, src *byte, n int)

//go:noescape
func f32ToBF16Block(dst *byte, src *float32, n int)

var hasF16C = cpu.X86.HasAVX && cpu.X86.HasF16C
var hasAVX2 = cpu.X86.HasAVX2

func init() {
	register("f16", impl{"f16c", hasF16C, func() { f16InAsm = true }}, impl{"generic", true, func() { f16InAsm = false }})
	register("bf16", impl{"avx2", hasAVX2, func() { bf16InAsm = true }}, impl{"generic", true, func() { bf16InAsm = false }})
	f16InAsm, bf16InAsm = hasF16C, hasAVX2
}
