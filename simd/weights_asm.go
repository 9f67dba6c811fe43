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

// sumSquaresLanes sets s to the sums of squares of 8 lanes of n rows, each
// lane in row order (weights_amd64.s, weights_arm64.s).
//
//go:noescape
func sumSquaresLanes(xT *float32, n int, s *[8]float32)

// sumSquaresVector transposes 8 groups at a time (of at most 256 values, n
// a multiple of 8) into lanes and sums them there, where one group's
// additions, each waiting on the last, would leave the core idle.
func sumSquaresVector(s, x []float32, n int) {
	groups := len(x) / n
	g := 0
	if n%8 == 0 && n <= 256 && groups >= 8 {
		var xT [8 * 256]float32
		for ; g+8 <= groups; g += 8 {
			transpose8(&x[g*n], n, &xT[0])
			sumSquaresLanes(&xT[0], n, (*[8]float32)(s[g:]))
		}
	}
	if g < groups {
		sumSquaresGeneric(s[g:], x[g*n:groups*n], n)
	}
}
