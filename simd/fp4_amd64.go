//go:build amd64 && gc && !purego && !noasm

package simd

//go:noescape
func fp4IndicesAVX2(L *byte, x *float32, n int, e float32)

func fp4IndicesVector(L []uint8, x []float32, e float32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = L[n-1]
		fp4IndicesAVX2(&L[0], &x[0], n, e)
	}
	fp4IndicesGeneric(L[n:], x[n:], e)
}

func init() {
	register("fp4", impl{"avx2", hasAVX2, func() { fp4InAsm = true }}, impl{"generic", true, func() { fp4InAsm = false }})
	fp4InAsm = hasAVX2
}
