package simd

import "math"

// Importance sets w[i] = qw[i]·√(sigma2 + x[i]²), ggml's weight of a value
// under an importance matrix (qw) in the K-quants, iq4 and the weighted
// legacy quantizers: the square, the sum, the square root and the product
// each rounded to float32, so every implementation gives the same bits.
// len(x) and len(qw) must be at least len(w).
func Importance(w, x, qw []float32, sigma2 float32) {
	if weightsInAsm {
		importanceVector(w, x, qw, sigma2)
		return
	}
	importanceGeneric(w, x, qw, sigma2)
}

// weightsInAsm selects importanceVector.
var weightsInAsm bool

// importanceGeneric takes the square root in float64 and rounds it: that
// is the correctly rounded float32 root (53 ≥ 2·24 + 2 bits), which
// VSQRTPS and NEON's FSQRT give directly.
func importanceGeneric(w, x, qw []float32, sigma2 float32) {
	x, qw = x[:len(w)], qw[:len(w)]
	for i := range w {
		w[i] = qw[i] * float32(math.Sqrt(float64(sigma2+float32(x[i]*x[i]))))
	}
}

// SumSquares sets s[g] = Σ x[g·n+i]² for each group g of n values of x:
// ggml's sum_x2, every square rounded to float32 and added in order, so
// every implementation gives the same bits (the vector ones run 8 groups
// side by side). len(x) must be a multiple of n, len(s) at least len(x)/n.
func SumSquares(s, x []float32, n int) {
	if weightsInAsm {
		sumSquaresVector(s, x, n)
		return
	}
	sumSquaresGeneric(s, x, n)
}

func sumSquaresGeneric(s, x []float32, n int) {
	for g := range len(x) / n {
		var sum float32
		for _, v := range x[g*n : (g+1)*n] {
			sum += float32(v * v)
		}
		s[g] = sum
	}
}
