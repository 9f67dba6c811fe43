//go:build arm64 && gc && !purego && !noasm

package simd

// The NEON dequantizers: q8_0, q4_0, q4_K, q5_K and q6_K; the other types run Generic.

//go:noescape
func dequantQ8_0NEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ4_0NEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ4_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ5_KNEON(dst *float32, src *byte, nblocks int)

//go:noescape
func dequantQ6_KNEON(dst *float32, src *byte, nblocks int)

func dequantAsm(dst []float32, src []byte, k dequantKind) {
	switch k {
	case kindQ8_0:
		dequantQ8_0NEON(&dst[0], &src[0], len(dst)/32)
	case kindQ4_0:
		dequantQ4_0NEON(&dst[0], &src[0], len(dst)/32)
	case kindQ4_K:
		dequantQ4_KNEON(&dst[0], &src[0], len(dst)/256)
	case kindQ5_K:
		dequantQ5_KNEON(&dst[0], &src[0], len(dst)/256)
	case kindQ6_K:
		dequantQ6_KNEON(&dst[0], &src[0], len(dst)/256)
	default:
		dequantGeneric[k](dst, src)
	}
}

func init() {
	register("dequant", impl{"neon", true, func() { dequantInAsm = true }}, impl{"generic", true, func() { dequantInAsm = false }})
	dequantInAsm = true
}
