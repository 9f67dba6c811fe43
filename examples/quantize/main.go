// Command quantize shows the library call behind `shrink quantize`: it
// quantizes a GGUF model with one of llama-quantize's recipes and prints what
// each tensor became and how far it moved from the input.
//
//	go run ./examples/quantize [IN.gguf [OUT.gguf [RECIPE]]]
//
// With no arguments it quantizes the bundled tiny model to Q4_K_M in a
// temporary folder (run it from the repository root).
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/shrinkml/shrink/quant"
)

func main() {
	in, out, recipeName := "testdata/tiny-llama-f32.gguf", "", "Q4_K_M"
	args := os.Args[1:]
	if len(args) > 0 {
		in = args[0]
	}
	if len(args) > 1 {
		out = args[1]
	} else {
		dir, err := os.MkdirTemp("", "quantize-example-")
		if err != nil {
			log.Fatal(err)
		}
		out = filepath.Join(dir, "model-"+recipeName+".gguf")
	}
	if len(args) > 2 {
		recipeName = args[2]
	}

	recipe, err := quant.ParseRecipe(recipeName)
	if err != nil {
		log.Fatal(err)
	}
	res, err := quant.QuantizeFile(context.Background(), in, out, quant.ModelOptions{
		Recipe:  recipe,
		Measure: true, // also measure each tensor's error against the input
	})
	if err != nil {
		log.Fatal(err)
	}
	for i, t := range res.Plan.Tensors {
		if t.Converted() {
			st := res.Stats[i]
			fmt.Printf("%-28s %-5v → %-5v SNR %5.1f dB\n", t.Name, t.From, t.To, st.SNR)
		}
	}
	inBytes, outBytes, values := res.Plan.Totals()
	fmt.Printf("%s: %d → %d bytes, %.2f bits per weight\n", out, inBytes, outBytes, 8*float64(outBytes)/float64(values))
}
