package distill

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func randomBatch(seed uint64, n, v int, scale float64) *Batch {
	r := rand.New(rand.NewPCG(seed, 5))
	b := &Batch{N: n, V: v, Student: make([]float32, n*v), Teacher: make([]float32, n*v), Labels: make([]int32, n)}
	for i := range b.Student {
		b.Student[i] = float32(r.NormFloat64() * scale)
		b.Teacher[i] = float32(r.NormFloat64() * scale)
	}
	for i := range b.Labels {
		b.Labels[i] = int32(r.IntN(v))
	}
	return b
}

var allConfigs = []Config{
	{Kind: ForwardKL, Temperature: 2},
	{Kind: ReverseKL, Temperature: 1.5},
	{Kind: JSD, Beta: 0.3, Temperature: 2},
	{Kind: JSD, Beta: 0, Temperature: 1},
	{Kind: JSD, Beta: 1, Temperature: 1},
	{Kind: Hinton, Alpha: 0.4, Temperature: 3},
	{Kind: CrossEntropy},
	{Kind: ForwardKL, Temperature: 2, Reduction: Sum},
	{Kind: ForwardKL, Reduction: BatchMean},
}

// TestFiniteDifferences checks every gradient against central differences
// of the loss in float64 (the student logits are float32, so the step is
// taken on values that stay exactly representable).
func TestFiniteDifferences(t *testing.T) {
	for _, cfg := range allConfigs {
		t.Run(fmt.Sprintf("%v/T%g/b%g/a%g/r%d", cfg.Kind, cfg.Temperature, cfg.Beta, cfg.Alpha, cfg.Reduction), func(t *testing.T) {
			b := randomBatch(1, 3, 7, 1.5)
			b.Mask = []bool{true, false, true}
			checkGrad(t, cfg, b)
		})
	}
	for _, bucket := range []bool{false, true} {
		b := randomBatch(2, 3, 9, 1)
		top, err := TopKFromLogits(b.Teacher, 3, 9, 4, 2)
		if err != nil {
			t.Fatal(err)
		}
		top.Bucket = bucket
		b.TopK, b.Teacher = top, nil
		checkGrad(t, Config{Kind: ForwardKL, Temperature: 2}, b)
	}
}

func checkGrad(t *testing.T, cfg Config, b *Batch) {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	grad := make([]float32, b.N*b.V)
	if _, err := c.Loss(grad, nil, b); err != nil {
		t.Fatal(err)
	}
	const h = 1.0 / 512 // exact in float32 around these values
	for i := range b.Student {
		x := b.Student[i]
		b.Student[i] = x + h
		up, _ := c.Loss(nil, nil, b)
		b.Student[i] = x - h
		down, _ := c.Loss(nil, nil, b)
		b.Student[i] = x
		fd := (up - down) / (2 * h)
		if math.Abs(fd-float64(grad[i])) > 1e-4+1e-3*math.Abs(fd) {
			t.Fatalf("d/ds[%d]: gradient %.7g, finite difference %.7g", i, grad[i], fd)
		}
	}
}

