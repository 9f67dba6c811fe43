package simd

import "testing"

// forEachImpl runs f once per implementation of family the CPU has, with
// that implementation in use, then restores the default.
func forEachImpl(t *testing.T, family string, f func(t *testing.T)) {
	t.Helper()
	impls := families[family]
	if len(impls) == 0 {
		t.Fatalf("no implementations registered for %s", family)
	}
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			if !im.available {
				t.Skipf("the CPU lacks %s", im.name)
			}
			im.use()
			f(t)
		})
	}
	for _, im := range impls { // back to the default: the first available
		if im.available {
			im.use()
			break
		}
	}
}
