package simd

// FP4Values are the E2M1 codes' values doubled (ggml's kvalues_mxfp4), as
// mxfp4 and nvfp4 store them with their scales halved.
var FP4Values = [16]int8{0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12}

// FP4Indices sets L[j] to ggml's best_index_mxfp4 of x[j] under scale e:
// the code whose value times e is nearest to x[j], the first on ties
// (len(L) ≥ len(x)).
func FP4Indices(L []uint8, x []float32, e float32) {
	if fp4InAsm {
		fp4IndicesVector(L[:len(x)], x, e)
		return
	}
	fp4IndicesGeneric(L[:len(x)], x, e)
}

// fp4InAsm selects fp4IndicesVector.
var fp4InAsm bool

func fp4IndicesGeneric(L []uint8, x []float32, e float32) {
	for j, v := range x {
		best := 0
		bestErr := abs32(float32(float32(FP4Values[0])*e) - v)
		for i := 1; i < 16; i++ {
			if err := abs32(float32(float32(FP4Values[i])*e) - v); err < bestErr {
				best, bestErr = i, err
			}
		}
		L[j] = uint8(best)
	}
}
