package gguf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// raw builds a GGUF file byte by byte, so that tests can write what the
// Writer refuses to.
type raw struct{ bytes.Buffer }

func (r *raw) u32(v uint32) *raw { binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) u64(v uint64) *raw { binary.Write(&r.Buffer, binary.LittleEndian, v); return r }
func (r *raw) str(s string) *raw { r.u64(uint64(len(s))); r.WriteString(s); return r }
func (r *raw) b(v ...byte) *raw  { r.Write(v); return r }

// header writes magic, version 3 and the counts.
func (r *raw) header(nTensors, nKV uint64) *raw {
	r.WriteString(Magic)
	return r.u32(3).u64(nTensors).u64(nKV)
}

// tensor writes a tensor info.
func (r *raw) tensor(name string, typ Type, offset uint64, shape ...uint64) *raw {
	r.str(name).u32(uint32(len(shape)))
	for _, d := range shape {
		r.u64(d)
	}
	return r.u32(uint32(typ)).u64(offset)
}

// pad pads to 32 bytes and appends n bytes of data.
func (r *raw) data(n int) *raw {
	for r.Len()%32 != 0 {
		r.WriteByte(0)
	}
	r.Write(make([]byte, n))
	return r
}

func TestValidation(t *testing.T) {
	oneKV := func(key string, typ ValueType, value ...byte) *raw {
		r := (&raw{}).header(0, 1).str(key).u32(uint32(typ))
		r.Write(value)
		return r
	}
	oneTensor := func(typ Type, offset uint64, dataLen int, shape ...uint64) *raw {
		return (&raw{}).header(1, 0).tensor("w", typ, offset, shape...).data(dataLen)
	}
	cases := []struct {
		name    string
		file    *raw
		want    error  // sentinel
		message string // part of the error message
	}{
		{"bad magic", (&raw{}).str("GGML"), ErrFormat, "not a GGUF file"},
		{"big-endian", func() *raw { r := &raw{}; r.WriteString(Magic); binary.Write(r, binary.BigEndian, uint32(3)); return r }(), ErrUnsupported, "big-endian"},
		{"version 0", func() *raw { r := &raw{}; r.WriteString(Magic); return r.u32(0) }(), ErrFormat, "version 0"},
		{"version 4", func() *raw { r := &raw{}; r.WriteString(Magic); return r.u32(4).u64(0).u64(0) }(), ErrUnsupported, "version 4"},
		{"truncated header", func() *raw { r := &raw{}; r.WriteString(Magic); return r.u32(3).u32(0) }(), ErrFormat, "file ends"},
		{"tensor count", (&raw{}).header(1<<40, 0), ErrFormat, "tensor count"},
		{"kv count", (&raw{}).header(0, 1<<62), ErrFormat, "metadata count"},
		{"key length", (&raw{}).header(0, 1).u64(1 << 60).u64(0), ErrFormat, "string length"},
		{"empty key", oneKV("", ValueUint8, 1), ErrFormat, "empty key"},
		{"value type", oneKV("k", 13, 1), ErrFormat, "unknown value type 13"},
		{"bool", oneKV("k", ValueBool, 2), ErrFormat, "neither 0 nor 1"},
		{"string value length", oneKV("k", ValueString, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0), ErrFormat, "string length"},
		{"array length", oneKV("k", ValueArray, 4, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0), ErrFormat, "array length"},
		{"array element type", oneKV("k", ValueArray, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ErrFormat, "unknown value type 99"},
		{"nested too deep", func() *raw {
			r := (&raw{}).header(0, 1).str("k").u32(uint32(ValueArray))
			for range maxArrayDepth + 2 {
				r.u32(uint32(ValueArray)).u64(1)
			}
			return r
		}(), ErrFormat, "nested"},
		{"duplicate key", (&raw{}).header(0, 2).str("k").u32(uint32(ValueUint8)).b(0).str("k").u32(uint32(ValueUint8)).b(0), ErrFormat, "duplicate key"},
		{"alignment type", oneKV(KeyAlignment, ValueUint64, 32, 0, 0, 0, 0, 0, 0, 0), ErrFormat, "want u32"},
		{"alignment power", oneKV(KeyAlignment, ValueUint32, 48, 0, 0, 0), ErrFormat, "not a power of two"},
		{"no dims", oneTensor(TypeF32, 0, 4), ErrFormat, "0 dimensions"},
		{"five dims", oneTensor(TypeF32, 0, 4, 1, 1, 1, 1, 1), ErrFormat, "5 dimensions"},
		{"zero dim", oneTensor(TypeF32, 0, 4, 4, 0), ErrFormat, "dimension 1 is 0"},
		{"negative dim", oneTensor(TypeF32, 0, 4, 1<<63), ErrFormat, "negative"},
		{"element overflow", oneTensor(TypeF32, 0, 4, 1<<32, 1<<32), ErrFormat, "2^63 elements"},
		{"byte overflow", oneTensor(TypeF32, 0, 4, 1<<31, 1<<31), ErrFormat, "2^63 bytes"},
		{"block size", oneTensor(TypeQ4_0, 0, 18, 33), ErrFormat, "not a multiple of the q4_0 block size 32"},
		{"unknown type", oneTensor(Type(77), 0, 4, 1), ErrUnsupported, "unknown tensor type id 77"},
		{"removed type", oneTensor(Type(31), 0, 4, 1), ErrUnsupported, "q4_0_4_4 (id 31) has been removed"},
		{"unaligned offset", oneTensor(TypeF32, 4, 64, 4), ErrFormat, "not a multiple of the alignment 32"},
		{"offset past end", oneTensor(TypeF32, 64, 32, 4), ErrFormat, "runs past the end"},
		{"data past end", oneTensor(TypeF32, 0, 15, 4), ErrFormat, "runs past the end"},
		{"huge offset", oneTensor(TypeF32, 1<<63, 16, 4), ErrFormat, "past any file"},
		{"overlap", (&raw{}).header(2, 0).tensor("a", TypeF32, 0, 64).tensor("b", TypeF32, 224, 16).data(512), ErrFormat, `overlaps tensor "a"`},
		{"duplicate tensor", (&raw{}).header(2, 0).tensor("a", TypeF32, 0, 4).tensor("a", TypeF32, 32, 4).data(64), ErrFormat, "duplicate tensor name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.file.Bytes()
			_, err := Read(bytes.NewReader(b), int64(len(b)))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %v", err, tc.want)
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Errorf("error %q is not a *FormatError", err)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not say %q", err, tc.message)
			}
		})
	}
}

