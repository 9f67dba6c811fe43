package simd

// QX is ggml's make_qx_quants with rmse_type 1 for ngroups groups of n
// values at once, the symmetric scale search of q6_K, q3_K with an
// importance matrix and q4_0/q5_0 with one: for each group g (values
// x[g·n:(g+1)·n]) it fits levels −nmax … nmax−1 to the value of largest
// magnitude, tries the scales (nmax + 0.1·is)/max for is = −9 … 9, keeps
// the one with the smallest weighted squared error, and writes the levels
// plus nmax to L[g·n:(g+1)·n] and the scale to scale[g]. Weights are
// w[g·n+i], or x² when w is nil. A group whose largest magnitude is below
// 1e-15 gets scale 0 and levels 0 (not nmax), as ggml leaves it.
//
// The assembly versions compute every candidate's sums for 8 groups in
// the lanes of a vector register, in the scalar operation order, and pick
// the winner in Go with ggml's comparisons, so the results are bit-identical.
func QX(x, w []float32, L []int8, scale []float32, n, nmax int) {
	if qxInLanes {
		qxVector(x, w, L, scale, n, nmax)
		return
	}
	qxGeneric(x, w, L, scale, n, nmax)
}

// qxInLanes selects qxVector (a flag, not a function variable, so that
// callers' buffers stay on the stack).
var qxInLanes bool

// qxGroupMaxEps is ggml's GROUP_MAX_EPS.
const qxGroupMaxEps = 1e-15

func qxGeneric(x, w []float32, L []int8, scale []float32, n, nmax int) {
	for g := range len(x) / n {
		var wg []float32
		if w != nil {
			wg = w[g*n : (g+1)*n]
		}
		scale[g] = qxGroup(nmax, x[g*n:(g+1)*n], wg, L[g*n:(g+1)*n])
	}
}

// qxMax returns the value of largest magnitude in x (the first of equals)
// and that magnitude.
func qxMax(x []float32) (vmax, amax float32) {
	for _, v := range x {
		if a := abs32(v); a > amax {
			amax, vmax = a, v
		}
	}
	return vmax, amax
}

// qxGroup is one group of QX in scalar Go, products rounded to float32
// before they are summed.
func qxGroup(nmax int, x, weights []float32, L []int8) float32 {
	vmax, amax := qxMax(x)
	if amax < qxGroupMaxEps {
		clear(L[:len(x)])
		return 0
	}
	fmax := float32(nmax)
	weight := func(i int) float32 {
		if weights != nil {
			return weights[i]
		}
		return x[i] * x[i]
	}
	level := func(iscale, v float32) int { return max(-nmax, min(nmax-1, nearestInt(iscale*v))) }
	iscale := -fmax / vmax
	var sumlx, suml2 float32
	for i, v := range x {
		l := level(iscale, v)
		L[i] = int8(l + nmax)
		w, fl := weight(i), float32(l)
		sumlx += float32(w * v * fl)
		suml2 += float32(w * fl * fl)
	}
	var scale float32
	if suml2 != 0 {
		scale = sumlx / suml2
	}
	best := scale * sumlx
	for is := -9; is <= 9; is++ {
		if is == 0 {
			continue
		}
		iscale = -(fmax + float32(0.1*float32(is))) / vmax
		sumlx, suml2 = 0, 0
		for i, v := range x {
			w, fl := weight(i), float32(level(iscale, v))
			sumlx += float32(w * v * fl)
			suml2 += float32(w * fl * fl)
		}
		if suml2 > 0 && sumlx*sumlx > best*suml2 {
			for i, v := range x {
				L[i] = int8(level(iscale, v) + nmax)
			}
			scale = sumlx / suml2
			best = scale * sumlx
		}
	}
	return scale
}
