// Command distill shows knowledge distillation working on real data: the
// 8×8 handwritten digits (1,797 images, bundled as digits.csv.gz). It trains
// a teacher MLP (64→128→10), then the same small student MLP (64→12→10)
// twice from the same initialisation — once on the hard labels alone and
// once on the teacher's soft targets (Hinton's loss from package distill:
// α·CE + (1−α)·T²·KL at T = 4) — and prints both students' accuracy on
// held-out digits, for several seeds. The networks, written with gonum, are
// trained on a small labelled set (the setting where distillation helps).
//
//	go run ./examples/distill
package main

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"github.com/shrinkml/shrink/distill"
)

const (
	trainSize   = 300 // labelled digits to learn from; the rest are held out
	teacherH    = 128
	studentH    = 12
	epochs      = 150
	batchSize   = 32
	temperature = 4
	alpha       = 0.1 // weight of the hard labels in the distilled student's loss
)

func main() {
	x, y, err := loadDigits(dataPath())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("digits: %d images of 8×8; %d to train on, %d held out\n\n", len(y), trainSize, len(y)-trainSize)
	fmt.Println("seed  teacher  student (hard labels)  student (distilled)")
	wins := 0
	var sumHard, sumDist float64
	seeds := []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, seed := range seeds {
		r := rand.New(rand.NewPCG(seed, 99))
		perm := r.Perm(len(y))
		trX, trY, teX, teY := split(x, y, perm)

		teacher := newMLP(r, 64, teacherH, 10)
		teacher.train(r, trX, trY, nil, distill.Config{Kind: distill.CrossEntropy})
		soft := teacher.logits(trX)

		init := newMLP(r, 64, studentH, 10)
		hard, dist := init.clone(), init.clone()
		hard.train(rand.New(rand.NewPCG(seed, 7)), trX, trY, nil, distill.Config{Kind: distill.CrossEntropy})
		dist.train(rand.New(rand.NewPCG(seed, 7)), trX, trY, soft,
			distill.Config{Kind: distill.Hinton, Alpha: alpha, Temperature: temperature})

		accT, accH, accD := teacher.accuracy(teX, teY), hard.accuracy(teX, teY), dist.accuracy(teX, teY)
		fmt.Printf("%4d  %6.2f%%  %20.2f%%  %18.2f%%\n", seed, 100*accT, 100*accH, 100*accD)
		sumHard += accH
		sumDist += accD
		if accD > accH {
			wins++
		}
	}
	n := float64(len(seeds))
	fmt.Printf("\nmean held-out accuracy: hard labels %.2f%%, distilled %.2f%% (%+.2f points)\n",
		100*sumHard/n, 100*sumDist/n, 100*(sumDist-sumHard)/n)
	switch {
	case wins == len(seeds):
		fmt.Printf("the distilled student beat the hard-label one on all %d seeds\n", wins)
	case sumDist > sumHard:
		fmt.Printf("the distilled student beat the hard-label one on %d of %d seeds, and on average\n", wins, len(seeds))
	default:
		fmt.Printf("distillation did not help here: it won on %d of %d seeds and lost on average\n", wins, len(seeds))
	}
}

// dataPath finds digits.csv.gz next to this file or from the repository root.
func dataPath() string {
	for _, p := range []string{"digits.csv.gz", filepath.Join("examples", "distill", "digits.csv.gz")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "digits.csv.gz")
}

// loadDigits reads the 1,797 rows of 64 pixels (0..16) and a label.
func loadDigits(path string) (*mat.Dense, []int32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	rows, err := csv.NewReader(zr).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	x := mat.NewDense(len(rows), 64, nil)
	y := make([]int32, len(rows))
	for i, row := range rows {
		if len(row) != 65 {
			return nil, nil, fmt.Errorf("%s: row %d has %d fields", path, i, len(row))
		}
		for j := range 64 {
			v, err := strconv.ParseFloat(row[j], 64)
			if err != nil {
				return nil, nil, err
			}
			x.Set(i, j, v/16)
		}
		l, err := strconv.Atoi(row[64])
		if err != nil || l < 0 || l > 9 {
			return nil, nil, fmt.Errorf("%s: row %d: bad label %q", path, i, row[64])
		}
		y[i] = int32(l)
	}
	return x, y, nil
}

func split(x *mat.Dense, y []int32, perm []int) (trX *mat.Dense, trY []int32, teX *mat.Dense, teY []int32) {
	n := len(y)
	trX, teX = mat.NewDense(trainSize, 64, nil), mat.NewDense(n-trainSize, 64, nil)
	for k, i := range perm {
		if k < trainSize {
			trX.SetRow(k, x.RawRowView(i))
			trY = append(trY, y[i])
		} else {
			teX.SetRow(k-trainSize, x.RawRowView(i))
			teY = append(teY, y[i])
		}
	}
	return trX, trY, teX, teY
}

// mlp is a one-hidden-layer ReLU network.
type mlp struct {
	w1, w2 *mat.Dense // in×h, h×out
	b1, b2 []float64
}

func newMLP(r *rand.Rand, in, h, out int) *mlp {
	m := &mlp{w1: mat.NewDense(in, h, nil), w2: mat.NewDense(h, out, nil), b1: make([]float64, h), b2: make([]float64, out)}
	for _, w := range []*mat.Dense{m.w1, m.w2} {
		rows, _ := w.Dims()
		s := math.Sqrt(2 / float64(rows))
		raw := w.RawMatrix().Data
		for i := range raw {
			raw[i] = r.NormFloat64() * s
		}
	}
	return m
}

