package simd

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/internal/half"
)

// QuantizeQ4_0, QuantizeQ4_1, QuantizeQ5_0 and QuantizeQ5_1 write
// len(src)/32 blocks of ggml's legacy 4- and 5-bit types to dst, bit for
// bit as quantize_row_q4_0_ref … q5_1_ref do on x86:
//
//	q4_0, q5_0: d = v/−8 (−16), v the first value of largest magnitude;
//	            level = min(15 (31), int8(trunc(x·(1/d) + 8.5 (16.5))))
//	q4_1, q5_1: d = (max − min)/15 (31);
//	            level = min(15, int8(trunc((x − min)·(1/d) + 0.5))), q5_1 unclamped
//
// with 1/d taken as 0 when d is 0, trunc as x86's CVTTSS2SI (−2³¹ for NaN
// and out of range) and the levels' low bytes packed as ggml packs them:
// fp16 d (and min), then for 5 bits a 32-bit mask of each level's bit 4,
// then 16 bytes of nibbles (levels j and j+16). Inputs must be NaN- and
// Inf-free.
func QuantizeQ4_0(dst []byte, src []float32) { legacy(dst, src, q4_0) }

// QuantizeQ4_1 writes q4_1 blocks (20 bytes each); see QuantizeQ4_0.
func QuantizeQ4_1(dst []byte, src []float32) { legacy(dst, src, q4_1) }

// QuantizeQ5_0 writes q5_0 blocks (22 bytes each); see QuantizeQ4_0.
func QuantizeQ5_0(dst []byte, src []float32) { legacy(dst, src, q5_0) }

// QuantizeQ5_1 writes q5_1 blocks (24 bytes each); see QuantizeQ4_0.
func QuantizeQ5_1(dst []byte, src []float32) { legacy(dst, src, q5_1) }

// legacyType describes one legacy type for the shared kernels.
type legacyType struct {
	affine bool    // a minimum as well as a scale (q4_1, q5_1)
	five   bool    // 5-bit levels with a 32-bit high-bit mask
	nmax   float32 // −8 or −16 (the divisor of v), or 15 or 31
	bias   float32 // added before truncation
	clamp  int32   // the largest level kept (255: none)
	size   int     // block bytes
	ahead  int     // bytes from a block to the one to prefetch (the kernels)
}

var (
	q4_0 = legacyType{false, false, -8, 8.5, 15, 18, 0}
	q5_0 = legacyType{false, true, -16, 16.5, 31, 22, 0}
	q4_1 = legacyType{true, false, 15, 0.5, 15, 20, 0}
	q5_1 = legacyType{true, true, 31, 0.5, 255, 24, 0}
)

// layout gives the offsets of a block's nibbles and of its 32-bit
// high-bit mask (−1: none), and the level offset dequantization takes off
// (8 or 16 for q4_0/q5_0, 0 for the affine types).
func (t legacyType) layout() (qsOff, qhOff int, bias int32) {
	qsOff, qhOff = 2, -1
	if t.affine {
		qsOff += 2
	} else {
		bias = int32(-t.nmax)
	}
	if t.five {
		qhOff, qsOff = qsOff, qsOff+4
	}
	return qsOff, qhOff, bias
}

func legacy(dst []byte, src []float32, t legacyType) {
	n := len(src) / 32
	dst, src = dst[:n*t.size], src[:n*32]
	if legacyInAsm && n > 0 {
		legacyAsm(dst, src, t)
		return
	}
	legacyGeneric(dst, src, t)
}

// legacyInAsm selects legacyAsm.
var legacyInAsm bool

func legacyGeneric(dst []byte, src []float32, t legacyType) {
	var L [32]byte
	for i := range len(src) / 32 {
		x, b := src[32*i:32*i+32], dst[t.size*i:t.size*(i+1)]
		var lo, d float32
		if t.affine {
			var hi float32
			lo, hi = math.MaxFloat32, -math.MaxFloat32
			for _, v := range x {
				if v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
			d = (hi - lo) / t.nmax
		} else {
			var vmax, amax float32
			for _, v := range x {
				if a := abs32(v); a > amax {
					amax, vmax = a, v
				}
			}
			d = vmax / t.nmax
		}
		var id float32
		if d != 0 {
			id = 1 / d
		}
		binary.LittleEndian.PutUint16(b, half.F32ToF16(d))
		b = b[2:]
		if t.affine {
			binary.LittleEndian.PutUint16(b, half.F32ToF16(lo))
			b = b[2:]
		}
		for j, v := range x {
			L[j] = byte(min(t.clamp, int32(int8(truncX86(float32((v-lo)*id)+t.bias)))))
		}
		if t.five {
			var qh uint32
			for j, l := range L {
				qh |= uint32(l>>4&1) << j
			}
			binary.LittleEndian.PutUint32(b, qh)
			b = b[4:]
			for j := range 16 {
				b[j] = L[j]&0xf | L[16+j]<<4
			}
			continue
		}
		for j := range 16 {
			b[j] = L[j] | L[16+j]<<4
		}
	}
}
