//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("diff", impl{"avx2", hasAVX2, func() { diffInAsm = true }}, impl{"generic", true, func() { diffInAsm = false }})
	diffInAsm = hasAVX2
}
