package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shrinkml/shrink/quant"
)

// progressBar shows quantization progress on stderr: a redrawn line when
// stderr is a terminal, a plain line per tensor otherwise.
type progressBar struct {
	w        io.Writer
	tty      bool
	start    time.Time
	last     time.Time
	lastName string
	width    int
}

func newProgressBar(w io.Writer) *progressBar {
	tty := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progressBar{w: w, tty: tty, start: time.Now()}
}

func (b *progressBar) update(p quant.Progress) {
	now := time.Now()
	elapsed := now.Sub(b.start).Seconds()
	rate := float64(p.Done) / 1e6 / max(elapsed, 1e-9)
	if !b.tty {
		if p.Name != b.lastName {
			b.lastName = p.Name
			fmt.Fprintf(b.w, "[%*d/%d] %s\n", digits(p.Tensors), p.Tensor+1, p.Tensors, p.Name)
		}
		return
	}
	if now.Sub(b.last) < 100*time.Millisecond && p.Done < p.Total {
		return
	}
	b.last = now
	eta := "?"
	if p.Done > 0 {
		eta = fmt.Sprintf("%.0fs", elapsed*float64(p.Total-p.Done)/float64(p.Done))
	}
	line := fmt.Sprintf("[%*d/%d] %5.1f%%  %.1f/%.1f MB  %.1f MB/s  ETA %s  %s", digits(p.Tensors), p.Tensor+1, p.Tensors,
		100*float64(p.Done)/float64(max(p.Total, 1)), float64(p.Done)/1e6, float64(p.Total)/1e6, rate, eta, p.Name)
	pad := max(0, b.width-len(line))
	b.width = len(line)
	fmt.Fprintf(b.w, "\r%s%*s", line, pad, "")
}

// finish ends the redrawn line. It is safe on a nil bar.
func (b *progressBar) finish() {
	if b != nil && b.tty && b.width > 0 {
		fmt.Fprintln(b.w)
	}
}

func digits(n int) int { return len(fmt.Sprint(n)) }
