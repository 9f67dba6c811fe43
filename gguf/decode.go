package gguf

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// maxArrayDepth bounds the nesting of arrays of arrays, so that a crafted
// file cannot make the decoder recurse without end.
const maxArrayDepth = 32

// decoder reads the little-endian header of one GGUF file. Every length it
// reads is checked against the bytes left in the file before anything is
// allocated for it.
type decoder struct {
	r       *bufio.Reader
	pos     int64 // offset of the next byte
	size    int64 // size of the file
	v1      bool  // version 1: counts, lengths and dims are 32-bit
	path    string
	item    string // what is being read, for errors
	scratch []byte
}

func newDecoder(r io.ReaderAt, size int64, path string) *decoder {
	return &decoder{
		r:    bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10),
		size: size,
		path: path,
	}
}

// errorf returns a *FormatError at offset at for the current item.
func (d *decoder) errorf(sentinel error, at int64, format string, args ...any) error {
	return &FormatError{Path: d.path, Offset: at, Item: d.item, Msg: fmt.Sprintf(format, args...), Err: sentinel}
}

func (d *decoder) remaining() int64 { return d.size - d.pos }

// bytes reads n bytes into the scratch buffer. n must have been checked
// against remaining by the caller when it came from the file.
func (d *decoder) bytes(n int) ([]byte, error) {
	if int64(n) > d.remaining() {
		return nil, d.errorf(ErrFormat, d.pos, "file ends after %d bytes, %d more needed", d.size, int64(n)-d.remaining())
	}
	if cap(d.scratch) < n {
		d.scratch = make([]byte, n)
	}
	b := d.scratch[:n]
	if _, err := io.ReadFull(d.r, b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, d.errorf(ErrFormat, d.pos, "file ends early")
		}
		return nil, fmt.Errorf("gguf: %s: reading offset %d: %w", d.path, d.pos, err)
	}
	d.pos += int64(n)
	return b, nil
}

