//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("fp4", impl{"neon", true, func() { fp4InAsm = true }}, impl{"generic", true, func() { fp4InAsm = false }})
	fp4InAsm = true
}
