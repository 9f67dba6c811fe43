// Command prune shows the library call behind `shrink prune`: it zeroes half
// the weights of a GGUF model's attention and FFN matrices in 2:4 groups,
// removes its last block, and quantizes the result to Q4_K_M, all in one
// streaming pass, then prints what each masked tensor lost and what the
// file costs, plain and zstd-compressed.
//
//	go run ./examples/prune [IN.gguf [OUT.gguf]]
//
// With no arguments it prunes the bundled tiny model into a temporary
// folder (run it from the repository root).
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/shrinkml/shrink/prune"
	"github.com/shrinkml/shrink/quant"
)

func main() {
	in, out := "testdata/tiny-llama-f32.gguf", ""
	if len(os.Args) > 1 {
		in = os.Args[1]
	}
	if len(os.Args) > 2 {
		out = os.Args[2]
	} else {
		dir, err := os.MkdirTemp("", "prune-example-")
		if err != nil {
			log.Fatal(err)
		}
		out = filepath.Join(dir, "pruned-Q4_K_M.gguf")
	}
	q4km, err := quant.ParseRecipe("Q4_K_M")
	if err != nil {
		log.Fatal(err)
	}
	res, err := prune.PruneFile(context.Background(), in, out, prune.FileOptions{
		Mask:      &prune.Options{Method: prune.NM, N: 2, M: 4},
		Structure: prune.Structure{DropLayers: []int{1}},
		Then:      q4km,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Tensors {
		fmt.Printf("%-26s %5.1f%% zero, relative error %.3f\n", s.Name, 100*s.Sparsity(), s.RelError())
	}
	zin, _ := prune.CompressedSize(in)
	zout, _ := prune.CompressedSize(out)
	fmt.Printf("%d blocks left; %d → %d bytes (zstd: %d → %d)\n", res.Layers, res.In, res.Out, zin, zout)
}
