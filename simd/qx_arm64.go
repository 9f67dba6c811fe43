//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("qx", impl{"neon", true, func() { qxInLanes = true }}, impl{"generic", true, func() { qxInLanes = false }})
	qxInLanes = true
}
