package distill

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"testing"
)

// The golden values of ../shared/golden/distill (PyTorch, float64),
// gzipped in testdata.
type goldenFile struct {
	Inputs  map[string]goldenInput `json:"inputs"`
	Results []goldenResult         `json:"results"`
}

type goldenInput struct {
	Student [][]float64 `json:"student"`
	Teacher [][]any     `json:"teacher"` // numbers or "-inf"
	Mask    []bool      `json:"mask"`
	Labels  []int32     `json:"labels"`
}

type goldenResult struct {
	Case        string      `json:"case"`
	Loss        string      `json:"loss"`
	Temperature float64     `json:"temperature"`
	Beta        *float64    `json:"beta"`
	Alpha       *float64    `json:"alpha"`
	K           int         `json:"k"`
	Labels      []int32     `json:"labels"`
	Reduction   string      `json:"reduction"`
	Value       float64     `json:"value"`
	PerPosition []float64   `json:"per_position"`
	Grad        [][]float64 `json:"grad"`
	TopIdx      [][]int32   `json:"teacher_topk_indices"`
	TopLP       [][]float64 `json:"teacher_topk_logprobs"`
}

func loadGolden(t testing.TB) *goldenFile {
	t.Helper()
	f, err := os.Open("testdata/distill.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var g goldenFile
	if err := json.NewDecoder(zr).Decode(&g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// batch turns a golden input into a Batch.
func (in *goldenInput) batch(t testing.TB) *Batch {
	n, v := len(in.Student), len(in.Student[0])
	b := &Batch{N: n, V: v, Student: make([]float32, n*v), Teacher: make([]float32, n*v), Mask: in.Mask, Labels: in.Labels}
	for i := range n {
		for j := range v {
			b.Student[i*v+j] = float32(in.Student[i][j])
			switch x := in.Teacher[i][j].(type) {
			case float64:
				b.Teacher[i*v+j] = float32(x)
			case string:
				if x != "-inf" {
					t.Fatalf("teacher value %q", x)
				}
				b.Teacher[i*v+j] = float32(math.Inf(-1))
			}
		}
	}
	return b
}

func close(got, want float64) bool {
	return math.Abs(got-want) <= 1e-5*math.Abs(want)+1e-6
}

// TestGolden checks every golden result: the reduced value, the
// per-position values and the gradient, to 1e-5 relative.
func TestGolden(t *testing.T) {
	g := loadGolden(t)
	for _, r := range g.Results {
		t.Run(r.Case+"/"+r.Loss, func(t *testing.T) {
			in := g.Inputs[r.Case]
			b := in.batch(t)
			cfg := Config{Temperature: r.Temperature}
			switch r.Reduction {
			case "mean":
				cfg.Reduction = Mean
			case "sum":
				cfg.Reduction = Sum
			default:
				t.Fatalf("reduction %q", r.Reduction)
			}
			want := r.Value
			wantPer := r.PerPosition
			gradScale := 1.0
			switch r.Loss {
			case "forward_kl_T2":
				cfg.Kind = ForwardKL
			case "reverse_kl":
				cfg.Kind = ReverseKL
			case "jsd":
				cfg.Kind, cfg.Beta = JSD, *r.Beta
			case "hinton":
				cfg.Kind, cfg.Alpha = Hinton, *r.Alpha
				b.Labels = r.Labels
			case "topk_renorm", "topk_bucket":
				// Our ForwardKL against a top-k teacher carries T², which
				// the golden definition leaves out.
				cfg.Kind = ForwardKL
				T2 := r.Temperature * r.Temperature
				want, gradScale = want*T2, T2
				top := &TopK{K: r.K, Bucket: r.Loss == "topk_bucket"}
				for i := range r.TopIdx {
					top.Indices = append(top.Indices, r.TopIdx[i]...)
					for _, x := range r.TopLP[i] {
						top.LogProbs = append(top.LogProbs, float32(x))
					}
				}
				// The golden top-k values were computed over every position,
				// the mask not applied (their masked rows have gradients).
				b.TopK, b.Teacher, b.Mask = top, nil, nil
				scaled := make([]float64, len(wantPer))
				for i, x := range wantPer {
					scaled[i] = x * T2
				}
				wantPer = scaled
			default:
				t.Fatalf("loss %q", r.Loss)
			}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			grad := make([]float32, b.N*b.V)
			per := make([]float64, b.N)
			got, err := c.Loss(grad, per, b)
			if err != nil {
				t.Fatal(err)
			}
			if !close(got, want) {
				t.Errorf("value %.12g, PyTorch %.12g", got, want)
			}
			for i, w := range wantPer {
				if !close(per[i], w) {
					t.Errorf("position %d: %.12g, PyTorch %.12g", i, per[i], w)
				}
			}
			for i := range r.Grad {
				for j, w := range r.Grad[i] {
					if gv := float64(grad[i*b.V+j]); math.Abs(gv-w*gradScale) > 1e-5*math.Abs(w*gradScale)+1e-6 {
						t.Fatalf("grad[%d][%d] = %.9g, PyTorch %.9g", i, j, gv, w*gradScale)
					}
				}
			}
		})
	}
}
