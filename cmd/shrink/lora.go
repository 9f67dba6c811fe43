package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"text/tabwriter"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/lora"
)

// runLoRA dispatches `shrink lora SUBCOMMAND`.
func runLoRA(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{"want a subcommand: extract (or use shrink merge-lora to merge)"}
	}
	switch args[0] {
	case "extract":
		return runLoRAExtract(ctx, args[1:], stdout, stderr)
	case "merge":
		return runMergeLoRA(ctx, args[1:], stdout, stderr)
	}
	return &usageError{fmt.Sprintf("unknown subcommand %q (want extract or merge)", args[0])}
}

func runLoRAExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("lora extract", "--base BASE.gguf --tuned TUNED.gguf --rank R OUTDIR", stderr)
	basePath := fs.String("base", "", "the base model `FILE` (GGUF)")
	tunedPath := fs.String("tuned", "", "the fine-tuned model `FILE` (GGUF, same tensors)")
	rank := fs.Int("rank", 16, "rank r of every module")
	pattern := fs.String("pattern", "", "regular expression selecting the tensors (default: the blocks' attention and feed-forward weights)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *basePath == "" || *tunedPath == "" || fs.NArg() != 1 || *rank <= 0 {
		return &usageError{"want --base, --tuned, a positive --rank and OUTDIR"}
	}
	opts := lora.ExtractOptions{Rank: *rank}
	if *pattern != "" {
		re, err := regexp.Compile(*pattern)
		if err != nil {
			return &usageError{err.Error()}
		}
		opts.Pattern = re
	}
	base, err := gguf.Open(*basePath)
	if err != nil {
		return err
	}
	defer base.Close()
	tuned, err := gguf.Open(*tunedPath)
	if err != nil {
		return err
	}
	defer tuned.Close()
	ad, stats, err := lora.Extract(ctx, base, tuned, opts)
	if err != nil {
		return err
	}
	if len(stats) == 0 {
		return fmt.Errorf("no selected tensor differs between %s and %s", *basePath, *tunedPath)
	}
	name, _ := gguf.Lookup[string](base.Metadata, gguf.KeyName)
	if err := lora.WritePEFT(fs.Arg(0), ad, name); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tensor\tmodule\t‖Δ‖\tenergy kept\t")
	for _, s := range stats {
		fmt.Fprintf(tw, "%s\t%s\t%.4g\t%.2f%%\t\n", s.Tensor, s.Module, s.Norm, 100*s.Retained)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "rank-%d PEFT adapter of %d modules written to %s\n", *rank, len(stats), fs.Arg(0))
	return nil
}
