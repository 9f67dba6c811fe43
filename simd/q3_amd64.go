//go:build amd64 && gc && !purego && !noasm

package simd

import "unsafe"

// q3Search runs make_q3_quants for 8 groups in lanes (see the assembly).
//
//go:noescape
func q3Search(xT, wT, wvT *float32, n int, vmax *[8]float32, nmax int32, LT *int32, scale *[8]float32, out *byte)

// q3Lanes runs Q3 on 8 groups of n ≤ 32 values (n a multiple of 8).
func q3Lanes(x []float32, L []int8, scale []float32, n, nmax int) {
	var xT, wT, wvT [8 * 32]float32
	var LT [8 * 32]int32
	var levels [8 * 32]byte
	var vmax, amax, sc [8]float32
	_ = x[8*n-1]
	transpose8(&x[0], n, &xT[0])
	qxWeights(&xT[0], &wT[0], &wvT[0], n, true, &vmax, &amax)
	q3Search(&xT[0], &wT[0], &wvT[0], n, &vmax, int32(nmax), &LT[0], &sc, &levels[0])
	_ = L[8*n-1]
	transposeBytes8(&levels[0], n, (*byte)(unsafe.Pointer(&L[0])))
	for k := range 8 {
		scale[k] = sc[k]
		if amax[k] < qxGroupMaxEps {
			clear(L[k*n : (k+1)*n])
			scale[k] = 0
		}
	}
}

// q3Vector runs Q3 eight groups at a time in q3Lanes, the rest in q3Generic.
func q3Vector(x []float32, L []int8, scale []float32, n, nmax int) {
	groups := len(x) / n
	g := 0
	if n <= 32 && n%8 == 0 {
		for ; g+8 <= groups; g += 8 {
			q3Lanes(x[g*n:], L[g*n:], scale[g:], n, nmax)
		}
	}
	q3Generic(x[g*n:groups*n], L[g*n:], scale[g:], n, nmax)
}

func init() {
	register("q3", impl{"avx2", hasAVX2, func() { q3InLanes = true }}, impl{"generic", true, func() { q3InLanes = false }})
	q3InLanes = hasAVX2
}
