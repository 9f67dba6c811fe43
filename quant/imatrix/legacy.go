package imatrix

import (
	"encoding/binary"
	"fmt"
	"math"
)

// parseLegacy reads the .dat layout, little-endian:
//
//	int32 n_entries
//	n_entries × { int32 name_len; name; int32 ncall; int32 nval; float32 values[nval] }
//	optional: int32 last_call; int32 len; dataset name
func parseLegacy(data []byte) (*Matrix, error) {
	d := &reader{data: data}
	n := d.i32("entry count")
	if d.err == nil && (n < 0 || int64(n)*12 > int64(len(d.data))) {
		d.fail("entry count", fmt.Sprintf("%d entries cannot fit in %d bytes", n, len(data)))
	}
	m := &Matrix{Entries: map[string][]float32{}, Legacy: true}
	for i := 0; i < int(n) && d.err == nil; i++ {
		what := fmt.Sprintf("entry %d", i)
		name := d.str(what + " name")
		if d.err != nil {
			break
		}
		if name == "" {
			d.fail(what, "empty name")
			break
		}
		what = fmt.Sprintf("entry %q", name)
		ncall := d.i32(what + " ncall")
		nval := d.i32(what + " value count")
		if d.err == nil && (nval <= 0 || int64(nval)*4 > int64(len(d.data)-d.off)) {
			d.fail(what, fmt.Sprintf("%d values cannot fit in the %d bytes left", nval, len(d.data)-d.off))
		}
		if d.err != nil {
			break
		}
		if _, dup := m.Entries[name]; dup {
			d.fail(what, "appears twice")
			break
		}
		vals := make([]float32, nval)
		for j := range vals {
			v := math.Float32frombits(binary.LittleEndian.Uint32(d.data[d.off+4*j:]))
			if ncall > 0 {
				v /= float32(ncall)
			}
			vals[j] = v
		}
		d.off += 4 * int(nval)
		m.Entries[name] = vals
	}
	if d.err == nil && d.off < len(d.data) {
		m.ChunkCount = int(max(0, d.i32("last_call")))
		if d.err == nil && d.off < len(d.data) {
			if ds := d.str("dataset name"); d.err == nil {
				m.Datasets = []string{ds}
			}
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return m, nil
}

// reader decodes little-endian fields with bounds checks, keeping the first
// error.
type reader struct {
	data []byte
	off  int
	err  error
}

func (d *reader) fail(what, msg string) {
	if d.err == nil {
		d.err = fmt.Errorf("imatrix: %w: offset %d, %s: %s", ErrFormat, d.off, what, msg)
	}
}

func (d *reader) i32(what string) int32 {
	if d.err != nil {
		return 0
	}
	if len(d.data)-d.off < 4 {
		d.fail(what, "truncated")
		return 0
	}
	v := int32(binary.LittleEndian.Uint32(d.data[d.off:]))
	d.off += 4
	return v
}

func (d *reader) str(what string) string {
	n := d.i32(what + " length")
	if d.err != nil {
		return ""
	}
	if n < 0 || int64(n) > int64(len(d.data)-d.off) {
		d.fail(what, fmt.Sprintf("length %d runs past the end", n))
		return ""
	}
	s := string(d.data[d.off : d.off+int(n)])
	d.off += int(n)
	return s
}
