package quant

import (
	"math"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/internal/parallel"
	"github.com/shrinkml/shrink/simd"
)

// Stats say how closely a reconstruction follows the values it stands for.
type Stats struct {
	N             int     // values compared
	RMSE          float64 // root mean squared error
	MaxAbsErr     float64 // largest absolute error
	Cosine        float64 // cosine similarity of the two vectors (1 when both are zero)
	SNR           float64 // signal-to-noise ratio in dB, 10·log10(Σx²/Σ(x−y)²); +Inf when exact
	BitsPerWeight float64 // storage cost of the type, when measured by Measure

	sums errorSums // what the figures were computed from, for Pool
}

// Pool returns the statistics of the values behind all of stats taken
// together (RMSE over every value, not the mean of the RMSEs). Bits per
// weight are averaged by value count.
func Pool(stats ...Stats) Stats {
	var s errorSums
	var bits float64
	for _, st := range stats {
		s.merge(st.sums)
		bits += st.BitsPerWeight * float64(st.sums.n)
	}
	p := s.stats()
	if s.n > 0 {
		p.BitsPerWeight = bits / float64(s.n)
	}
	return p
}

// errorSums accumulates the sums behind Stats in float64, in simd's lanes
// (so that the figures are the same bits with every kernel).
type errorSums struct {
	n     int
	lanes simd.DiffSums
}

func (s *errorSums) add(x, y []float32) {
	s.lanes.Add(x, y)
	s.n += len(x)
}

func (s *errorSums) merge(o errorSums) {
	s.n += o.n
	s.lanes.Merge(&o.lanes)
}

func (s *errorSums) stats() Stats {
	sx2, sy2, sxy, se2, maxAbs := s.lanes.Total()
	st := Stats{N: s.n, MaxAbsErr: maxAbs, Cosine: 1, SNR: math.Inf(1)}
	if s.n > 0 {
		st.RMSE = math.Sqrt(se2 / float64(s.n))
	}
	if sx2 > 0 || sy2 > 0 {
		st.Cosine = sxy / math.Sqrt(sx2*sy2)
		if sx2 == 0 || sy2 == 0 {
			st.Cosine = 0
		}
	}
	if se2 > 0 {
		st.SNR = 10 * math.Log10(sx2/se2)
	}
	st.sums = *s
	return st
}

// Compare returns the error statistics of got against ref, which must have
// the same length.
func Compare(ref, got []float32) Stats {
	if len(ref) != len(got) {
		panic("quant: Compare of slices of different lengths")
	}
	var s errorSums
	s.add(ref, got)
	return s.stats()
}

// Measure quantizes the rows of src (ncols values each) to type t and back,
// and reports the error of the round trip. Beyond src it needs memory for a
// few rows per worker.
func Measure(t gguf.Type, src []float32, ncols int, opts Options) (Stats, error) {
	c, err := For(t)
	if err != nil {
		return Stats{}, err
	}
	if err := c.checkQuantize(ncols, opts.Imatrix); err != nil {
		return Stats{}, err
	}
	rowBytes, rows, err := c.rows(len(src), ncols)
	if err != nil {
		return Stats{}, err
	}
	chunks := (rows + rowsPerChunk - 1) / rowsPerChunk
	sums := make([]errorSums, chunks)
	err = parallel.For(rows, rowsPerChunk, opts.Workers, func(lo, hi int) error {
		q := make([]byte, (hi-lo)*rowBytes)
		y := make([]float32, (hi-lo)*ncols)
		for r := lo; r < hi; r++ {
			if err := c.quantizeRow(q[(r-lo)*rowBytes:(r-lo+1)*rowBytes], src[r*ncols:(r+1)*ncols], opts.Imatrix, r); err != nil {
				return err
			}
		}
		c.dequantize(y, q)
		sums[lo/rowsPerChunk].add(src[lo*ncols:hi*ncols], y)
		return nil
	})
	if err != nil {
		return Stats{}, err
	}
	var total errorSums
	for _, s := range sums {
		total.merge(s)
	}
	st := total.stats()
	st.BitsPerWeight = t.BitsPerWeight()
	return st, nil
}