func TestEdgeCases(t *testing.T) {
	huge := randomBatch(3, 4, 50, 1e4) // logits of ±1e4
	huge.Teacher[3] = float32(math.Inf(-1))
	single := &Batch{N: 2, V: 1, Student: []float32{3, -1}, Teacher: []float32{0, 5}, Labels: []int32{0, 0}}
	equal := &Batch{N: 2, V: 4, Student: make([]float32, 8), Teacher: []float32{1, 1, 1, 1, -2, -2, -2, -2}, Labels: []int32{1, 2}}
	allMasked := randomBatch(4, 3, 5, 1)
	allMasked.Mask = []bool{false, false, false}
	for name, b := range map[string]*Batch{"huge": huge, "V=1": single, "equal": equal, "all masked": allMasked} {
		for _, cfg := range allConfigs {
			if name == "huge" && (cfg.Kind == ReverseKL || cfg.Kind == JSD && cfg.Beta == 1) {
				continue // infinite by definition: the student puts mass on a class the teacher rules out
			}
			c, _ := New(cfg)
			grad := make([]float32, b.N*b.V)
			per := make([]float64, b.N)
			l, err := c.Loss(grad, per, b)
			if err != nil {
				t.Fatalf("%s %v: %v", name, cfg.Kind, err)
			}
			if math.IsNaN(l) || math.IsInf(l, 0) || l < -1e-9 {
				t.Errorf("%s %v: loss %g", name, cfg.Kind, l)
			}
			for i, g := range grad {
				if math.IsNaN(float64(g)) || math.IsInf(float64(g), 0) {
					t.Fatalf("%s %v: grad[%d] = %g", name, cfg.Kind, i, g)
				}
			}
			if (name == "V=1" || name == "all masked") && cfg.Kind != CrossEntropy && cfg.Kind != Hinton && l != 0 {
				t.Errorf("%s %v: loss %g, want 0", name, cfg.Kind, l)
			}
		}
	}
	// The equal-logit rows are the same distribution: every divergence is 0.
	for _, cfg := range allConfigs[:5] {
		c, _ := New(cfg)
		if l, _ := c.Loss(nil, nil, equal); math.Abs(l) > 1e-12 {
			t.Errorf("%v of equal distributions = %g", cfg.Kind, l)
		}
	}
	// k ≥ V: the top-k is the whole teacher, so both top-k forms equal the dense KL.
	b := randomBatch(5, 2, 6, 1)
	c, _ := New(Config{Kind: ForwardKL, Temperature: 2})
	dense, _ := c.Loss(nil, nil, b)
	for _, bucket := range []bool{false, true} {
		top, _ := TopKFromLogits(b.Teacher, 2, 6, 10, 2)
		top.Bucket = bucket
		tb := &Batch{N: 2, V: 6, Student: b.Student, TopK: top}
		if l, err := c.Loss(nil, nil, tb); err != nil || math.Abs(l-dense) > 1e-6 {
			t.Errorf("top-%d (bucket %v) = %g, dense %g, err %v", top.K, bucket, l, dense, err)
		}
	}
}

// TestDivergenceProperties: every divergence is ≥ 0 on random inputs and 0
// when the student equals the teacher.
func TestDivergenceProperties(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		b := randomBatch(seed, 5, 11, 3)
		for _, cfg := range allConfigs[:5] {
			c, _ := New(cfg)
			if l, _ := c.Loss(nil, nil, b); l < 0 {
				t.Fatalf("seed %d %v: %g < 0", seed, cfg.Kind, l)
			}
			same := *b
			same.Teacher = b.Student
			if l, _ := c.Loss(nil, nil, &same); math.Abs(l) > 1e-12 {
				t.Fatalf("seed %d %v of equal inputs: %g", seed, cfg.Kind, l)
			}
		}
	}
}

func TestLossAllocatesNothing(t *testing.T) {
	b := randomBatch(6, 8, 1000, 2)
	grad := make([]float32, len(b.Student))
	per := make([]float64, b.N)
	for _, cfg := range allConfigs {
		c, _ := New(cfg)
		c.Loss(grad, per, b)
		if n := testing.AllocsPerRun(5, func() { c.Loss(grad, per, b) }); n != 0 {
			t.Errorf("%v: %v allocations per call", cfg.Kind, n)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, cfg := range []Config{{Temperature: -1}, {Kind: JSD, Beta: 2}, {Kind: Hinton, Alpha: -0.1}, {Kind: Kind(9)}, {Reduction: 7}} {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: err = %v", cfg, err)
		}
	}
	c, _ := New(Config{Kind: Hinton, Alpha: 0.5})
	b := randomBatch(7, 2, 4, 1)
	b.Labels[1] = 4
	if _, err := c.Loss(nil, nil, b); !errors.Is(err, ErrConfig) {
		t.Errorf("label out of range: %v", err)
	}
	b.Labels = b.Labels[:1]
	if _, err := c.Loss(nil, nil, b); !errors.Is(err, ErrShape) {
		t.Errorf("short labels: %v", err)
	}
	kl, _ := New(Config{})
	if _, err := kl.Loss(make([]float32, 3), nil, randomBatch(8, 2, 4, 1)); !errors.Is(err, ErrShape) {
		t.Errorf("short grad: %v", err)
	}
	bad := randomBatch(9, 2, 4, 1)
	bad.TopK, bad.Teacher = &TopK{K: 1, Indices: []int32{0, 9}, LogProbs: []float32{-1, -1}}, nil
	if _, err := kl.Loss(nil, nil, bad); !errors.Is(err, ErrConfig) {
		t.Errorf("top-k index out of range: %v", err)
	}
}
