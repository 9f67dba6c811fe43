package distill

import (
	"fmt"
	"math"
)

// Batch is N positions of V logits each, row-major. The teacher is given
// either as dense logits or as its top-k log-probabilities.
type Batch struct {
	N, V    int
	Student []float32 // N×V student logits
	Teacher []float32 // N×V teacher logits (−Inf rules a class out), or nil with TopK
	TopK    *TopK     // the teacher's top-k, instead of Teacher
	Mask    []bool    // which positions count (true = kept); nil keeps all
	Labels  []int32   // class per position (IgnoreLabel for none), for Hinton and CrossEntropy
}

// A Calculator computes one configured loss over batches, reusing its
// scratch space: one per goroutine.
type Calculator struct {
	cfg                 Config
	ls, lt, q, p, g, q1 []float64
}

// New returns a Calculator for cfg.
func New(cfg Config) (*Calculator, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return &Calculator{cfg: cfg}, nil
}

// Config returns the calculator's configuration.
func (c *Calculator) Config() Config { return c.cfg }

// Loss returns the reduced loss of b and, when grad is not nil (N×V), its
// gradient with respect to the student logits (zero rows where not kept);
// perPosition, when not nil (N), receives each position's loss before the
// mask and the reduction (0 for a position without a label).
func (c *Calculator) Loss(grad []float32, perPosition []float64, b *Batch) (float64, error) {
	n, v := b.N, b.V
	if n < 0 || v <= 0 || len(b.Student) != n*v || grad != nil && len(grad) != n*v ||
		perPosition != nil && len(perPosition) != n || b.Mask != nil && len(b.Mask) != n {
		return 0, fmt.Errorf("%w: N %d, V %d: student %d, grad %d, per-position %d, mask %d",
			ErrShape, n, v, len(b.Student), len(grad), len(perPosition), len(b.Mask))
	}
	needLabels := c.cfg.Kind == Hinton || c.cfg.Kind == CrossEntropy
	if needLabels && len(b.Labels) != n {
		return 0, fmt.Errorf("%w: %v needs %d labels, got %d", ErrShape, c.cfg.Kind, n, len(b.Labels))
	}
	needTeacher := c.cfg.Kind != CrossEntropy
	switch {
	case needTeacher && b.TopK == nil && len(b.Teacher) != n*v:
		return 0, fmt.Errorf("%w: teacher has %d logits, want %d", ErrShape, len(b.Teacher), n*v)
	case b.TopK != nil:
		if err := b.TopK.check(n, v); err != nil {
			return 0, err
		}
		if c.cfg.Kind != ForwardKL {
			return 0, fmt.Errorf("%w: a top-k teacher is for the forward KL only, not %v", ErrConfig, c.cfg.Kind)
		}
	}
	c.grow(v)
	kept := 0
	isKept := func(i int) bool {
		if b.Mask != nil && !b.Mask[i] {
			return false
		}
		return !needLabels || b.Labels[i] != IgnoreLabel
	}
	for i := range n {
		if isKept(i) {
			kept++
		}
	}
	var scale float64
	switch c.cfg.Reduction {
	case Mean:
		if kept > 0 {
			scale = 1 / float64(kept)
		}
	case Sum:
		scale = 1
	case BatchMean:
		if n > 0 {
			scale = 1 / float64(n)
		}
	}
	var total float64
	for i := range n {
		var gi []float32
		if grad != nil {
			gi = grad[i*v : (i+1)*v]
		}
		kept := isKept(i)
		if !kept && (perPosition == nil || needLabels && b.Labels[i] == IgnoreLabel) {
			clear(gi)
			if perPosition != nil {
				perPosition[i] = 0
			}
			continue
		}
		// A masked position still gets its per-position loss, as PyTorch
		// computes it before the reduction; it adds nothing to the total.
		l, err := c.position(gi, b, i, scale)
		if err != nil {
			return 0, err
		}
		if perPosition != nil {
			perPosition[i] = l
		}
		if !kept {
			clear(gi)
			continue
		}
		total += l
	}
	return total * scale, nil
}

func (c *Calculator) grow(v int) {
	if cap(c.ls) < v {
		all := make([]float64, 6*v)
		c.ls, c.lt, c.q, c.p, c.g, c.q1 = all[:v], all[v:2*v], all[2*v:3*v], all[3*v:4*v], all[4*v:5*v], all[5*v:]
	}
	c.ls, c.lt, c.q, c.p, c.g, c.q1 = c.ls[:v], c.lt[:v], c.q[:v], c.p[:v], c.g[:v], c.q1[:v]
}

