package simd

import "math"

// DiffSums accumulates what an error measure of y against x needs — Σx²,
// Σy², Σxy and Σ(x−y)² in float64, and the largest |x−y| — in 8 lanes:
// value i of each Add goes to lane i mod 8, and Total adds the lanes in a
// fixed order. Every implementation follows that order, so the sums are
// the same bits whichever kernel runs. A NaN difference makes MaxAbs NaN
// for good, as Go's max does.
type DiffSums struct {
	X2, Y2, XY, E2, MaxAbs [8]float64
}

// Add accumulates the pairs x[i], y[i] (len(y) ≥ len(x)).
func (s *DiffSums) Add(x, y []float32) {
	y = y[:len(x)]
	if diffInAsm {
		diffSumsVector(s, x, y)
		return
	}
	diffSumsGeneric(s, x, y)
}

// diffInAsm selects diffSumsVector.
var diffInAsm bool

func diffSumsGeneric(s *DiffSums, x, y []float32) {
	for i := range x {
		l := i & 7
		a, b := float64(x[i]), float64(y[i])
		e := a - b
		s.X2[l] += float64(a * a) // float64(…): rounded before the sum, never fused
		s.Y2[l] += float64(b * b)
		s.XY[l] += float64(a * b)
		s.E2[l] += float64(e * e)
		s.MaxAbs[l] = max(s.MaxAbs[l], math.Abs(e))
	}
}

// Merge adds o's lanes to s's.
func (s *DiffSums) Merge(o *DiffSums) {
	for l := range 8 {
		s.X2[l] += o.X2[l]
		s.Y2[l] += o.Y2[l]
		s.XY[l] += o.XY[l]
		s.E2[l] += o.E2[l]
		s.MaxAbs[l] = max(s.MaxAbs[l], o.MaxAbs[l])
	}
}

// Total returns the sums over all lanes: ((0+1)+(2+3))+((4+5)+(6+7)) for
// each, and the largest |x−y| (NaN if any difference was NaN).
func (s *DiffSums) Total() (x2, y2, xy, e2, maxAbs float64) {
	sum := func(v *[8]float64) float64 { return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7])) }
	maxAbs = s.MaxAbs[0]
	for _, m := range s.MaxAbs[1:] {
		maxAbs = max(maxAbs, m)
	}
	return sum(&s.X2), sum(&s.Y2), sum(&s.XY), sum(&s.E2), maxAbs
}
