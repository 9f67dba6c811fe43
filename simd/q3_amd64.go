//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("q3", impl{"avx2", hasAVX2, func() { q3InLanes = true }}, impl{"generic", true, func() { q3InLanes = false }})
	q3InLanes = hasAVX2
}
