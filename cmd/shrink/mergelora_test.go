package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/safetensors"
)

// writeAdapter writes a rank-2 PEFT adapter of layer 0's q_proj for the
// bundled model.
func writeAdapter(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "adapter_config.json"), []byte(`{"peft_type":"LORA","r":2,"lora_alpha":4,"target_modules":["q_proj"]}`), 0o644)
	infos := []safetensors.TensorInfo{
		{Name: "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", Dtype: safetensors.F32, Shape: []int64{2, 256}},
		{Name: "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight", Dtype: safetensors.F32, Shape: []int64{256, 2}},
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, nil, infos)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range w.Tensors() {
		data := make([]byte, ti.Size())
		for i := 3; i < len(data); i += 4 {
			data[i] = 0x3c // 0x3c000000 ≈ 0.0078
		}
		w.WriteTensor(ti.Name, data)
	}
	w.Close()
	os.WriteFile(filepath.Join(dir, "adapter_model.safetensors"), buf.Bytes(), 0o644)
}

func TestMergeLoRACommand(t *testing.T) {
	dir := t.TempDir()
	writeAdapter(t, filepath.Join(dir, "ad"))
	out := filepath.Join(dir, "merged.gguf")
	code, stdout, stderr := runCLI(t, "merge-lora", "--quiet", "--base", tinyModel, "--lora", filepath.Join(dir, "ad")+":0.5", "--type", "Q8_0", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	flat := strings.Join(strings.Fields(stdout), " ")
	if !strings.Contains(flat, "blk.0.attn_q.weight model.layers.0.self_attn.q_proj 2 1 q8_0") || !strings.Contains(flat, "1 updates merged") {
		t.Errorf("summary:\n%s", stdout)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
	// The real shakes-a adapter has layers 2 and 3, which the tiny model lacks.
	code, _, stderr = runCLI(t, "merge-lora", "--quiet", "--base", tinyModel, "--lora", "../../lora/testdata/lora-qv", filepath.Join(dir, "x.gguf"))
	if code != 1 || !strings.Contains(stderr, "model.layers.2.self_attn.q_proj") || !strings.Contains(stderr, "blk.2.attn_q.weight") {
		t.Errorf("mismatch: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "merge-lora", "--base", tinyModel, out); code != 2 {
		t.Errorf("no --lora: exit %d", code)
	}
}

func TestLoRAExtractCommand(t *testing.T) {
	dir := t.TempDir()
	writeAdapter(t, filepath.Join(dir, "ad"))
	tuned := filepath.Join(dir, "tuned.gguf")
	if code, _, stderr := runCLI(t, "merge-lora", "--quiet", "--base", tinyModel, "--lora", filepath.Join(dir, "ad"), tuned); code != 0 {
		t.Fatalf("merge: %s", stderr)
	}
	out := filepath.Join(dir, "extracted")
	code, stdout, stderr := runCLI(t, "lora", "extract", "--base", tinyModel, "--tuned", tuned, "--rank", "2", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	flat := strings.Join(strings.Fields(stdout), " ")
	if !strings.Contains(flat, "blk.0.attn_q.weight model.layers.0.self_attn.q_proj") || !strings.Contains(flat, "100.00%") {
		t.Errorf("extract output:\n%s", stdout)
	}
	for _, f := range []string{"adapter_config.json", "adapter_model.safetensors"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if code, _, _ := runCLI(t, "lora", "extract", "--base", tinyModel, out); code != 2 {
		t.Errorf("missing --tuned: exit %d", code)
	}
	if code, _, _ := runCLI(t, "lora", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
