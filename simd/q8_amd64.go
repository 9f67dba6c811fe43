//go:build amd64 && gc && !purego && !noasm

package simd

// quantizeQ8_0Block quantizes nblocks blocks of 32 float32 from src into
// dst, as quantizeQ8_0Generic.
//
//go:noescape
func quantizeQ8_0Block(dst *byte, src *float32, nblocks, ahead int)

func init() {
	ok := hasAVX2 && hasF16C
	register("q8_0", impl{"avx2", ok, func() { q8InAsm = true }}, impl{"generic", true, func() { q8InAsm = false }})
	q8InAsm = ok
}
