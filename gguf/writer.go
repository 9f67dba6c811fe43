package gguf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/shrinkml/shrink/internal/seqwrite"
)

// Writer streams a GGUF file: NewWriter writes the header (metadata and
// tensor infos) at once, since every tensor's size follows from its type and
// shape; the tensors' data is then written in order with Write or
// WriteTensor, and padded to the alignment as the spec says. Close checks
// that every tensor got all its bytes.
//
// The files it writes satisfy ggml's reader: tensor data contiguous in info
// order, each tensor padded to the alignment (the last one too), names
// shorter than 64 bytes, general.alignment a u32 power of two.
type Writer struct {
	w         io.Writer
	alignment int64
	tensors   []TensorInfo
	data      *seqwrite.Writer
}

// WriterOption configures a Writer.
type WriterOption func(*writerConfig) error

type writerConfig struct {
	version uint32
}

// WithVersion makes the Writer write GGUF version v (2 or 3; 3 is the
// default). The two differ only in the version field.
func WithVersion(v uint32) WriterOption {
	return func(c *writerConfig) error {
		if v != 2 && v != 3 {
			return fmt.Errorf("gguf: %w: cannot write version %d, only 2 and 3", ErrInvalid, v)
		}
		c.version = v
		return nil
	}
}

// NewWriter writes the header of a GGUF file with the metadata meta (in its
// order) and the tensors' infos (name, type, shape; Offset and Split are
// ignored and computed) to w, and returns a Writer for the tensors' data.
func NewWriter(w io.Writer, meta *Metadata, tensors []TensorInfo, opts ...WriterOption) (*Writer, error) {
	gw := &Writer{w: w, alignment: DefaultAlignment}
	cfg := writerConfig{version: 3}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if meta == nil {
		meta = &Metadata{}
	}
	if v, ok := meta.Get(KeyAlignment); ok {
		a, err := As[uint32](v)
		if err != nil || a == 0 || a&(a-1) != 0 {
			return nil, fmt.Errorf("gguf: %w: %s must be a u32 power of two, not %s %v", ErrInvalid, KeyAlignment, v.TypeName(), v)
		}
		gw.alignment = int64(a)
	}
	if err := gw.layout(tensors); err != nil {
		return nil, err
	}
	if err := gw.writeHeader(cfg.version, meta); err != nil {
		return nil, err
	}
	items := make([]seqwrite.Item, len(gw.tensors))
	for i, t := range gw.tensors {
		size := t.Size()
		items[i] = seqwrite.Item{Name: t.Name, Size: size, Pad: alignUp(size, gw.alignment) - size}
	}
	gw.data = seqwrite.New(w, items, seqwrite.Errors{Prefix: "gguf", DataLength: ErrDataLength, Invalid: ErrInvalid})
	return gw, nil
}

// layout validates the tensor infos and gives each its offset.
func (w *Writer) layout(tensors []TensorInfo) error {
	w.tensors = make([]TensorInfo, len(tensors))
	names := make(map[string]bool, len(tensors))
	var off int64
	for i, t := range tensors {
		if len(t.Name) >= MaxNameLen {
			return fmt.Errorf("gguf: tensor %q: %w: name is %d bytes, ggml allows at most %d", t.Name, ErrInvalid, len(t.Name), MaxNameLen-1)
		}
		if names[t.Name] {
			return fmt.Errorf("gguf: tensor %q: %w: duplicate name", t.Name, ErrInvalid)
		}
		names[t.Name] = true
		size, p := t.validate()
		if p != nil {
			return fmt.Errorf("gguf: tensor %q: %w: %s", t.Name, ErrInvalid, p.msg)
		}
		padded := alignUp(size, w.alignment)
		if padded < size || off > math.MaxInt64-padded {
			return fmt.Errorf("gguf: tensor %q: %w: data section larger than 2^63 bytes", t.Name, ErrInvalid)
		}
		w.tensors[i] = TensorInfo{Name: t.Name, Type: t.Type, Shape: append([]int64(nil), t.Shape...), Offset: off}
		off += padded
	}
	return nil
}

// writeHeader writes magic, version, counts, metadata, tensor infos and the
// padding up to the data section (when there is any data).
func (w *Writer) writeHeader(version uint32, meta *Metadata) error {
	bw := bufio.NewWriterSize(w.w, 64<<10)
	e := &encoder{w: bw}
	e.raw([]byte(Magic))
	e.u32(version)
	e.u64(uint64(len(w.tensors)))
	e.u64(uint64(meta.Len()))
	for _, kv := range meta.All() {
		e.str(kv.Key)
		e.u32(uint32(kv.Value.typ))
		e.value(kv.Value)
	}
	for _, t := range w.tensors {
		e.str(t.Name)
		e.u32(uint32(len(t.Shape)))
		for _, d := range t.Shape {
			e.u64(uint64(d))
		}
		e.u32(uint32(t.Type))
		e.u64(uint64(t.Offset))
	}
	if len(w.tensors) > 0 {
		e.zeros(alignUp(e.n, w.alignment) - e.n)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return fmt.Errorf("gguf: writing header: %w", e.err)
	}
	return nil
}

