package lora

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealPEFTFixtures parses real adapters from the Hub (in the team's
// shared fixtures when present): GPT-2's Conv1D with fan_in_fan_out, and
// Qwen2.5's q/v with GQA.
func TestRealPEFTFixtures(t *testing.T) {
	root := "../../shared/fixtures/peft-lora"
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared fixtures absent")
	}
	gpt2, err := ReadPEFT(filepath.Join(root, "gpt2-tigrinya"))
	if err != nil {
		t.Fatal(err)
	}
	c := gpt2.Find("transformer.h.0.attn.c_attn")
	if len(gpt2.Modules) != 36 || c == nil || !c.Transposed || c.Rows() != 768 || c.Cols() != 2304 || c.Scale != 4 {
		t.Errorf("gpt2: %d modules, c_attn %+v", len(gpt2.Modules), c)
	}
	if _, ok := GGUFName(c.Name); ok {
		t.Error("GPT-2 module names should not map to llama GGUF names")
	}
	qwen, err := ReadPEFT(filepath.Join(root, "qwen2.5-0.5b-instruct-qv"))
	if err != nil {
		t.Fatal(err)
	}
	v := qwen.Find("model.layers.23.self_attn.v_proj")
	if len(qwen.Modules) != 48 || v == nil || v.Out != 128 || v.In != 896 || v.Scale != 2 || v.Transposed {
		t.Errorf("qwen: %d modules, v_proj %+v", len(qwen.Modules), v)
	}
	if n, _ := GGUFName(v.Name); n != "blk.23.attn_v.weight" {
		t.Errorf("qwen v_proj maps to %q", n)
	}
}
