//go:build amd64 && gc && !purego && !noasm

package simd

// qxCandidates computes, for 8 groups in lanes and each of ncand candidate
// inverse scales (iscales[8c:8c+8], one per lane), with x = xT[8i:8i+8],
// w = wT[8i:8i+8] and wv = wvT[8i:8i+8] (= w·x) for i < n,
//
//	l = clamp(nearest_int(iscale·x), −nmax, nmax−1)
//	sums[16c:16c+8] = Σ wv·l;  sums[16c+8:16c+16] = Σ (w·l)·l
//
// each lane summing in order with no fused multiply-add.
//
//go:noescape
func qxCandidates(xT, wT, wvT *float32, n int, iscales *float32, ncand int, nmax int32, sums *float32)

// qxCands is the number of candidates of QX: the first fit, then
// is = −9 … −1, 1 … 9.
const qxCands = 19

// qxLanes runs QX on 8 groups of n ≤ 32 values: Go transposes them into
// lanes and picks each lane's best candidate in ggml's order from the sums
// the assembly computes.
func qxLanes(x, w []float32, L []int8, scale []float32, n, nmax int) {
	var xT, wT, wvT [8 * 32]float32
	var iscales [qxCands * 8]float32
	var sums [qxCands * 16]float32
	var vmax [8]float32
	var live [8]bool
	fmax := float32(nmax)
	for k := range 8 {
		xs := x[k*n : (k+1)*n]
		var amax float32
		vmax[k], amax = qxMax(xs)
		live[k] = amax >= qxGroupMaxEps
		for i, v := range xs {
			wi := v * v
			if w != nil {
				wi = w[k*n+i]
			}
			xT[8*i+k], wT[8*i+k], wvT[8*i+k] = v, wi, wi*v
		}
		iscales[k] = -fmax / vmax[k]
		c := 1
		for is := -9; is <= 9; is++ {
			if is != 0 {
				iscales[8*c+k] = -(fmax + float32(0.1*float32(is))) / vmax[k]
				c++
			}
		}
	}
	qxCandidates(&xT[0], &wT[0], &wvT[0], n, &iscales[0], qxCands, int32(nmax), &sums[0])
	for k := range 8 {
		Lk := L[k*n : (k+1)*n]
		if !live[k] {
			clear(Lk)
			scale[k] = 0
			continue
		}
		sumlx, suml2 := sums[k], sums[8+k]
		var s float32
		if suml2 != 0 {
			s = sumlx / suml2
		}
		best, bestC := s*sumlx, 0
		for c := 1; c < qxCands; c++ {
			sumlx, suml2 = sums[16*c+k], sums[16*c+8+k]
			if suml2 > 0 && sumlx*sumlx > best*suml2 {
				s = sumlx / suml2
				best, bestC = s*sumlx, c
			}
		}
		scale[k] = s
		iscale := iscales[8*bestC+k]
		for i, v := range x[k*n : (k+1)*n] {
			Lk[i] = int8(max(-nmax, min(nmax-1, nearestInt(iscale*v))) + nmax)
		}
	}
}

// qxVector runs QX eight groups at a time in qxLanes, the rest in qxGeneric.
func qxVector(x, w []float32, L []int8, scale []float32, n, nmax int) {
	groups := len(x) / n
	g := 0
	if n <= 32 {
		for ; g+8 <= groups; g += 8 {
			var wg []float32
			if w != nil {
				wg = w[g*n:]
			}
			qxLanes(x[g*n:], wg, L[g*n:], scale[g:], n, nmax)
		}
	}
	var wg []float32
	if w != nil {
		wg = w[g*n : groups*n]
	}
	qxGeneric(x[g*n:groups*n], wg, L[g*n:], scale[g:], n, nmax)
}

func init() {
	register("qx", impl{"avx2", hasAVX2, func() { qxInLanes = true }}, impl{"generic", true, func() { qxInLanes = false }})
	qxInLanes = hasAVX2
}
