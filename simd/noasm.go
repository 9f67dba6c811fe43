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

// qkxVector is never selected without assembly; it exists so QKX compiles.
func qkxVector(x, w []float32, L []uint8, scale, negMin []float32, n, nmax int, rmin, rdelta float32, nstep int, useMAD bool) {
	qkxGeneric(x, w, L, scale, negMin, n, nmax, rmin, rdelta, nstep, useMAD)
}

func init() { register("qx", impl{"generic", true, func() {}}) }

// qxVector is never selected without assembly; it exists so QX compiles.
func qxVector(x, w []float32, L []int8, scale []float32, n, nmax int) {
	qxGeneric(x, w, L, scale, n, nmax)
}

func init() { register("legacy", impl{"generic", true, func() {}}) }

// legacyAsm is never selected without assembly; it exists so legacy compiles.
func legacyAsm(dst []byte, src []float32, t legacyType) { legacyGeneric(dst, src, t) }

func init() { register("dequant", impl{"generic", true, func() {}}) }

// dequantAsm is never selected without assembly; it exists so dequant
// compiles.
func dequantAsm(dst []float32, src []byte, k dequantKind) { dequantGeneric[k](dst, src) }

// The Vector scans are never selected without assembly; they exist so
// FirstNonFinite compiles.
func firstNonFiniteVector(x []float32) int { return firstNonFiniteGeneric(x) }

func firstNonFinite16Vector(b []byte, mask uint16) int { return firstNonFinite16Generic(b, mask) }
