//go:build arm64 && gc && !purego && !noasm

package simd

// q3Sets is how many sets of 8 groups q3Search interleaves: two, as many
// as NEON's 32 registers keep the state of next to a step's scratch.
const q3Sets = 2

func init() {
	register("q3", impl{"neon", true, func() { q3InLanes = true }}, impl{"generic", true, func() { q3InLanes = false }})
	q3InLanes = true
}
