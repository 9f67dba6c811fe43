//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// qkxLaneState is the per-lane state of qkxCandidates (its layout is
// fixed by the assembly): 8 groups' minimum and maximum (lo is replaced
// by the best candidate's minimum), Σw and Σw·x, the best scale and error,
// all ones in live for groups that are not constant, and the iscale and
// minimum the best candidate's levels were made from.
type qkxLaneState struct {
	lo, hi, sumW, sumX, scale, bestErr [8]float32
	live                               [8]uint32
	winIscale, winLo                   [8]float32
	xmin, fmax                         [8]float32 // the smallest x and nmax: qkx_amd64.s's float path (its qkxPrep fills them)
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

// qkxRMSAbs sets, for 8 lanes of n rows, wT to √(Σx²/n) + |x| per lane
// (rmsAbsWeights in lanes).
//
//go:noescape
func qkxRMSAbs(xT, wT *float32, n int)

// qkxLanes runs QKX on 8 groups of n ≤ 32 values (n a multiple of 8) in
// assembly, Go only sequencing the steps and unpacking the levels.
func qkxLanes(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	var xT, wT, aux [8 * 32]float32
	var st qkxLaneState
	var iscale [8]float32
	fmax := float32(nmax)
	_ = x[8*n-1]
	transpose8(&x[0], n, &xT[0])
	if w != nil {
		_ = w[8*n-1]
		transpose8(&w[0], n, &wT[0])
	} else {
		qkxRMSAbs(&xT[0], &wT[0], n)
	}
	qkxPrep(&xT[0], &wT[0], n, &st, fmax, &iscale)
	var steps [64]float32
	nsteps := 0
	if nstep >= 1 {
		nsteps = nstep + 1
		for is := range nsteps {
			steps[is] = rmin + float32(rdelta*float32(is)) + fmax
		}
	}
	var levels [8 * 32]byte
	qkxCandidates(&xT[0], &wT[0], &aux[0], n, &st, int32(nmax), useMAD, &steps[0], nsteps, &iscale, &levels[0])
	_ = L[8*n-1]
	transposeBytes8(&levels[0], n, &L[0])
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
	if n <= 32 && n%8 == 0 && nstep < 64 {
		for ; g+8 <= groups; g += 8 {
			var wg []float32
			if w != nil {
				wg = w[g*n:]
			}
			qkxLanes(x[g*n:], wg, L[g*n:], scale[g:], negMin[g:], n, nmax, rmin, rdelta, nstep, useMAD)
		}
	}
	var wg []float32
	if w != nil {
		wg = w[g*n : groups*n]
	}
	qkxGeneric(x[g*n:groups*n], wg, L[g*n:], scale[g:], negMin[g:], n, nmax, rmin, rdelta, nstep, useMAD)
}

func useQKXAsm()     { qkxInLanes = true }
func useQKXGeneric() { qkxInLanes = false }
