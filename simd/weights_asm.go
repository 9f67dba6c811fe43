//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// importanceBlock is importanceGeneric for n a multiple of 8
// (weights_amd64.s, weights_arm64.s).
//
//go:noescape
func importanceBlock(w, x, qw *float32, n int, sigma2 float32)

func importanceVector(w, x, qw []float32, sigma2 float32) {
	n := len(w) &^ 7
	if n > 0 {
		_, _ = x[n-1], qw[n-1]
		importanceBlock(&w[0], &x[0], &qw[0], n, sigma2)
	}
	importanceGeneric(w[n:], x[n:], qw[n:], sigma2)
}
