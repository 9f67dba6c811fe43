package quant

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// gaussRows returns rows×ncols N(0,1) values from a fixed seed.
func gaussRows(seed uint64, rows, ncols int) []float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float32, rows*ncols)
	for i := range x {
		x[i] = float32(r.NormFloat64())
	}
	return x
}

// imatrixFor returns ncols log-normal importance weights from a fixed seed.
func imatrixFor(seed uint64, ncols int) []float32 {
	r := rand.New(rand.NewPCG(seed, 2))
	w := make([]float32, ncols)
	for i := range w {
		w[i] = float32(math.Exp(r.NormFloat64()))
	}
	return w
}

func quantizable(t *testing.T) []*Codec {
	t.Helper()
	var cs []*Codec
	for _, typ := range Types() {
		c, err := For(typ)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

func TestQuantizeRowAllocatesNothing(t *testing.T) {
	const ncols = 512
	x := gaussRows(1, 1, ncols)
	im := imatrixFor(1, ncols)
	for _, c := range quantizable(t) {
		n, _ := c.RowSize(ncols)
		dst := make([]byte, n)
		y := make([]float32, ncols)
		for _, w := range [][]float32{nil, im} {
			allocs := testing.AllocsPerRun(5, func() {
				if err := c.QuantizeRow(dst, x, w); err != nil {
					t.Fatal(err)
				}
				if err := c.DequantizeRow(y, dst); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("%v (imatrix %v): %v allocations per row", c.Type(), w != nil, allocs)
			}
		}
	}
}

// TestRoundTripError checks the round-trip error on fresh N(0,1) data
// against ggml's own error on its golden N(0,1) case (same distribution,
// other numbers), with 15% slack.
func TestRoundTripError(t *testing.T) {
	m := loadManifest(t)
	x := gaussRows(7, 8, 512)
	im := imatrixFor(7, 512)
	for _, r := range m.Result {
		if r.Case != "gauss" || r.RMSE == 0 {
			continue
		}
		typ, _ := gguf.ParseType(r.Type)
		c, _ := For(typ)
		if !c.CanQuantize() {
			continue
		}
		opts := Options{}
		if r.Imatrix {
			opts.Imatrix = im
		}
		st, err := Measure(typ, x, 512, opts)
		if err != nil {
			t.Fatal(err)
		}
		if st.RMSE > 1.15*r.RMSE {
			t.Errorf("%v (imatrix %v): RMSE %.5f, ggml's on its N(0,1) case %.5f", typ, r.Imatrix, st.RMSE, r.RMSE)
		}
		if st.BitsPerWeight != typ.BitsPerWeight() || st.N != len(x) {
			t.Errorf("%v: stats %+v", typ, st)
		}
	}
}

// fixedPointTypes are the types whose quantizer maps its own dequantized
// output back to the same bytes.
var fixedPointTypes = []gguf.Type{
	gguf.TypeF32, gguf.TypeF16, gguf.TypeBF16, gguf.TypeQ8_0, gguf.TypeQ4_0, gguf.TypeQ5_0,
	gguf.TypeTQ2_0, gguf.TypeTQ1_0, gguf.TypeMXFP4,
}

func TestFixedPoint(t *testing.T) {
	x := gaussRows(3, 4, 512)
	for _, typ := range fixedPointTypes {
		c, _ := For(typ)
		n, _ := c.RowSize(512)
		q1 := make([]byte, 4*n)
		q2 := make([]byte, 4*n)
		y := make([]float32, len(x))
		if err := c.Quantize(q1, x, 512, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := c.Dequantize(y, q1, 512, 0); err != nil {
			t.Fatal(err)
		}
		if err := c.Quantize(q2, y, 512, Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(q1, q2) {
			t.Errorf("%v: quantizing the dequantized rows changed the bytes", typ)
		}
	}
}

func TestWorkerCountDoesNotChangeBytes(t *testing.T) {
	const rows, ncols = 70, 256
	x := gaussRows(4, rows, ncols)
	im := imatrixFor(4, ncols)
	for _, c := range quantizable(t) {
		n, _ := c.RowSize(ncols)
		want := make([]byte, rows*n)
		if err := c.Quantize(want, x, ncols, Options{Imatrix: im, Workers: 1}); err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{2, 3, 16} {
			got := make([]byte, rows*n)
			if err := c.Quantize(got, x, ncols, Options{Imatrix: im, Workers: w}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%v: %d workers give other bytes than 1", c.Type(), w)
			}
		}
	}
}

// TestSuperBlocksIndependent quantizes a row of 19 super-blocks in one
// call and each super-block as a row of its own: the K-quants and iq4_xs
// quantize super-blocks independently, so the bytes must agree, whatever
// groups of super-blocks (8 or 16 at a time) the codecs hand the kernels.
func TestSuperBlocksIndependent(t *testing.T) {
	const blocks = 19
	x := gaussRows(5, 1, 256*blocks)
	im := imatrixFor(5, 256*blocks)
	for _, typ := range []gguf.Type{gguf.TypeQ2_K, gguf.TypeQ3_K, gguf.TypeQ4_K, gguf.TypeQ5_K, gguf.TypeQ6_K, gguf.TypeIQ4_XS} {
		c, _ := For(typ)
		for _, imatrix := range [][]float32{nil, im} {
			n, _ := c.RowSize(256)
			whole := make([]byte, blocks*n)
			if err := c.Quantize(whole, x, 256*blocks, Options{Imatrix: imatrix, Workers: 1}); err != nil {
				t.Fatal(err)
			}
			for i := range blocks {
				var o Options
				if imatrix != nil {
					o.Imatrix = imatrix[256*i : 256*i+256]
				}
				one := make([]byte, n)
				if err := c.Quantize(one, x[256*i:256*i+256], 256, o); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(one, whole[n*i:n*i+n]) {
					t.Errorf("%v (imatrix %v): super-block %d differs alone and in a row of %d", typ, imatrix != nil, i, blocks)
				}
			}
		}
	}
}

func TestBadValues(t *testing.T) {
	const rows, ncols = 4, 256
	for _, c := range quantizable(t) {
		n, _ := c.RowSize(ncols)
		dst := make([]byte, rows*n)
		for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(-1))} {
			x := gaussRows(5, rows, ncols)
			x[2*ncols+37] = bad
			x[3*ncols+1] = bad
			err := c.Quantize(dst, x, ncols, Options{Workers: 3})
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Row != 2 || ve.Col != 37 || !errors.Is(err, ErrValue) {
				t.Errorf("%v with %g at row 2 col 37: err = %v", c.Type(), bad, err)
			}
		}
	}
}

func TestScaleOverflow(t *testing.T) {
	x := gaussRows(6, 1, 256)
	x[100] = 1e9 // overflows the fp16 scale of every type here
	for _, typ := range []gguf.Type{gguf.TypeQ4_0, gguf.TypeQ8_0, gguf.TypeQ4_K, gguf.TypeQ6_K, gguf.TypeIQ4_NL} {
		c, _ := For(typ)
		n, _ := c.RowSize(256)
		err := c.QuantizeRow(make([]byte, n), x, nil)
		var ve *ValueError
		bs := typ.BlockSize()
		if !errors.As(err, &ve) || ve.Col != 100/bs*bs || ve.Value != 1e9 {
			t.Errorf("%v: err = %v", typ, err)
		}
	}
	c, _ := For(gguf.TypeF16)
	err := c.QuantizeRow(make([]byte, 512), x, nil)
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Col != 100 {
		t.Errorf("f16: err = %v", err)
	}
	// bf16 holds 1e9.
	c, _ = For(gguf.TypeBF16)
	if err := c.QuantizeRow(make([]byte, 512), x, nil); err != nil {
		t.Errorf("bf16: %v", err)
	}
}

func TestArgumentErrors(t *testing.T) {
	q4k, _ := For(gguf.TypeQ4_K)
	x := gaussRows(8, 2, 256)
	for name, err := range map[string]error{
		"ncols not a multiple": q4k.Quantize(make([]byte, 2*144), x, 128, Options{}),
		"short dst":            q4k.Quantize(make([]byte, 143), x, 256, Options{}),
		"ragged src":           q4k.Quantize(make([]byte, 144), x[:300], 256, Options{}),
		"row dst":              q4k.QuantizeRow(make([]byte, 100), x[:256], nil),
		"dequant short":        q4k.Dequantize(make([]float32, 512), make([]byte, 144), 256, 1),
		"dequant row":          q4k.DequantizeRow(make([]float32, 100), make([]byte, 144)),
	} {
		if !errors.Is(err, ErrShape) {
			t.Errorf("%s: err = %v, want ErrShape", name, err)
		}
	}
	for name, im := range map[string][]float32{
		"short":    make([]float32, 255),
		"negative": append(make([]float32, 255), -1),
		"NaN":      append(make([]float32, 255), float32(math.NaN())),
		"Inf":      append(make([]float32, 255), float32(math.Inf(1))),
	} {
		if err := q4k.Quantize(make([]byte, 2*144), x, 256, Options{Imatrix: im}); !errors.Is(err, ErrImatrix) {
			t.Errorf("imatrix %s: err = %v, want ErrImatrix", name, err)
		}
	}
	iq2, _ := For(gguf.TypeIQ2_XXS)
	if !iq2.RequiresImatrix() || iq2.CanQuantize() {
		t.Error("iq2_xxs: want read-only and needing an imatrix")
	}
	if err := iq2.QuantizeRow(make([]byte, 66), x[:256], nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("iq2_xxs quantize: err = %v", err)
	}
	if _, err := For(gguf.TypeI64); !errors.Is(err, ErrUnsupported) {
		t.Errorf("i64: err = %v", err)
	}
	if _, err := For(gguf.Type(4)); !errors.Is(err, ErrUnsupported) {
		t.Errorf("removed type: err = %v", err)
	}
}

func TestMeasure(t *testing.T) {
	x := gaussRows(9, 16, 256)
	st, err := Measure(gguf.TypeQ8_0, x, 256, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.SNR < 35 || st.Cosine < 0.9999 || st.BitsPerWeight != 8.5 || st.MaxAbsErr <= 0 || st.MaxAbsErr > 0.05 {
		t.Errorf("q8_0: %+v", st)
	}
	st, _ = Measure(gguf.TypeQ2_K, x, 256, Options{})
	if st.SNR > 15 || st.SNR < 5 {
		t.Errorf("q2_K SNR %.1f dB, want 5..15", st.SNR)
	}
	same := Compare(x, x)
	if same.RMSE != 0 || !math.IsInf(same.SNR, 1) || same.Cosine != 1 {
		t.Errorf("Compare(x, x) = %+v", same)
	}
	zero := make([]float32, 4)
	if z := Compare(zero, zero); z.Cosine != 1 || z.RMSE != 0 {
		t.Errorf("Compare(0, 0) = %+v", z)
	}
	if _, err := Measure(gguf.TypeQ4_K, x, 100, Options{}); !errors.Is(err, ErrShape) {
		t.Errorf("Measure with a bad ncols: %v", err)
	}
}

func TestValidate(t *testing.T) {
	c, _ := For(gguf.TypeQ4_K)
	b := make([]byte, 2*144)
	if err := c.Validate(b); err != nil {
		t.Fatal(err)
	}
	b[144+2], b[144+3] = 0x00, 0x7c // dmin of block 1 = +Inf
	if err := c.Validate(b); !errors.Is(err, ErrValue) {
		t.Errorf("err = %v", err)
	}
	if err := c.Validate(b[:100]); !errors.Is(err, ErrShape) {
		t.Errorf("err = %v", err)
	}
}
