package quant

import (
	"fmt"

	"github.com/shrinkml/shrink/internal/parallel"
)

// Options tune Quantize. The zero value quantizes without an importance
// matrix on GOMAXPROCS goroutines.
type Options struct {
	// Imatrix holds one importance weight per column, shared by all rows,
	// or is nil. Types that do not use one ignore it.
	Imatrix []float32
	// Workers is the number of goroutines; ≤ 0 means GOMAXPROCS. The
	// output does not depend on it.
	Workers int
}

// rowsPerChunk is how many rows a worker takes at a time: enough to keep
// scheduling cheap, few enough to balance small tensors.
const rowsPerChunk = 16

// Quantize quantizes the rows of src, each ncols values, into dst, which
// must hold exactly len(src)/ncols rows of RowSize(ncols) bytes. Errors for
// bad values name the row; with several bad rows, the first.
func (c *Codec) Quantize(dst []byte, src []float32, ncols int, opts Options) error {
	if err := c.checkQuantize(ncols, opts.Imatrix); err != nil {
		return err
	}
	rowBytes, rows, err := c.shape(len(dst), len(src), ncols)
	if err != nil {
		return err
	}
	return parallel.For(rows, rowsPerChunk, opts.Workers, func(lo, hi int) error {
		for r := lo; r < hi; r++ {
			err := c.quantizeRow(dst[r*rowBytes:(r+1)*rowBytes], src[r*ncols:(r+1)*ncols], opts.Imatrix, r)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Dequantize dequantizes rows of ncols values from src into dst on up to
// workers goroutines (GOMAXPROCS when workers ≤ 0).
func (c *Codec) Dequantize(dst []float32, src []byte, ncols, workers int) error {
	rowBytes, rows, err := c.shape(len(src), len(dst), ncols)
	if err != nil {
		return err
	}
	return parallel.For(rows, 4*rowsPerChunk, workers, func(lo, hi int) error {
		c.dequantize(dst[lo*ncols:hi*ncols], src[lo*rowBytes:hi*rowBytes])
		return nil
	})
}

// shape checks that nbytes and nvalues hold the same whole number of rows.
func (c *Codec) shape(nbytes, nvalues, ncols int) (rowBytes, rows int, err error) {
	rowBytes, rows, err = c.rows(nvalues, ncols)
	if err != nil {
		return 0, 0, err
	}
	if nbytes != rows*rowBytes {
		return 0, 0, fmt.Errorf("quant: %v: %w: %d bytes for %d rows of %d values, want %d",
			c.typ, ErrShape, nbytes, rows, ncols, rows*rowBytes)
	}
	return rowBytes, rows, nil
}

// rows checks that nvalues is a whole number of rows of ncols values.
func (c *Codec) rows(nvalues, ncols int) (rowBytes, rows int, err error) {
	rowBytes, err = c.RowSize(ncols)
	if err != nil {
		return 0, 0, err
	}
	if nvalues%ncols != 0 {
		return 0, 0, fmt.Errorf("quant: %v: %w: %d values is not a whole number of rows of %d", c.typ, ErrShape, nvalues, ncols)
	}
	return rowBytes, nvalues / ncols, nil
}
