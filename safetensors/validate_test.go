package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// file builds a safetensors file from a header and a data section.
func file(header string, data int) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), make([]byte, data)...)
}

func TestValidation(t *testing.T) {
	huge := binary.LittleEndian.AppendUint64(nil, MaxHeaderSize+1)
	for _, tc := range []struct {
		name string
		b    []byte
		msg  string
	}{
		{"short", []byte{1, 2, 3}, "too short"},
		{"header over limit", append(huge, make([]byte, 16)...), "over the 100000000-byte limit"},
		{"header past end", binary.LittleEndian.AppendUint64(nil, 1000), "runs past the end"},
		{"not utf-8", file("{\"a\xff\":1}", 0), "not valid UTF-8"},
		{"not json", file(`{"a":`, 0), `tensor "a": unexpected EOF`},
		{"not an object", file(`[1]`, 0), "not valid JSON"},
		{"trailing", file(`{} {}`, 0), "more after"},
		{"duplicate", file(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}`, 2), `tensor "a": appears twice`},
		{"unknown dtype", file(`{"a":{"dtype":"F7","shape":[1],"data_offsets":[0,1]}}`, 1), `unknown dtype "F7"`},
		{"missing field", file(`{"a":{"dtype":"U8","shape":[1]}}`, 1), "needs dtype, shape and data_offsets"},
		{"negative dim", file(`{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}`, 1), `tensor "a"`},
		{"size mismatch", file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, 4), "is 8 bytes, data_offsets [0, 4] hold 4"},
		{"overflow", file(`{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}`, 4), "overflows"},
		{"reversed offsets", file(`{"a":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}`, 4), "not a range"},
		{"three offsets", file(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}`, 1), "3 numbers"},
		{"gap", file(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}`, 2), "leaves a gap"},
		{"overlap", file(`{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}`, 3), "overlaps"},
		{"data left over", file(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`, 2), "cover 1 bytes, the data section holds 2"},
		{"data short", file(`{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]}}`, 2), "cover 4 bytes, the data section holds 2"},
		{"half byte", file(`{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}`, 2), "do not fill whole bytes"},
		{"metadata not strings", file(`{"__metadata__":{"k":1}}`, 0), "not a string"},
		{"metadata twice", file(`{"__metadata__":{"k":"a","k":"b"}}`, 0), "appears twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tc.b), int64(len(tc.b)))
			var fe *FormatError
			if !errors.Is(err, ErrFormat) || !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want a FormatError saying %q", err, tc.msg)
			}
		})
	}
}

// TestAccepted checks what the reference accepts: empty files, scalars,
// zero-sized tensors, unknown fields, null metadata, padding spaces.
func TestAccepted(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    []byte
		n    int
	}{
		{"empty", file(`{}`, 0), 0},
		{"scalar", file(`{"s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}`, 4), 1},
		{"zero sized", file(`{"z":{"dtype":"F32","shape":[0,5],"data_offsets":[0,0]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}`, 1), 2},
		{"unknown field", file(`{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"extra":true}}`, 1), 1},
		{"null metadata", file(`{"__metadata__":null}   `, 0), 0},
		{"f4 pairs", file(`{"a":{"dtype":"F4","shape":[4],"data_offsets":[0,2]}}`, 2), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(bytes.NewReader(tc.b), int64(len(tc.b)))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Tensors) != tc.n {
				t.Fatalf("%d tensors", len(f.Tensors))
			}
		})
	}
}

// TestAbuseFile is a hand-made malformed file whose header length says
// 1000 in an 88-byte file.
func TestAbuseFile(t *testing.T) {
	_, err := Open("testdata/safetensors-cpp-abuse_attempt_1.safetensors")
	if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "header length 1000 runs past the end of the 88-byte file") {
		t.Fatalf("error %v", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/hf-samples-overall.safetensors", "testdata/burn-boolean.safetensors",
		"testdata/coffeevampir3-model.safetensors", "testdata/safetensors-cpp-abuse_attempt_1.safetensors",
		"testdata/sharded/model-00005-of-00006.safetensors"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error does not wrap ErrFormat: %v", err)
			}
			return
		}
		var out bytes.Buffer
		w, err := NewWriter(&out, file.Metadata, file.Tensors, KeepOrder())
		if err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		for _, ti := range w.Tensors() {
			data, err := file.TensorBytes(ti.Name)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.WriteTensor(ti.Name, data); err != nil && ti.Size() > 0 {
				t.Fatal(err)
			}
			if ti.Dtype.IsFloat() {
				vals := make([]float32, ti.NumElements())
				if err := Float32s(vals, data, ti.Dtype); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(bytes.NewReader(out.Bytes()), int64(out.Len())); err != nil {
			t.Fatalf("rereading what we wrote: %v", err)
		}
	})
}
