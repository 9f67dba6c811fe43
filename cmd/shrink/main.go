// Command shrink makes models smaller: it reads GGUF files and (as the
// library grows) quantizes, prunes and merges LoRA adapters into them.
//
// Usage:
//
//	shrink <command> [flags] [arguments]
//
// Commands:
//
//	inspect   print a GGUF file's header, metadata, tensors and totals
//	quantize  quantize a GGUF model with one of llama-quantize's recipes
//	bench     measure quantize and dequantize throughput per type
//	merge-lora merge LoRA adapters (PEFT or GGUF) into a GGUF model
//	lora      lora extract: a rank-r PEFT adapter from a fine-tuned model and its base
//	distill   distill loss: the distillation loss between stored teacher and student logits
//	prune     zero weights (magnitude, wanda, N:M) and remove blocks or FFN neurons
//
// Errors go to standard error with exit status 1; usage errors exit with 2.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// bundledModel is the tiny model commands use when given no file, relative
// to the repository root.
const bundledModel = "testdata/tiny-llama-f32.gguf"

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"inspect":    {"print a GGUF file's header, metadata, tensors and totals", runInspect},
	"quantize":   {"quantize a GGUF model with one of llama-quantize's recipes (Q4_K_M …)", runQuantize},
	"bench":      {"measure quantize and dequantize throughput per type", runBench},
	"merge-lora": {"merge LoRA adapters (PEFT or GGUF) into a GGUF model", runMergeLoRA},
	"lora":       {"lora extract: a rank-r PEFT adapter from a fine-tuned model and its base", runLoRA},
	"distill":    {"distill loss: the distillation loss between stored teacher and student logits", runDistill},
	"prune":      {"zero weights (magnitude, wanda, N:M) and remove blocks or FFN neurons, optionally quantizing", runPrune},
}

// usageError is an error in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func main() {
	// Ctrl-C and SIGTERM cancel the command, which removes any partial output.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "shrink: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	err := cmd.run(ctx, args[1:], stdout, stderr)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "shrink %s: interrupted; nothing written\n", args[0])
		return 130
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "shrink %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "shrink %s: %v\n", args[0], err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: shrink <command> [flags] [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nrun 'shrink <command> -h' for a command's flags")
}

// newFlags returns a flag set that reports errors instead of exiting and
// prints its usage to stderr.
func newFlags(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: shrink %s [flags] %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	return nil
}
