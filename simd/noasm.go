//go:build !amd64 || !gc || purego || noasm

package simd

// The kernel families with assembly only on amd64 run their Generic code
// everywhere else; the Vector and Asm entry points below are never
// selected here and exist only so that the dispatching functions compile.

func init() {
	generic := impl{"generic", true, func() {}}
	for _, family := range []string{"fp4"} {
		register(family, generic)
	}
}

func fp4IndicesVector(L []uint8, x []float32, e float32) { fp4IndicesGeneric(L, x, e) }
