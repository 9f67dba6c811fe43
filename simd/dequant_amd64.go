//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	ok := hasAVX2 && hasF16C
	register("dequant", impl{"avx2", ok, func() { dequantInAsm = true }}, impl{"generic", true, func() { dequantInAsm = false }})
	dequantInAsm = ok
}