func (m *mlp) clone() *mlp {
	return &mlp{w1: mat.DenseCopyOf(m.w1), w2: mat.DenseCopyOf(m.w2),
		b1: append([]float64(nil), m.b1...), b2: append([]float64(nil), m.b2...)}
}

// forward returns the hidden activations and the logits for rows of x.
func (m *mlp) forward(x mat.Matrix) (h, z *mat.Dense) {
	h = new(mat.Dense)
	h.Mul(x, m.w1)
	h.Apply(func(_, j int, v float64) float64 { return math.Max(0, v+m.b1[j]) }, h)
	z = new(mat.Dense)
	z.Mul(h, m.w2)
	z.Apply(func(_, j int, v float64) float64 { return v + m.b2[j] }, z)
	return h, z
}

// logits returns the network's logits for x as float32 rows.
func (m *mlp) logits(x *mat.Dense) []float32 {
	_, z := m.forward(x)
	raw := z.RawMatrix().Data
	out := make([]float32, len(raw))
	for i, v := range raw {
		out[i] = float32(v)
	}
	return out
}

func (m *mlp) accuracy(x *mat.Dense, y []int32) float64 {
	_, z := m.forward(x)
	right := 0
	for i, label := range y {
		if int32(argmax(z.RawRowView(i))) == label {
			right++
		}
	}
	return float64(right) / float64(len(y))
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// train runs Adam on minibatches with the loss cfg; teacher, when not nil,
// holds the teacher's logits for every training row.
func (m *mlp) train(r *rand.Rand, x *mat.Dense, y []int32, teacher []float32, cfg distill.Config) {
	calc, err := distill.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	opt := newAdam(m)
	n, _ := x.Dims()
	out := len(m.b2)
	for range epochs {
		perm := r.Perm(n)
		for lo := 0; lo < n; lo += batchSize {
			idx := perm[lo:min(n, lo+batchSize)]
			bx := mat.NewDense(len(idx), 64, nil)
			b := &distill.Batch{N: len(idx), V: out, Labels: make([]int32, len(idx))}
			if teacher != nil {
				b.Teacher = make([]float32, len(idx)*out)
			}
			for k, i := range idx {
				bx.SetRow(k, x.RawRowView(i))
				b.Labels[k] = y[i]
				if teacher != nil {
					copy(b.Teacher[k*out:], teacher[i*out:(i+1)*out])
				}
			}
			h, z := m.forward(bx)
			b.Student = make([]float32, len(idx)*out)
			for i, v := range z.RawMatrix().Data {
				b.Student[i] = float32(v)
			}
			grad := make([]float32, len(b.Student))
			if _, err := calc.Loss(grad, nil, b); err != nil {
				log.Fatal(err)
			}
			opt.step(m, bx, h, grad)
		}
	}
}

// adam keeps Adam's moment estimates for every parameter.
type adam struct {
	t      int
	m, v   [][]float64
	params func(*mlp) [][]float64
}

func newAdam(net *mlp) *adam {
	a := &adam{params: func(n *mlp) [][]float64 {
		return [][]float64{n.w1.RawMatrix().Data, n.b1, n.w2.RawMatrix().Data, n.b2}
	}}
	for _, p := range a.params(net) {
		a.m = append(a.m, make([]float64, len(p)))
		a.v = append(a.v, make([]float64, len(p)))
	}
	return a
}

// step backpropagates dL/dlogits through the network and updates it.
func (a *adam) step(net *mlp, x, h *mat.Dense, gradZ []float32) {
	n, out := len(gradZ)/len(net.b2), len(net.b2)
	dz := mat.NewDense(n, out, nil)
	for i, g := range gradZ {
		dz.RawMatrix().Data[i] = float64(g)
	}
	var dw2, dh, dw1 mat.Dense
	dw2.Mul(h.T(), dz)
	db2 := colSums(dz)
	dh.Mul(dz, net.w2.T())
	dh.Apply(func(i, j int, v float64) float64 {
		if h.At(i, j) <= 0 {
			return 0
		}
		return v
	}, &dh)
	dw1.Mul(x.T(), &dh)
	db1 := colSums(&dh)
	grads := [][]float64{dw1.RawMatrix().Data, db1, dw2.RawMatrix().Data, db2}
	const lr, b1, b2, eps = 0.003, 0.9, 0.999, 1e-8
	a.t++
	c1, c2 := 1-math.Pow(b1, float64(a.t)), 1-math.Pow(b2, float64(a.t))
	for k, p := range a.params(net) {
		for i, g := range grads[k] {
			a.m[k][i] = b1*a.m[k][i] + (1-b1)*g
			a.v[k][i] = b2*a.v[k][i] + (1-b2)*g*g
			p[i] -= lr * (a.m[k][i] / c1) / (math.Sqrt(a.v[k][i]/c2) + eps)
		}
	}
}

func colSums(m *mat.Dense) []float64 {
	r, c := m.Dims()
	s := make([]float64, c)
	for i := range r {
		for j, v := range m.RawRowView(i) {
			s[j] += v
		}
	}
	return s
}
