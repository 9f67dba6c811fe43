//go:build arm64 && gc && !purego && !noasm

package simd

// quantizeQ4_0NEON quantizes nblocks blocks of 32 float32 from src into
// q4_0 blocks at dst, as legacyGeneric does.
//
//go:noescape
func quantizeQ4_0NEON(dst *byte, src *float32, nblocks int)

// legacyAsm has a NEON kernel for q4_0; the other legacy types run Generic.
func legacyAsm(dst []byte, src []float32, t legacyType) {
	if t == q4_0 {
		quantizeQ4_0NEON(&dst[0], &src[0], len(src)/32)
		return
	}
	legacyGeneric(dst, src, t)
}

func init() {
	register("legacy", impl{"neon", true, func() { legacyInAsm = true }}, impl{"generic", true, func() { legacyInAsm = false }})
	legacyInAsm = true
}
