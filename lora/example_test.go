package lora_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shrinkml/shrink/lora"
	"github.com/shrinkml/shrink/quant"
)

// Read a PEFT adapter and see which GGUF tensors it updates.
func ExampleReadPEFT() {
	ad, err := lora.ReadPEFT("testdata/lora-qv")
	if err != nil {
		panic(err)
	}
	for _, m := range ad.Modules[:2] {
		name, _ := lora.GGUFName(m.Name)
		fmt.Printf("%s → %s: rank %d, scale %g, %d×%d\n", m.Name, name, m.Rank, m.Scale, m.Rows(), m.Cols())
	}
	// Output:
	// model.layers.0.self_attn.q_proj → blk.0.attn_q.weight: rank 8, scale 2, 256×256
	// model.layers.0.self_attn.v_proj → blk.0.attn_v.weight: rank 8, scale 2, 128×256
}

// Merge an adapter into a GGUF model, keeping each tensor's type; a merge
// into a quantized model requantizes the updated tensors.
func ExampleMergeFile() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	base := "../testdata/tiny-llama-f32.gguf"
	ad := &lora.Adapter{Format: "gguf", Path: "demo", Modules: []*lora.Module{{
		Name: "blk.1.ffn_down.weight", Rank: 1, In: 768, Out: 256, Scale: 0.5,
		A: make([]float32, 768), B: make([]float32, 256),
	}}}
	ad.Modules[0].A[0], ad.Modules[0].B[0] = 1, 1 // adds 0.5 to element [0][0]
	_, mg, err := lora.MergeFile(context.Background(), base, filepath.Join(dir, "merged.gguf"),
		[]lora.Weighted{{Adapter: ad, Multiplier: 1}}, quant.ModelOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(mg.Merged()[0].Tensor, mg.Merged()[0].Scale)
	// Output: blk.1.ffn_down.weight 0.5
}
