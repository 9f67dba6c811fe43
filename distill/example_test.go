package distill_test

import (
	"fmt"

	"github.com/shrinkml/shrink/distill"
)

// Hinton's distillation loss for two positions of four classes, with its
// gradient for the student's backward pass.
func ExampleCalculator_Loss() {
	c, err := distill.New(distill.Config{Kind: distill.Hinton, Alpha: 0.5, Temperature: 2})
	if err != nil {
		panic(err)
	}
	b := &distill.Batch{
		N: 2, V: 4,
		Student: []float32{1, 0, -1, 0.5, 0, 2, 0, 0},
		Teacher: []float32{2, 0, -2, 0, 0, 3, 1, 0},
		Labels:  []int32{0, 1},
	}
	grad := make([]float32, 8)
	loss, err := c.Loss(grad, nil, b)
	if err != nil {
		panic(err)
	}
	fmt.Printf("loss %.4f, d/ds[0][0] %.4f\n", loss, grad[0])
	// Output: loss 0.3650, d/ds[0][0] -0.2171
}

// Keep only a teacher's top classes, as stored for offline distillation.
func ExampleTopKFromLogits() {
	top, _ := distill.TopKFromLogits([]float32{0.1, 2, -1, 1.5}, 1, 4, 2, 1)
	fmt.Println(top.Indices, top.LogProbs[0] > top.LogProbs[1])
	// Output: [1 3] true
}
