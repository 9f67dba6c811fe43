package simd

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/internal/half"
)

// QuantizeQ8_0 writes len(src)/32 q8_0 blocks (34 bytes each: an fp16
// scale and 32 int8 levels) to dst: ggml's quantize_row_q8_0_ref, bit for
// bit. For each block of 32 values x:
//
//	amax := max |x|;  d := amax/127;  id := 1/d (0 when d is 0)
//	store fp16(d); level_j := int8 of roundf(x_j·id)
//
// where roundf rounds half away from zero and the int8 conversion keeps
// the low byte of x86's 32-bit truncation (0 for ±Inf and NaN, which
// arise when d is subnormal). Inputs must be NaN- and Inf-free.
func QuantizeQ8_0(dst []byte, src []float32) {
	nb := len(src) / 32
	dst, src = dst[:34*nb], src[:32*nb]
	if q8InAsm && nb > 0 {
		quantizeQ8_0Block(&dst[0], &src[0], nb, prefetchAhead(4*len(src)))
		return
	}
	quantizeQ8_0Generic(dst, src)
}

// q8InAsm selects quantizeQ8_0Block.
var q8InAsm bool

func quantizeQ8_0Generic(dst []byte, src []float32) {
	for i := 0; i < len(src)/32; i++ {
		x, b := src[32*i:32*i+32], dst[34*i:34*i+34]
		var amax float32
		for _, v := range x {
			amax = max(amax, float32(math.Abs(float64(v))))
		}
		d := amax / 127
		var id float32
		if d != 0 {
			id = 1 / d
		}
		binary.LittleEndian.PutUint16(b, half.F32ToF16(d))
		for j, v := range x {
			b[2+j] = byte(truncX86(float32(math.Round(float64(v * id)))))
		}
	}
}

// truncX86 converts as x86's CVTTSS2SI: toward zero, and −2³¹ for NaN or
// out of range.
func truncX86(f float32) int32 {
	if f >= -2147483648 && f < 2147483648 {
		return int32(f)
	}
	return math.MinInt32
}
