package simd

import (
	"bytes"
	"math"
	"testing"
)

var legacyTypes = []struct {
	name     string
	t        legacyType
	quantize func(dst []byte, src []float32)
}{
	{"q4_0", q4_0, QuantizeQ4_0},
	{"q4_1", q4_1, QuantizeQ4_1},
	{"q5_0", q5_0, QuantizeQ5_0},
	{"q5_1", q5_1, QuantizeQ5_1},
}

// legacyInputs adds to q8Inputs blocks whose extremes tie in magnitude or
// are signed zeros, where ggml keeps the first.
func legacyInputs() []float32 {
	x := q8Inputs()
	add := func(f func(j int) float32) {
		for j := range 32 {
			x = append(x, f(j))
		}
	}
	negZero := float32(math.Copysign(0, -1))
	add(func(int) float32 { return negZero })
	add(func(j int) float32 { return []float32{0, negZero}[j%2] })
	add(func(j int) float32 { return []float32{negZero, 0, 1}[j%3] })
	add(func(j int) float32 { return []float32{-3, 3, 1}[j%3] })
	add(func(j int) float32 { return []float32{3, -3, 1}[j%3] })
	add(func(j int) float32 { return float32(j%5) * 1e-40 })
	return x
}

func TestQuantizeLegacy(t *testing.T) {
	x := legacyInputs()
	for _, lt := range legacyTypes {
		size := lt.t.size
		want := make([]byte, len(x)/32*size)
		legacyGeneric(want, x, lt.t)
		forEachImpl(t, "legacy", func(t *testing.T) {
			for nb := 0; nb <= len(x)/32; nb++ {
				got := make([]byte, nb*size+1)
				got[nb*size] = 0x5a
				lt.quantize(got[:nb*size], x[:nb*32])
				for b := 0; b < nb; b++ {
					if !bytes.Equal(got[b*size:(b+1)*size], want[b*size:(b+1)*size]) {
						t.Fatalf("%s, %d blocks: block %d\n got %x\nwant %x\n(x %v)", lt.name, nb, b, got[b*size:(b+1)*size], want[b*size:(b+1)*size], x[b*32:b*32+32])
					}
				}
				if got[nb*size] != 0x5a {
					t.Fatalf("%s: wrote past the end", lt.name)
				}
			}
		})
	}
}

// FuzzQuantizeLegacy compares the kernel in use with Generic on arbitrary
// finite blocks of each legacy type.
func FuzzQuantizeLegacy(f *testing.F) {
	f.Add(make([]byte, 128), float32(1), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, scale float32, which uint8) {
		lt := legacyTypes[int(which)%len(legacyTypes)]
		x := fuzzFloats(data, len(data)/4/32*32, math.Inf(1), func(int) float32 { return scale })
		if FirstNonFinite(x) >= 0 {
			return
		}
		got, want := make([]byte, len(x)/32*lt.t.size), make([]byte, len(x)/32*lt.t.size)
		lt.quantize(got, x)
		legacyGeneric(want, x, lt.t)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: kernel and Generic differ:\n got %x\nwant %x", lt.name, got, want)
		}
	})
}
