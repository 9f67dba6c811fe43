//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("finite", impl{"neon", true, func() { finiteInAsm = true }}, impl{"generic", true, func() { finiteInAsm = false }})
	finiteInAsm = true
}
