//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

import "math"

// qkxLaneState is the per-lane state of qkxCandidates (its layout is
// fixed by the assembly): 8 groups' minimum and maximum (lo is replaced
// by the best candidate's minimum), Σw and Σw·x, the best scale and error,
// all ones in live for groups that are not constant, and the iscale and
// minimum the best candidate's levels were made from.
type qkxLaneState struct {
	lo, hi, sumW, sumX, scale, bestErr [8]float32
	live                               [8]uint32
	winIscale, winLo                   [8]float32
	xmin, fmax, fmaxHalf               [8]float32 // the smallest x, nmax and nmax + 0.5: qkx_amd64.s's float paths (its qkxPrep fills them)
}

// qkxCandidates runs QKX for 8 groups in lanes after qkxPrep: the first
// fit under iscale0, then one candidate per entry of steps (rmin +
// rdelta·is + nmax, computed by the caller exactly as ggml does), writing
// the best levels as bytes, row by row, to out.
//
//go:noescape
func qkxCandidates(xT, wT, aux *float32, n int, st *qkxLaneState, nmax int32, mad bool, steps *float32, nsteps int, iscale0 *[8]float32, out *byte)

// qkxPrep starts QKX for 8 lanes of n rows: extremes, sums, live lanes,
// the first inverse scale and its scale (see the assembly for the order).
//
//go:noescape
func qkxPrep(xT, wT *float32, n int, st *qkxLaneState, fmax float32, iscale *[8]float32)

// qkxAbsPlus sets, for 8 lanes of n rows, wT to rms + |x| per lane.
//
//go:noescape
func qkxAbsPlus(xT, wT *float32, n int, rms *[8]float32)

// qkxRMSAbs makes ggml's q4_K/q5_K weights √(Σx²/n) + |x| (rmsAbsWeights)
// for 8 lanes of n rows: the sums in order by sumSquaresLanes, the root in
// Go (correctly rounded, as the vector square root is).
func qkxRMSAbs(xT, wT *float32, n int) {
	var rms [8]float32
	sumSquaresLanes(xT, n, &rms)
	for k, s := range rms {
		rms[k] = float32(math.Sqrt(float64(s / float32(n))))
	}
	qkxAbsPlus(xT, wT, n, &rms)
}

// qkxBuffer is qkxLanes' workspace, kept by qkxVector across its calls so
// that Go zeroes it once per QKX call: 8 groups of up to 32 values in lanes
// (x, weights, the candidate's levels), the best levels as bytes, and the
// candidates' numerators rmin + rdelta·is + nmax.
type qkxBuffer struct {
	xT, wT, aux [8 * 32]float32
	levels      [8 * 32]byte
	steps       [64]float32
	nsteps      int
}

// qkxLanes runs QKX on 8 groups of n ≤ 32 values (n a multiple of 8) in
// assembly, Go only sequencing the steps and unpacking the levels.
func qkxLanes(b *qkxBuffer, x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, useMAD bool) {
	var st qkxLaneState
	var iscale [8]float32
	_ = x[8*n-1]
	transpose8(&x[0], n, &b.xT[0])
	if w != nil {
		_ = w[8*n-1]
		transpose8(&w[0], n, &b.wT[0])
	} else {
		qkxRMSAbs(&b.xT[0], &b.wT[0], n)
	}
	qkxPrep(&b.xT[0], &b.wT[0], n, &st, float32(nmax), &iscale)
	qkxCandidates(&b.xT[0], &b.wT[0], &b.aux[0], n, &st, int32(nmax), useMAD, &b.steps[0], b.nsteps, &iscale, &b.levels[0])
	_ = L[8*n-1]
	transposeBytes8(&b.levels[0], n, &L[0])
	for k := range 8 {
		scale[k], negMin[k] = st.scale[k], -st.lo[k]
		if st.live[k] == 0 {
			clear(L[k*n : (k+1)*n])
			scale[k] = 0
		}
	}
}

// qkxVector runs QKX eight groups at a time in qkxLanes, and the groups
// left over (or groups longer than 32) in qkxGeneric.
func qkxVector(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	groups := len(x) / n
	g := 0
	if n <= 32 && n%8 == 0 && nstep < 64 && groups >= 8 {
		var b qkxBuffer
		if nstep >= 1 {
			b.nsteps = nstep + 1
			for is := range b.nsteps {
				b.steps[is] = rmin + float32(rdelta*float32(is)) + float32(nmax)
			}
		}
		for ; g+8 <= groups; g += 8 {
			var wg []float32
			if w != nil {
				wg = w[g*n:]
			}
			qkxLanes(&b, x[g*n:], wg, L[g*n:], scale[g:], negMin[g:], n, nmax, useMAD)
		}
	}
	if g == groups {
		return
	}
	var wg []float32
	if w != nil {
		wg = w[g*n : groups*n]
	}
	qkxGeneric(x[g*n:groups*n], wg, L[g*n:], scale[g:], negMin[g:], n, nmax, rmin, rdelta, nstep, useMAD)
}

func useQKXAsm()     { qkxInLanes = true }
func useQKXGeneric() { qkxInLanes = false }
