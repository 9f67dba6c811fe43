package simd

import "math"

// QKX is ggml's make_qkx2_quants (make_qkx3_quants with weights given is
// the same function) for ngroups groups of n values at once, the scale
// search of q2_K, q4_K, q5_K and of q4_1/q5_1 with an importance matrix:
// for each group g (values x[g·n:(g+1)·n], weights w[…]) it fits levels
// 0 … nmax with a scale and a minimum, trying nstep+1 candidate scales
// (rmin + rdelta·is + nmax)/(max − min), and writes the levels to
// L[g·n:(g+1)·n], the scale to scale[g] and −min to negMin[g]. Each group
// is computed exactly as the scalar C does it: the assembly versions run 8
// groups in the lanes of a vector register, each lane doing its own
// group's operations in ggml's order, so the results are bit-identical.
//
// w nil stands for the weights of q4_K and q5_K without an importance
// matrix, √(Σx²/n) + |x| per group (the sum of squares in order), which
// the assembly versions compute in the lanes.
func QKX(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	if qkxInLanes {
		qkxVector(x, w, L, scale, negMin, n, nmax, rmin, rdelta, nstep, useMAD)
		return
	}
	qkxGeneric(x, w, L, scale, negMin, n, nmax, rmin, rdelta, nstep, useMAD)
}

// qkxInLanes selects qkxVector. It is a flag rather than a function
// variable so that escape analysis sees the direct calls and the callers'
// stack buffers stay on the stack.
var qkxInLanes bool

func qkxGeneric(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	var aux [256]uint8
	var rms [256]float32
	for g := range len(x) / n {
		xg := x[g*n : (g+1)*n]
		var wg []float32
		if w != nil {
			wg = w[g*n : (g+1)*n]
		} else {
			wg = rms[:n]
			rmsAbsWeights(wg, xg)
		}
		scale[g], negMin[g] = qkxGroup(nmax, xg, wg, L[g*n:(g+1)*n], aux[:n], rmin, rdelta, nstep, useMAD)
	}
}

// rmsAbsWeights sets w to √(Σx²/n) + |x|, ggml's weights for q4_K and
// q5_K without an importance matrix (n = len(x); the squares rounded to
// float32 and added in order).
func rmsAbsWeights(w, x []float32) {
	var sum float32
	for _, v := range x {
		sum += float32(v * v)
	}
	rms := float32(math.Sqrt(float64(sum / float32(len(x)))))
	for i, v := range x {
		w[i] = rms + abs32(v)
	}
}

// nearestInt is ggml's nearest_int: round to nearest even by adding
// 1.5·2²³ and reading the low mantissa bits (meaningful for |x| ≤ 2²²).
func nearestInt(x float32) int {
	v := float32(x) + 12582912
	return int(math.Float32bits(v)&0x7fffff) - 0x400000
}

func abs32(x float32) float32 { return math.Float32frombits(math.Float32bits(x) &^ (1 << 31)) }

// qkxGroup is one group of QKX, in scalar Go: every product that feeds a
// sum is rounded to float32 first (float32(…)), so that no fused
// multiply-add changes a bit.
func qkxGroup(nmax int, x, weights []float32, L, aux []uint8, rmin, rdelta float32, nstep int, useMAD bool) (scale, negMin float32) {
	n := len(x)
	weights, L, aux = weights[:n], L[:n], aux[:n] // one bounds check, not one per use
	lo, hi := x[0], x[0]
	sumW := weights[0]
	sumX := sumW * x[0]
	for i := 1; i < len(x); i++ {
		v := x[i]
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
		w := weights[i]
		sumW += w
		sumX += float32(w * v)
	}
	if lo > 0 {
		lo = 0
	}
	if hi == lo {
		clear(L)
		return 0, -lo
	}
	fmax := float32(nmax)
	iscale := fmax / (hi - lo)
	scale = 1 / iscale
	var bestErr float32
	for i, v := range x {
		l := max(0, min(nmax, nearestInt(iscale*(v-lo))))
		L[i] = uint8(l)
		diff := float32(scale*float32(l)) + lo - v
		if useMAD {
			diff = abs32(diff)
		} else {
			diff = diff * diff
		}
		bestErr += float32(weights[i] * diff)
	}
	if nstep < 1 {
		return scale, -lo
	}
	for is := 0; is <= nstep; is++ {
		iscale = (rmin + float32(rdelta*float32(is)) + fmax) / (hi - lo)
		var sumL, sumL2, sumXL float32
		for i, v := range x {
			l := max(0, min(nmax, nearestInt(iscale*(v-lo))))
			aux[i] = uint8(l)
			w, fl := weights[i], float32(l)
			sumL += float32(w * fl)
			sumL2 += float32(w * fl * fl)
			sumXL += float32(w * fl * v)
		}
		D := float32(sumW*sumL2) - float32(sumL*sumL)
		if D > 0 {
			thisScale := (float32(sumW*sumXL) - float32(sumX*sumL)) / D
			thisMin := (float32(sumL2*sumX) - float32(sumL*sumXL)) / D
			if thisMin > 0 {
				thisMin = 0
				thisScale = sumXL / sumL2
			}
			var curErr float32
			for i, v := range x {
				diff := float32(thisScale*float32(aux[i])) + thisMin - v
				if useMAD {
					diff = abs32(diff)
				} else {
					diff = diff * diff
				}
				curErr += float32(weights[i] * diff)
			}
			if curErr < bestErr {
				copy(L, aux)
				bestErr, scale, lo = curErr, thisScale, thisMin
			}
		}
	}
	return scale, -lo
}
