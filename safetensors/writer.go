package safetensors

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Writer streams a safetensors file: NewWriter writes the header, then the
// tensors' data follows in header order through Write or WriteTensor.
//
// The header is what the reference writer makes: compact JSON with
// __metadata__ first, tensors sorted by dtype (largest first) then name,
// strings escaped as serde_json escapes them, padded with spaces to a
// multiple of 8 bytes. So a file written by the reference library, read and
// written back, comes out byte-identical.
type Writer struct {
	w       io.Writer
	tensors []TensorInfo
	cur     int
	done    int64
	err     error
}

// WriterOption configures a Writer.
type WriterOption func(*writerConfig)

type writerConfig struct{ keepOrder bool }

// KeepOrder writes the tensors in the order given instead of the reference
// order, to reproduce files written by older writers that sorted by name.
func KeepOrder() WriterOption { return func(c *writerConfig) { c.keepOrder = true } }

// NewWriter writes the header for meta (nil for none) and the tensors (name,
// dtype, shape; offsets are computed) to w and returns a Writer for their data.
func NewWriter(w io.Writer, meta Metadata, tensors []TensorInfo, opts ...WriterOption) (*Writer, error) {
	var cfg writerConfig
	for _, o := range opts {
		o(&cfg)
	}
	sw := &Writer{w: w, tensors: make([]TensorInfo, len(tensors))}
	copy(sw.tensors, tensors)
	if !cfg.keepOrder {
		SortReference(sw.tensors)
	}
	if err := sw.layout(); err != nil {
		return nil, err
	}
	hdr, err := encodeHeader(meta, sw.tensors)
	if err != nil {
		return nil, err
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(hdr)))
	if _, err := w.Write(append(n[:], hdr...)); err != nil {
		return nil, fmt.Errorf("safetensors: writing header: %w", err)
	}
	sw.skipEmpty()
	return sw, nil
}

// SortReference sorts tensors as the reference writer does: by dtype, the
// largest first, then by name.
func SortReference(tensors []TensorInfo) {
	slices.SortStableFunc(tensors, func(a, b TensorInfo) int {
		return cmp.Or(cmp.Compare(b.Dtype, a.Dtype), cmp.Compare(a.Name, b.Name))
	})
}

// layout validates names and shapes and assigns data offsets.
func (w *Writer) layout() error {
	seen := map[string]bool{}
	var off int64
	for i := range w.tensors {
		t := &w.tensors[i]
		if t.Name == metadataKey || seen[t.Name] {
			return fmt.Errorf("safetensors: tensor %q: %w: duplicate or reserved name", t.Name, ErrInvalid)
		}
		seen[t.Name] = true
		shape := make([]uint64, len(t.Shape))
		for j, d := range t.Shape {
			if d < 0 {
				return fmt.Errorf("safetensors: tensor %q: %w: negative dimension in %v", t.Name, ErrInvalid, t.Shape)
			}
			shape[j] = uint64(d)
		}
		if t.Dtype >= dtypeCount {
			return fmt.Errorf("safetensors: tensor %q: %w: unknown dtype %v", t.Name, ErrInvalid, t.Dtype)
		}
		name := t.Dtype.String()
		probe := rawInfo{Dtype: &name, Shape: &shape, DataOffsets: &[]uint64{0, 0}}
		size, err := probe.size()
		if err != nil {
			return fmt.Errorf("safetensors: tensor %q: %w: %v", t.Name, ErrInvalid, err)
		}
		t.Begin, t.End, t.Shard = off, off+size, 0
		off += size
	}
	return nil
}

// encodeHeader returns the JSON header padded with spaces to a multiple of 8.
func encodeHeader(meta Metadata, tensors []TensorInfo) ([]byte, error) {
	b := []byte{'{'}
	if meta != nil {
		b = appendString(b, metadataKey)
		b = append(b, ":{"...)
		seen := map[string]bool{}
		for i, kv := range meta {
			if seen[kv.Key] {
				return nil, fmt.Errorf("safetensors: %w: metadata key %q appears twice", ErrInvalid, kv.Key)
			}
			seen[kv.Key] = true
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, kv.Key)
			b = append(b, ':')
			b = appendString(b, kv.Value)
		}
		b = append(b, '}')
	}
	for i, t := range tensors {
		if i > 0 || meta != nil {
			b = append(b, ',')
		}
		b = appendString(b, t.Name)
		b = append(b, `:{"dtype":`...)
		b = appendString(b, t.Dtype.String())
		b = append(b, `,"shape":[`...)
		for j, d := range t.Shape {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, d, 10)
		}
		b = append(b, `],"data_offsets":[`...)
		b = strconv.AppendInt(b, t.Begin, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, t.End, 10)
		b = append(b, "]}"...)
	}
	b = append(b, '}')
	for len(b)%8 != 0 {
		b = append(b, ' ')
	}
	return b, nil
}

// appendString appends s as a JSON string escaped the way serde_json does:
// quote, backslash and control characters only; everything else, non-ASCII
// included, as it is.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\b':
			b = append(b, `\b`...)
		case c == '\f':
			b = append(b, `\f`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// Tensors returns the tensor infos in the order their data is written, with
// their offsets.
func (w *Writer) Tensors() []TensorInfo { return w.tensors }

// skipEmpty moves past tensors of zero bytes, which take no data.
func (w *Writer) skipEmpty() {
	for w.cur < len(w.tensors) && w.done == w.tensors[w.cur].Size() {
		w.cur++
		w.done = 0
	}
}

// Write writes tensor data: the bytes of all tensors in order, as one
// stream. Bytes beyond the last tensor are refused with ErrDataLength.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := 0
	for len(p) > 0 {
		if w.cur == len(w.tensors) {
			return n, fmt.Errorf("safetensors: %w: %d bytes past the end of the last tensor", ErrDataLength, len(p))
		}
		k := int(min(int64(len(p)), w.tensors[w.cur].Size()-w.done))
		m, err := w.w.Write(p[:k])
		n += m
		w.done += int64(m)
		if err != nil {
			w.err = fmt.Errorf("safetensors: writing tensor %q: %w", w.tensors[w.cur].Name, err)
			return n, w.err
		}
		p = p[k:]
		w.skipEmpty()
	}
	return n, nil
}

// WriteTensor writes all the data of the named tensor, which must be the
// next one in Tensors() order and not yet begun.
func (w *Writer) WriteTensor(name string, data []byte) error {
	if w.cur == len(w.tensors) || w.tensors[w.cur].Name != name || w.done != 0 {
		next := "none"
		if w.cur < len(w.tensors) {
			next = strconv.Quote(w.tensors[w.cur].Name)
		}
		return fmt.Errorf("safetensors: tensor %q: %w: the next data is for tensor %s", name, ErrInvalid, next)
	}
	if size := w.tensors[w.cur].Size(); int64(len(data)) != size {
		return fmt.Errorf("safetensors: tensor %q: %w: %d bytes, want %d", name, ErrDataLength, len(data), size)
	}
	_, err := w.Write(data)
	return err
}

// Close checks that every tensor got all its data. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.cur < len(w.tensors) {
		t := w.tensors[w.cur]
		return fmt.Errorf("safetensors: tensor %q: %w: %d of %d bytes written", t.Name, ErrDataLength, w.done, t.Size())
	}
	return nil
}
