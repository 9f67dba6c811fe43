//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

import "unsafe"

// q3Search runs make_q3_quants for 16 groups in two interleaved sets of 8
// lanes (q3_amd64.s, q3_arm64.s).
//
//go:noescape
func q3Search(xT, wT, wvT *float32, n int, vmax *[16]float32, nmax int32, lT *int32, scale *[16]float32, out *byte)

// q3LaneRows is the longest group q3Lanes takes: q3_K's groups are 16
// values, and the lane buffers (zeroed by Go on every call) stay small.
const q3LaneRows = 16

// q3Lanes runs Q3 on 16 groups of n ≤ q3LaneRows values (n a multiple of
// 8): each set of 8 groups transposed into lanes with its weights and
// extremes, both sets searched together.
func q3Lanes(x []float32, L []int8, scale []float32, n, nmax int) {
	var xT, wT, wvT [16 * q3LaneRows]float32
	var LT [16 * q3LaneRows]int32
	var levels [16 * q3LaneRows]byte
	var vmax, amax, sc [16]float32
	_ = x[16*n-1]
	_ = L[16*n-1]
	for s := 0; s < 16*n; s += 8 * n {
		transpose8(&x[s], n, &xT[s])
		qxWeights(&xT[s], &wT[s], &wvT[s], n, true, (*[8]float32)(vmax[s/n:]), (*[8]float32)(amax[s/n:]))
	}
	q3Search(&xT[0], &wT[0], &wvT[0], n, &vmax, int32(nmax), &LT[0], &sc, &levels[0])
	for s := 0; s < 16*n; s += 8 * n {
		transposeBytes8(&levels[s], n, (*byte)(unsafe.Pointer(&L[s])))
	}
	for k := range 16 {
		scale[k] = sc[k]
		if amax[k] < qxGroupMaxEps {
			clear(L[k*n : (k+1)*n])
			scale[k] = 0
		}
	}
}

// q3Vector runs Q3 sixteen groups at a time in q3Lanes, the rest in
// q3Generic.
func q3Vector(x []float32, L []int8, scale []float32, n, nmax int) {
	groups := len(x) / n
	g := 0
	if n <= q3LaneRows && n%8 == 0 {
		for ; g+16 <= groups; g += 16 {
			q3Lanes(x[g*n:], L[g*n:], scale[g:], n, nmax)
		}
	}
	q3Generic(x[g*n:groups*n], L[g*n:], scale[g:], n, nmax)
}
