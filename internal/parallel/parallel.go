// Package parallel runs independent pieces of work over a fixed number of
// goroutines, in chunks, so that results never depend on the worker count.
package parallel

import (
	"runtime"
	"sync"
)

// Workers returns n, or GOMAXPROCS when n ≤ 0.
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// For calls fn(lo, hi) over [0, n) cut into chunks of at most chunk items,
// on up to workers goroutines (GOMAXPROCS when workers ≤ 0). It returns the
// error of the lowest-numbered failing chunk, so the error, like the work,
// does not depend on scheduling; chunks after a failure may be skipped.
func For(n, chunk, workers int, fn func(lo, hi int) error) error {
	if n <= 0 {
		return nil
	}
	chunk = max(1, chunk)
	chunks := (n + chunk - 1) / chunk
	workers = min(Workers(workers), chunks)
	if workers == 1 {
		for lo := 0; lo < n; lo += chunk {
			if err := fn(lo, min(n, lo+chunk)); err != nil {
				return err
			}
		}
		return nil
	}
	var (
		mu       sync.Mutex
		next     int
		firstErr error
		errChunk = chunks
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				c := next
				next++
				stop := c >= chunks || c > errChunk
				mu.Unlock()
				if stop {
					return
				}
				lo := c * chunk
				if err := fn(lo, min(n, lo+chunk)); err != nil {
					mu.Lock()
					if c < errChunk {
						errChunk, firstErr = c, err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}
