//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// legacyBlock quantizes nblocks blocks of 32 from src into dst as
// legacyGeneric does for t, whose field layout the assembly reads
// (legacy_amd64.s, legacy_arm64.s).
//
//go:noescape
func legacyBlock(dst *byte, src *float32, nblocks int, t *legacyType)

// legacyAsm also prefetches, block by block, the values as far after src
// as src is long (at most 64 KB): a caller quantizing consecutive rows
// finds its next row in the cache, its memory read while this row's
// arithmetic runs. (A prefetch never faults, wherever it points.)
func legacyAsm(dst []byte, src []float32, t legacyType) {
	t.ahead = min(4*len(src), 64<<10)
	legacyBlock(&dst[0], &src[0], len(src)/32, &t)
}
