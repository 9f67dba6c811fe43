//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("iq4", impl{"avx2", hasAVX2, func() { iq4InLanes = true }}, impl{"generic", true, func() { iq4InLanes = false }})
	iq4InLanes = hasAVX2
}
