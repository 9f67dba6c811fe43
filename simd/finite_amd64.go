//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("finite", impl{"avx2", hasAVX2, func() { finiteInAsm = true }}, impl{"generic", true, func() { finiteInAsm = false }})
	finiteInAsm = hasAVX2
}
