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
