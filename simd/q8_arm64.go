//go:build arm64 && gc && !purego && !noasm

package simd

// quantizeQ8_0Block quantizes nblocks blocks of 32 float32 from src into
// dst, as quantizeQ8_0Generic (legacy_arm64.s).
//
//go:noescape
func quantizeQ8_0Block(dst *byte, src *float32, nblocks, ahead int)

func init() {
	register("q8_0", impl{"neon", true, func() { q8InAsm = true }}, impl{"generic", true, func() { q8InAsm = false }})
	q8InAsm = true
}
