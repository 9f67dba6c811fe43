package tensor_test

import (
	"errors"
	"math"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/safetensors"
	"github.com/shrinkml/shrink/tensor"
)

// TestModels reads rows through the Model view of both containers.
func TestModels(t *testing.T) {
	g, err := gguf.Open("../gguf/testdata/sample.gguf")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	s, err := safetensors.Open("../safetensors/testdata/coffeevampir3-model.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	var m tensor.Model = g
	info := m.TensorInfos()[1] // t.f16, ggml [16, 3] = 3 rows of 16
	if info.Name != "t.f16" || info.Type != "f16" || info.Rows() != 3 || info.Cols() != 16 {
		t.Fatalf("gguf info %+v", info)
	}
	rows := make([]float32, 32)
	if err := m.ReadRows(info.Name, 1, rows); err != nil {
		t.Fatal(err)
	}
	if err := m.ReadRows(info.Name, 2, rows); err == nil {
		t.Fatal("reading past the last row succeeded")
	}
	if err := m.ReadRows("t.q4_K", 0, make([]float32, 256)); !errors.Is(err, tensor.ErrNoDecoder) {
		t.Fatalf("q4_K without package quant: %v", err)
	}

	m = s
	for _, info := range m.TensorInfos() {
		vals := make([]float32, info.Rows()*info.Cols())
		if err := m.ReadRows(info.Name, 0, vals); err != nil {
			t.Fatal(err)
		}
		raw, _ := s.TensorBytes(info.Name)
		for i, v := range vals {
			want := math.Float32frombits(uint32(raw[4*i]) | uint32(raw[4*i+1])<<8 | uint32(raw[4*i+2])<<16 | uint32(raw[4*i+3])<<24)
			if v != want {
				t.Fatalf("%s[%d] = %v, want %v", info.Name, i, v, want)
			}
		}
	}
	if info := m.TensorInfos()[1]; info.Name != "fc1.weight" || info.Rows() != 20 || info.Cols() != 10 {
		t.Fatalf("safetensors info %+v", info)
	}
}

func TestInfoShapes(t *testing.T) {
	for _, tc := range []struct {
		shape      []int64
		rows, cols int64
	}{{nil, 1, 1}, {[]int64{7}, 1, 7}, {[]int64{2, 3, 4}, 6, 4}} {
		i := tensor.Info{Shape: tc.shape}
		if i.Rows() != tc.rows || i.Cols() != tc.cols {
			t.Errorf("%v: %d×%d", tc.shape, i.Rows(), i.Cols())
		}
	}
}
