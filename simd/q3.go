package simd

// Q3 is ggml's make_q3_quants with do_rmse (the scale search of q3_K
// without an importance matrix) for len(x)/n groups of n values: levels
// −nmax … nmax−1 fitted to the value of largest magnitude, then refined by
// up to 5 passes of coordinate descent under x² weights; the levels plus
// nmax go to L[g·n:(g+1)·n] and the scale to scale[g]. A group whose
// largest magnitude is below 1e-15 gets scale 0 and levels 0.
//
// The assembly versions run 8 groups in the lanes of a vector register,
// each lane taking ggml's decisions in ggml's order; a lane whose pass
// changed nothing keeps its state through the passes other lanes still
// need, as ggml would have stopped with that same state.
func Q3(x []float32, L []int8, scale []float32, n, nmax int) {
	if q3InLanes {
		q3Vector(x, L, scale, n, nmax)
		return
	}
	q3Generic(x, L, scale, n, nmax)
}

// q3InLanes selects q3Vector.
var q3InLanes bool

func q3Generic(x []float32, L []int8, scale []float32, n, nmax int) {
	for g := range len(x) / n {
		scale[g] = q3Group(nmax, x[g*n:(g+1)*n], L[g*n:(g+1)*n])
	}
}

// q3Group is one group of Q3 in scalar Go.
func q3Group(nmax int, x []float32, L []int8) float32 {
	vmax, amax := qxMax(x)
	if amax < qxGroupMaxEps {
		clear(L[:len(x)])
		return 0
	}
	iscale := -float32(nmax) / vmax
	var sumlx, suml2 float32
	for i, v := range x {
		l := max(-nmax, min(nmax-1, nearestInt(iscale*v)))
		L[i] = int8(l)
		w, fl := v*v, float32(l)
		sumlx += float32(w * v * fl)
		suml2 += float32(w * fl * fl)
	}
	for range 5 {
		changed := false
		for i, v := range x {
			w, fl := v*v, float32(L[i])
			slx := sumlx - float32(w*v*fl)
			if slx > 0 {
				sl2 := suml2 - float32(w*fl*fl)
				nl := max(-nmax, min(nmax-1, nearestInt(v*sl2/slx)))
				if nl != int(L[i]) {
					fn := float32(nl)
					slx += float32(w * v * fn)
					sl2 += float32(w * fn * fn)
					if sl2 > 0 && slx*slx*suml2 > sumlx*sumlx*sl2 {
						L[i], sumlx, suml2 = int8(nl), slx, sl2
						changed = true
					}
				}
			}
		}
		if !changed {
			break
		}
	}
	for i := range x {
		L[i] += int8(nmax)
	}
	if suml2 > 0 {
		return sumlx / suml2
	}
	return 0
}
