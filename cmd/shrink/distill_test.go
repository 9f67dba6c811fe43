package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/distill"
	"github.com/shrinkml/shrink/safetensors"
)

func writeLogits(t *testing.T, path string, logits []float32, n, v int, labels []int32) {
	t.Helper()
	infos := []safetensors.TensorInfo{{Name: "logits", Dtype: safetensors.F32, Shape: []int64{int64(n), int64(v)}}}
	data := map[string][]byte{"logits": make([]byte, 4*len(logits))}
	safetensors.FromFloat32s(data["logits"], logits, safetensors.F32)
	if labels != nil {
		infos = append(infos, safetensors.TensorInfo{Name: "labels", Dtype: safetensors.I32, Shape: []int64{int64(n)}})
		b := make([]byte, 4*n)
		for i, l := range labels {
			binary.LittleEndian.PutUint32(b[4*i:], uint32(l))
		}
		data["labels"] = b
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, nil, infos)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range w.Tensors() {
		w.WriteTensor(ti.Name, data[ti.Name])
	}
	w.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
}

func TestDistillLossCommand(t *testing.T) {
	dir := t.TempDir()
	const n, v = 5, 40
	s, te := make([]float32, n*v), make([]float32, n*v)
	for i := range s {
		s[i] = float32(math.Sin(float64(i)))
		te[i] = float32(math.Cos(float64(i) * 0.7))
	}
	labels := []int32{1, 2, 3, 4, 5}
	writeLogits(t, filepath.Join(dir, "s.safetensors"), s, n, v, labels)
	writeLogits(t, filepath.Join(dir, "t.safetensors"), te, n, v, nil)
	calc, _ := distill.New(distill.Config{Kind: distill.Hinton, Alpha: 0.5, Temperature: 2})
	want, _ := calc.Loss(nil, nil, &distill.Batch{N: n, V: v, Student: s, Teacher: te, Labels: labels})
	code, stdout, stderr := runCLI(t, "distill", "loss", "--teacher", filepath.Join(dir, "t.safetensors"),
		"--student", filepath.Join(dir, "s.safetensors"), "--temperature", "2", "--alpha", "0.5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Hinton at T = 2 over 5 positions of 40 classes") || !strings.Contains(stdout, fmt.Sprintf(": %.6g\n", want)) {
		t.Errorf("output %q, want the loss %.6g", stdout, want)
	}
	// A stored top-k teacher gives the same as --topk on the dense one.
	top, _ := distill.TopKFromLogits(te, n, v, 8, 2)
	var buf bytes.Buffer
	w, _ := distill.NewTopKWriter(&buf, distill.TopKInfo{Positions: n, K: 8, Vocab: v, Temperature: 2}, safetensors.F32)
	w.Write(top.Indices, top.LogProbs)
	w.Close()
	os.WriteFile(filepath.Join(dir, "top.safetensors"), buf.Bytes(), 0o644)
	_, a, _ := runCLI(t, "distill", "loss", "--teacher", filepath.Join(dir, "top.safetensors"), "--student", filepath.Join(dir, "s.safetensors"), "--temperature", "2")
	_, b, _ := runCLI(t, "distill", "loss", "--teacher", filepath.Join(dir, "t.safetensors"), "--student", filepath.Join(dir, "s.safetensors"), "--temperature", "2", "--topk", "8")
	if a == "" || a != b {
		t.Errorf("stored top-k %q, --topk %q", a, b)
	}
	if code, _, _ := runCLI(t, "distill", "loss", "--teacher", filepath.Join(dir, "t.safetensors")); code != 2 {
		t.Errorf("missing --student: exit %d", code)
	}
}
