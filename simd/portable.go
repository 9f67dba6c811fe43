//go:build !(amd64 || arm64) || !gc || purego || noasm

package simd

// The kernel families with assembly on both amd64 and arm64 run their
// Generic code here; the Vector and Asm entry points below are never
// selected and exist only so that the dispatching functions compile.

func init() {
	generic := impl{"generic", true, func() {}}
	for _, family := range []string{"f16", "bf16", "finite", "q8_0", "legacy", "dequant"} {
		register(family, generic)
	}
}

func firstNonFiniteVector(x []float32) int { return firstNonFiniteGeneric(x) }

func firstNonFinite16Vector(b []byte, mask uint16) int { return firstNonFinite16Generic(b, mask) }

func legacyAsm(dst []byte, src []float32, t legacyType) { legacyGeneric(dst, src, t) }

func dequantAsm(dst []float32, src []byte, k dequantKind) { dequantGeneric[k](dst, src) }
