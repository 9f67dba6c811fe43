//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("dequant", impl{"neon", true, func() { dequantInAsm = true }}, impl{"generic", true, func() { dequantInAsm = false }})
	dequantInAsm = true
}
