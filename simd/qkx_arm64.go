//go:build arm64 && gc && !purego && !noasm

package simd

func init() {
	register("qkx", impl{"neon", true, useQKXAsm}, impl{"generic", true, useQKXGeneric})
	useQKXAsm()
}