func (d *decoder) u8() (uint8, error) {
	b, err := d.bytes(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (d *decoder) u32() (uint32, error) {
	b, err := d.bytes(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (d *decoder) u64() (uint64, error) {
	b, err := d.bytes(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

// count reads a count or length: 32-bit in version 1, 64-bit after.
func (d *decoder) count() (uint64, error) {
	if d.v1 {
		n, err := d.u32()
		return uint64(n), err
	}
	return d.u64()
}

// countSize is the encoded size of a count or length.
func (d *decoder) countSize() int64 {
	if d.v1 {
		return 4
	}
	return 8
}

// bounded reads a count of items that take at least min bytes each and
// checks that the rest of the file can hold them.
func (d *decoder) bounded(what string, minSize int64) (int, error) {
	at := d.pos
	n, err := d.count()
	if err != nil {
		return 0, err
	}
	if n > uint64(d.remaining()/minSize) {
		return 0, d.errorf(ErrFormat, at, "%s %d cannot fit in the %d bytes left in the file", what, n, d.remaining())
	}
	return int(n), nil
}

func (d *decoder) str() (string, error) {
	n, err := d.bounded("string length", 1)
	if err != nil {
		return "", err
	}
	b, err := d.bytes(n)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// strings reads an array of n strings. Their bytes are gathered into one
// string that the elements share, which saves an allocation per string.
func (d *decoder) strings(n int) (Value, error) {
	ends := make([]int, n) // n was bounded by the bytes left in the file
	var all []byte
	for i := range ends {
		k, err := d.bounded("string length", 1)
		if err != nil {
			return Value{}, err
		}
		b, err := d.bytes(k)
		if err != nil {
			return Value{}, err
		}
		all = append(all, b...)
		ends[i] = len(all)
	}
	joined := string(all)
	out := make([]string, n)
	start := 0
	for i, end := range ends {
		out[i] = joined[start:end]
		start = end
	}
	return Value{typ: ValueArray, arr: scalars[string](out)}, nil
}

// valueType reads a value type id and checks it.
func (d *decoder) valueType() (ValueType, error) {
	at := d.pos
	t, err := d.u32()
	if err != nil {
		return 0, err
	}
	if t >= valueTypeCount {
		return 0, d.errorf(ErrFormat, at, "unknown value type %d", t)
	}
	return ValueType(t), nil
}

// value reads one value of type t.
func (d *decoder) value(t ValueType, depth int) (Value, error) {
	switch t {
	case ValueString:
		s, err := d.str()
		return Value{typ: ValueString, str: s}, err
	case ValueArray:
		return d.array(depth + 1)
	case ValueBool:
		at := d.pos
		b, err := d.u8()
		if err != nil {
			return Value{}, err
		}
		if b > 1 {
			return Value{}, d.errorf(ErrFormat, at, "bool value %d is neither 0 nor 1", b)
		}
		return Value{typ: ValueBool, bits: uint64(b)}, nil
	}
	b, err := d.bytes(valueSizes[t])
	if err != nil {
		return Value{}, err
	}
	var bits uint64
	switch len(b) {
	case 1:
		bits = uint64(b[0])
	case 2:
		bits = uint64(binary.LittleEndian.Uint16(b))
	case 4:
		bits = uint64(binary.LittleEndian.Uint32(b))
	case 8:
		bits = binary.LittleEndian.Uint64(b)
	}
	// Signed values keep their raw bits; Value.Int sign-extends them.
	return Value{typ: t, bits: bits}, nil
}

// array reads an array: element type, count, elements.
func (d *decoder) array(depth int) (Value, error) {
	if depth > maxArrayDepth {
		return Value{}, d.errorf(ErrFormat, d.pos, "arrays nested more than %d deep", maxArrayDepth)
	}
	elem, err := d.valueType()
	if err != nil {
		return Value{}, err
	}
	minSize := int64(valueSizes[elem])
	switch elem {
	case ValueString:
		minSize = d.countSize()
	case ValueArray:
		minSize = 4 + d.countSize()
	}
	n, err := d.bounded("array length", minSize)
	if err != nil {
		return Value{}, err
	}
	le := binary.LittleEndian
	switch elem {
	case ValueUint8:
		return readFixed(d, n, 1, func(b []byte) uint8 { return b[0] })
	case ValueInt8:
		return readFixed(d, n, 1, func(b []byte) int8 { return int8(b[0]) })
	case ValueUint16:
		return readFixed(d, n, 2, le.Uint16)
	case ValueInt16:
		return readFixed(d, n, 2, func(b []byte) int16 { return int16(le.Uint16(b)) })
	case ValueUint32:
		return readFixed(d, n, 4, le.Uint32)
	case ValueInt32:
		return readFixed(d, n, 4, func(b []byte) int32 { return int32(le.Uint32(b)) })
	case ValueFloat32:
		return readFixed(d, n, 4, func(b []byte) float32 { return math.Float32frombits(le.Uint32(b)) })
	case ValueUint64:
		return readFixed(d, n, 8, le.Uint64)
	case ValueInt64:
		return readFixed(d, n, 8, func(b []byte) int64 { return int64(le.Uint64(b)) })
	case ValueFloat64:
		return readFixed(d, n, 8, func(b []byte) float64 { return math.Float64frombits(le.Uint64(b)) })
	case ValueBool:
		at, bad := d.pos, false
		v, err := readFixed(d, n, 1, func(b []byte) bool { bad = bad || b[0] > 1; return b[0] != 0 })
		if err == nil && bad {
			return Value{}, d.errorf(ErrFormat, at, "bool array holds a byte that is neither 0 nor 1")
		}
		return v, err
	case ValueString:
		return d.strings(n)
	}
	vs := make([]Value, 0, min(n, 1024))
	for range n {
		v, err := d.array(depth + 1)
		if err != nil {
			return Value{}, err
		}
		vs = append(vs, v)
	}
	return Value{typ: ValueArray, arr: arrays(vs)}, nil
}

// readFixed reads n elements of size bytes each, in chunks, converting
// each with conv.
func readFixed[T Scalar](d *decoder, n, size int, conv func([]byte) T) (Value, error) {
	out := make([]T, n) // n was bounded by the bytes left in the file
	const chunk = 4096
	for i := 0; i < n; i += chunk {
		k := min(n-i, chunk)
		b, err := d.bytes(k * size)
		if err != nil {
			return Value{}, err
		}
		for j := range k {
			out[i+j] = conv(b[j*size:])
		}
	}
	return Value{typ: ValueArray, arr: scalars[T](out)}, nil
}
