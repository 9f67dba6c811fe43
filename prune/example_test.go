package prune_test

import (
	"fmt"
	"regexp"

	"github.com/shrinkml/shrink/prune"
	"github.com/shrinkml/shrink/quant/imatrix"
	"github.com/shrinkml/shrink/tensor"
)

// matrix is a one-tensor tensor.Model for the examples.
type matrix struct {
	rows, cols int
	v          []float32
}

func (m *matrix) TensorInfos() []tensor.Info {
	return []tensor.Info{{Name: "w", Type: "f32", Shape: []int64{int64(m.rows), int64(m.cols)}}}
}

func (m *matrix) ReadRows(_ string, row int64, dst []float32) error {
	copy(dst, m.v[int(row)*m.cols:])
	return nil
}

var onlyW = regexp.MustCompile(`^w$`)

func prunedWith(opts prune.Options) []float32 {
	m := &matrix{rows: 2, cols: 4, v: []float32{0.5, -2, 1, 0.1, 3, -0.2, 0.4, -1}}
	opts.Pattern = onlyW
	p, err := prune.New(m, opts)
	if err != nil {
		panic(err)
	}
	v := append([]float32(nil), m.v...)
	if err := p.Apply("w", 0, v, 4); err != nil {
		panic(err)
	}
	return v
}

// Zero the half of a tensor's weights with the smallest magnitudes.
func ExampleNew_magnitude() {
	fmt.Println(prunedWith(prune.Options{Method: prune.Magnitude, Sparsity: 0.5}))
	// Output: [0 -2 1 0 3 0 0 -1]
}

// Keep the 2 largest of every 4 consecutive weights (2:4 sparsity).
func ExampleNew_nm() {
	fmt.Println(prunedWith(prune.Options{Method: prune.NM, N: 2, M: 4}))
	// Output: [0 -2 1 0 3 0 0 -1]
}

// Wanda: weigh each weight by its input's activation norm, and prune the
// lowest scores of every row.
func ExampleNew_wanda() {
	im := &imatrix.Matrix{Entries: map[string][]float32{"w": {4, 0.01, 1, 100}}} // ‖X‖ = 2, 0.1, 1, 10
	fmt.Println(prunedWith(prune.Options{Method: prune.Wanda, Sparsity: 0.5, Imatrix: im}))
	// Output: [0 0 1 0.1 3 0 0 -1]
}
