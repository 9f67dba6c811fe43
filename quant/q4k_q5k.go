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

// quantizeK32 quantizes one super-block of q4_K (nmax 15) or q5_K (nmax 31)
// into levels L and the header b[0:16] (d, dmin, scales): the body of
// quantize_row_q4_K_ref/q5_K_ref, or of the _impl functions with an
// importance matrix qw.
func quantizeK32(b []byte, x, qw []float32, L []uint8, nmax int) {
	var mins, scales, sw [8]float32
	var weights [256]float32
	s := b[4:16]
	clear(s)
	if qw == nil {
		rmin, nstep := float32(-1), 20
		if nmax == 31 {
			rmin, nstep = -0.5, 15
		}
		// nil weights: ggml's √(Σx²/32) + |x| per group, made in the lanes
		simd.QKX(x[:256], nil, L, scales[:], mins[:], 32, nmax, rmin, 0.1, nstep, false)
		var maxScale, maxMin float32
		for j := range 8 {
			if scales[j] > maxScale {
				maxScale = scales[j]
			}
			if mins[j] > maxMin {
				maxMin = mins[j]
			}
		}
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
			setScaleMinK4(s, j, ls, lm)
		}
		putF16(b, maxScale/63)
		putF16(b[2:], maxMin/63)
	} else {
		sigma2 := 2 * sumSquares(x) / 256
		weighGroups(weights[:], sw[:], x[:256], qw, sigma2, 32)
		simd.QKX(x[:256], weights[:], L, scales[:], mins[:], 32, nmax, -0.9, 0.05, 36, false)
		var Ls, Lm [8]uint8
		dBlock := makeQP(63, scales[:], Ls[:], sw[:])
		mBlock := makeQP(63, mins[:], Lm[:], sw[:])
		for j := range 8 {
			setScaleMinK4(s, j, min(63, Ls[j]), min(63, Lm[j]))
		}
		putF16(b, dBlock)
		putF16(b[2:], mBlock)
	}
	d, dmin := getF16(b), getF16(b[2:])
	var dl, dm [8]float32
	for j := range 8 {
		sc, m := simd.ScaleMinK4(s, j)
		dl[j] = d * float32(sc)
		dm[j] = dmin * float32(m)
	}
	simd.DivLevels(L, x[:256], dm[:], dl[:], 32, 0, int32(nmax), 0)
}

// quantizeQ4_K is quantize_row_q4_K_ref, or quantize_row_q4_K_impl with an
// importance matrix.
func quantizeQ4_K(dst []byte, src, imatrix []float32) {
	var L [256]uint8
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[144*i:144*i+144]
		var qw []float32
		if imatrix != nil {
			qw = imatrix[256*i : 256*i+256]
		}
		quantizeK32(b, x, qw, L[:], 15)
		packQ4(b[16:144], L[:])
	}
}

// quantizeQ5_K is quantize_row_q5_K_ref, or quantize_row_q5_K_impl with an
// importance matrix.
func quantizeQ5_K(dst []byte, src, imatrix []float32) {
	var L [256]uint8
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[176*i:176*i+176]
		var qw []float32
		if imatrix != nil {
			qw = imatrix[256*i : 256*i+256]
		}
		quantizeK32(b, x, qw, L[:], 31)
		packQ5(b[16:48], b[48:176], L[:])
	}
}
