package gguf

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func newTestWriter(t *testing.T, meta *Metadata, tensors ...TensorInfo) (*Writer, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, meta, tensors)
	if err != nil {
		t.Fatal(err)
	}
	return w, &buf
}

func TestWriterStreams(t *testing.T) {
	a := TensorInfo{Name: "a", Type: TypeF32, Shape: []int64{3}}      // 12 bytes, padded to 32
	b := TensorInfo{Name: "b", Type: TypeQ8_0, Shape: []int64{32, 2}} // 68 bytes, padded to 96
	w, buf := newTestWriter(t, nil, a, b)
	data := bytes.Repeat([]byte{7}, 12+68)
	// Odd chunk sizes cross the tensor boundary.
	for p := data; len(p) > 0; {
		n := min(5, len(p))
		if _, err := w.Write(p[:n]); err != nil {
			t.Fatal(err)
		}
		p = p[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if f.Tensors[1].Offset != 32 || int64(buf.Len()) != f.DataOffset+32+96 {
		t.Fatalf("offset %d, size %d, data at %d", f.Tensors[1].Offset, buf.Len(), f.DataOffset)
	}
	got, _ := f.TensorBytes("b")
	if !bytes.Equal(got, data[12:]) {
		t.Fatal("tensor b data differs")
	}
	if w.Tensors()[1].Offset != 32 {
		t.Fatalf("Writer.Tensors offset %d", w.Tensors()[1].Offset)
	}
}

func TestWriterRefuses(t *testing.T) {
	f32 := func(name string, shape ...int64) TensorInfo {
		return TensorInfo{Name: name, Type: TypeF32, Shape: shape}
	}
	for _, tc := range []struct {
		name    string
		meta    *Metadata
		tensors []TensorInfo
		opts    []WriterOption
		msg     string
	}{
		{"long name", nil, []TensorInfo{f32(strings.Repeat("x", 64), 1)}, nil, "at most 63"},
		{"duplicate", nil, []TensorInfo{f32("a", 1), f32("a", 1)}, nil, "duplicate"},
		{"no dims", nil, []TensorInfo{f32("a")}, nil, "0 dimensions"},
		{"zero dim", nil, []TensorInfo{f32("a", 0)}, nil, "dimension 0 is 0"},
		{"block", nil, []TensorInfo{{Name: "a", Type: TypeQ4_K, Shape: []int64{128}}}, nil, "block size 256"},
		{"removed type", nil, []TensorInfo{{Name: "a", Type: 31, Shape: []int64{32}}}, nil, "removed"},
		{"alignment", must(NewMetadata(KV{KeyAlignment, NewValue(uint32(24))})), nil, nil, "power of two"},
		{"alignment type", must(NewMetadata(KV{KeyAlignment, NewValue(int32(32))})), nil, nil, "power of two"},
		{"version", nil, nil, []WriterOption{WithVersion(1)}, "version 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewWriter(io.Discard, tc.meta, tc.tensors, tc.opts...)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want ErrInvalid saying %q", err, tc.msg)
			}
		})
	}
}

func TestWriterDataLength(t *testing.T) {
	a := TensorInfo{Name: "a", Type: TypeF32, Shape: []int64{4}}
	b := TensorInfo{Name: "b", Type: TypeF32, Shape: []int64{2}}

	w, _ := newTestWriter(t, nil, a, b)
	if err := w.WriteTensor("a", make([]byte, 15)); !errors.Is(err, ErrDataLength) {
		t.Errorf("short WriteTensor: %v", err)
	}
	if err := w.WriteTensor("b", make([]byte, 8)); !errors.Is(err, ErrInvalid) {
		t.Errorf("out-of-order WriteTensor: %v", err)
	}
	if err := w.WriteTensor("a", make([]byte, 16)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, ErrDataLength) || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("Close with b unwritten: %v", err)
	}
	if err := w.WriteTensor("b", make([]byte, 8)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte{1}); !errors.Is(err, ErrDataLength) {
		t.Errorf("byte past the end: %v", err)
	}
	if err := w.WriteTensor("b", make([]byte, 8)); !errors.Is(err, ErrInvalid) {
		t.Errorf("WriteTensor after the last: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriterIOError(t *testing.T) {
	a := TensorInfo{Name: "a", Type: TypeF32, Shape: []int64{1024}}
	if _, err := NewWriter(&failWriter{n: 10}, nil, []TensorInfo{a}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("header write error: %v", err)
	}
	fw := &failWriter{n: 100}
	w, err := NewWriter(fw, nil, []TensorInfo{a})
	if err != nil {
		t.Fatal(err)
	}
	fw.n = 10
	if _, err := w.Write(make([]byte, 4096)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("data write error: %v", err)
	}
	if err := w.Close(); err == nil {
		t.Fatal("Close after a failed write succeeded")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
