package prune

import (
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"testing"

	"github.com/shrinkml/shrink/quant/imatrix"
	"github.com/shrinkml/shrink/tensor"
)

// memModel is a tensor.Model over in-memory float32 tensors.
type memModel struct {
	infos []tensor.Info
	data  map[string][]float32
}

func (m *memModel) TensorInfos() []tensor.Info { return m.infos }

func (m *memModel) ReadRows(name string, row int64, dst []float32) error {
	for _, t := range m.infos {
		if t.Name == name {
			cols := int(t.Cols())
			copy(dst, m.data[name][int(row)*cols:])
			return nil
		}
	}
	return nil
}

func newMem(seed uint64, shapes map[string][2]int, quantize bool) *memModel {
	r := rand.New(rand.NewPCG(seed, 1))
	m := &memModel{data: map[string][]float32{}}
	names := make([]string, 0, len(shapes))
	for n := range shapes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sh := shapes[n]
		m.infos = append(m.infos, tensor.Info{Name: n, Type: "f32", Shape: []int64{int64(sh[0]), int64(sh[1])}})
		v := make([]float32, sh[0]*sh[1])
		for i := range v {
			x := r.NormFloat64()
			if quantize { // many exact ties
				x = math.Round(x * 4)
			}
			v[i] = float32(x)
		}
		m.data[n] = v
	}
	return m
}

// run applies the pruner to every selected tensor in chunks of 3 rows.
func run(t *testing.T, p *Pruner, m *memModel) map[string][]float32 {
	t.Helper()
	out := map[string][]float32{}
	for _, n := range p.Selected() {
		v := append([]float32(nil), m.data[n]...)
		var cols int
		for _, ti := range m.infos {
			if ti.Name == n {
				cols = int(ti.Cols())
			}
		}
		for r := 0; r*cols < len(v); r += 3 {
			hi := min(len(v), (r+3)*cols)
			if err := p.Apply(n, r, v[r*cols:hi], cols); err != nil {
				t.Fatal(err)
			}
		}
		out[n] = v
	}
	return out
}

// reference prunes the k smallest |v| by a full sort on (|v|, index).
func reference(v []float32, k int) []float32 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return math.Abs(float64(v[idx[a]])) < math.Abs(float64(v[idx[b]])) })
	out := append([]float32(nil), v...)
	for _, i := range idx[:k] {
		out[i] = 0
	}
	return out
}

var all = regexp.MustCompile(`.`)

func TestMagnitudeExactWithTies(t *testing.T) {
	shapes := map[string][2]int{"a": {7, 33}, "b": {5, 64}}
	for _, scope := range []Scope{PerTensor, PerRow, Global} {
		for _, s := range []float64{0, 0.1, 0.5, 0.77, 0.99} {
			m := newMem(3, shapes, true)
			p, err := New(m, Options{Method: Magnitude, Scope: scope, Sparsity: s, Pattern: all})
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, p, m)
			switch scope {
			case PerTensor:
				for n, v := range got {
					want := reference(m.data[n], int(math.Floor(s*float64(len(v)))))
					for i := range v {
						if v[i] != want[i] {
							t.Fatalf("scope %d s %g %s[%d] = %g, want %g", scope, s, n, i, v[i], want[i])
						}
					}
				}
			case PerRow:
				for n, v := range got {
					cols := shapes[n][1]
					for r := 0; r < shapes[n][0]; r++ {
						want := reference(m.data[n][r*cols:(r+1)*cols], int(math.Floor(s*float64(cols))))
						for i, w := range want {
							if v[r*cols+i] != w {
								t.Fatalf("per row s %g %s row %d [%d]", s, n, r, i)
							}
						}
					}
				}
			case Global:
				cat := append(append([]float32(nil), m.data["a"]...), m.data["b"]...)
				want := reference(cat, int(math.Floor(s*float64(len(cat)))))
				gcat := append(append([]float32(nil), got["a"]...), got["b"]...)
				for i := range want {
					if gcat[i] != want[i] {
						t.Fatalf("global s %g [%d] = %g, want %g", s, i, gcat[i], want[i])
					}
				}
			}
			for _, st := range p.Stats() {
				if scope != Global && st.Pruned != int64(math.Floor(s*float64(st.Elements))) && scope == PerTensor {
					t.Errorf("%s pruned %d of %d at %g", st.Name, st.Pruned, st.Elements, s)
				}
			}
		}
	}
}

func TestNM(t *testing.T) {
	m := newMem(4, map[string][2]int{"w": {6, 40}}, true)
	p, err := New(m, Options{Method: NM, N: 2, M: 4, Pattern: all})
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, p, m)["w"]
	orig := m.data["w"]
	for g := 0; g < len(got); g += 4 {
		nz := 0
		for i := g; i < g+4; i++ {
			if got[i] != 0 {
				nz++
				if got[i] != orig[i] {
					t.Fatalf("kept value changed at %d", i)
				}
			}
		}
		if nz > 2 {
			t.Fatalf("group %d keeps %d", g/4, nz)
		}
		// The kept ones are the two largest (earlier wins ties).
		want := reference(orig[g:g+4], 2)
		for i := range 4 {
			if got[g+i] != want[i] {
				t.Fatalf("group %d: %v, want %v (from %v)", g/4, got[g:g+4], want, orig[g:g+4])
			}
		}
	}
	st := p.Stats()[0]
	if st.Groups != 60 || st.Compliant != 60 || st.Pruned != 120 {
		t.Errorf("stats %+v", st)
	}
}

// TestWandaHandComputed: one row of four weights, activations making the
// smallest weight the most important.
func TestWandaHandComputed(t *testing.T) {
	m := &memModel{infos: []tensor.Info{{Name: "w", Type: "f32", Shape: []int64{1, 4}}},
		data: map[string][]float32{"w": {0.1, -2, 1, 0.5}}}
	// ‖X_j‖ = √imatrix: 10, 0.1, 1, 1 → scores 1, 0.2, 1, 0.5.
	im := &imatrix.Matrix{Entries: map[string][]float32{"w": {100, 0.01, 1, 1}}}
	p, err := New(m, Options{Method: Wanda, Sparsity: 0.5, Imatrix: im, Pattern: all})
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, p, m)["w"]
	want := []float32{0.1, 0, 1, 0} // −2 (score 0.2) and 0.5 (0.5) go
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("wanda: %v, want %v", got, want)
		}
	}
	st := p.Stats()[0]
	if !st.HasWeights || math.Abs(st.WeightedRelError()-math.Sqrt((0.01*4+0.25)/(1+0.04+1+0.25))) > 1e-6 {
		t.Errorf("weighted error %g", st.WeightedRelError())
	}
	if math.Abs(st.RelError()-math.Sqrt(4.25/5.26)) > 1e-6 {
		t.Errorf("relative error %g", st.RelError())
	}
}

func TestOptionErrors(t *testing.T) {
	m := newMem(5, map[string][2]int{"w": {2, 8}}, false)
	for _, o := range []Options{
		{Method: Magnitude, Sparsity: 1},
		{Method: Magnitude, Sparsity: -0.1},
		{Method: Wanda, Sparsity: 0.5},
		{Method: NM, N: 4, M: 4},
		{Method: Method(7)},
		{Method: Magnitude, Sparsity: 0.5, Pattern: regexp.MustCompile(`nothing`)},
	} {
		o2 := o
		if o2.Pattern == nil {
			o2.Pattern = all
		}
		if _, err := New(m, o2); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}
