package safetensors

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/shrinkml/shrink/internal/seqwrite"
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
	tensors []TensorInfo
	data    *seqwrite.Writer
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
	laid, err := arrange(tensors, cfg.keepOrder)
	if err != nil {
		return nil, err
	}
	hdr, err := encodeHeader(meta, laid)
	if err != nil {
		return nil, err
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(hdr)))
	if _, err := w.Write(append(n[:], hdr...)); err != nil {
		return nil, fmt.Errorf("safetensors: writing header: %w", err)
	}
	items := make([]seqwrite.Item, len(laid))
	for i, t := range laid {
		items[i] = seqwrite.Item{Name: t.Name, Size: t.Size()}
	}
	errs := seqwrite.Errors{Prefix: "safetensors", DataLength: ErrDataLength, Invalid: ErrInvalid}
	return &Writer{tensors: laid, data: seqwrite.New(w, items, errs)}, nil
}

// SortReference sorts tensors as the reference writer does: by dtype, the
// largest first, then by name.
func SortReference(tensors []TensorInfo) {
	slices.SortStableFunc(tensors, func(a, b TensorInfo) int {
		return cmp.Or(cmp.Compare(b.Dtype, a.Dtype), cmp.Compare(a.Name, b.Name))
	})
}

// arrange returns a copy of tensors in the order they are written (the
// reference order unless keepOrder), with names and shapes checked and data
// offsets assigned.
func arrange(tensors []TensorInfo, keepOrder bool) ([]TensorInfo, error) {
	laid := slices.Clone(tensors)
	if !keepOrder {
		SortReference(laid)
	}
	seen := map[string]bool{}
	var off int64
	for i := range laid {
		t := &laid[i]
		if t.Name == metadataKey || seen[t.Name] {
			return nil, fmt.Errorf("safetensors: tensor %q: %w: duplicate or reserved name", t.Name, ErrInvalid)
		}
		seen[t.Name] = true
		size, err := byteSize(t.Dtype, t.Shape)
		if err != nil {
			return nil, fmt.Errorf("safetensors: tensor %q: %w: %v", t.Name, ErrInvalid, err)
		}
		t.Begin, t.End, t.Shard = off, off+size, 0
		off += size
	}
	return laid, nil
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

// Write writes tensor data: the bytes of all tensors in Tensors() order,
// as one stream. Bytes beyond the last tensor are refused with ErrDataLength.
func (w *Writer) Write(p []byte) (int, error) { return w.data.Write(p) }

// WriteTensor writes all the data of the named tensor, which must be the
// next one in Tensors() order and not yet begun.
func (w *Writer) WriteTensor(name string, data []byte) error { return w.data.WriteItem(name, data) }

// Close checks that every tensor got all its data. It does not close the
// underlying writer.
func (w *Writer) Close() error { return w.data.Close() }
