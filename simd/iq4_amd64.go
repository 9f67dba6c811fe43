//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("iq4", impl{"avx2", hasAVX2, func() { iq4InLanes = true }}, impl{"generic", true, func() { iq4InLanes = false }})
	iq4InLanes = hasAVX2
}

// iq4Bounds holds levels 1–15, each in all 8 lanes of a row: the memory
// operands of iq4_amd64.s's compares.
var iq4Bounds = func() (b [15][8]float32) {
	for i := range b {
		for k := range b[i] {
			b[i][k] = iq4Levels[i+1]
		}
	}
	return b
}()
