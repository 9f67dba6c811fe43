package quant

import (
	"math"

	"github.com/shrinkml/shrink/simd"
)

// quantizeMXFP4 is quantize_row_mxfp4_ref: blocks of 32 E2M1 values under a
// shared power-of-two (E8M0) scale.
func quantizeMXFP4(dst []byte, src, _ []float32) {
	var L [32]uint8
	for i := 0; i < len(src)/32; i++ {
		x, b := src[32*i:32*i+32], dst[17*i:17*i+17]
		_, amax := maxAbs(x)
		var e uint8
		if amax > 0 {
			// floorf(log2f(amax)) − 2 + 127, converted as C converts a float
			// to uint8_t on x86: through a 32-bit integer, keeping the low byte.
			lg := float32(math.Floor(float64(float32(math.Log2(float64(amax))))))
			e = uint8(int32(lg - 2 + 127))
		}
		b[0] = e
		simd.FP4Indices(L[:], x, simd.E8M0Half(e))
		for j := range 16 {
			b[1+j] = L[j] | L[16+j]<<4
		}
	}
}

// ue4m3ToF32 is ggml_ue4m3_to_fp32: an unsigned E4M3 scale, halved to match
// the doubled simd.FP4Values; 0 and 0x7F read as zero.
func ue4m3ToF32(x uint8) float32 {
	if x == 0 || x == 0x7f {
		return 0
	}
	exp, man := int(x>>3&0xf), int(x&7)
	var raw float32
	if exp == 0 {
		raw = float32(math.Ldexp(float64(man), -9))
	} else {
		raw = float32(math.Ldexp(1+float64(man)/8, exp-7))
	}
	return raw * 0.5
}

// f32ToUE4M3 is ggml_fp32_to_ue4m3: x rounded to an unsigned E4M3 code,
// saturating at 448 (code 0x7E); non-positive x gives 0.
func f32ToUE4M3(x float32) uint8 {
	if !(x > 0) {
		return 0
	}
	if x > 448 {
		x = 448
	}
	bits := math.Float32bits(x)
	exp := int(bits>>23&0xff) - 127 + 7
	man := int(bits >> 20 & 7)
	if exp <= 0 {
		m := min(7, int(float32(x*512)+0.5))
		if m < 1 {
			return 0
		}
		return uint8(m)
	}
	if exp >= 15 {
		return 0x7e
	}
	man += int(bits >> 19 & 1)
	if man > 7 {
		man = 0
		exp++
		if exp >= 15 {
			return 0x7e
		}
	}
	return uint8(exp<<3 | man)
}

// quantizeNVFP4 is quantize_row_nvfp4_ref: blocks of 64 E2M1 values in four
// groups of 16, each under its own UE4M3 scale.
func quantizeNVFP4(dst []byte, src, _ []float32) {
	var L [16]uint8
	for i := 0; i < len(src)/64; i++ {
		x, b := src[64*i:64*i+64], dst[36*i:36*i+36]
		for s := range 4 {
			xb := x[16*s : 16*s+16]
			_, amax := maxAbs(xb)
			ue := f32ToUE4M3(amax / 6)
			b[s] = ue
			d := ue4m3ToF32(ue)
			q := b[4+8*s : 4+8*s+8]
			simd.FP4Indices(L[:], xb, d)
			for j := range 8 {
				q[j] = L[j] | L[8+j]<<4
			}
		}
	}
}

func dequantizeNVFP4(dst []float32, src []byte) {
	for i := 0; i < len(dst)/64; i++ {
		b, y := src[36*i:36*i+36], dst[64*i:64*i+64]
		for s := range 4 {
			d := ue4m3ToF32(b[s])
			q, out := b[4+8*s:4+8*s+8], y[16*s:16*s+16]
			for j := range 8 {
				out[j] = float32(simd.FP4Values[q[j]&0xf]) * d
				out[j+8] = float32(simd.FP4Values[q[j]>>4]) * d
			}
		}
	}
}
