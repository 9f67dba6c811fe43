// Command gen writes the bundled tiny model; run it with go generate in
// internal/tinyllama.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shrinkml/shrink/internal/atomicfile"
	"github.com/shrinkml/shrink/internal/tinyllama"
)

func main() {
	out := flag.String("o", "tiny-llama-f32.gguf", "output file")
	flag.Parse()
	err := atomicfile.Write(context.Background(), *out, func(w io.Writer) error { return tinyllama.Write(w) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
