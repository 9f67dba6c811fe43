//go:build amd64 && gc && !purego && !noasm

package simd

// transpose8 puts 8 groups of n values (n a multiple of 8, src[k·n+i])
// into lanes: dst[8i+k]. The lane kernels (QKX, QX) work on this layout.
//
//go:noescape
func transpose8(src *float32, n int, dst *float32)

// transposeBytes8 puts the row-major lane levels src[8i+k] (n rows, a
// multiple of 8) back into groups: dst[k·n+i].
//
//go:noescape
func transposeBytes8(src *byte, n int, dst *byte)
