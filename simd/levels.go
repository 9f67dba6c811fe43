package simd

import "unsafe"

// DivLevels is the last pass of the K-quants, which fit each value again
// to its group's stored (fp16-rounded) scale d and minimum m:
//
//	L[i] = clamp(nearest_int((x[i] + m) / d), lo, hi) + bias
//
// with ggml's nearest_int (round half to even through the 1.5·2²³ trick).
// Pass m = 0 where ggml computes x/d: the level is the same. len(L) must
// be at least len(x).
func DivLevels[T int8 | uint8](L []T, x []float32, m, d float32, lo, hi, bias int32) {
	if len(x) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&L[0])), len(x))
	if levelsInAsm {
		divLevelsVector(b, x, m, d, lo, hi, bias)
		return
	}
	divLevelsGeneric(b, x, m, d, lo, hi, bias)
}

// levelsInAsm selects divLevelsVector.
var levelsInAsm bool

func divLevelsGeneric(L []byte, x []float32, m, d float32, lo, hi, bias int32) {
	for i, v := range x {
		L[i] = byte(max(lo, min(hi, int32(nearestInt((v+m)/d)))) + bias)
	}
}
