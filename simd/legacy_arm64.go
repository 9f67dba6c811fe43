//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("legacy", impl{"neon", true, func() { legacyInAsm = true }}, impl{"generic", true, func() { legacyInAsm = false }})
	legacyInAsm = true
}
