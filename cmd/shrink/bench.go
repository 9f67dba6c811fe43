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
	fmt.Fprintf(tw, "type\tbits/weight\tquantize 1 thread\tquantize %d threads\tratio\tdequantize 1 thread\tdequantize %d threads\tratio\tSNR dB\t\n", *threads, *threads)
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
			fmt.Fprintf(tw, "%s\t%.4f\t%.0f\t%.0f\t%.2f×\t%.0f\t%.0f\t%.2f×\t%.1f\t\n", label, t.BitsPerWeight(),
				res[0], res[1], res[1]/res[0], res[2], res[3], res[3]/res[2], st.SNR)
		}
	}
	return tw.Flush()
}
