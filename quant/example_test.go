package quant_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

// ramp returns rows×ncols values of a smooth deterministic signal.
func ramp(rows, ncols int) []float32 {
	x := make([]float32, rows*ncols)
	for i := range x {
		x[i] = float32(math.Sin(float64(i) * 0.1))
	}
	return x
}

// Quantize a tensor to q4_K and read it back.
func ExampleCodec_Quantize() {
	const rows, ncols = 4, 512
	x := ramp(rows, ncols)

	c, err := quant.For(gguf.TypeQ4_K)
	if err != nil {
		panic(err)
	}
	rowBytes, _ := c.RowSize(ncols)
	q := make([]byte, rows*rowBytes)
	if err := c.Quantize(q, x, ncols, quant.Options{Workers: 2}); err != nil {
		panic(err)
	}
	y := make([]float32, len(x))
	if err := c.Dequantize(y, q, ncols, 2); err != nil {
		panic(err)
	}
	fmt.Printf("%d values in %d bytes; x[5] = %.4f, back %.4f\n", len(x), len(q), x[5], y[5])
	// Output: 2048 values in 1152 bytes; x[5] = 0.4794, back 0.4557
}

// Measure how much each type loses on the same rows.
func ExampleMeasure() {
	const rows, ncols = 8, 256
	x := ramp(rows, ncols)
	for _, typ := range []gguf.Type{gguf.TypeQ8_0, gguf.TypeQ6_K, gguf.TypeQ4_K, gguf.TypeQ2_K} {
		st, err := quant.Measure(typ, x, ncols, quant.Options{})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-4v %.4f bits/weight  SNR %4.1f dB  cosine %.5f\n", typ, st.BitsPerWeight, st.SNR, st.Cosine)
	}
	// Output:
	// q8_0 8.5000 bits/weight  SNR 50.0 dB  cosine 1.00000
	// q6_K 6.5625 bits/weight  SNR 39.5 dB  cosine 0.99994
	// q4_K 4.5000 bits/weight  SNR 28.2 dB  cosine 0.99925
	// q2_K 2.6250 bits/weight  SNR 18.6 dB  cosine 0.99309
}

// Validate quantized rows as llama.cpp does before loading a file.
func ExampleCodec_Validate() {
	c, _ := quant.For(gguf.TypeQ8_0)
	block := make([]byte, 34)
	fmt.Println(c.Validate(block))
	block[0], block[1] = 0x00, 0x7e // the fp16 scale is NaN
	fmt.Println(c.Validate(block))
	// Output:
	// <nil>
	// quant: q8_0: non-finite value or scale: block 0 is NaN or infinite, or has such a scale
}

// Plan a quantization with llama-quantize's Q4_K_M recipe without writing
// anything, as `shrink quantize --dry-run` does.
func ExamplePlanModel() {
	f, err := gguf.Open("../testdata/tiny-llama-f32.gguf")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	recipe, _ := quant.ParseRecipe("Q4_K_M")
	plan, err := quant.PlanModel(f.Metadata, f.Tensors, &quant.ModelOptions{Recipe: recipe})
	if err != nil {
		panic(err)
	}
	for _, t := range plan.Tensors[:4] {
		fmt.Println(t.Name, t.From, "→", t.To)
	}
	in, out, _ := plan.Totals()
	fmt.Printf("%d → %d bytes\n", in, out)
	// Output:
	// output.weight f32 → q6_K
	// output_norm.weight f32 → f32
	// token_embd.weight f32 → q4_K
	// blk.0.attn_k.weight f32 → q4_K
	// 7345152 → 1130240 bytes
}

// Quantize a model file to Q8_0; the output appears only when complete.
func ExampleQuantizeFile() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	recipe, _ := quant.ParseRecipe("Q8_0")
	res, err := quant.QuantizeFile(context.Background(), "../testdata/tiny-llama-f32.gguf",
		filepath.Join(dir, "tiny-Q8_0.gguf"), quant.ModelOptions{Recipe: recipe})
	if err != nil {
		panic(err)
	}
	_, out, values := res.Plan.Totals()
	fmt.Printf("%.3f bits per weight\n", 8*float64(out)/float64(values))
	// Output: 8.516 bits per weight
}
