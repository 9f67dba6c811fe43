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
