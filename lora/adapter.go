package lora

import (
	"errors"
	"fmt"
	"math"
)

var (
	// ErrFormat is returned when an adapter's files are malformed or
	// inconsistent (a lora_A without its lora_B, ranks that disagree …).
	ErrFormat = errors.New("malformed adapter")

	// ErrUnsupported is returned for adapters that use what this package
	// does not apply (DoRA, modules_to_save, biases, a PEFT type other than
	// LORA); they are refused rather than merged partly.
	ErrUnsupported = errors.New("unsupported adapter")

	// ErrMismatch is returned when an adapter module has no matching base
	// tensor or its shape does not fit it.
	ErrMismatch = errors.New("adapter does not fit the base model")
)

// Adapter is a LoRA adapter: low-rank updates of some of a model's weights.
type Adapter struct {
	Format  string // "peft" or "gguf"
	Path    string
	Modules []*Module
}

// Module is the update of one weight: Δ = Scale·(B·A), with A rank×In and
// B Out×rank, row-major. With Transposed, the weight is stored in×out
// (GPT-2's Conv1D with fan_in_fan_out, or an embedding table) and gets Δᵀ.
type Module struct {
	// Name is the adapter's name for the weight: the Hugging Face module
	// path for PEFT ("model.layers.0.self_attn.q_proj"), the GGUF tensor
	// name for GGUF adapters ("blk.0.attn_q.weight").
	Name       string
	Rank       int
	In, Out    int
	A, B       []float32
	Scale      float64
	Transposed bool
}

// Rows and Cols return the shape of the stored weight the module updates.
func (m *Module) Rows() int {
	if m.Transposed {
		return m.In
	}
	return m.Out
}

// Cols returns the row length of the weight the module updates.
func (m *Module) Cols() int {
	if m.Transposed {
		return m.Out
	}
	return m.In
}

// validate checks a module's parts against each other.
func (m *Module) validate() error {
	if m.Rank <= 0 || m.In <= 0 || m.Out <= 0 || len(m.A) != m.Rank*m.In || len(m.B) != m.Out*m.Rank {
		return fmt.Errorf("lora: %w: module %s: A has %d values and B %d for rank %d, in %d, out %d",
			ErrFormat, m.Name, len(m.A), len(m.B), m.Rank, m.In, m.Out)
	}
	if math.IsNaN(m.Scale) || math.IsInf(m.Scale, 0) {
		return fmt.Errorf("lora: %w: module %s: scale %g", ErrFormat, m.Name, m.Scale)
	}
	return nil
}

// Find returns the module named name, or nil.
func (a *Adapter) Find(name string) *Module {
	for _, m := range a.Modules {
		if m.Name == name {
			return m
		}
	}
	return nil
}
