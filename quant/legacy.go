package quant

import (
	"encoding/binary"

	"github.com/shrinkml/shrink/simd"
)

// The legacy block types: 32 values per block, one fp16 scale (and, for the
// _1 types, an fp16 minimum), 4, 5 or 8 bits per value.

// quantizeQ4_0 is quantize_row_q4_0_ref, or quantize_row_q4_0_impl with an
// importance matrix.
func quantizeQ4_0(dst []byte, src, imatrix []float32) {
	if imatrix != nil {
		quantizeQ4_0Weighted(dst, src, imatrix)
		return
	}
	simd.QuantizeQ4_0(dst, src)
}

// rowSigma2 is the mean square of a row, the base of the importance
// weights of the legacy types.
func rowSigma2(src []float32) float32 { return sumSquares(src) / float32(len(src)) }

func quantizeQ4_0Weighted(dst []byte, src, imatrix []float32) {
	var c weightedQX
	sigma2 := rowSigma2(src)
	for i0 := 0; i0 < len(src)/32; i0 += 8 {
		for k := range c.search(src, imatrix, sigma2, i0, 8) {
			b, L := dst[18*(i0+k):18*(i0+k)+18], c.L[32*k:32*k+32]
			putF16(b, c.d[k])
			for j := range 16 {
				b[2+j] = byte(L[j]) | byte(L[16+j])<<4
			}
		}
	}
}

// weightedQX runs make_qx_quants with importance weights on up to eight
// blocks of 32 at once (one simd.QX call), as weightedQKX does for
// make_qkx3_quants.
type weightedQX struct {
	w [256]float32
	L [256]int8
	d [8]float32
}

// search fits blocks i0 … i0+7 of the row (fewer at its end) with levels
// −nmax … nmax−1 and returns how many it did.
func (c *weightedQX) search(src, imatrix []float32, sigma2 float32, i0, nmax int) int {
	x, nb := weighBlocks(c.w[:], src, imatrix, sigma2, i0)
	simd.QX(x, c.w[:32*nb], c.L[:32*nb], c.d[:nb], 32, nmax)
	return nb
}

// weighGroups fills w with the importance weights of x's groups of n
// values and sw with each group's sum of weights, added in order as ggml
// does (the K-quants' sum_w).
func weighGroups(w, sw, x, qw []float32, sigma2 float32, n int) {
	simd.Importance(w[:len(x)], x, qw, sigma2)
	for j := range len(x) / n {
		wj := w[n*j : n*j+n]
		var sum float32
		for _, v := range wj {
			sum += v
		}
		sw[j] = sum
	}
}

// weighBlocks fills w with the importance weights of blocks i0 … i0+7 of
// the row (fewer at its end) and returns those blocks' values and count.
func weighBlocks(w, src, imatrix []float32, sigma2 float32, i0 int) (x []float32, nb int) {
	nb = min(8, len(src)/32-i0)
	x = src[32*i0 : 32*(i0+nb)]
	simd.Importance(w[:32*nb], x, imatrix[32*i0:], sigma2)
	return x, nb
}

// quantizeQ4_1 is quantize_row_q4_1_ref, or quantize_row_q4_1_impl with an
// importance matrix.
func quantizeQ4_1(dst []byte, src, imatrix []float32) {
	if imatrix != nil {
		quantizeQ4_1Weighted(dst, src, imatrix)
		return
	}
	simd.QuantizeQ4_1(dst, src)
}

func quantizeQ4_1Weighted(dst []byte, src, imatrix []float32) {
	var c weightedQKX
	sigma2 := rowSigma2(src)
	for i0 := 0; i0 < len(src)/32; i0 += 8 {
		for k := range c.search(src, imatrix, sigma2, i0, 15) {
			b, L := dst[20*(i0+k):20*(i0+k)+20], c.L[32*k:32*k+32]
			putF16(b, c.d[k])
			putF16(b[2:], -c.m[k])
			for j := range 16 {
				b[4+j] = L[j] | L[16+j]<<4
			}
		}
	}
}

// weightedQKX runs make_qkx3_quants with importance weights on up to eight
// blocks of 32 at once (one simd.QKX call): the weights, levels, scales
// and negated minima of the chunk.
type weightedQKX struct {
	w    [256]float32
	L    [256]uint8
	d, m [8]float32
}

