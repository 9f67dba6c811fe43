// Package simd holds the hot loops of shrink's codecs as assembly kernels,
// each with a Generic Go twin that defines what it computes. The kernel for
// the running CPU is chosen once at start-up (golang.org/x/sys/cpu); the
// purego and noasm build tags force the Generic versions.
//
// Kernels are unchecked and minimal: callers (package quant) validate
// lengths. Where a kernel's result could depend on instruction choice, its
// doc comment says exactly what it guarantees; integer and converted
// outputs are bit-exact with Generic for every input but NaNs, whose
// payloads may differ (callers reject NaNs before converting).
package simd

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
