//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	ok := hasAVX2 && hasF16C
	register("legacy", impl{"avx2", ok, func() { legacyInAsm = true }}, impl{"generic", true, func() { legacyInAsm = false }})
	legacyInAsm = ok
}
