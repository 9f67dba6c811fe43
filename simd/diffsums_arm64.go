//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("diff", impl{"neon", true, func() { diffInAsm = true }}, impl{"generic", true, func() { diffInAsm = false }})
	diffInAsm = true
}
