//go:build arm64 && gc && !purego && !noasm

package simd

// The NEON dequantizers: q8_0, the legacy q4_0 … q5_1, the K-quants
// q2_K … q6_K, iq4_nl, iq4_xs and mxfp4; the other types run Generic.

//go:noescape
func dequantQ8_0NEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ2_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ3_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ4_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ5_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ6_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_NLNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_XSNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantMXFP4NEON(dst *float32, src *byte, nblocks int)

func dequantAsm(dst []float32, src []byte, k dequantKind) {
	y, b := &dst[0], &src[0]
	switch k {
	case kindQ8_0:
		dequantQ8_0NEON(y, b, len(dst)/32)
	case kindQ4_0:
		dequantLegacy(dst, src, q4_0)
	case kindQ4_1:
		dequantLegacy(dst, src, q4_1)
	case kindQ5_0:
		dequantLegacy(dst, src, q5_0)
	case kindQ5_1:
		dequantLegacy(dst, src, q5_1)
	case kindQ2_K:
		dequantQ2_KNEON(y, b, len(dst)/256)
	case kindQ3_K:
		dequantQ3_KNEON(y, b, len(dst)/256)
	case kindQ4_K:
		dequantQ4_KNEON(y, b, len(dst)/256)
	case kindQ5_K:
		dequantQ5_KNEON(y, b, len(dst)/256)
	case kindQ6_K:
		dequantQ6_KNEON(y, b, len(dst)/256)
	case kindIQ4_NL:
		dequantIQ4_NLNEON(y, b, len(dst)/32)
	case kindIQ4_XS:
		dequantIQ4_XSNEON(y, b, len(dst)/256)
	case kindMXFP4:
		dequantMXFP4NEON(y, b, len(dst)/32)
	default:
		dequantGeneric[k](dst, src)
	}
}

func init() {
	register("dequant", impl{"neon", true, func() { dequantInAsm = true }}, impl{"generic", true, func() { dequantInAsm = false }})
	dequantInAsm = true
}
