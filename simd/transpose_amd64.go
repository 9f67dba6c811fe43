//go:build amd64 && gc && !purego && !noasm

package simd

// transpose8 puts 8 groups of n values (n a multiple of 8, src[k·n+i])
// into lanes: dst[8i+k]. The lane kernels (QKX, QX) work on this layout.
//
//go:noescape
func transpose8(src *float32, n int, dst *float32)