// Tensors returns the tensor infos as written, with their offsets.
func (w *Writer) Tensors() []TensorInfo { return w.tensors }

// Write writes tensor data: the bytes of the tensors in order, as one
// stream. Padding between tensors is inserted by the Writer. Bytes beyond
// the last tensor's end are refused with ErrDataLength.
func (w *Writer) Write(p []byte) (int, error) { return w.data.Write(p) }

// WriteTensor writes all the data of the named tensor, which must be the
// next one and not yet begun. data must be exactly the tensor's size.
func (w *Writer) WriteTensor(name string, data []byte) error { return w.data.WriteItem(name, data) }

// Close checks that all the tensor data has been written. It does not close
// the underlying writer.
func (w *Writer) Close() error { return w.data.Close() }

// encoder writes little-endian values and keeps the first error.
type encoder struct {
	w   io.Writer
	n   int64
	err error
	buf [8]byte
}

func (e *encoder) raw(b []byte) {
	if e.err != nil {
		return
	}
	var m int
	m, e.err = e.w.Write(b)
	e.n += int64(m)
}

func (e *encoder) u8(v uint8) { e.buf[0] = v; e.raw(e.buf[:1]) }
func (e *encoder) u16(v uint16) {
	binary.LittleEndian.PutUint16(e.buf[:], v)
	e.raw(e.buf[:2])
}
func (e *encoder) u32(v uint32) {
	binary.LittleEndian.PutUint32(e.buf[:], v)
	e.raw(e.buf[:4])
}
func (e *encoder) u64(v uint64) {
	binary.LittleEndian.PutUint64(e.buf[:], v)
	e.raw(e.buf[:8])
}

func (e *encoder) str(s string) {
	e.u64(uint64(len(s)))
	if e.err == nil {
		var m int
		m, e.err = io.WriteString(e.w, s)
		e.n += int64(m)
	}
}

var zeroBlock [4096]byte

func (e *encoder) zeros(n int64) {
	for n > 0 && e.err == nil {
		k := min(n, int64(len(zeroBlock)))
		e.raw(zeroBlock[:k])
		n -= k
	}
}

// value writes v without its type id (which the caller writes).
func (e *encoder) value(v Value) {
	switch v.typ {
	case ValueString:
		e.str(v.str)
	case ValueArray:
		e.array(v)
	default:
		switch valueSizes[v.typ] {
		case 1:
			e.u8(uint8(v.bits))
		case 2:
			e.u16(uint16(v.bits))
		case 4:
			e.u32(uint32(v.bits))
		case 8:
			e.u64(v.bits)
		}
	}
}

// array writes an array's element type, length and elements.
func (e *encoder) array(v Value) {
	elem, _ := v.ElemType()
	e.u32(uint32(elem))
	n := v.Len()
	e.u64(uint64(n))
	le := binary.LittleEndian
	switch a := v.arr.(type) {
	case scalars[uint8]:
		e.raw(a)
	case scalars[int8]:
		putAll(e, a, func(b []byte, x int8) []byte { return append(b, byte(x)) })
	case scalars[uint16]:
		putAll(e, a, le.AppendUint16)
	case scalars[int16]:
		putAll(e, a, func(b []byte, x int16) []byte { return le.AppendUint16(b, uint16(x)) })
	case scalars[uint32]:
		putAll(e, a, le.AppendUint32)
	case scalars[int32]:
		putAll(e, a, func(b []byte, x int32) []byte { return le.AppendUint32(b, uint32(x)) })
	case scalars[float32]:
		putAll(e, a, func(b []byte, x float32) []byte { return le.AppendUint32(b, math.Float32bits(x)) })
	case scalars[bool]:
		putAll(e, a, func(b []byte, x bool) []byte {
			if x {
				return append(b, 1)
			}
			return append(b, 0)
		})
	case scalars[uint64]:
		putAll(e, a, le.AppendUint64)
	case scalars[int64]:
		putAll(e, a, func(b []byte, x int64) []byte { return le.AppendUint64(b, uint64(x)) })
	case scalars[float64]:
		putAll(e, a, func(b []byte, x float64) []byte { return le.AppendUint64(b, math.Float64bits(x)) })
	case scalars[string]:
		for _, s := range a {
			e.str(s)
		}
	case arrays:
		for _, x := range a {
			e.array(x)
		}
	}
}

// putAll encodes the elements of a in chunks.
func putAll[T Scalar](e *encoder, a []T, put func([]byte, T) []byte) {
	var buf [4096]byte
	b := buf[:0]
	for _, x := range a {
		if len(b) > len(buf)-8 {
			e.raw(b)
			b = buf[:0]
		}
		b = put(b, x)
	}
	e.raw(b)
}
