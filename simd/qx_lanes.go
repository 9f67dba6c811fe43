//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

import "unsafe"

// qxSearch runs QX for 8 groups in lanes, x = xT[8i:8i+8], w = wT[…] and
// wv = wvT[…] (= w·x) for i < n, vmax the lanes' values of largest
// magnitude: each candidate c is iscale = nums[c]/vmax, and the winner's
// scale and levels (plus nmax, at levels[8i+k]) are written out. The
// choice follows ggml's comparisons lane by lane.
//
//go:noescape
func qxSearch(xT, wT, wvT *float32, n int, vmax *[8]float32, nums *float32, ncand int, nmax int32, scale *[8]float32, levels *byte)

// qxNums holds, per nmax, the numerators of QX's candidate inverse scales:
// −nmax, then −(nmax + 0.1·is) for is = −9 … −1, 1 … 9, as ggml rounds
// them.
func qxNums(nmax int) (nums [19]float32) {
	fmax := float32(nmax)
	nums[0] = -fmax
	c := 1
	for is := -9; is <= 9; is++ {
		if is != 0 {
			nums[c] = -(fmax + float32(0.1*float32(is)))
			c++
		}
	}
	return nums
}

// qxWeights fills, for 8 lanes of n rows, wT with x·x when squares is
// set, wvT with w·x, and per lane the first value of largest magnitude
// and that magnitude.
//
//go:noescape
func qxWeights(xT, wT, wvT *float32, n int, squares bool, vmax, amax *[8]float32)

// qxBuffer is qxLanes' workspace: 8 groups of up to 32 values in lanes
// (x, weights, weights·x, levels), kept by qxVector across its calls so
// that Go zeroes it once per QX call.
type qxBuffer struct {
	xT, wT, wvT [8 * 32]float32
	levels      [8 * 32]byte
}

// qxLanes runs QX on 8 groups of n ≤ 32 values (n a multiple of 8) in
// assembly: transpose into lanes, weights and extremes, search.
func qxLanes(b *qxBuffer, x, w []float32, L []int8, scale []float32, n, nmax int, nums *[19]float32) {
	var vmax, amax, sc [8]float32
	_ = x[8*n-1]
	transpose8(&x[0], n, &b.xT[0])
	if w != nil {
		_ = w[8*n-1]
		transpose8(&w[0], n, &b.wT[0])
	}
	qxWeights(&b.xT[0], &b.wT[0], &b.wvT[0], n, w == nil, &vmax, &amax)
	qxSearch(&b.xT[0], &b.wT[0], &b.wvT[0], n, &vmax, &nums[0], len(nums), int32(nmax), &sc, &b.levels[0])
	_ = L[8*n-1]
	transposeBytes8(&b.levels[0], n, (*byte)(unsafe.Pointer(&L[0])))
	for k := range 8 {
		scale[k] = sc[k]
		if amax[k] < qxGroupMaxEps {
			clear(L[k*n : (k+1)*n])
			scale[k] = 0
		}
	}
}

// qxVector runs QX eight groups at a time in qxLanes, the rest in qxGeneric.
func qxVector(x, w []float32, L []int8, scale []float32, n, nmax int) {
	groups := len(x) / n
	g := 0
	if n <= 32 && n%8 == 0 {
		nums := qxNums(nmax)
		var b qxBuffer
		for ; g+8 <= groups; g += 8 {
			var wg []float32
			if w != nil {
				wg = w[g*n:]
			}
			qxLanes(&b, x[g*n:], wg, L[g*n:], scale[g:], n, nmax, &nums)
		}
	}
	var wg []float32
	if w != nil {
		wg = w[g*n : groups*n]
	}
	qxGeneric(x[g*n:groups*n], wg, L[g*n:], scale[g:], n, nmax)
}
