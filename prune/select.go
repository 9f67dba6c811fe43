package prune

import "math"

// The selections here rank values by a key (a magnitude or a score) and
// break ties by position: among equal keys, the earlier value is pruned
// first. All of them prune exactly the number of values asked.

// key orders non-negative float32 scores as their bits do: for x ≥ 0,
// math.Float32bits is monotone, which radix selection uses.
func key(x float32) uint32 { return math.Float32bits(x) &^ (1 << 31) }

// kthSmallest returns the key of the k-th smallest (0-based) of keys and how
// many keys are strictly below it, by quickselect on a scratch copy:
// O(n) on average, deterministic (median-of-three pivots).
func kthSmallest(keys, scratch []uint32, k int) (kth uint32, below int) {
	a := append(scratch[:0], keys...)
	lo, hi := 0, len(a)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Median of three as the pivot.
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			lo, hi = k, k
		}
	}
	kth = a[k]
	for _, x := range keys {
		if x < kth {
			below++
		}
	}
	return kth, below
}

// threshold is a pruning decision over a sequence of keys: everything below
// cut is pruned, and of the keys equal to cut, the first ties of them.
type threshold struct {
	cut  uint32
	ties int
}

// thresholdFor returns the threshold that prunes exactly k of keys.
func thresholdFor(keys, scratch []uint32, k int) threshold {
	if k <= 0 {
		return threshold{cut: 0, ties: 0}
	}
	if k >= len(keys) {
		return threshold{cut: math.MaxUint32, ties: len(keys)}
	}
	kth, below := kthSmallest(keys, scratch, k)
	return threshold{cut: kth, ties: k - below}
}

// apply zeroes the values whose keys the threshold prunes, in order,
// consuming its tie quota; it returns how many it zeroed.
func (t *threshold) apply(vals []float32, keys []uint32) int {
	n := 0
	for i, k := range keys {
		if k < t.cut || k == t.cut && t.ties > 0 {
			if k == t.cut {
				t.ties--
			}
			vals[i] = 0
			n++
		}
	}
	return n
}
