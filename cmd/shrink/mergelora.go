package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shrinkml/shrink/lora"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/quant/imatrix"
	"github.com/shrinkml/shrink/safetensors"
)

func runMergeLoRA(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge-lora", "--base BASE.gguf --lora ADAPTER[:MULT] ... OUT.gguf", stderr)
	base := fs.String("base", "", "the base model `FILE`: GGUF (any tensor types) or a Hugging Face safetensors checkpoint")
	var adapters stringList
	fs.Var(&adapters, "lora", "`ADAPTER[:MULT]`: a PEFT adapter folder or a llama.cpp GGUF adapter, with an optional multiplier (repeatable)")
	recipeName := fs.String("type", "", "quantize the output with this recipe (Q4_K_M …); default: every tensor keeps its type")
	imatrixPath := fs.String("imatrix", "", "importance matrix `FILE` for requantizing merged tensors")
	threads := fs.Int("threads", 0, "worker goroutines (default: all cores)")
	dtype := fs.String("dtype", "", "safetensors bases: `DTYPE` of the merged tensors (F32, F16, BF16; default: each keeps its own)")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *base == "" || len(adapters) == 0 || fs.NArg() != 1 {
		return &usageError{"want --base BASE.gguf, at least one --lora ADAPTER and OUT.gguf"}
	}
	out := fs.Arg(0)
	var ws []lora.Weighted
	for _, spec := range adapters {
		path, mult := spec, 1.0
		if i := strings.LastIndex(spec, ":"); i > 0 {
			if m, err := strconv.ParseFloat(spec[i+1:], 64); err == nil {
				path, mult = spec[:i], m
			}
		}
		ad, err := readAdapter(path)
		if err != nil {
			return err
		}
		ws = append(ws, lora.Weighted{Adapter: ad, Multiplier: mult})
	}
	if isSafetensors(*base) {
		so := lora.SafetensorsOptions{}
		if *dtype != "" {
			d, err := safetensors.ParseDtype(*dtype)
			if err != nil {
				return &usageError{err.Error()}
			}
			so.Dtype, so.SetDtype = d, true
		}
		start := time.Now()
		mg, err := lora.MergeSafetensors(ctx, *base, out, ws, so)
		if err != nil {
			return err
		}
		for _, m := range mg.Merged() {
			fmt.Fprintf(stdout, "%s  ← %s (rank %d, scale %g)\n", m.Tensor, m.Adapter, m.Rank, m.Scale)
		}
		fmt.Fprintf(stdout, "%s + %d adapter(s) → %s: %d updates merged, %.2fs\n", *base, len(ws), out, len(mg.Merged()), time.Since(start).Seconds())
		return nil
	}
	opts := quant.ModelOptions{Workers: *threads, Measure: true}
	if *recipeName != "" {
		r, err := quant.ParseRecipe(*recipeName)
		if err != nil {
			return &usageError{err.Error()}
		}
		opts.Recipe = r
	}
	if *imatrixPath != "" {
		m, err := imatrix.Open(*imatrixPath)
		if err != nil {
			return err
		}
		opts.Imatrix, opts.ImatrixFile = m, *imatrixPath
	}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(stderr)
		opts.Progress = bar.update
	}
	start := time.Now()
	res, mg, err := lora.MergeFile(ctx, *base, out, ws, opts)
	bar.finish()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tensor\tmodule\trank\tscale\ttype\trounding SNR dB\t")
	index := map[string]int{}
	for i, t := range res.Plan.Tensors {
		index[t.Name] = i
	}
	for _, m := range mg.Merged() {
		i := index[m.Tensor]
		t := res.Plan.Tensors[i]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%g\t%v\t%.1f\t\n", m.Tensor, m.Module, m.Rank, m.Scale, t.To, res.Stats[i].SNR)
	}
	tw.Flush()
	inB, outB, _ := res.Plan.Totals()
	fmt.Fprintf(stdout, "%s + %d adapter(s) → %s: %d updates merged, %s → %s, %.2fs\n",
		*base, len(ws), out, len(mg.Merged()), mib(inB), mib(outB), time.Since(start).Seconds())
	return nil
}

// readAdapter reads a PEFT adapter folder or a GGUF adapter file.
func readAdapter(path string) (*lora.Adapter, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return lora.ReadPEFT(path)
	}
	return lora.ReadGGUF(path)
}
