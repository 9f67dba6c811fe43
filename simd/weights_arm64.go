//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("weights", impl{"neon", true, func() { weightsInAsm = true }}, impl{"generic", true, func() { weightsInAsm = false }})
	weightsInAsm = true
}
