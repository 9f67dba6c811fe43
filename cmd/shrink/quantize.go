package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/quant/imatrix"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runQuantize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("quantize", "[IN.gguf [OUT.gguf] TYPE [THREADS]]", stderr)
	imatrixPath := fs.String("imatrix", "", "importance matrix `FILE` (llama.cpp's GGUF or legacy .dat format)")
	var include, exclude, tensorTypes, overrides stringList
	fs.Var(&include, "include-weights", "use the importance matrix only for tensors whose name contains `S` (repeatable)")
	fs.Var(&exclude, "exclude-weights", "do not use the importance matrix for tensors whose name contains `S` (repeatable)")
	outputType := fs.String("output-tensor-type", "", "`TYPE` of output.weight")
	embdType := fs.String("token-embedding-type", "", "`TYPE` of token_embd.weight")
	fs.Var(&tensorTypes, "tensor-type", "`PATTERN=TYPE`: tensors matching the regular expression get TYPE (repeatable, first match wins)")
	leaveOutput := fs.Bool("leave-output-tensor", false, "leave output.weight unquantized")
	pure := fs.Bool("pure", false, "no mixture: every quantizable tensor gets the recipe's default type")
	requant := fs.Bool("allow-requantize", false, "allow requantizing tensors that are already quantized")
	keepSplit := fs.Bool("keep-split", false, "write a split input as the same splits, OUT-0000i-of-0000N.gguf")
	fs.Var(&overrides, "override-kv", "`KEY=TYPE:VALUE` (TYPE int, float, bool or str) set in the output metadata (repeatable)")
	threads := fs.Int("threads", 0, "worker goroutines (default: all cores); the output does not depend on it")
	dryRun := fs.Bool("dry-run", false, "print the plan (type, size and bits per weight per tensor) and write nothing")
	reportPath := fs.String("report", "", "write per-tensor type, bytes, RMSE, cosine and SNR to `FILE.json`")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if len(include) > 0 && len(exclude) > 0 {
		return &usageError{"--include-weights and --exclude-weights cannot be used together"}
	}

	in, out, recipeName, demo := "", "", "", false
	pos := fs.Args()
	if len(pos) >= 3 {
		if n, err := strconv.Atoi(pos[len(pos)-1]); err == nil {
			if *threads == 0 {
				*threads = n // llama-quantize's trailing nthreads
			}
			pos = pos[:len(pos)-1]
		}
	}
	switch len(pos) {
	case 0:
		demo = true
		if _, err := os.Stat(bundledModel); err != nil {
			return &usageError{fmt.Sprintf("no IN given and the bundled model %s is not here (run from the repository root)", bundledModel)}
		}
		dir, err := os.MkdirTemp("", "shrink-quantize-")
		if err != nil {
			return err
		}
		in, out, recipeName = bundledModel, filepath.Join(dir, "tiny-llama-Q4_K_M.gguf"), "Q4_K_M"
	case 2:
		in, recipeName = pos[0], pos[1]
		if !*dryRun {
			out = filepath.Join(filepath.Dir(in), "ggml-model-"+strings.ToUpper(recipeName)+".gguf")
		}
	case 3:
		in, out, recipeName = pos[0], pos[1], pos[2]
	default:
		return &usageError{"want IN.gguf [OUT.gguf] TYPE [THREADS], got " + strings.Join(fs.Args(), " ")}
	}
	recipe, err := quant.ParseRecipe(recipeName)
	if err != nil {
		return &usageError{err.Error()}
	}
	opts := quant.ModelOptions{
		Recipe: recipe, Pure: *pure, LeaveOutputTensor: *leaveOutput, AllowRequantize: *requant, KeepSplit: *keepSplit,
		Workers: *threads, Measure: *reportPath != "" || demo,
	}
	for flagName, dst := range map[string]*quant.OptionalType{*outputType: &opts.OutputTensorType, *embdType: &opts.TokenEmbeddingType} {
		if flagName == "" {
			continue
		}
		t, err := gguf.ParseType(flagName)
		if err != nil {
			return &usageError{err.Error()}
		}
		*dst = quant.Some(t)
	}
	for _, s := range tensorTypes {
		tt, err := quant.ParseTensorType(s)
		if err != nil {
			return &usageError{err.Error()}
		}
		opts.TensorTypes = append(opts.TensorTypes, tt)
	}
	for _, s := range overrides {
		kv, err := parseOverride(s)
		if err != nil {
			return &usageError{err.Error()}
		}
		opts.Overrides = append(opts.Overrides, kv)
	}
	if *imatrixPath != "" {
		m, err := imatrix.Open(*imatrixPath)
		if err != nil {
			return err
		}
		m.Filter(include, exclude)
		if len(m.Entries) > 0 {
			opts.Imatrix, opts.ImatrixFile = m, *imatrixPath
		}
		fmt.Fprintf(stderr, "importance matrix: %d entries from %s (%d chunks)\n", len(m.Entries), *imatrixPath, m.ChunkCount)
	}

	if *dryRun {
		f, err := gguf.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		plan, err := quant.PlanModel(f.Metadata, f.Tensors, &opts)
		if err != nil {
			return err
		}
		printPlan(stdout, plan)
		return nil
	}

	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(stderr)
		opts.Progress = bar.update
	}
	start := time.Now()
	res, err := quant.QuantizeFile(ctx, in, out, opts)
	bar.finish()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	printSummary(stdout, in, out, res, elapsed, *threads)
	if demo {
		printErrorTable(stdout, res)
	}
	if *reportPath != "" {
		if err := writeReport(*reportPath, res); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "report: %s\n", *reportPath)
	}
	return nil
}