// logSoftmax sets ls to log_softmax(x/T) and q to its exponential, with
// one exponential per class. Every x/T is rounded before it is used
// (float64(…)), so that no fused multiply-add (arm64) makes the largest
// class's x/T − m or x/T − lse other than exactly 0.
func logSoftmax(ls, q []float64, x []float32, T float64) {
	inv := 1 / T
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, float64(v)*inv)
	}
	if math.IsInf(m, -1) { // every class ruled out: leave −Inf, q = 0
		for j := range ls {
			ls[j], q[j] = math.Inf(-1), 0
		}
		return
	}
	var sum float64
	for j, v := range x {
		e := math.Exp(float64(float64(v)*inv) - m)
		q[j] = e
		sum += e
	}
	lse, isum := m+math.Log(sum), 1/sum
	for j, v := range x {
		ls[j] = float64(float64(v)*inv) - lse
		q[j] *= isum
	}
}

// xdiff is x·(a − b), and 0 when x is 0 whatever a and b are (0·∞ = 0).
func xdiff(x, a, b float64) float64 {
	if x == 0 {
		return 0
	}
	return x * (a - b)
}

// position computes position i's loss and writes its gradient (times
// scale) to g.
func (c *Calculator) position(g []float32, b *Batch, i int, scale float64) (float64, error) {
	v, T := b.V, c.cfg.temperature()
	ls, q, lt, p := c.ls, c.q, c.lt, c.p
	s := b.Student[i*v : (i+1)*v]
	logSoftmax(ls, q, s, T)
	if b.TopK != nil {
		return c.topK(g, b.TopK, i, scale)
	}
	if c.cfg.Kind != CrossEntropy {
		logSoftmax(lt, p, b.Teacher[i*v:(i+1)*v], T)
	}
	var loss float64
	switch k := c.cfg.Kind; {
	case k == ForwardKL || k == JSD && c.cfg.Beta == 0:
		for j := range ls {
			loss += xdiff(p[j], lt[j], ls[j])
		}
		f := 1 / T // d/ds of Σ p(lt − ls) is (q − p)/T
		if k == ForwardKL {
			loss *= T * T
			f = T
		}
		for j := range g {
			g[j] = float32(scale * f * (q[j] - p[j]))
		}
	case k == ReverseKL || k == JSD && c.cfg.Beta == 1:
		for j := range ls {
			loss += xdiff(q[j], ls[j], lt[j])
		}
		for j := range g {
			g[j] = float32(scale * xdiff(q[j], ls[j]-lt[j], loss) / T)
		}
	case k == JSD:
		beta := c.cfg.Beta
		m := c.g // reused: the mixture's log-probabilities
		var qg float64
		for j := range ls {
			m[j] = math.Log((1-beta)*q[j] + beta*p[j])
			loss += beta*xdiff(p[j], lt[j], m[j]) + (1-beta)*xdiff(q[j], ls[j], m[j])
			qg += xdiff(q[j], (1-beta)*(ls[j]-m[j]), 0)
		}
		for j := range g {
			g[j] = float32(scale * xdiff(q[j], (1-beta)*(ls[j]-m[j]), qg) / T)
		}
	case k == Hinton || k == CrossEntropy:
		y := int(b.Labels[i])
		if y < 0 || y >= v {
			return 0, fmt.Errorf("%w: position %d has label %d, not in [0, %d)", ErrConfig, i, y, v)
		}
		alpha := 1.0
		if k == Hinton {
			alpha = c.cfg.Alpha
		}
		// Cross-entropy at temperature 1; q1 is softmax(s).
		ls1, q1 := ls, q
		if T != 1 {
			ls1, q1 = c.g, c.q1
			logSoftmax(ls1, q1, s, 1)
		}
		ce := -ls1[y]
		var kl float64
		if k == Hinton {
			for j := range ls {
				kl += xdiff(p[j], lt[j], ls[j])
			}
		}
		loss = alpha*ce + (1-alpha)*T*T*kl
		for j := range g {
			d := q1[j]
			if j == y {
				d--
			}
			gj := alpha * d
			if k == Hinton {
				gj += (1 - alpha) * T * (q[j] - p[j])
			}
			g[j] = float32(scale * gj)
		}
	}
	return loss, nil
}
