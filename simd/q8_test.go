package simd

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// q8Inputs are blocks that stress the rounding: exact .5 ties after
// scaling, subnormal and huge scales, zeros, constants, random values.
func q8Inputs() []float32 {
	r := rand.New(rand.NewPCG(8, 0))
	var x []float32
	add := func(f func(j int) float32) {
		for j := range 32 {
			x = append(x, f(j))
		}
	}
	add(func(int) float32 { return 0 })
	add(func(j int) float32 { return float32(j) - 15.5 })                  // halves
	add(func(j int) float32 { return (float32(j) - 16) * 127 / 16 * 0.5 }) // ties after ·id
	add(func(j int) float32 { return 1e-38 * float32(j%3-1) })
	add(func(j int) float32 { return 1e-44 * float32(j) }) // subnormal: id = +Inf
	add(func(j int) float32 { return 3e38 * float32(j%2*2-1) })
	add(func(int) float32 { return -7 })
	for range 40 {
		s := math.Pow(10, float64(r.IntN(20)-10))
		add(func(int) float32 { return float32(r.NormFloat64() * s) })
	}
	return x
}

func TestQuantizeQ8_0(t *testing.T) {
	x := q8Inputs()
	want := make([]byte, len(x)/32*34)
	quantizeQ8_0Generic(want, x)
	forEachImpl(t, "q8_0", func(t *testing.T) {
		for nb := 0; nb <= len(x)/32; nb++ {
			got := make([]byte, nb*34+1)
			got[nb*34] = 0x5a
			QuantizeQ8_0(got[:nb*34], x[:nb*32])
			if !bytes.Equal(got[:nb*34], want[:nb*34]) {
				for b := 0; b < nb; b++ {
					if !bytes.Equal(got[b*34:b*34+34], want[b*34:b*34+34]) {
						t.Fatalf("%d blocks: block %d\n got %x\nwant %x\n(x %v)", nb, b, got[b*34:b*34+34], want[b*34:b*34+34], x[b*32:b*32+32])
					}
				}
			}
			if got[nb*34] != 0x5a {
				t.Fatal("wrote past the end")
			}
		}
	})
}

// FuzzQuantizeQ8_0 compares the kernel in use with Generic on arbitrary
// finite blocks.
func FuzzQuantizeQ8_0(f *testing.F) {
	f.Add(make([]byte, 128), float32(1))
	f.Fuzz(func(t *testing.T, data []byte, scale float32) {
		x := fuzzFloats(data, len(data)/4/32*32, math.Inf(1), func(int) float32 { return scale })
		if FirstNonFinite(x) >= 0 {
			return
		}
		got, want := make([]byte, len(x)/32*34), make([]byte, len(x)/32*34)
		QuantizeQ8_0(got, x)
		quantizeQ8_0Generic(want, x)
		if !bytes.Equal(got, want) {
			t.Fatalf("kernel and Generic differ:\n got %x\nwant %x", got, want)
		}
	})
}
