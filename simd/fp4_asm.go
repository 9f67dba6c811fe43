//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// fp4IndicesBlock is fp4IndicesGeneric for n a multiple of 8
// (fp4_amd64.s, fp4_arm64.s).
//
//go:noescape
func fp4IndicesBlock(L *byte, x *float32, n int, e float32)

func fp4IndicesVector(L []uint8, x []float32, e float32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = L[n-1]
		fp4IndicesBlock(&L[0], &x[0], n, e)
	}
	fp4IndicesGeneric(L[n:], x[n:], e)
}