// parseOverride parses llama-quantize's KEY=TYPE:VALUE. Integers are
// written as u32 of their magnitude, as llama.cpp writes them.
func parseOverride(s string) (gguf.KV, error) {
	key, rest, ok := strings.Cut(s, "=")
	typ, val, ok2 := strings.Cut(rest, ":")
	if !ok || !ok2 || key == "" {
		return gguf.KV{}, fmt.Errorf("override %q is not KEY=TYPE:VALUE", s)
	}
	switch typ {
	case "int":
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return gguf.KV{}, fmt.Errorf("override %q: %v", s, err)
		}
		if n < 0 {
			n = -n
		}
		return gguf.KV{Key: key, Value: gguf.NewValue(uint32(n))}, nil
	case "float":
		x, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return gguf.KV{}, fmt.Errorf("override %q: %v", s, err)
		}
		return gguf.KV{Key: key, Value: gguf.NewValue(float32(x))}, nil
	case "bool":
		b, err := strconv.ParseBool(val)
		if err != nil {
			return gguf.KV{}, fmt.Errorf("override %q: %v", s, err)
		}
		return gguf.KV{Key: key, Value: gguf.NewValue(b)}, nil
	case "str":
		if len(val) > 127 {
			return gguf.KV{}, fmt.Errorf("override %q: the value is longer than llama.cpp's 127 bytes", s)
		}
		return gguf.KV{Key: key, Value: gguf.NewValue(val)}, nil
	}
	return gguf.KV{}, fmt.Errorf("override %q: type %q is not int, float, bool or str", s, typ)
}

// printPlan prints a dry run: every tensor and the totals.
func printPlan(w io.Writer, p *quant.Plan) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "tensor\tshape\tfrom\tto\tbytes\tbits/weight\t")
	for i := range p.Tensors {
		t := &p.Tensors[i]
		note := ""
		if t.Fallback {
			note = "fallback"
		}
		fmt.Fprintf(tw, "%s\t%v\t%v\t%v\t%d\t%.4f\t%s\n", t.Name, t.Shape, t.From, t.To, t.Size,
			float64(8*t.Size)/float64(t.Elements()), note)
	}
	tw.Flush()
	in, out, n := p.Totals()
	fmt.Fprintf(w, "\nrecipe %s (file type %v): %s → %s, %.3f → %.3f bits per weight, %d tensors, %d fallbacks\n",
		p.Recipe.Name, p.FileType, mib(in), mib(out), 8*float64(in)/float64(n), 8*float64(out)/float64(n), len(p.Tensors), p.Fallbacks)
	printTypeCounts(w, p)
	if len(p.NeedImatrix) > 0 {
		fmt.Fprintf(w, "warning: quantizing will need an importance matrix (%d tensors, first %s)\n", len(p.NeedImatrix), p.NeedImatrix[0])
	}
	if len(p.Unsupported) > 0 {
		fmt.Fprintf(w, "warning: shrink cannot write %d of these tensors' types yet (first %s)\n", len(p.Unsupported), p.Unsupported[0])
	}
}

