package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/shrinkml/shrink/distill"
	"github.com/shrinkml/shrink/safetensors"
)

// runDistill dispatches `shrink distill SUBCOMMAND`.
func runDistill(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "loss" {
		return &usageError{"want: shrink distill loss --teacher T.safetensors --student S.safetensors [flags]"}
	}
	return runDistillLoss(ctx, args[1:], stdout, stderr)
}

func runDistillLoss(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("distill loss", "--teacher T.safetensors --student S.safetensors", stderr)
	teacherPath := fs.String("teacher", "", "teacher `FILE`: logits [N, V] in tensor \"logits\", or a top-k file (shrink-topk)")
	studentPath := fs.String("student", "", "student `FILE`: logits [N, V] in tensor \"logits\" (and optional I32 \"labels\" [N])")
	T := fs.Float64("temperature", 1, "temperature T")
	alpha := fs.Float64("alpha", 0, "weight of the hard-label cross-entropy (needs labels): α·CE + (1−α)·T²·KL")
	topk := fs.Int("topk", 0, "compare against the teacher's top `K` classes only (renormalised)")
	bucket := fs.Bool("bucket", false, "with a top-k teacher, keep the teacher's tail as one extra class instead of renormalising")
	kind := fs.String("loss", "forward", "forward (T²·KL(p‖q)), reverse (KL(q‖p)) or jsd")
	beta := fs.Float64("beta", 0.5, "JSD's β")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *teacherPath == "" || *studentPath == "" || fs.NArg() != 0 {
		return &usageError{"want --teacher and --student"}
	}
	cfg := distill.Config{Temperature: *T}
	switch *kind {
	case "forward":
		cfg.Kind = distill.ForwardKL
	case "reverse":
		cfg.Kind = distill.ReverseKL
	case "jsd":
		cfg.Kind, cfg.Beta = distill.JSD, *beta
	default:
		return &usageError{fmt.Sprintf("unknown --loss %q", *kind)}
	}
	if *alpha != 0 {
		cfg.Kind, cfg.Alpha = distill.Hinton, *alpha
	}
	calc, err := distill.New(cfg)
	if err != nil {
		return &usageError{err.Error()}
	}
	sf, err := safetensors.Open(*studentPath)
	if err != nil {
		return err
	}
	defer sf.Close()
	student, n, v, err := readLogits(sf, *studentPath)
	if err != nil {
		return err
	}
	b := &distill.Batch{N: n, V: v, Student: student}
	if labels, ok, err := readLabels(sf, n); err != nil {
		return err
	} else if ok {
		b.Labels = labels
	}
	tf, err := safetensors.Open(*teacherPath)
	if err != nil {
		return err
	}
	defer tf.Close()
	if _, dense := tf.Tensor("logits"); dense {
		teacher, tn, tv, err := readLogits(tf, *teacherPath)
		if err != nil {
			return err
		}
		if tn != n || tv != v {
			return fmt.Errorf("teacher logits are %d×%d, student %d×%d", tn, tv, n, v)
		}
		b.Teacher = teacher
		if *topk > 0 {
			if b.TopK, err = distill.TopKFromLogits(teacher, n, v, *topk, cfg.Temperature); err != nil {
				return err
			}
			b.TopK.Bucket, b.Teacher = *bucket, nil
		}
	} else {
		top, info, err := distill.ReadTopK(tf)
		if err != nil {
			return fmt.Errorf("%s: %w", *teacherPath, err)
		}
		if info.Positions != n || info.Vocab != v {
			return fmt.Errorf("the top-k teacher has %d positions over %d classes, the student %d over %d", info.Positions, info.Vocab, n, v)
		}
		if info.Temperature != cfg.Temperature {
			return fmt.Errorf("the top-k teacher was stored at temperature %g; pass --temperature %g", info.Temperature, info.Temperature)
		}
		top.Bucket, b.TopK = *bucket, top
	}
	if b.TopK != nil && cfg.Kind != distill.ForwardKL {
		return &usageError{"a top-k teacher works with the forward KL only"}
	}
	loss, err := calc.Loss(nil, nil, b)
	if err != nil {
		return err
	}
	what := cfg.Kind.String()
	if b.TopK != nil {
		what += fmt.Sprintf(" against the teacher's top %d", b.TopK.K)
	}
	fmt.Fprintf(stdout, "%s at T = %g over %d positions of %d classes: %.6g\n", what, cfg.Temperature, n, v, loss)
	return nil
}

// readLogits reads the "logits" tensor [N, V] of a file.
func readLogits(f *safetensors.File, path string) ([]float32, int, int, error) {
	ti, ok := f.Tensor("logits")
	if !ok || len(ti.Shape) != 2 {
		return nil, 0, 0, fmt.Errorf("%s: no 2-D tensor \"logits\"", path)
	}
	n, v := int(ti.Shape[0]), int(ti.Shape[1])
	raw, err := f.TensorBytes("logits")
	if err != nil {
		return nil, 0, 0, err
	}
	vals := make([]float32, n*v)
	if err := safetensors.Float32s(vals, raw, ti.Dtype); err != nil {
		return nil, 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	return vals, n, v, nil
}

// readLabels reads the optional I32 "labels" tensor [N].
func readLabels(f *safetensors.File, n int) ([]int32, bool, error) {
	ti, ok := f.Tensor("labels")
	if !ok {
		return nil, false, nil
	}
	if ti.Dtype != safetensors.I32 || len(ti.Shape) != 1 || ti.Shape[0] != int64(n) {
		return nil, false, fmt.Errorf("tensor \"labels\" must be I32 [%d]", n)
	}
	raw, err := f.TensorBytes("labels")
	if err != nil {
		return nil, false, err
	}
	labels := make([]int32, n)
	for i := range labels {
		labels[i] = int32(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return labels, true, nil
}
