package prune

import (
	"fmt"
	"math"

	"github.com/shrinkml/shrink/tensor"
)

// rowsPerRead is how many rows a threshold pass reads at a time.
const rowsPerRead = 64

// placeThresholds finds the magnitude thresholds of the PerTensor and
// Global scopes by radix selection over the key bits: a pass counting the
// top 16 bits, then a pass counting the low 16 bits inside the bucket that
// holds the cut.
func (p *Pruner) placeThresholds(model tensor.Model) error {
	groups := [][]string{}
	if p.opts.Scope == Global {
		groups = append(groups, p.order)
	} else {
		for _, n := range p.order {
			groups = append(groups, []string{n})
		}
	}
	for _, names := range groups {
		var total int64
		for _, n := range names {
			total += p.stats[n].Elements
		}
		k := int64(math.Floor(p.opts.Sparsity * float64(total)))
		t := &threshold{}
		switch {
		case k <= 0:
		case k >= total:
			t.cut, t.ties = math.MaxUint32, int(total)
		default:
			var hi [1 << 16]int64
			if err := p.scan(model, names, func(key uint32) { hi[key>>16]++ }); err != nil {
				return err
			}
			b1, below := bucket(hi[:], k)
			var lo [1 << 16]int64
			if err := p.scan(model, names, func(key uint32) {
				if key>>16 == b1 {
					lo[key&0xffff]++
				}
			}); err != nil {
				return err
			}
			b2, below2 := bucket(lo[:], k-below)
			t.cut = b1<<16 | b2
			t.ties = int(k - below - below2)
		}
		for _, n := range names {
			p.thr[n] = t // Global: one shared threshold and tie quota
		}
	}
	return nil
}

// bucket returns the bucket holding the element of rank k (0-based) and how
// many elements lie in lower buckets.
func bucket(h []int64, k int64) (uint32, int64) {
	var below int64
	for b, c := range h {
		if below+c > k {
			return uint32(b), below
		}
		below += c
	}
	return uint32(len(h) - 1), below
}

// scan reads every value of the named tensors and feeds its key to f.
func (p *Pruner) scan(model tensor.Model, names []string, f func(uint32)) error {
	for _, n := range names {
		sh := p.shapes[n]
		buf := make([]float32, rowsPerRead*sh[1])
		for r := 0; r < sh[0]; r += rowsPerRead {
			rows := min(rowsPerRead, sh[0]-r)
			if err := model.ReadRows(n, int64(r), buf[:rows*sh[1]]); err != nil {
				return fmt.Errorf("prune: reading %s: %w", n, err)
			}
			for _, v := range buf[:rows*sh[1]] {
				f(key(v))
			}
		}
	}
	return nil
}
