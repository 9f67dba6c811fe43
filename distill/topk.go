package distill

import (
	"fmt"
	"math"
	"sort"
)

// TopK is a teacher stored as its k most likely classes per position: the
// compact form kept for offline distillation. With a TopK teacher the
// ForwardKL loss is T²·KL(p̂ ‖ q) against the renormalised k classes, or
// against the k classes plus the tail bucket.
type TopK struct {
	K        int
	Indices  []int32   // N×K class ids
	LogProbs []float32 // N×K log-probabilities over the full vocabulary, at the loss's temperature
	// Bucket keeps the teacher's missing mass as one extra "tail" class,
	// against the student's own tail; otherwise the k probabilities are
	// renormalised to sum to 1.
	Bucket bool
}

func (t *TopK) check(n, v int) error {
	if t.K <= 0 || len(t.Indices) != n*t.K || len(t.LogProbs) != n*t.K {
		return fmt.Errorf("%w: top-%d teacher with %d indices and %d log-probs for %d positions",
			ErrShape, t.K, len(t.Indices), len(t.LogProbs), n)
	}
	for i, x := range t.Indices {
		if x < 0 || int(x) >= v {
			return fmt.Errorf("%w: top-k index %d at position %d is not in [0, %d)", ErrConfig, x, i/t.K, v)
		}
	}
	return nil
}

// topK computes position i's loss against a top-k teacher; c.ls and c.q
// hold the student's log-softmax and softmax at T.
func (c *Calculator) topK(g []float32, t *TopK, i int, scale float64) (float64, error) {
	T := c.cfg.temperature()
	ls, q := c.ls, c.q
	idx := t.Indices[i*t.K : (i+1)*t.K]
	lp := t.LogProbs[i*t.K : (i+1)*t.K]
	// pt[j] will hold the teacher probability of class j (0 off the top-k).
	pt := c.p
	clear(pt)
	var loss float64
	if !t.Bucket {
		m := math.Inf(-1)
		for _, x := range lp {
			m = math.Max(m, float64(x))
		}
		var sum float64
		for _, x := range lp {
			sum += math.Exp(float64(x) - m)
		}
		lse := m + math.Log(sum)
		for k, j := range idx {
			lph := float64(lp[k]) - lse
			ph := math.Exp(lph)
			pt[j] += ph
			loss += xdiff(ph, lph, ls[j])
		}
		for j := range g {
			g[j] = float32(scale * T * (q[j] - pt[j]))
		}
		return T * T * loss, nil
	}
	// Bucket: k classes plus the tail, teacher against student.
	var pSum, qIn float64
	for k, j := range idx {
		ph := math.Exp(float64(lp[k]))
		pt[j] += ph
		pSum += ph
		loss += xdiff(ph, float64(lp[k]), ls[j])
	}
	in := c.lt // in[j] = 1 for the top-k classes
	clear(in)
	for _, j := range idx {
		in[j] = 1
	}
	var qTail float64
	for j := range q {
		if in[j] == 1 {
			qIn += q[j]
		} else {
			qTail += q[j] // summed directly: 1 − Σ q[idx] cancels badly
		}
	}
	pTail := max(0, 1-pSum)
	if qTail == 0 {
		// The top-k is the whole vocabulary: there is no tail, and what
		// 1 − Σp shows is rounding.
		pTail = 0
	}
	if pTail > 0 {
		loss += pTail * (math.Log(pTail) - math.Log(qTail))
	}
	for j := range g {
		d := -pt[j] + q[j]*pSum
		if pTail > 0 {
			d += pTail * (in[j]*q[j] - q[j]*qIn) / qTail
		}
		g[j] = float32(scale * T * d)
	}
	return T * T * loss, nil
}

// TopKFromLogits returns, for N positions of V teacher logits, the k most
// likely classes of each and their log-probabilities at temperature T
// (ties broken by the smaller class id).
func TopKFromLogits(logits []float32, n, v, k int, T float64) (*TopK, error) {
	if len(logits) != n*v || k <= 0 || !(T > 0) {
		return nil, fmt.Errorf("%w: %d logits for %d×%d, k %d, T %g", ErrShape, len(logits), n, v, k, T)
	}
	k = min(k, v)
	t := &TopK{K: k, Indices: make([]int32, n*k), LogProbs: make([]float32, n*k)}
	ls, q := make([]float64, v), make([]float64, v)
	order := make([]int32, v)
	for i := range n {
		row := logits[i*v : (i+1)*v]
		logSoftmax(ls, q, row, T)
		for j := range order {
			order[j] = int32(j)
		}
		sort.Slice(order, func(a, b int) bool {
			x, y := ls[order[a]], ls[order[b]]
			return x > y || x == y && order[a] < order[b]
		})
		for j := range k {
			t.Indices[i*k+j] = order[j]
			t.LogProbs[i*k+j] = float32(ls[order[j]])
		}
	}
	return t, nil
}
