package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shrinkml/shrink/prune"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/quant/imatrix"
)

func runPrune(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("prune", "[flags] IN OUT", stderr)
	method := fs.String("method", "", "magnitude, wanda or nm (none: structural pruning only)")
	sparsity := fs.Float64("sparsity", 0.5, "share of the selected weights to zero (magnitude, wanda)")
	scope := fs.String("scope", "tensor", "magnitude: count the sparsity per tensor, per row, or global over all selected tensors")
	pattern := fs.String("pattern", "2:4", "N:M for --method nm: keep N of every M consecutive weights")
	imPath := fs.String("imatrix", "", "importance matrix `FILE` (activation statistics; needed by wanda)")
	selection := fs.String("tensors", "", "regular expression selecting the tensors to mask (default: attention and FFN matrices of the blocks)")
	layers := fs.String("prune-layers", "", "comma-separated `LIST` of blocks to remove (GGUF)")
	ffnKeep := fs.Float64("ffn-keep", 0, "share of FFN neurons to keep per block, rounded to a multiple of 256 (GGUF; 0 = all)")
	then := fs.String("then", "", "quantize the result with this `RECIPE` (Q4_K_M …) in the same pass (GGUF)")
	threads := fs.Int("threads", 0, "worker goroutines (default: all cores)")
	report := fs.String("report", "", "write per-tensor sparsity and errors to `FILE.json`")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return &usageError{"want IN and OUT"}
	}
	in, out := fs.Arg(0), fs.Arg(1)
	opts := prune.FileOptions{}
	opts.Quant.Workers = *threads
	var im *imatrix.Matrix
	if *imPath != "" {
		m, err := imatrix.Open(*imPath)
		if err != nil {
			return err
		}
		im = m
	}
	if *method != "" {
		mo := &prune.Options{Sparsity: *sparsity, Imatrix: im}
		switch *method {
		case "magnitude":
			mo.Method = prune.Magnitude
		case "wanda":
			mo.Method = prune.Wanda
		case "nm":
			mo.Method = prune.NM
			n, m, ok := strings.Cut(*pattern, ":")
			var err1, err2 error
			mo.N, err1 = strconv.Atoi(n)
			mo.M, err2 = strconv.Atoi(m)
			if !ok || err1 != nil || err2 != nil {
				return &usageError{fmt.Sprintf("--pattern %q is not N:M", *pattern)}
			}
		default:
			return &usageError{fmt.Sprintf("unknown --method %q", *method)}
		}
		switch *scope {
		case "tensor":
			mo.Scope = prune.PerTensor
		case "row":
			mo.Scope = prune.PerRow
		case "global":
			mo.Scope = prune.Global
		default:
			return &usageError{fmt.Sprintf("unknown --scope %q", *scope)}
		}
		if *selection != "" {
			re, err := regexp.Compile(*selection)
			if err != nil {
				return &usageError{err.Error()}
			}
			mo.Pattern = re
		}
		opts.Mask = mo
	}
	if *layers != "" {
		for _, s := range strings.Split(*layers, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return &usageError{fmt.Sprintf("--prune-layers: %q is not a number", s)}
			}
			opts.Structure.DropLayers = append(opts.Structure.DropLayers, n)
		}
	}
	opts.Structure.FFNKeep, opts.Structure.Imatrix = *ffnKeep, im
	if *then != "" {
		r, err := quant.ParseRecipe(*then)
		if err != nil {
			return &usageError{err.Error()}
		}
		opts.Then = r
		if im != nil {
			opts.Quant.Imatrix, opts.Quant.ImatrixFile = im, *imPath
		}
	}
	if opts.Mask == nil && len(opts.Structure.DropLayers) == 0 && (*ffnKeep == 0 || *ffnKeep == 1) {
		return &usageError{"nothing to prune: give --method, --prune-layers or --ffn-keep"}
	}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(stderr)
		opts.Quant.Progress = bar.update
	}
	start := time.Now()
	res, err := prune.PruneFile(ctx, in, out, opts)
	bar.finish()
	if err != nil {
		return err
	}
	if len(res.Tensors) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "tensor\tsparsity\t‖W−W'‖/‖W‖\tweighted\tN:M ok\t")
		var zeros, total int64
		for _, s := range res.Tensors {
			weighted, nm := "-", "-"
			if w := s.WeightedRelError(); !math.IsNaN(w) {
				weighted = fmt.Sprintf("%.4f", w)
			}
			if s.Groups > 0 {
				nm = fmt.Sprintf("%.1f%%", 100*float64(s.Compliant)/float64(s.Groups))
			}
			fmt.Fprintf(tw, "%s\t%.2f%%\t%.4f\t%s\t%s\t\n", s.Name, 100*s.Sparsity(), s.RelError(), weighted, nm)
			zeros += s.Zeros
			total += s.Elements
		}
		tw.Flush()
		fmt.Fprintf(stdout, "masked %d tensors: %.2f%% of their %d weights are zero\n", len(res.Tensors), 100*float64(zeros)/float64(total), total)
	}
	if res.Layers > 0 || res.FFNWidth > 0 {
		fmt.Fprintf(stdout, "structure: %d blocks", res.Layers)
		if res.FFNWidth > 0 {
			fmt.Fprintf(stdout, ", feed-forward width %d", res.FFNWidth)
		}
		fmt.Fprintln(stdout)
	}
	zin, _ := prune.CompressedSize(in)
	zout, _ := prune.CompressedSize(out)
	fmt.Fprintf(stdout, "%s → %s: %s → %s; with zstd %s → %s; %.2fs\n", in, out, mib(res.In), mib(res.Out), mib(zin), mib(zout), time.Since(start).Seconds())
	if *report != "" {
		data, err := json.MarshalIndent(struct {
			Tensors  []prune.TensorStats `json:"tensors"`
			Layers   int                 `json:"layers,omitempty"`
			FFNWidth int                 `json:"ffn_width,omitempty"`
			In, Out  int64
			ZstdIn   int64 `json:"zstd_in"`
			ZstdOut  int64 `json:"zstd_out"`
		}{res.Tensors, res.Layers, res.FFNWidth, res.In, res.Out, zin, zout}, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*report, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}
