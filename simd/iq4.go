package simd

// IQ4Levels are the 16 non-linear levels of iq4_nl and iq4_xs (ggml's
// kvalues_iq4nl).
var IQ4Levels = [16]int8{-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113}

// iq4Levels are IQ4Levels as float32.
var iq4Levels = func() (f [16]float32) {
	for i, v := range IQ4Levels {
		f[i] = float32(v)
	}
	return f
}()

// IQ4Index is ggml's best_index_int8 over the iq4_nl levels: the index of
// the level nearest to x, the upper one on ties. ggml bisects with
// branches; this finds the same bracket, the largest level ≤ x, in four
// steps the compiler turns into conditional moves.
func IQ4Index(x float32) int {
	v := &iq4Levels
	if x <= v[0] {
		return 0
	}
	if x >= v[15] {
		return 15
	}
	i := 0
	if x >= v[8] {
		i = 8
	}
	if x >= v[i+4] {
		i += 4
	}
	if x >= v[i+2] {
		i += 2
	}
	if x >= v[i+1] {
		i++
	}
	if x-v[i] < v[i+1]-x {
		return i
	}
	return i + 1
}

// IQ4Scales is the block search of ggml's quantize_row_iq4_nl_impl with
// ntry = 7 (the path ggml_quantize_chunk takes for iq4_nl and iq4_xs) for
// each block of 32 values of x under weights w: the best scale among the
// fitted first guess and 15 candidates (itry − 127)/max, written to
// scale[b]; 0 for a block whose largest magnitude is below 1e-15.
//
// The assembly versions run 8 blocks in the lanes of a vector register,
// computing every candidate's sums in ggml's order and choosing in Go
// with ggml's comparisons, so the scales are bit-identical.
func IQ4Scales(x, w, scale []float32) {
	if iq4InLanes {
		iq4Vector(x, w, scale)
		return
	}
	iq4Generic(x, w, scale)
}

// iq4InLanes selects iq4Vector.
var iq4InLanes bool

func iq4Generic(x, w, scale []float32) {
	for b := range len(x) / 32 {
		scale[b] = iq4Block(x[32*b:32*b+32], w[32*b:32*b+32])
	}
}

// iq4Block is one block of IQ4Scales in scalar Go.
func iq4Block(xb, w []float32) float32 {
	const ntry = 7
	vmax, amax := qxMax(xb)
	if amax < qxGroupMaxEps {
		return 0
	}
	d := -vmax / iq4Levels[0]
	id := 1 / d
	var sumqx, sumq2 float32
	for j, v := range xb {
		q := iq4Levels[IQ4Index(id*v)]
		sumqx += float32(w[j] * q * v)
		sumq2 += float32(w[j] * q * q)
	}
	d = 0
	if sumq2 > 0 {
		d = sumqx / sumq2
	}
	best := d * sumqx
	for itry := -ntry; itry <= ntry; itry++ {
		id = float32(itry+int(IQ4Levels[0])) / vmax
		sumqx, sumq2 = 0, 0
		for j, v := range xb {
			q := iq4Levels[IQ4Index(id*v)]
			sumqx += float32(w[j] * q * v)
			sumq2 += float32(w[j] * q * q)
		}
		if sumq2 > 0 && sumqx*sumqx > best*sumq2 {
			d = sumqx / sumq2
			best = d * sumqx
		}
	}
	return d
}

// IQ4Indices sets L[j] = IQ4Index(id·x[j]) for every value of x (len(L) ≥
// len(x)).
func IQ4Indices(L []uint8, x []float32, id float32) {
	if iq4InLanes {
		iq4IndicesVector(L[:len(x)], x, id)
		return
	}
	iq4IndicesGeneric(L[:len(x)], x, id)
}

func iq4IndicesGeneric(L []uint8, x []float32, id float32) {
	for j, v := range x {
		L[j] = uint8(IQ4Index(id * v))
	}
}
