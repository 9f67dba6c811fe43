package quant

import "github.com/shrinkml/shrink/simd"

// q2_K and q3_K: super-blocks of 256 values in 16 groups of 16, with 4-bit
// (q2_K: scale and minimum) or 6-bit (q3_K: signed scale) group scales under
// fp16 super-block scales.

// quantizeQ2_K is quantize_row_q2_K_ref, or quantize_row_q2_K_impl with an
// importance matrix.
func quantizeQ2_K(dst []byte, src, imatrix []float32) {
	var L [256]uint8
	var w [256]float32
	var mins, scales, sumX2 [16]float32
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[84*i:84*i+84]
		sc := b[:16]
		if imatrix != nil {
			if i%16 == 0 { // the next 16 super-blocks' Σx², side by side
				simd.SumSquares(sumX2[:], src[256*i:256*min(i+16, len(src)/256)], 256)
			}
			quantizeQ2_KWeighted(b, x, imatrix[256*i:256*i+256], L[:], sumX2[i%16]/256)
			continue
		}
		for l, v := range x {
			w[l] = abs32(v)
		}
		simd.QKX(x, w[:], L[:], scales[:], mins[:], 16, 3, -0.5, 0.1, 15, true)
		maxScale, maxMin := maxOrZero(scales[:]), maxOrZero(mins[:])
		if maxScale > 0 {
			iscale := 15 / maxScale
			for j := range 16 {
				sc[j] = uint8(nearestInt(iscale * scales[j]))
			}
			putF16(b[80:], maxScale/15)
		} else {
			clear(sc)
			putF16(b[80:], 0)
		}
		if maxMin > 0 {
			iscale := 15 / maxMin
			for j := range 16 {
				sc[j] |= uint8(nearestInt(iscale*mins[j])) << 4
			}
			putF16(b[82:], maxMin/15)
		} else {
			putF16(b[82:], 0)
		}
		requantQ2_K(b, x, L[:])
		packQ2(b[16:80], L[:])
	}
}

// requantQ2_K sets each level again from the stored (fp16-rounded) scales.
func requantQ2_K(b []byte, x []float32, L []uint8) {
	d, dmin := getF16(b[80:]), getF16(b[82:])
	var dl, ml [16]float32
	for j := range 16 {
		dl[j] = d * float32(b[j]&0xf)
		ml[j] = dmin * float32(b[j]>>4)
	}
	simd.DivLevels(L, x, ml[:], dl[:], 16, 0, 3, 0)
}

// quantizeQ2_KWeighted is quantize_row_q2_K_impl's body for one super-block
// under importance qw, with σ² = Σx²/256.
func quantizeQ2_KWeighted(b []byte, x, qw []float32, L []uint8, sigma2 float32) {
	var w [256]float32
	var mins, scales, sw [16]float32
	var Ls, Lm [16]uint8
	weighGroups(w[:], sw[:], x, qw, sigma2, 16)
	simd.QKX(x, w[:], L, scales[:], mins[:], 16, 3, -0.9, 0.05, 36, false)
	dm := makeQP(15, scales[:], Ls[:], sw[:])
	mm := makeQP(15, mins[:], Lm[:], sw[:])
	putF16(b[80:], dm)
	putF16(b[82:], mm)
	for j := range 16 {
		b[j] = Ls[j] | Lm[j]<<4
	}
	requantQ2_K(b, x, L)
	packQ2(b[16:80], L)
}

// setQ3Scale stores the 6-bit group scale l (0..63) of group j in q3_K's
// 12 scale bytes: low nibbles in bytes 0..7, high pairs in bytes 8..11.
func setQ3Scale(s []byte, j, l int) {
	if j < 8 {
		s[j] = byte(l & 0xf)
	} else {
		s[j-8] |= byte(l&0xf) << 4
	}
	s[8+j%4] |= byte(l>>4) << (2 * (j / 4))
}

