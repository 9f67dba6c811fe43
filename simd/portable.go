//go:build !(amd64 || arm64) || !gc || purego || noasm

package simd

// The kernel families with assembly on both amd64 and arm64 fall back to
// their Generic code here.

func init() {
	register("f16", impl{"generic", true, func() {}})
	register("bf16", impl{"generic", true, func() {}})
	register("finite", impl{"generic", true, func() {}})
	register("dequant", impl{"generic", true, func() {}})
	register("q8_0", impl{"generic", true, func() {}})
	register("legacy", impl{"generic", true, func() {}})
}

func dequantAsm(dst []float32, src []byte, k dequantKind) { dequantGeneric[k](dst, src) }

// The Vector scans are never selected without assembly; they exist so
// FirstNonFinite compiles.
func firstNonFiniteVector(x []float32) int { return firstNonFiniteGeneric(x) }

func firstNonFinite16Vector(b []byte, mask uint16) int { return firstNonFinite16Generic(b, mask) }

func legacyAsm(dst []byte, src []float32, t legacyType) { legacyGeneric(dst, src, t) }
