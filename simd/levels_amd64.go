//go:build amd64 && gc && !purego && !noasm

package simd

//go:noescape
func divLevelsAVX2(L *byte, x *float32, n int, m, d float32, lo, hi, bias int32)

func divLevelsVector(L []byte, x []float32, m, d float32, lo, hi, bias int32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = L[n-1]
		divLevelsAVX2(&L[0], &x[0], n, m, d, lo, hi, bias)
	}
	divLevelsGeneric(L[n:], x[n:], m, d, lo, hi, bias)
}

func init() {
	register("levels", impl{"avx2", hasAVX2, func() { levelsInAsm = true }}, impl{"generic", true, func() { levelsInAsm = false }})
	levelsInAsm = hasAVX2
}
