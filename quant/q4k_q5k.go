package quant

import "github.com/shrinkml/shrink/simd"

// q4_K and q5_K: super-blocks of 256 values in 8 groups of 32, each group
// with a 6-bit scale and a 6-bit minimum under two fp16 super-block scales.

// setScaleMinK4 stores group j's 6-bit scale ls and minimum lm in the 12
// scale bytes of q4_K and q5_K, which clear them first.
func setScaleMinK4(s []byte, j int, ls, lm uint8) {
	if j < 4 {
		s[j] = ls
		s[j+4] = lm
		return
	}
	s[j+4] = ls&0xf | (lm&0xf)<<4
	s[j-4] |= (ls >> 4) << 6
	s[j] |= (lm >> 4) << 6
}

// kChunk is how many super-blocks of q4_K/q5_K without an importance
// matrix get their scale search in one simd.QKX call.
const kChunk = 8

// quantizeK32 quantizes a row of q4_K (nmax 15) or q5_K (nmax 31) super-
// blocks of blockBytes: the body of quantize_row_q4_K_ref/q5_K_ref, or of
// the _impl functions with an importance matrix.
func quantizeK32(dst []byte, src, imatrix []float32, nmax, blockBytes int) {
	var L [256 * kChunk]uint8
	var scales, mins [8 * kChunk]float32
	var sumX2 [kChunk]float32
	rmin, nstep := float32(-1), 20
	if nmax == 31 {
		rmin, nstep = -0.5, 15
	}
	for c := 0; c < len(src)/256; c += kChunk {
		blocks := min(kChunk, len(src)/256-c)
		x := src[256*c : 256*(c+blocks)]
		if imatrix == nil {
			// nil weights: ggml's √(Σx²/32) + |x| per group, made in the lanes
			simd.QKX(x, nil, L[:len(x)], scales[:8*blocks], mins[:8*blocks], 32, nmax, rmin, 0.1, nstep, false)
		} else {
			simd.SumSquares(sumX2[:blocks], x, 256)
		}
		for i := range blocks {
			b := dst[blockBytes*(c+i) : blockBytes*(c+i+1)]
			xb, Lb := x[256*i:256*i+256], L[256*i:256*i+256]
			clear(b[4:16])
			if imatrix == nil {
				setK32Scales(b, scales[8*i:8*i+8], mins[8*i:8*i+8])
			} else {
				sigma2 := 2 * sumX2[i] / 256
				searchK32Weighted(b, xb, imatrix[256*(c+i):256*(c+i+1)], Lb, nmax, sigma2)
			}
			fitK32(b, xb, Lb, nmax)
			if nmax == 15 {
				packQ4(b[16:144], Lb)
			} else {
				packQ5(b[16:48], b[48:176], Lb)
			}
		}
	}
}

// setK32Scales stores a super-block's 8 group scales and minimums as 6-bit
// levels under two fp16 scales (quantize_row_q4_K_ref's way).
func setK32Scales(b []byte, scales, mins []float32) {
	maxScale, maxMin := maxOrZero(scales[:8]), maxOrZero(mins[:8])
	var invScale, invMin float32
	if maxScale > 0 {
		invScale = 63 / maxScale
	}
	if maxMin > 0 {
		invMin = 63 / maxMin
	}
	for j := range 8 {
		ls := min(63, uint8(nearestInt(invScale*scales[j])))
		lm := min(63, uint8(nearestInt(invMin*mins[j])))
		setScaleMinK4(b[4:16], j, ls, lm)
	}
	putF16(b, maxScale/63)
	putF16(b[2:], maxMin/63)
}

// searchK32Weighted is the scale search of quantize_row_q4_K_impl (and
// q5_K's) under importance qw, with σ² = 2·Σx²/256: levels to L, the
// header to b[0:16].
func searchK32Weighted(b []byte, x, qw []float32, L []uint8, nmax int, sigma2 float32) {
	var mins, scales, sw [8]float32
	var weights [256]float32
	weighGroups(weights[:], sw[:], x, qw, sigma2, 32)
	simd.QKX(x, weights[:], L, scales[:], mins[:], 32, nmax, -0.9, 0.05, 36, false)
	var Ls, Lm [8]uint8
	dBlock := makeQP(63, scales[:], Ls[:], sw[:])
	mBlock := makeQP(63, mins[:], Lm[:], sw[:])
	for j := range 8 {
		setScaleMinK4(b[4:16], j, min(63, Ls[j]), min(63, Lm[j]))
	}
	putF16(b, dBlock)
	putF16(b[2:], mBlock)
}

// fitK32 fits the levels L again to the stored group scales and minimums.
func fitK32(b []byte, x []float32, L []uint8, nmax int) {
	d, dmin := getF16(b), getF16(b[2:])
	var dl, dm [8]float32
	for j := range 8 {
		sc, m := simd.ScaleMinK4(b[4:16], j)
		dl[j] = d * float32(sc)
		dm[j] = dmin * float32(m)
	}
	simd.DivLevels(L, x, dm[:], dl[:], 32, 0, int32(nmax), 0)
}

// quantizeQ4_K is quantize_row_q4_K_ref, or quantize_row_q4_K_impl with an
// importance matrix.
func quantizeQ4_K(dst []byte, src, imatrix []float32) { quantizeK32(dst, src, imatrix, 15, 144) }

// quantizeQ5_K is quantize_row_q5_K_ref, or quantize_row_q5_K_impl with an
// importance matrix.
func quantizeQ5_K(dst []byte, src, imatrix []float32) { quantizeK32(dst, src, imatrix, 31, 176) }
