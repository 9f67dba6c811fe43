// Package simd holds the hot loops of shrink's codecs as assembly kernels,
// each with a Generic Go twin that defines what it computes. The kernel for
// the running CPU is chosen once at start-up (golang.org/x/sys/cpu); the
// purego and noasm build tags force the Generic versions, and Kernels says
// which implementation each family runs.
//
// The families, as package quant uses them:
//
//   - conversions: F32ToF16/F16ToF32, F32ToBF16/BF16ToF32,
//     F32ToBytes/BytesToF32 and the NaN/Inf scans (FirstNonFinite…);
//   - quantizers that write ggml's bytes: QuantizeQ8_0, QuantizeQ4_0 …
//     QuantizeQ5_1;
//   - the scale searches of the K-quants and iq4/fp4 types, run for 8
//     groups at once in the lanes of a vector register: QKX, QX, Q3,
//     IQ4Scales, IQ4Indices, FP4Indices, DivLevels, and the weights
//     they search under (Importance, SumSquares);
//   - dequantizers for the common block types (Dequantize…);
//   - the error sums behind quant's quality figures (DiffSums), in 8
//     float64 lanes of fixed order.
//
// Every family has AVX2 (with F16C where it converts halves) kernels on
// amd64 and NEON kernels on arm64; other architectures run Generic.
//
// Bytes never depend on the implementation: every kernel does its lane's
// arithmetic in the scalar code's order with no fused multiply-add, and the
// tests compare each implementation with Generic (and the quant package's
// golden tests run with all of them). Kernels are unchecked and minimal:
// callers validate lengths. Where a result could depend on instruction
// choice, the doc comment says what is guaranteed; outputs are bit-exact
// with Generic for every input but NaNs, whose payloads may differ
// (callers reject NaNs before converting).
package simd

import (
	"slices"
	"strings"
)

// impl is one implementation of a kernel family, for tests and benchmarks.
type impl struct {
	name      string
	available bool
	use       func()
}

// families lists, per kernel family, its implementations; the first is the
// one in use after init. Tests switch between them with use.
var families = map[string][]impl{}

func register(family string, impls ...impl) { families[family] = impls }

// Kernel names a kernel family and the implementation this process runs.
type Kernel struct{ Family, Impl string }

// Kernels lists the kernel families, sorted, each with the implementation
// in use: the first its CPU supports ("avx2", "f16c", "neon" …, or
// "generic" under the purego and noasm tags and on other architectures).
func Kernels() []Kernel {
	ks := make([]Kernel, 0, len(families))
	for family, impls := range families {
		for _, im := range impls {
			if im.available {
				ks = append(ks, Kernel{family, im.name})
				break
			}
		}
	}
	slices.SortFunc(ks, func(a, b Kernel) int { return strings.Compare(a.Family, b.Family) })
	return ks
}
