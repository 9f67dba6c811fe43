//go:build !amd64 || !gc || purego || noasm

package simd

func init() {
	register("f16", impl{"generic", true, func() {}})
	register("bf16", impl{"generic", true, func() {}})
	register("finite", impl{"generic", true, func() {}})
}

func init() {
	register("q8_0", impl{"generic", true, func() {}})
}

func init() {
	register("qkx", impl{"generic", true, func() {}})
}
