//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// The non-finite scans' assembly (finite_amd64.s, finite_arm64.s) checks
// whole blocks; these wrappers find the value within the block and scan
// the tail in Go.

// nonFiniteBlock returns the index of the first block of 8 float32 in
// x[:n] (n a multiple of 8) holding a NaN or ±Inf, times 8, or −1.
//
//go:noescape
func nonFiniteBlock(x *float32, n int) int

// nonFinite16Block does the same for blocks of 16 16-bit values
// whose exponent bits are mask.
//
//go:noescape
func nonFinite16Block(b *byte, n int, mask uint16) int

func firstNonFiniteVector(x []float32) int {
	n := len(x) &^ 7
	start := n
	if n > 0 {
		if i := nonFiniteBlock(&x[0], n); i >= 0 {
			start = i
		}
	}
	if i := firstNonFiniteGeneric(x[start:]); i >= 0 {
		return start + i
	}
	return -1
}

func firstNonFinite16Vector(b []byte, mask uint16) int {
	n := len(b) / 2 &^ 15
	start := n
	if n > 0 {
		if i := nonFinite16Block(&b[0], n, mask); i >= 0 {
			start = i
		}
	}
	if i := firstNonFinite16Generic(b[2*start:], mask); i >= 0 {
		return start + i
	}
	return -1
}
