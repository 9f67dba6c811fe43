package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

const tinyModel = "../../testdata/tiny-llama-f32.gguf"

func TestQuantizeCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "q.gguf")
	report := filepath.Join(dir, "r.json")
	code, stdout, stderr := runCLI(t, "quantize", "--threads", "2", "--report", report,
		"--override-kv", "general.name=str:shrunk", "--override-kv", "test.count=int:-7",
		tinyModel, out, "q4_k_m")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"recipe Q4_K_M:", "types: f32:5 q4_K:13 q6_K:3", "2 threads", "report: "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "[21/21] blk.1.ffn_up.weight") {
		t.Errorf("no progress lines on stderr:\n%s", stderr)
	}
	f, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if name, _ := gguf.Lookup[string](f.Metadata, "general.name"); name != "shrunk" {
		t.Errorf("general.name = %q", name)
	}
	if n, _ := gguf.Lookup[uint32](f.Metadata, "test.count"); n != 7 {
		t.Errorf("test.count = %d, want 7 (llama.cpp writes |int| as u32)", n)
	}
	kvs := f.Metadata.All()
	if kvs[len(kvs)-1].Key != "test.count" || kvs[len(kvs)-3].Key != gguf.KeyFileType {
		t.Errorf("overrides not at the end: %v, %v", kvs[len(kvs)-3].Key, kvs[len(kvs)-1].Key)
	}
	var rep struct {
		Recipe  string
		Tensors []struct {
			Name, From, To string
			Bytes          int64
			SNR            float64 `json:"snr_db"`
		}
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Recipe != "Q4_K_M" || len(rep.Tensors) != 21 || rep.Tensors[0].Name != "output.weight" ||
		rep.Tensors[0].To != "q6_K" || rep.Tensors[0].SNR < 20 {
		t.Errorf("report: %+v", rep)
	}
}

func TestQuantizeDryRun(t *testing.T) {
	code, stdout, stderr := runCLI(t, "quantize", "--dry-run", "--pure", tinyModel, "Q2_K")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	flat := strings.Join(strings.Fields(stdout), " ")
	for _, want := range []string{"blk.0.ffn_down.weight [768 256] f32 q2_K 64512 2.6250", "types: f32:5 q2_K:16"} {
		if !strings.Contains(flat, want) {
			t.Errorf("dry run lacks %q:\n%s", want, stdout)
		}
	}
	// Needing an imatrix is a warning in a dry run, an error otherwise.
	code, stdout, _ = runCLI(t, "quantize", "--dry-run", tinyModel, "Q2_K_S")
	if code != 0 || !strings.Contains(stdout, "will need an importance matrix") {
		t.Errorf("Q2_K_S dry run: exit %d\n%s", code, stdout)
	}
	out := filepath.Join(t.TempDir(), "o.gguf")
	code, _, stderr = runCLI(t, "quantize", tinyModel, out, "Q2_K_S")
	if code != 1 || !strings.Contains(stderr, "requires an importance matrix") {
		t.Errorf("Q2_K_S: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused run left an output file")
	}
}

func TestQuantizeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"quantize", tinyModel, "x.gguf", "Q9_K"},
		{"quantize", "--tensor-type", "attn_v", tinyModel, "x.gguf", "Q4_K_M"},
		{"quantize", "--override-kv", "a=int:x", tinyModel, "x.gguf", "Q4_K_M"},
		{"quantize", "--include-weights", "a", "--exclude-weights", "b", tinyModel, "x.gguf", "Q4_K_M"},
		{"quantize", "a", "b", "c", "d", "e"},
		{"bench", "extra"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "quantize", "missing.gguf", "out.gguf", "Q4_0"); code != 1 || !strings.Contains(stderr, "missing.gguf") {
		t.Errorf("missing input: exit %d: %s", code, stderr)
	}
}

func TestBenchCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "bench", "--types", "q8_0,q4_K", "--rows", "4", "--cols", "512", "--time", "1ms", "--imatrix")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"q8_0", "q4_K +imatrix", "ratio"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("bench output lacks %q:\n%s", want, stdout)
		}
	}
}
