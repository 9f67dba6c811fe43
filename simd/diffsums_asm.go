//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// diffSumsBlock is diffSumsGeneric for n a multiple of 8 (diffsums_amd64.s,
// diffsums_arm64.s).
//
//go:noescape
func diffSumsBlock(s *DiffSums, x, y *float32, n int)

func diffSumsVector(s *DiffSums, x, y []float32) {
	n := len(x) &^ 7
	if n > 0 {
		_ = y[n-1]
		diffSumsBlock(s, &x[0], &y[0], n)
	}
	diffSumsGeneric(s, x[n:], y[n:]) // lane i mod 8 still: n is a multiple of 8
}
