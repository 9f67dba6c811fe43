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

// The block dequantizers (dequant_amd64.s, dequant_arm64.s, kquant_arm64.s):
// each expands nblocks blocks of src into dst as the Generic function of
// its type does.

//go:noescape
func dequantQ8_0Block(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ4_KBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ5_KBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ6_KBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ2_KBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ3_KBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_NLBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_XSBlock(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantMXFP4Block(dst *float32, src *byte, nblocks int)

func dequantAsm(dst []float32, src []byte, k dequantKind) {
	y, b := &dst[0], &src[0]
	switch k {
	case kindQ8_0:
		dequantQ8_0Block(y, b, len(dst)/32)
	case kindQ4_0:
		dequantLegacy(dst, src, q4_0)
	case kindQ4_1:
		dequantLegacy(dst, src, q4_1)
	case kindQ5_0:
		dequantLegacy(dst, src, q5_0)
	case kindQ5_1:
		dequantLegacy(dst, src, q5_1)
	case kindQ4_K:
		dequantQ4_KBlock(y, b, len(dst)/256)
	case kindQ5_K:
		dequantQ5_KBlock(y, b, len(dst)/256)
	case kindQ6_K:
		dequantQ6_KBlock(y, b, len(dst)/256)
	case kindQ2_K:
		dequantQ2_KBlock(y, b, len(dst)/256)
	case kindQ3_K:
		dequantQ3_KBlock(y, b, len(dst)/256)
	case kindIQ4_NL:
		dequantIQ4_NLBlock(y, b, len(dst)/32)
	case kindIQ4_XS:
		dequantIQ4_XSBlock(y, b, len(dst)/256)
	case kindMXFP4:
		dequantMXFP4Block(y, b, len(dst)/32)
	default:
		dequantGeneric[k](dst, src)
	}
}
