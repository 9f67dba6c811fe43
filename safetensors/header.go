package safetensors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// MaxHeaderSize is the largest JSON header accepted, as in the reference
// implementation.
const MaxHeaderSize = 100_000_000

// metadataKey is the header entry that holds the string → string metadata.
const metadataKey = "__metadata__"

// KV is one metadata entry.
type KV struct{ Key, Value string }

// Metadata is the __metadata__ of a file, in header order. A nil Metadata
// means the header has no __metadata__ entry; an empty non-nil one, an
// empty object.
type Metadata []KV

// Get returns the value of key and whether it is present.
func (m Metadata) Get(key string) (string, bool) {
	for _, kv := range m {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return "", false
}

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name  string
	Dtype Dtype
	// Shape is row-major: the last dimension is the length of a row. An
	// empty shape is a scalar.
	Shape []int64
	// Begin and End are the tensor's data offsets, relative to the start of
	// the data section of the file (shard) that holds it.
	Begin, End int64
	// Shard is the index of the file holding the tensor; 0 for a single file.
	Shard int
}

// NumElements returns the number of values in the tensor.
func (t TensorInfo) NumElements() int64 {
	n := int64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Size returns the size of the tensor's data in bytes.
func (t TensorInfo) Size() int64 { return t.End - t.Begin }

// header is a parsed JSON header.
type header struct {
	meta    Metadata
	tensors []TensorInfo // header order
}

// rawInfo is a tensor entry as JSON holds it. Unknown fields are ignored,
// as the reference implementation ignores them.
type rawInfo struct {
	Dtype       *string   `json:"dtype"`
	Shape       *[]uint64 `json:"shape"`
	DataOffsets *[]uint64 `json:"data_offsets"`
}

// parseHeader parses the JSON header b, keeping the order of entries and
// refusing duplicate names, which encoding/json alone would silently merge.
func parseHeader(b []byte, path string) (*header, error) {
	if !utf8.Valid(b) {
		return nil, formatErr(path, "", "header is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	bad := func(err error) error { return formatErr(path, "", "header is not valid JSON: %v", err) }
	if err := expectDelim(dec, '{'); err != nil {
		return nil, bad(err)
	}
	h := &header{}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, bad(err)
		}
		name := tok.(string) // object keys are strings
		item := fmt.Sprintf("tensor %q", name)
		if name == metadataKey {
			item = "key " + metadataKey
		}
		if seen[name] {
			return nil, formatErr(path, item, "appears twice in the header")
		}
		seen[name] = true
		if name == metadataKey {
			if h.meta, err = parseMetadata(dec); err != nil {
				return nil, formatErr(path, item, "%v", err)
			}
			continue
		}
		var raw rawInfo
		if err := dec.Decode(&raw); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, formatErr(path, item, "%v", err)
		}
		t, err := raw.info(name)
		if err != nil {
			return nil, formatErr(path, item, "%v", err)
		}
		h.tensors = append(h.tensors, t)
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, formatErr(path, "", "header has more after its JSON object")
	}
	return h, nil
}

// parseMetadata reads the __metadata__ object: strings to strings, or null.
func parseMetadata(dec *json.Decoder) (Metadata, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == nil {
		return nil, nil
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("is %v, want an object of strings", tok)
	}
	m := Metadata{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := dec.Token()
		if err != nil {
			return nil, err
		}
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("value of %q is not a string", k)
		}
		if _, dup := m.Get(k.(string)); dup {
			return nil, fmt.Errorf("key %q appears twice", k)
		}
		m = append(m, KV{k.(string), s})
	}
	return m, expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("found %v where %v was expected", tok, want)
	}
	return nil
}

// info checks a raw entry's fields and sizes.
func (r rawInfo) info(name string) (TensorInfo, error) {
	if r.Dtype == nil || r.Shape == nil || r.DataOffsets == nil {
		return TensorInfo{}, errors.New("needs dtype, shape and data_offsets")
	}
	if len(*r.DataOffsets) != 2 {
		return TensorInfo{}, fmt.Errorf("data_offsets has %d numbers, want 2", len(*r.DataOffsets))
	}
	begin, end := (*r.DataOffsets)[0], (*r.DataOffsets)[1]
	if end < begin || end > math.MaxInt64 {
		return TensorInfo{}, fmt.Errorf("data_offsets [%d, %d] are not a range", begin, end)
	}
	dt, err := ParseDtype(*r.Dtype)
	if err != nil {
		return TensorInfo{}, fmt.Errorf("unknown dtype %q", *r.Dtype)
	}
	t := TensorInfo{Name: name, Dtype: dt, Shape: make([]int64, len(*r.Shape)), Begin: int64(begin), End: int64(end)}
	for i, d := range *r.Shape {
		if d > math.MaxInt64 {
			return TensorInfo{}, fmt.Errorf("shape %v overflows", *r.Shape)
		}
		t.Shape[i] = int64(d)
	}
	size, err := byteSize(dt, t.Shape)
	if err != nil {
		return TensorInfo{}, err
	}
	if size != t.End-t.Begin {
		return TensorInfo{}, fmt.Errorf("shape %v of %v is %d bytes, data_offsets [%d, %d] hold %d",
			t.Shape, dt, size, begin, end, end-begin)
	}
	return t, nil
}

// byteSize returns the size in bytes of shape values of dt, checking the
// arithmetic for overflow and that the values fill whole bytes, as the
// reference does.
func byteSize(dt Dtype, shape []int64) (int64, error) {
	if dt >= dtypeCount {
		return 0, fmt.Errorf("unknown dtype %v", dt)
	}
	n := int64(1)
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("negative dimension in shape %v", shape)
		}
		if d != 0 && n > math.MaxInt64/d {
			return 0, fmt.Errorf("shape %v overflows", shape)
		}
		n *= d
	}
	bits := int64(dt.Bits())
	if n > math.MaxInt64/bits {
		return 0, fmt.Errorf("shape %v of %v overflows", shape, dt)
	}
	if n*bits%8 != 0 {
		return 0, fmt.Errorf("%d values of %v do not fill whole bytes", n, dt)
	}
	return n * bits / 8, nil
}
