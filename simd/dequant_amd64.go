//go:build amd64 && gc && !purego && !noasm

package simd

// The AVX2 dequantizers: each expands nblocks blocks of src into dst as
// the Generic function of its type does.

//go:noescape
func dequantQ8_0AVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ4_KAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ5_KAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ6_KAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ2_KAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ3_KAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_NLAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantIQ4_XSAVX2(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantMXFP4AVX2(dst *float32, src *byte, nblocks int)

func dequantAsm(dst []float32, src []byte, k dequantKind) {
	y, b := &dst[0], &src[0]
	switch k {
	case kindQ8_0:
		dequantQ8_0AVX2(y, b, len(dst)/32)
	case kindQ4_0:
		dequantLegacy(dst, src, q4_0)
	case kindQ4_1:
		dequantLegacy(dst, src, q4_1)
	case kindQ5_0:
		dequantLegacy(dst, src, q5_0)
	case kindQ5_1:
		dequantLegacy(dst, src, q5_1)
	case kindQ4_K:
		dequantQ4_KAVX2(y, b, len(dst)/256)
	case kindQ5_K:
		dequantQ5_KAVX2(y, b, len(dst)/256)
	case kindQ6_K:
		dequantQ6_KAVX2(y, b, len(dst)/256)
	case kindQ2_K:
		dequantQ2_KAVX2(y, b, len(dst)/256)
	case kindQ3_K:
		dequantQ3_KAVX2(y, b, len(dst)/256)
	case kindIQ4_NL:
		dequantIQ4_NLAVX2(y, b, len(dst)/32)
	case kindIQ4_XS:
		dequantIQ4_XSAVX2(y, b, len(dst)/256)
	case kindMXFP4:
		dequantMXFP4AVX2(y, b, len(dst)/32)
	default:
		dequantGeneric[k](dst, src)
	}
}

func init() {
	ok := hasAVX2 && hasF16C
	register("dequant", impl{"avx2", ok, func() { dequantInAsm = true }}, impl{"generic", true, func() { dequantInAsm = false }})
	dequantInAsm = ok
}