// TestErrorNamesItem checks that errors name the file, the key or tensor,
// and the offset.
func TestErrorNamesItem(t *testing.T) {
	b := (&raw{}).header(1, 0).tensor("blk.0.attn_q.weight", TypeQ4_K, 0, 100).data(144).Bytes()
	path := t.TempDir() + "/bad.gguf"
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	want := "gguf: " + path + `: offset 24: tensor "blk.0.attn_q.weight": rows of 100 values are not a multiple of the q4_K block size 256`
	if err == nil || err.Error() != want {
		t.Fatalf("error %q\nwant  %q", err, want)
	}
}

// TestTruncated cuts a valid file at every length short of the end of its
// last tensor: each prefix must be refused with a format error, never a
// panic. (The padding after the last tensor may be missing.)
func TestTruncated(t *testing.T) {
	b, err := os.ReadFile("testdata/sample.gguf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	last := f.Tensors[len(f.Tensors)-1]
	end := f.DataOffset + last.Offset + last.Size()
	for n := range end {
		_, err := Read(bytes.NewReader(b[:n]), int64(n))
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("%d bytes: error %v, want ErrFormat", n, err)
		}
	}
}

// TestVocabOnlyNoPadding checks that a file without tensors may end right
// after its metadata, as gguf-py writes vocab-only files.
func TestVocabOnlyNoPadding(t *testing.T) {
	b := (&raw{}).header(0, 1).str("general.architecture").u32(uint32(ValueString)).str("llama").Bytes()
	f, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if arch, _ := Lookup[string](f.Metadata, KeyArchitecture); arch != "llama" {
		t.Fatalf("architecture %q", arch)
	}
}
