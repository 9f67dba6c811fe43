//go:build !amd64 || !gc || purego || noasm

package simd

// The kernel families with assembly only on amd64 run their Generic code
// everywhere else; the Vector and Asm entry points below are never
// selected here and exist only so that the dispatching functions compile.

func init() {
	generic := impl{"generic", true, func() {}}
	for _, family := range []string{"iq4", "fp4"} {
		register(family, generic)
	}
}

func iq4Vector(x, w, scale []float32) { iq4Generic(x, w, scale) }

func iq4IndicesVector(L []uint8, x []float32, id float32) { iq4IndicesGeneric(L, x, id) }

func fp4IndicesVector(L []uint8, x []float32, e float32) { fp4IndicesGeneric(L, x, e) }
