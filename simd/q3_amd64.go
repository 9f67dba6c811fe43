//go:build amd64 && gc && !purego && !noasm

package simd

// q3Sets is how many sets of 8 groups q3Search interleaves: four, as many
// as the 16 vector registers can keep the sums of.
const q3Sets = 4

func init() {
	register("q3", impl{"avx2", hasAVX2, func() { q3InLanes = true }}, impl{"generic", true, func() { q3InLanes = false }})
	q3InLanes = hasAVX2
}
