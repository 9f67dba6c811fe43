//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("levels", impl{"neon", true, func() { levelsInAsm = true }}, impl{"generic", true, func() { levelsInAsm = false }})
	levelsInAsm = true
}