func printTypeCounts(w io.Writer, p *quant.Plan) {
	counts := map[gguf.Type]int{}
	for i := range p.Tensors {
		counts[p.Tensors[i].To]++
	}
	var types []gguf.Type
	for t := range counts {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return types[i].String() < types[j].String() })
	var parts []string
	for _, t := range types {
		parts = append(parts, fmt.Sprintf("%v:%d", t, counts[t]))
	}
	fmt.Fprintf(w, "types: %s\n", strings.Join(parts, " "))
}

func printSummary(w io.Writer, in, out string, res *quant.Result, elapsed time.Duration, threads int) {
	p := res.Plan
	inB, outB, n := p.Totals()
	fmt.Fprintf(w, "%s → %s\n", in, out)
	fmt.Fprintf(w, "recipe %s: %s → %s (%.1f%%), %.3f → %.3f bits per weight, %d tensors, %d fallbacks\n",
		p.Recipe.Name, mib(inB), mib(outB), 100*float64(outB)/float64(inB),
		8*float64(inB)/float64(n), 8*float64(outB)/float64(n), len(p.Tensors), p.Fallbacks)
	printTypeCounts(w, p)
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	fmt.Fprintf(w, "time %.2fs, %.1f MB/s of input, %d threads\n", elapsed.Seconds(),
		float64(inB)/1e6/elapsed.Seconds(), threads)
}

// printErrorTable prints, per output type, how far the quantized tensors
// are from the input.
func printErrorTable(w io.Writer, res *quant.Result) {
	byType := map[gguf.Type][]quant.Stats{}
	for i := range res.Plan.Tensors {
		t := &res.Plan.Tensors[i]
		if t.Converted() {
			byType[t.To] = append(byType[t.To], res.Stats[i])
		}
	}
	var types []gguf.Type
	for t := range byType {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool { return types[i].BitsPerWeight() > types[j].BitsPerWeight() })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\ttensors\tbits/weight\tRMSE\tmax |err|\tSNR dB\tcosine\t")
	for _, t := range types {
		st := quant.Pool(byType[t]...)
		fmt.Fprintf(tw, "%v\t%d\t%.4f\t%.3g\t%.3g\t%.1f\t%.5f\t\n", t, len(byType[t]), t.BitsPerWeight(),
			st.RMSE, st.MaxAbsErr, st.SNR, st.Cosine)
	}
	tw.Flush()
}

// tensorReport is one tensor of --report FILE.json.
type tensorReport struct {
	Name      string  `json:"name"`
	Shape     []int64 `json:"shape"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Bytes     int64   `json:"bytes"`
	Fallback  bool    `json:"fallback,omitempty"`
	Imatrix   bool    `json:"imatrix,omitempty"`
	RMSE      float64 `json:"rmse,omitempty"`
	MaxAbsErr float64 `json:"max_abs_err,omitempty"`
	Cosine    float64 `json:"cosine,omitempty"`
	SNR       float64 `json:"snr_db,omitempty"`
}

func writeReport(path string, res *quant.Result) error {
	rep := struct {
		Recipe   string         `json:"recipe"`
		FileType uint32         `json:"file_type"`
		Tensors  []tensorReport `json:"tensors"`
	}{Recipe: res.Plan.Recipe.Name, FileType: uint32(res.Plan.FileType)}
	for i := range res.Plan.Tensors {
		t := &res.Plan.Tensors[i]
		tr := tensorReport{Name: t.Name, Shape: t.Shape, From: t.From.String(), To: t.To.String(), Bytes: t.Size,
			Fallback: t.Fallback, Imatrix: t.Imatrix != nil}
		if t.Converted() && res.Stats != nil {
			st := res.Stats[i]
			tr.RMSE, tr.MaxAbsErr, tr.Cosine = st.RMSE, st.MaxAbsErr, st.Cosine
			if !math.IsInf(st.SNR, 0) {
				tr.SNR = st.SNR
			}
		}
		rep.Tensors = append(rep.Tensors, tr)
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func mib(n int64) string { return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20)) }
