//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// legacyBlock quantizes nblocks blocks of 32 from src into dst as
// legacyGeneric does for t, whose field layout the assembly reads
// (legacy_amd64.s, legacy_arm64.s).
//
//go:noescape
func legacyBlock(dst *byte, src *float32, nblocks int, t *legacyType)

// legacyAsm also prefetches the row after src (prefetchAhead).
func legacyAsm(dst []byte, src []float32, t legacyType) {
	t.ahead = prefetchAhead(4 * len(src))
	legacyBlock(&dst[0], &src[0], len(src)/32, &t)
}