// q3KChunk is how many super-blocks of q3_K get their scale search in one
// simd.Q3 call (the lanes work best on many groups at once).
const q3KChunk = 8

// quantizeQ3_K is quantize_row_q3_K_ref, or quantize_row_q3_K_impl with an
// importance matrix.
func quantizeQ3_K(dst []byte, src, imatrix []float32) {
	if imatrix != nil {
		quantizeQ3_KWeighted(dst, src, imatrix)
		return
	}
	var L [256 * q3KChunk]int8
	var scales [16 * q3KChunk]float32
	for c := 0; c < len(src)/256; c += q3KChunk {
		blocks := min(q3KChunk, len(src)/256-c)
		simd.Q3(src[256*c:256*(c+blocks)], L[:256*blocks], scales[:16*blocks], 16, 4)
		for i := range blocks {
			x, b := src[256*(c+i):256*(c+i+1)], dst[110*(c+i):110*(c+i+1)]
			setQ3_KScales(b, scales[16*i:16*i+16])
			finishQ3_K(b, x, L[256*i:256*i+256])
		}
	}
}

// quantizeQ3_KWeighted is quantize_row_q3_K_impl, q3KChunk super-blocks at
// a time: the levels' search over all their groups in one simd.QX call,
// then the search for each super-block's scale of its 16 group scales
// (one group per super-block, so that these run in the lanes too).
func quantizeQ3_KWeighted(dst []byte, src, imatrix []float32) {
	var L [256 * q3KChunk]int8
	var w [256 * q3KChunk]float32
	var scales, sw [16 * q3KChunk]float32
	var Ls [16 * q3KChunk]int8
	var d, sumX2 [q3KChunk]float32
	for c := 0; c < len(src)/256; c += q3KChunk {
		blocks := min(q3KChunk, len(src)/256-c)
		x := src[256*c : 256*(c+blocks)]
		simd.SumSquares(sumX2[:blocks], x, 256)
		for i := range blocks {
			xb := x[256*i : 256*i+256]
			sigma2 := 2 * sumX2[i] / 256
			weighGroups(w[256*i:256*i+256], sw[16*i:16*i+16], xb, imatrix[256*(c+i):256*(c+i+1)], sigma2, 16)
		}
		simd.QX(x, w[:len(x)], L[:len(x)], scales[:16*blocks], 16, 4)
		simd.QX(scales[:16*blocks], sw[:16*blocks], Ls[:16*blocks], d[:blocks], 16, 32)
		for i := range blocks {
			b := dst[110*(c+i) : 110*(c+i+1)]
			s := b[96:108]
			clear(s)
			for j := range 16 {
				setQ3Scale(s, j, int(Ls[16*i+j]))
			}
			putF16(b[108:], d[i])
			finishQ3_K(b, x[256*i:256*i+256], L[256*i:256*i+256])
		}
	}
}

// setQ3_KScales quantizes the 16 group scales of a super-block to 6 bits
// under one fp16 scale.
func setQ3_KScales(b []byte, scales []float32) {
	s := b[96:108]
	clear(s)
	var maxScale, amax float32
	for j := range 16 {
		if a := abs32(scales[j]); a > amax {
			amax, maxScale = a, scales[j]
		}
	}
	if maxScale == 0 {
		putF16(b[108:], 0)
		return
	}
	iscale := -32 / maxScale
	for j := range 16 {
		l := int(int8(nearestInt(iscale * scales[j])))
		setQ3Scale(s, j, max(-32, min(31, l))+32)
	}
	putF16(b[108:], 1/iscale)
}

// finishQ3_K fits the levels L again to the stored scales and packs them.
func finishQ3_K(b []byte, x []float32, L []int8) {
	d := getF16(b[108:])
	var dl [16]float32
	for j := range 16 {
		dl[j] = d * float32(simd.Q3Scale(b[96:108], j))
	}
	simd.DivLevels(L, x, nil, dl[:], 16, -4, 3, 4)
	packQ3High(b[:32], L)
	packQ2(b[32:96], L)
}
