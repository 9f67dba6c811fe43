package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

func TestPruneCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "p.gguf")
	report := filepath.Join(dir, "r.json")
	code, stdout, stderr := runCLI(t, "prune", "--quiet", "--method", "nm", "--pattern", "2:4", "--prune-layers", "1",
		"--ffn-keep", "0.34", "--then", "Q8_0", "--report", report, tinyModel, out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"masked 7 tensors: 50.00%", "structure: 1 blocks, feed-forward width 256", "with zstd"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	f, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ti, _ := f.Tensor("blk.0.ffn_down.weight"); ti.Type != gguf.TypeQ8_0 || ti.Shape[0] != 256 {
		t.Errorf("ffn_down %v %v", ti.Type, ti.Shape)
	}
	// inspect reads the pruned file and shows the new sizes.
	code, stdout, _ = runCLI(t, "inspect", out)
	if code != 0 || !strings.Contains(strings.Join(strings.Fields(stdout), " "), "llama.block_count u32 1") {
		t.Errorf("inspect: %d\n%s", code, stdout)
	}
	var rep struct{ Tensors []struct{ Name string } }
	data, _ := os.ReadFile(report)
	if err := json.Unmarshal(data, &rep); err != nil || len(rep.Tensors) != 7 {
		t.Errorf("report: %v, %d tensors", err, len(rep.Tensors))
	}
	for _, args := range [][]string{
		{"prune", tinyModel, out},
		{"prune", "--method", "nm", "--pattern", "24", tinyModel, out},
		{"prune", "--method", "cubic", tinyModel, out},
		{"prune", "--method", "magnitude", "--scope", "layer", tinyModel, out},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	if code, _, stderr := runCLI(t, "prune", "--method", "wanda", tinyModel, filepath.Join(dir, "w.gguf")); code != 1 || !strings.Contains(stderr, "importance matrix") {
		t.Errorf("wanda without imatrix: exit %d %s", code, stderr)
	}
}
