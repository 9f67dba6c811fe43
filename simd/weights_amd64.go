//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("weights", impl{"avx2", hasAVX2, func() { weightsInAsm = true }}, impl{"generic", true, func() { weightsInAsm = false }})
	weightsInAsm = hasAVX2
}
