//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// dequantLegacyBlock expands nblocks q4_0 … q5_1 blocks laid out as
// legacyType.layout says (dequant_amd64.s, dequant_arm64.s).
//
//go:noescape
func dequantLegacyBlock(dst *float32, src *byte, nblocks, size, qsOff, qhOff int, bias int32, affine bool)

// dequantLegacy runs dequantLegacyBlock for the legacy type t.
func dequantLegacy(dst []float32, src []byte, t legacyType) {
	qsOff, qhOff, bias := t.layout()
	dequantLegacyBlock(&dst[0], &src[0], len(dst)/32, t.size, qsOff, qhOff, bias, t.affine)
}
