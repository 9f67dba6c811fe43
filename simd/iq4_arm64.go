//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("iq4", impl{"neon", true, func() { iq4InLanes = true }}, impl{"generic", true, func() { iq4InLanes = false }})
	iq4InLanes = true
}