// search fits blocks i0 … i0+7 of the row (fewer at its end) with levels
// 0 … nmax and returns how many it did.
func (c *weightedQKX) search(src, imatrix []float32, sigma2 float32, i0, nmax int) int {
	x, nb := weighBlocks(c.w[:], src, imatrix, sigma2, i0)
	simd.QKX(x, c.w[:32*nb], c.L[:32*nb], c.d[:nb], c.m[:nb], 32, nmax, -0.9, 0.05, 36, false)
	return nb
}

// quantizeQ5_0 is quantize_row_q5_0_ref, or quantize_row_q5_0_impl with an
// importance matrix.
func quantizeQ5_0(dst []byte, src, imatrix []float32) {
	if imatrix != nil {
		quantizeQ5_0Weighted(dst, src, imatrix)
		return
	}
	simd.QuantizeQ5_0(dst, src)
}

// pack5 stores 32 five-bit values as a block's 32-bit high-bit mask
// followed by 16 bytes of low nibbles (value j and j+16 share a byte).
func pack5(b []byte, L []uint8) {
	var qh uint32
	for j := range 16 {
		b[4+j] = L[j]&0xf | (L[16+j]&0xf)<<4
		qh |= uint32(L[j]>>4&1)<<j | uint32(L[16+j]>>4&1)<<(j+16)
	}
	binary.LittleEndian.PutUint32(b, qh)
}

func quantizeQ5_0Weighted(dst []byte, src, imatrix []float32) {
	var c weightedQX
	var U [32]uint8
	sigma2 := rowSigma2(src)
	for i0 := 0; i0 < len(src)/32; i0 += 8 {
		for k := range c.search(src, imatrix, sigma2, i0, 16) {
			b := dst[22*(i0+k) : 22*(i0+k)+22]
			putF16(b, c.d[k])
			for j, l := range c.L[32*k : 32*k+32] {
				U[j] = uint8(l)
			}
			pack5(b[2:], U[:])
		}
	}
}

// quantizeQ5_1 is quantize_row_q5_1_ref, or quantize_row_q5_1_impl with an
// importance matrix.
func quantizeQ5_1(dst []byte, src, imatrix []float32) {
	if imatrix != nil {
		quantizeQ5_1Weighted(dst, src, imatrix)
		return
	}
	simd.QuantizeQ5_1(dst, src)
}

func quantizeQ5_1Weighted(dst []byte, src, imatrix []float32) {
	var c weightedQKX
	sigma2 := rowSigma2(src)
	for i0 := 0; i0 < len(src)/32; i0 += 8 {
		for k := range c.search(src, imatrix, sigma2, i0, 31) {
			b := dst[24*(i0+k) : 24*(i0+k)+24]
			putF16(b, c.d[k])
			putF16(b[2:], -c.m[k])
			pack5(b[4:], c.L[32*k:32*k+32])
		}
	}
}

// quantizeQ8_0 is quantize_row_q8_0_ref: d = amax/127 stored as fp16, values
// scaled by the float32 1/d and rounded half away from zero. The loop is
// simd.QuantizeQ8_0 (AVX2 on amd64).
func quantizeQ8_0(dst []byte, src, _ []float32) { simd.QuantizeQ8_0(dst, src) }

// quantizeQ8_1 is quantize_row_q8_1_ref: q8_0 plus an fp16 d·Σq. ggml uses
// it only for dot products and has no dequantizer for it.
func quantizeQ8_1(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/32; i++ {
		x, b := src[32*i:32*i+32], dst[36*i:36*i+36]
		_, amax := maxAbs(x)
		d := amax / 127
		var id float32
		if d != 0 {
			id = 1 / d
		}
		putF16(b, d)
		sum := 0
		for j, v := range x {
			q := int8(truncInt(round32(v * id)))
			b[4+j] = byte(q)
			sum += int(q)
		}
		putF16(b[2:], float32(sum)*d)
	}
}

func dequantizeQ8_1(dst []float32, src []byte) {
	for i := 0; i < len(dst)/32; i++ {
		b, y := src[36*i:36*i+36], dst[32*i:32*i+32]
		d := getF16(b)
		for j := range y {
			y[j] = float32(int8(b[4+j])) * d
		}
	}
}
