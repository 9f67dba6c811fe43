//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("q3", impl{"neon", true, func() { q3InLanes = true }}, impl{"generic", true, func() { q3InLanes = false }})
	q3InLanes = true
}
