//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("qkx", impl{"avx2", hasAVX2, useQKXAsm}, impl{"generic", true, useQKXGeneric})
	if hasAVX2 {
		useQKXAsm()
	}
}
