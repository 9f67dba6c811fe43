package simd

import "unsafe"

// DivLevels is the last pass of the K-quants, which fit each value again
// to its group's stored (fp16-rounded) scale and minimum. For consecutive
// groups of n values, group g = i/n,
//
//	L[i] = clamp(nearest_int((x[i] + m[g]) / d[g]), lo, hi) + bias
//
// with ggml's nearest_int (round half to even through the 1.5·2²³ trick).
// m nil stands for zeros, where ggml computes x/d: the level is the same.
// A group whose d[g] is zero (either sign) is left as it is, as ggml keeps
// the search's levels there. len(x) must be a multiple of n, len(L) at
// least len(x), len(d) and len(m) (unless nil) at least len(x)/n.
func DivLevels[T int8 | uint8](L []T, x []float32, m, d []float32, n int, lo, hi, bias int32) {
	if len(x) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&L[0])), len(x))
	if levelsInAsm {
		divLevelsVector(b, x, m, d, n, lo, hi, bias)
		return
	}
	divLevelsGeneric(b, x, m, d, n, lo, hi, bias)
}

// levelsInAsm selects divLevelsVector.
var levelsInAsm bool

func divLevelsGeneric(L []byte, x []float32, m, d []float32, n int, lo, hi, bias int32) {
	for g := range len(x) / n {
		if d[g] == 0 {
			continue
		}
		var mg float32
		if m != nil {
			mg = m[g]
		}
		for i := g * n; i < (g+1)*n; i++ {
			L[i] = byte(max(lo, min(hi, int32(nearestInt((x[i]+mg)/d[g])))) + bias)
		}
	}
}
