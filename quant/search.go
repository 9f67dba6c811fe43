package quant

// The scale searches of ggml's K-quants (src/ggml-quants.c): each fits one
// group of values to a grid of integer levels and returns the scale. They are
// written in ggml's operation order so that the levels come out identical.

// groupMaxEps is ggml's GROUP_MAX_EPS: a group whose largest magnitude is
// below it is all zero.
const groupMaxEps = 1e-15

// makeQP is make_qp_quants: levels 0 … nmax for non-negative x (the scales
// and minimums of a super-block) under weights qw.
func makeQP(nmax int, x []float32, L []uint8, qw []float32) float32 {
	var vmax float32
	for _, v := range x {
		if v > vmax {
			vmax = v
		}
	}
	if vmax < groupMaxEps {
		clear(L[:len(x)])
		return 0
	}
	fmax := float32(nmax)
	iscale := fmax / vmax
	for i, v := range x {
		L[i] = uint8(nearestInt(iscale * v))
	}
	scale := 1 / iscale
	var bestMSE float32
	for i, v := range x {
		diff := v - float32(scale*float32(L[i]))
		bestMSE += float32(qw[i] * diff * diff)
	}
	for is := -4; is <= 4; is++ {
		if is == 0 {
			continue
		}
		iscaleIs := (float32(0.1*float32(is)) + fmax) / vmax
		scaleIs := 1 / iscaleIs
		var mse float32
		for i, v := range x {
			l := min(nmax, nearestInt(iscaleIs*v))
			diff := v - float32(scaleIs*float32(l))
			mse += float32(qw[i] * diff * diff)
		}
		if mse < bestMSE {
			bestMSE, iscale = mse, iscaleIs
		}
	}
	var sumlx, suml2 float32
	for i, v := range x {
		l := min(nmax, nearestInt(iscale*v))
		L[i] = uint8(l)
		w, fl := qw[i], float32(l)
		sumlx += float32(w * v * fl)
		suml2 += float32(w * fl * fl)
	}
	for range 5 {
		changed := false
		for i, v := range x {
			w, fl := qw[i], float32(L[i])
			slx := sumlx - float32(w*v*fl)
			sl2 := suml2 - float32(w*fl*fl)
			if slx > 0 && sl2 > 0 {
				nl := min(nmax, nearestInt(v*sl2/slx))
				if nl != int(L[i]) {
					fn := float32(nl)
					slx += float32(w * v * fn)
					sl2 += float32(w * fn * fn)
					if slx*slx*suml2 > sumlx*sumlx*sl2 {
						L[i], sumlx, suml2 = uint8(nl), slx, sl2
						changed = true
					}
				}
			}
		}
		if !changed {
			break
		}
	}
	if suml2 > 0 {
		return sumlx / suml2
	}
	return 0
}
