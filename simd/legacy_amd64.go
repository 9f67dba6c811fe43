//go:build amd64 && gc && !purego && !noasm

package simd

// legacyAVX2 quantizes nblocks blocks of 32 from src into dst as
// legacyGeneric does for t (whose field layout the assembly reads).
//
//go:noescape
func legacyAVX2(dst *byte, src *float32, nblocks int, t *legacyType)

func legacyAsm(dst []byte, src []float32, t legacyType) {
	legacyAVX2(&dst[0], &src[0], len(src)/32, &t)
}

func init() {
	ok := hasAVX2 && hasF16C
	register("legacy", impl{"avx2", ok, func() { legacyInAsm = true }}, impl{"generic", true, func() { legacyInAsm = false }})
	legacyInAsm = ok
}
