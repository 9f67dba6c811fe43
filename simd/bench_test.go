package simd

import "testing"

// The kernel benchmarks run every implementation the CPU has, so that
// `go test -bench . ./simd | benchstat` shows each kernel beside its
// Generic twin. MB/s are of float32 input (or output, for dequantizers).
// The data is N(0,1), as model weights are, so that the kernels take the
// paths real rows take (the tests' data, full of extreme groups, would
// time the slow paths).

func benchImpls(b *testing.B, family string, bytes int, f func()) {
	for _, im := range families[family] {
		b.Run(im.name, func(b *testing.B) {
			if !im.available {
				b.Skipf("the CPU lacks %s", im.name)
			}
			im.use()
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			for b.Loop() {
				f()
			}
		})
	}
	for _, im := range families[family] { // back to the default
		if im.available {
			im.use()
			break
		}
	}
}

func BenchmarkQKX(b *testing.B) {
	x, w := gaussData(1, 128*32)
	L := make([]uint8, len(x))
	s, m := make([]float32, 128), make([]float32, 128)
	benchImpls(b, "qkx", 4*len(x), func() { QKX(x, w, L, s, m, 32, 15, -1, 0.1, 20, false) })
}

func BenchmarkQX(b *testing.B) {
	x, _ := gaussData(2, 256*16)
	L := make([]int8, len(x))
	s := make([]float32, 256)
	benchImpls(b, "qx", 4*len(x), func() { QX(x, nil, L, s, 16, 32) })
}

func BenchmarkQ3(b *testing.B) {
	x, _ := gaussData(3, 256*16)
	L := make([]int8, len(x))
	s := make([]float32, 256)
	benchImpls(b, "q3", 4*len(x), func() { Q3(x, L, s, 16, 4) })
}

func BenchmarkIQ4Scales(b *testing.B) {
	x, w := gaussData(4, 128*32)
	s := make([]float32, 128)
	benchImpls(b, "iq4", 4*len(x), func() { IQ4Scales(x, w, s) })
}

func BenchmarkQuantizeQ4_0(b *testing.B) {
	x, _ := gaussData(5, 128*32)
	dst := make([]byte, 128*18)
	benchImpls(b, "legacy", 4*len(x), func() { QuantizeQ4_0(dst, x) })
}

func BenchmarkDequantizeQ4_K(b *testing.B) {
	src := make([]byte, 16*144)
	for i := range src {
		src[i] = byte(i * 7)
	}
	dst := make([]float32, 16*256)
	benchImpls(b, "dequant", 4*len(dst), func() { DequantizeQ4_K(dst, src) })
}

func BenchmarkDiffSums(b *testing.B) {
	x, y := diffData(4, 1<<14)
	var s DiffSums
	benchImpls(b, "diff", 8*len(x), func() { s.Add(x, y) })
}
