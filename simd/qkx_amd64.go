//go:build amd64 && gc && !purego && !noasm

package simd

// qkxSums is the inner loop of a QKX candidate for 8 groups in lanes: for
// each i < n, with x = xT[8i:8i+8] and w = wT[8i:8i+8] (group k in lane k),
//
//	l = clamp(nearest_int(iscale·(x − lo)), 0, nmax)   // nearest_int's bits, as ggml
//	aux[8i+k] = l;  sums[0:8] += w·l;  sums[8:16] += (w·l)·l;  sums[16:24] += (w·l)·x
//
// lane by lane in ggml's order (no fused multiply-add).
//
//go:noescape
func qkxSums(xT, wT, aux *float32, n int, iscale, lo *[8]float32, nmax int32, sums *[24]float32)

// qkxErr is the error loop of a QKX candidate: for each i < n,
//
//	d = (scale·aux + min) − x;  err += w·(mad ? |d| : d·d)
//
//go:noescape
func qkxErr(xT, wT, aux *float32, n int, scale, min *[8]float32, mad bool, err *[8]float32)

// qkxLanes runs QKX on 8 groups of n ≤ 32 values at once.
func qkxLanes(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	var xT, wT, aux, best [8 * 32]float32
	for k := range 8 {
		for i := range n {
			xT[8*i+k] = x[k*n+i]
			wT[8*i+k] = w[k*n+i]
		}
	}
	var lo, hi, sumW, sumX, iscale, sc, bestErr, curErr, thisScale, thisMin [8]float32
	var degenerate [8]bool
	fmax := float32(nmax)
	for k := range 8 {
		xs, ws := x[k*n:(k+1)*n], w[k*n:(k+1)*n]
		lo[k], hi[k] = xs[0], xs[0]
		sumW[k] = ws[0]
		sumX[k] = ws[0] * xs[0]
		for i := 1; i < n; i++ {
			v := xs[i]
			if v < lo[k] {
				lo[k] = v
			}
			if v > hi[k] {
				hi[k] = v
			}
			sumW[k] += ws[i]
			sumX[k] += float32(ws[i] * v)
		}
		if lo[k] > 0 {
			lo[k] = 0
		}
		degenerate[k] = hi[k] == lo[k]
		iscale[k] = fmax / (hi[k] - lo[k])
		sc[k] = 1 / iscale[k]
	}
	var sums [24]float32
	qkxSums(&xT[0], &wT[0], &best[0], n, &iscale, &lo, int32(nmax), &sums)
	qkxErr(&xT[0], &wT[0], &best[0], n, &sc, &lo, useMAD, &bestErr)
	for is := 0; nstep >= 1 && is <= nstep; is++ {
		step := rmin + float32(rdelta*float32(is)) + fmax
		for k := range 8 {
			iscale[k] = step / (hi[k] - lo[k])
		}
		sums = [24]float32{}
		qkxSums(&xT[0], &wT[0], &aux[0], n, &iscale, &lo, int32(nmax), &sums)
		var ok [8]bool
		for k := range 8 {
			sumL, sumL2, sumXL := sums[k], sums[8+k], sums[16+k]
			D := float32(sumW[k]*sumL2) - float32(sumL*sumL)
			if !(D > 0) || degenerate[k] {
				continue
			}
			ok[k] = true
			thisScale[k] = (float32(sumW[k]*sumXL) - float32(sumX[k]*sumL)) / D
			thisMin[k] = (float32(sumL2*sumX[k]) - float32(sumL*sumXL)) / D
			if thisMin[k] > 0 {
				thisMin[k] = 0
				thisScale[k] = sumXL / sumL2
			}
		}
		qkxErr(&xT[0], &wT[0], &aux[0], n, &thisScale, &thisMin, useMAD, &curErr)
		for k := range 8 {
			if ok[k] && curErr[k] < bestErr[k] {
				for i := range n {
					best[8*i+k] = aux[8*i+k]
				}
				bestErr[k], sc[k], lo[k] = curErr[k], thisScale[k], thisMin[k]
			}
		}
	}
	for k := range 8 {
		if degenerate[k] {
			clear(L[k*n : (k+1)*n])
			scale[k], negMin[k] = 0, -lo[k]
			continue
		}
		for i := range n {
			L[k*n+i] = uint8(best[8*i+k])
		}
		scale[k], negMin[k] = sc[k], -lo[k]
	}
}

// qkxVector runs QKX eight groups at a time in qkxLanes, and the groups
// left over (or groups longer than 32) in qkxGeneric.
func qkxVector(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	groups := len(x) / n
	g := 0
	if n <= 32 {
		for ; g+8 <= groups; g += 8 {
			qkxLanes(x[g*n:], w[g*n:], L[g*n:], scale[g:], negMin[g:], n, nmax, rmin, rdelta, nstep, useMAD)
		}
	}
	qkxGeneric(x[g*n:groups*n], w[g*n:groups*n], L[g*n:], scale[g:], negMin[g:], n, nmax, rmin, rdelta, nstep, useMAD)
}

func useQKXAsm()     { qkxInLanes = true }
func useQKXGeneric() { qkxInLanes = false }

func init() {
	register("qkx", impl{"avx2", hasAVX2, useQKXAsm}, impl{"generic", true, useQKXGeneric})
	if hasAVX2 {
		useQKXAsm()
	}
}
