//go:build arm64 && gc && !purego && !noasm

package simd

import "unsafe"

// transpose8 puts 8 groups of n values (src[k·n+i]) into lanes:
// dst[8i+k], the layout of the lane kernels. Plain Go: it moves 8·n
// values once per search that reads them dozens of times.
func transpose8(src *float32, n int, dst *float32) {
	s, d := unsafe.Slice(src, 8*n), unsafe.Slice(dst, 8*n)
	for k := range 8 {
		for i, v := range s[k*n : (k+1)*n] {
			d[8*i+k] = v
		}
	}
}

// transposeBytes8 puts the row-major lane levels src[8i+k] (n rows) back
// into groups: dst[k·n+i].
func transposeBytes8(src *byte, n int, dst *byte) {
	s, d := unsafe.Slice(src, 8*n), unsafe.Slice(dst, 8*n)
	for k := range 8 {
		g := d[k*n : (k+1)*n]
		for i := range g {
			g[i] = s[8*i+k]
		}
	}
}
