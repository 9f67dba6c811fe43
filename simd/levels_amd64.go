//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("levels", impl{"avx2", hasAVX2, func() { levelsInAsm = true }}, impl{"generic", true, func() { levelsInAsm = false }})
	levelsInAsm = hasAVX2
}
