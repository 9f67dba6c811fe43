//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("fp4", impl{"avx2", hasAVX2, func() { fp4InAsm = true }}, impl{"generic", true, func() { fp4InAsm = false }})
	fp4InAsm = hasAVX2
}
