package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestForCoversEveryItemOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 1001} {
		for _, chunk := range []int{0, 1, 3, 64, 5000} {
			for _, w := range []int{0, 1, 2, 8} {
				counts := make([]int32, n)
				err := For(n, chunk, w, func(lo, hi int) error {
					for i := lo; i < hi; i++ {
						atomic.AddInt32(&counts[i], 1)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				for i, c := range counts {
					if c != 1 {
						t.Fatalf("n=%d chunk=%d workers=%d: item %d done %d times", n, chunk, w, i, c)
					}
				}
			}
		}
	}
}

func TestForReturnsLowestError(t *testing.T) {
	for _, w := range []int{1, 2, 4, 16} {
		err := For(100, 1, w, func(lo, hi int) error {
			if lo%10 == 7 {
				return fmt.Errorf("item %d", lo)
			}
			return nil
		})
		if err == nil || err.Error() != "item 7" {
			t.Errorf("workers=%d: err = %v, want item 7", w, err)
		}
	}
	sentinel := errors.New("x")
	if err := For(3, 1, 1, func(int, int) error { return sentinel }); err != sentinel {
		t.Errorf("err = %v", err)
	}
}
