package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/simd"
)

// benchTypes are the types `shrink bench` measures by default.
const benchTypes = "f16,bf16,q8_0,q4_0,q4_1,q5_0,q5_1,q2_K,q3_K,q4_K,q5_K,q6_K,iq4_nl,iq4_xs,tq1_0,tq2_0,mxfp4"

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("bench", "", stderr)
	typeList := fs.String("types", benchTypes, "comma-separated `TYPES` to measure")
	rows := fs.Int("rows", 256, "rows of the generated tensor")
	cols := fs.Int("cols", 4096, "values per row (a multiple of every type's block: 256)")
	threads := fs.Int("threads", runtime.GOMAXPROCS(0), "threads for the parallel column")
	minTime := fs.Duration("time", 300*time.Millisecond, "minimum time per measurement")
	weighted := fs.Bool("imatrix", false, "also measure with a (random) importance matrix, for the types that use one")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *rows <= 0 || *cols <= 0 {
		return &usageError{"bench takes flags only, and positive --rows and --cols"}
	}
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, *rows**cols)
	for i := range x {
		x[i] = float32(r.NormFloat64() * 0.02) // the scale of LLM weights
	}
	im := make([]float32, *cols)
	for i := range im {
		im[i] = float32(math.Exp(r.NormFloat64()))
	}
	fmt.Fprintf(stdout, "%d×%d N(0, 0.02) float32 values (%.1f MB); MB/s of float32 in (quantize) or out (dequantize)\n",
		*rows, *cols, float64(4*len(x))/1e6)
	var kernels []string
	for _, k := range simd.Kernels() {
		kernels = append(kernels, k.Family+" "+k.Impl)
	}
	fmt.Fprintf(stdout, "kernels (%s/%s): %s\n\n", runtime.GOOS, runtime.GOARCH, strings.Join(kernels, ", "))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "type\tbits/weight\tquantize 1 thread\tggml\t×ggml\ttarget\tquantize %d threads\tratio\tdequantize 1 thread\tggml\t×ggml\tdequantize %d threads\tratio\tSNR dB\t\n", *threads, *threads)
	for _, name := range strings.Split(*typeList, ",") {
		t, err := gguf.ParseType(strings.TrimSpace(name))
		if err != nil {
			return &usageError{err.Error()}
		}
		c, err := quant.For(t)
		if err != nil || !c.CanQuantize() {
			return &usageError{fmt.Sprintf("%v cannot be quantized", t)}
		}
		variants := []quant.Options{{}}
		if *weighted && c.UsesImatrix() {
			variants = append(variants, quant.Options{Imatrix: im})
		}
		for _, o := range variants {
			if err := ctx.Err(); err != nil {
				return err
			}
			label := t.String()
			if o.Imatrix != nil {
				label += " +imatrix"
			}
			rb, err := c.RowSize(*cols)
			if err != nil {
				return &usageError{err.Error()}
			}
			q := make([]byte, *rows*rb)
			y := make([]float32, len(x))
			mb := float64(4*len(x)) / 1e6
			rate := func(f func() error) (float64, error) {
				n, start := 0, time.Now()
				for n == 0 || time.Since(start) < *minTime {
					if err := f(); err != nil {
						return 0, err
					}
					n++
				}
				return mb * float64(n) / time.Since(start).Seconds(), nil
			}
			var res [4]float64
			for i, w := range []int{1, *threads} {
				o.Workers = w
				if res[i], err = rate(func() error { return c.Quantize(q, x, *cols, o) }); err != nil {
					return err
				}
				if res[2+i], err = rate(func() error { return c.Dequantize(y, q, *cols, w) }); err != nil {
					return err
				}
			}
			st := quant.Compare(x, y)
			ref := ggmlSpeeds[t]
			if o.Imatrix != nil {
				ref = ggmlSpeedsImatrix[t]
			}
			qCols, dqCols := ref.columns(res[0], res[2])
			fmt.Fprintf(tw, "%s\t%.4f\t%.0f\t%s\t%.0f\t%.2f×\t%.0f\t%s\t%.0f\t%.2f×\t%.1f\t\n", label, t.BitsPerWeight(),
				res[0], qCols, res[1], res[1]/res[0], res[2], dqCols, res[3], res[3]/res[2], st.SNR)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nggml: its C on one thread, and target: shrink's goal (✓ where this run meets it), both fixed figures from the")
	fmt.Fprintln(stdout, "machine shrink is built on (ggml d99724f, gcc -O3, baseline x86-64); elsewhere compare the ×ggml ratios only.")
	return nil
}

// columns formats ggml's figures beside ours (quant and dequant, MB/s):
// ggml's quantize speed, our multiple of its best, the target (with ✓ when
// met), then ggml's dequantize speed and our multiple of it; "-" where
// there is no figure.
func (g ggmlSpeed) columns(quant, dequant float64) (q, dq string) {
	q = "-\t-\t-"
	if g.quantHi > 0 {
		ggml := fmt.Sprintf("%.0f", g.quantHi)
		if g.quantLo != g.quantHi {
			ggml = fmt.Sprintf("%.0f–%.0f", g.quantLo, g.quantHi)
		}
		met := ""
		if quant >= g.target {
			met = " ✓"
		}
		q = fmt.Sprintf("%s\t%.1f×\t%.0f%s", ggml, quant/g.quantHi, g.target, met)
	}
	dq = "-\t-"
	if g.dequant > 0 {
		dq = fmt.Sprintf("%.0f\t%.1f×", g.dequant, dequant/g.dequant)
	}
	return q, dq
}
