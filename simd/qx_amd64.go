//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("qx", impl{"avx2", hasAVX2, func() { qxInLanes = true }}, impl{"generic", true, func() { qxInLanes = false }})
	qxInLanes = hasAVX2
}
