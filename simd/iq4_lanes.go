//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// iq4Candidates computes every candidate's sums for 8 blocks in lanes
// (iq4_amd64.s, iq4_arm64.s).
//
//go:noescape
func iq4Candidates(xT, wT *float32, n int, ids *float32, ncand int, sums *float32)

// iq4Cands is the number of scales IQ4Scales tries: the first fit and
// itry = −7 … 7.
const iq4Cands = 16

// iq4Lanes runs IQ4Scales on 8 blocks of 32.
func iq4Lanes(x, w, scale []float32) {
	var xT, wT, wvT [8 * 32]float32
	var ids [iq4Cands * 8]float32
	var sums [iq4Cands * 16]float32
	var vmax, amax [8]float32
	_, _ = x[8*32-1], w[8*32-1]
	transpose8(&x[0], 32, &xT[0])
	transpose8(&w[0], 32, &wT[0])
	qxWeights(&xT[0], &wT[0], &wvT[0], 32, false, &vmax, &amax)
	for k := range 8 {
		d := -vmax[k] / iq4Levels[0]
		ids[k] = 1 / d
		for c := 1; c < iq4Cands; c++ {
			ids[8*c+k] = float32(c-8+int(IQ4Levels[0])) / vmax[k]
		}
	}
	iq4Candidates(&xT[0], &wT[0], 32, &ids[0], iq4Cands, &sums[0])
	for k := range 8 {
		if amax[k] < qxGroupMaxEps {
			scale[k] = 0
			continue
		}
		sumqx, sumq2 := sums[k], sums[8+k]
		var d float32
		if sumq2 > 0 {
			d = sumqx / sumq2
		}
		best := d * sumqx
		for c := 1; c < iq4Cands; c++ {
			sumqx, sumq2 = sums[16*c+k], sums[16*c+8+k]
			if sumq2 > 0 && sumqx*sumqx > best*sumq2 {
				d = sumqx / sumq2
				best = d * sumqx
			}
		}
		scale[k] = d
	}
}

// iq4Vector runs IQ4Scales eight blocks at a time in iq4Lanes, the rest in
// iq4Generic.
func iq4Vector(x, w, scale []float32) {
	blocks := len(x) / 32
	b := 0
	for ; b+8 <= blocks; b += 8 {
		iq4Lanes(x[32*b:], w[32*b:], scale[b:])
	}
	iq4Generic(x[32*b:32*blocks], w[32*b:32*blocks], scale[b:])
}

// iq4IndicesBlock is iq4IndicesGeneric for n a multiple of 8.
//
//go:noescape
func iq4IndicesBlock(L *byte, x *float32, n int, id float32)

func iq4IndicesVector(L []uint8, x []float32, id float32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = L[n-1]
		iq4IndicesBlock(&L[0], &x[0], n, id)
	}
	iq4IndicesGeneric(L[n:], x[n:], id)
}
