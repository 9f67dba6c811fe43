//go:build !(amd64 || arm64) || !gc || purego || noasm

package simd

import "unsafe"

// The kernel families with assembly on both amd64 and arm64 run their
// Generic code here; the Vector and Asm entry points below are never
// selected and exist only so that the dispatching functions compile.

func init() {
	generic := impl{"generic", true, func() {}}
	for _, family := range []string{"f16", "bf16", "finite", "q8_0", "legacy", "dequant", "qkx", "qx", "q3", "levels", "iq4", "fp4", "diff", "weights"} {
		register(family, generic)
	}
}

func firstNonFiniteVector(x []float32) int { return firstNonFiniteGeneric(x) }

func importanceVector(w, x, qw []float32, sigma2 float32) { importanceGeneric(w, x, qw, sigma2) }

func sumSquaresVector(s, x []float32, n int) { sumSquaresGeneric(s, x, n) }

func firstNonFinite16Vector(b []byte, mask uint16) int { return firstNonFinite16Generic(b, mask) }

func f32ToF16Block(dst *byte, src *float32, n int) {
	f32ToF16Generic(unsafe.Slice(dst, 2*n), unsafe.Slice(src, n))
}

func f16ToF32Block(dst *float32, src *byte, n int) {
	f16ToF32Generic(unsafe.Slice(dst, n), unsafe.Slice(src, 2*n))
}

func bf16ToF32Block(dst *float32, src *byte, n int) {
	bf16ToF32Generic(unsafe.Slice(dst, n), unsafe.Slice(src, 2*n))
}

func f32ToBF16Block(dst *byte, src *float32, n int) {
	f32ToBF16Generic(unsafe.Slice(dst, 2*n), unsafe.Slice(src, n))
}

func quantizeQ8_0Block(dst *byte, src *float32, nblocks, _ int) {
	quantizeQ8_0Generic(unsafe.Slice(dst, 34*nblocks), unsafe.Slice(src, 32*nblocks))
}

func legacyAsm(dst []byte, src []float32, t legacyType) { legacyGeneric(dst, src, t) }

func qkxVector(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	qkxGeneric(x, w, L, scale, negMin, n, nmax, rmin, rdelta, nstep, useMAD)
}

func qxVector(x, w []float32, L []int8, scale []float32, n, nmax int) {
	qxGeneric(x, w, L, scale, n, nmax)
}

func divLevelsVector(L []byte, x []float32, m, d []float32, n int, lo, hi, bias int32) {
	divLevelsGeneric(L, x, m, d, n, lo, hi, bias)
}

func q3Vector(x []float32, L []int8, scale []float32, n, nmax int) { q3Generic(x, L, scale, n, nmax) }

func iq4Vector(x, w, scale []float32) { iq4Generic(x, w, scale) }

func iq4IndicesVector(L []uint8, x []float32, id float32) { iq4IndicesGeneric(L, x, id) }

func fp4IndicesVector(L []uint8, x []float32, e float32) { fp4IndicesGeneric(L, x, e) }

func diffSumsVector(s *DiffSums, x, y []float32) { diffSumsGeneric(s, x, y) }

func dequantAsm(dst []float32, src []byte, k dequantKind) { dequantGeneric[k](dst, src) }
