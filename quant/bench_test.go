package quant

import (
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// benchRows, benchCols is the benchmark tensor: 4096×4096 as the issue asks,
// or 64 rows of it with -short.
const benchCols = 4096

func benchRows(b *testing.B) int {
	if testing.Short() {
		return 64
	}
	return 4096
}

// BenchmarkQuantize measures one goroutine quantizing a 4096-wide tensor of
// N(0,1) values; MB/s are of float32 input. The "imatrix" variants pass an
// importance matrix (only for types that use one).
func BenchmarkQuantize(b *testing.B) {
	rows := benchRows(b)
	x := gaussRows(11, rows, benchCols)
	im := imatrixFor(11, benchCols)
	for _, typ := range Types() {
		c, _ := For(typ)
		for _, weighted := range []bool{false, true} {
			if weighted && !c.UsesImatrix() {
				continue
			}
			name := typ.String()
			opts := Options{Workers: 1}
			if weighted {
				name += "/imatrix"
				opts.Imatrix = im
			}
			b.Run(name, func(b *testing.B) {
				n, _ := c.RowSize(benchCols)
				dst := make([]byte, rows*n)
				b.SetBytes(int64(4 * len(x)))
				b.ReportAllocs()
				for b.Loop() {
					if err := c.Quantize(dst, x, benchCols, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkDequantize measures one goroutine dequantizing the same tensor;
// MB/s are of float32 output.
func BenchmarkDequantize(b *testing.B) {
	rows := benchRows(b)
	x := gaussRows(11, rows, benchCols)
	for _, c := range allCodecs() {
		if c.typ == gguf.TypeI8 || c.typ == gguf.TypeI16 || c.typ == gguf.TypeI32 || c.typ == gguf.TypeF64 {
			continue
		}
		b.Run(c.typ.String(), func(b *testing.B) {
			n, _ := c.RowSize(benchCols)
			src := make([]byte, rows*n)
			if c.CanQuantize() {
				if err := c.Quantize(src, x, benchCols, Options{}); err != nil {
					b.Fatal(err)
				}
			} // the lattice types dequantize zero blocks: same work
			dst := make([]float32, len(x))
			b.SetBytes(int64(4 * len(dst)))
			b.ReportAllocs()
			for b.Loop() {
				if err := c.Dequantize(dst, src, benchCols, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
