// Package imatrix reads llama.cpp importance-matrix files: the GGUF format
// llama-imatrix writes by default (general.type = imatrix, per-weight
// NAME.in_sum2 and NAME.counts tensors) and the legacy .dat format. Both
// become the per-column importance values llama-quantize feeds to the
// quantizers: the mean squared activation of each input column of each
// weight matrix (per expert for 3-D weights).
//
// The normalisation is llama-quantize's (tools/quantize/quantize.cpp of
// llama.cpp release v0.5.0): GGUF sums are divided by their count (a slice
// with count 0 becomes all ones); legacy values by the entry's ncall.
package imatrix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// ErrFormat is returned (wrapped, with the file and entry named) when a
// file is neither a valid GGUF imatrix nor a valid legacy one.
var ErrFormat = errors.New("malformed importance matrix")

// Matrix is an importance matrix.
type Matrix struct {
	// Entries maps a weight's tensor name ("blk.0.attn_q.weight") to its
	// importance values: ncols values, times the number of experts for
	// 3-D weights.
	Entries map[string][]float32
	// Datasets names the calibration data, as the file records it.
	Datasets []string
	// ChunkCount is the number of chunks the statistics were collected
	// over (the legacy format's last_call), 0 when unknown.
	ChunkCount int
	// ChunkSize is the tokens per chunk (GGUF only; 0 for legacy files).
	ChunkSize int
	// Legacy is true for a .dat file.
	Legacy bool
}

// Open reads the importance matrix in the file at path.
func Open(path string) (*Matrix, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Read reads an importance matrix of size bytes from r.
func Read(r io.ReaderAt, size int64) (*Matrix, error) {
	if size < 0 || size > maxFileSize {
		return nil, fmt.Errorf("imatrix: %w: size %d", ErrFormat, size)
	}
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && !(err == io.EOF && size == 0) {
		return nil, err
	}
	return Parse(data)
}

// maxFileSize bounds what Read loads: importance matrices are a few
// hundred MB at most (one float per input column per weight and expert).
const maxFileSize = 1 << 34

// Parse reads an importance matrix from its bytes, GGUF or legacy.
func Parse(data []byte) (*Matrix, error) {
	if bytes.HasPrefix(data, []byte("GGUF")) {
		return parseGGUF(data)
	}
	return parseLegacy(data)
}

// Names returns the entry names in byte order.
func (m *Matrix) Names() []string {
	names := make([]string, 0, len(m.Entries))
	for n := range m.Entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Filter keeps only the entries whose name contains one of include (when
// include is not empty) and drops those containing one of exclude, as
// llama-quantize's --include-weights and --exclude-weights do.
func (m *Matrix) Filter(include, exclude []string) {
	for name := range m.Entries {
		keep := len(include) == 0
		for _, s := range include {
			if strings.Contains(name, s) {
				keep = true
			}
		}
		for _, s := range exclude {
			if strings.Contains(name, s) {
				keep = false
			}
		}
		if !keep {
			delete(m.Entries, name)
		}
	}
}
