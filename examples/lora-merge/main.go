// Command lora-merge shows the library calls behind `shrink merge-lora`: it
// reads a PEFT LoRA adapter, merges it into a GGUF model (keeping every
// tensor's type) and prints what changed.
//
//	go run ./examples/lora-merge [BASE.gguf ADAPTER_DIR [OUT.gguf]]
//
// With no arguments it writes a small rank-4 adapter for the bundled tiny
// model into a temporary folder and merges that (run it from the repository
// root).
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/shrinkml/shrink/lora"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/safetensors"
)

func main() {
	dir, err := os.MkdirTemp("", "lora-merge-example-")
	if err != nil {
		log.Fatal(err)
	}
	base, adapterDir, out := "testdata/tiny-llama-f32.gguf", filepath.Join(dir, "adapter"), filepath.Join(dir, "merged.gguf")
	if len(os.Args) >= 3 {
		base, adapterDir = os.Args[1], os.Args[2]
		if len(os.Args) >= 4 {
			out = os.Args[3]
		}
	} else if err := writeDemoAdapter(adapterDir); err != nil {
		log.Fatal(err)
	}

	ad, err := lora.ReadPEFT(adapterDir)
	if err != nil {
		log.Fatal(err)
	}
	res, mg, err := lora.MergeFile(context.Background(), base, out,
		[]lora.Weighted{{Adapter: ad, Multiplier: 1}}, quant.ModelOptions{Measure: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range mg.Merged() {
		fmt.Printf("%-24s ← %s (rank %d, scale %g)\n", m.Tensor, m.Module, m.Rank, m.Scale)
	}
	_, size, _ := res.Plan.Totals()
	fmt.Printf("%s: %d bytes of tensors, %d updates merged\n", out, size, len(mg.Merged()))
}

// writeDemoAdapter writes a PEFT adapter updating layer 0's q_proj and
// v_proj of the bundled model, with deterministic small factors.
func writeDemoAdapter(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	config := `{"peft_type": "LORA", "r": 4, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"]}`
	if err := os.WriteFile(filepath.Join(dir, "adapter_config.json"), []byte(config), 0o644); err != nil {
		return err
	}
	var infos []safetensors.TensorInfo
	data := map[string][]byte{}
	for _, m := range []struct {
		name    string
		in, out int
	}{{"q_proj", 256, 256}, {"v_proj", 256, 128}} {
		for _, p := range []struct {
			part       string
			rows, cols int
		}{{"lora_A", 4, m.in}, {"lora_B", m.out, 4}} {
			name := "base_model.model.model.layers.0.self_attn." + m.name + "." + p.part + ".weight"
			b := make([]byte, 4*p.rows*p.cols)
			for i := 0; i < p.rows*p.cols; i++ {
				binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(float32(math.Sin(float64(i)))*0.01))
			}
			infos = append(infos, safetensors.TensorInfo{Name: name, Dtype: safetensors.F32, Shape: []int64{int64(p.rows), int64(p.cols)}})
			data[name] = b
		}
	}
	var buf bytes.Buffer
	w, err := safetensors.NewWriter(&buf, nil, infos)
	if err != nil {
		return err
	}
	for _, t := range w.Tensors() {
		if err := w.WriteTensor(t.Name, data[t.Name]); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "adapter_model.safetensors"), buf.Bytes(), 0o644)
}
