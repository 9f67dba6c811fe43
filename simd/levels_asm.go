//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// divLevelsBlock is divLevelsGeneric for n a multiple of 8
// (levels_amd64.s, levels_arm64.s).
//
//go:noescape
func divLevelsBlock(L *byte, x *float32, n int, m, d float32, lo, hi, bias int32)

func divLevelsVector(L []byte, x []float32, m, d float32, lo, hi, bias int32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = L[n-1]
		divLevelsBlock(&L[0], &x[0], n, m, d, lo, hi, bias)
	}
	divLevelsGeneric(L[n:], x[n:], m, d, lo, hi, bias)
}
