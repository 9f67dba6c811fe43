package gguf

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// TestValuesRoundTrip writes one key of every value type (and arrays of
// each, arrays of arrays too) and reads them back.
func TestValuesRoundTrip(t *testing.T) {
	inner1 := NewArray([]int32{1, -2})
	inner2 := NewArray([]string{"a", ""})
	nested, err := NewArrayOfArrays([]Value{inner1, inner2})
	if err != nil {
		t.Fatal(err)
	}
	deeper, _ := NewArrayOfArrays([]Value{nested, NewArray([]bool{})})
	kvs := []struct {
		key  string
		v    Value
		typ  ValueType
		text string
	}{
		{"u8", NewValue(uint8(200)), ValueUint8, "200"},
		{"i8", NewValue(int8(-100)), ValueInt8, "-100"},
		{"u16", NewValue(uint16(60000)), ValueUint16, "60000"},
		{"i16", NewValue(int16(-30000)), ValueInt16, "-30000"},
		{"u32", NewValue(uint32(4000000000)), ValueUint32, "4000000000"},
		{"i32", NewValue(int32(-2000000000)), ValueInt32, "-2000000000"},
		{"f32", NewValue(float32(math.Pi)), ValueFloat32, "3.14159274"},
		{"bool", NewValue(true), ValueBool, "true"},
		{"str", NewValue("tab\there \"q\" é"), ValueString, `"tab\there \"q\" é"`},
		{"u64", NewValue(uint64(math.MaxUint64)), ValueUint64, "18446744073709551615"},
		{"i64", NewValue(int64(math.MinInt64)), ValueInt64, "-9223372036854775808"},
		{"f64", NewValue(math.E), ValueFloat64, "2.7182818284590451"},
		{"arr_u8", NewArray([]uint8{0, 255}), ValueArray, "[0, 255]"},
		{"arr_i8", NewArray([]int8{-128, 127}), ValueArray, "[-128, 127]"},
		{"arr_u16", NewArray([]uint16{65535}), ValueArray, "[65535]"},
		{"arr_i16", NewArray([]int16{-1}), ValueArray, "[-1]"},
		{"arr_u32", NewArray([]uint32{}), ValueArray, "[]"},
		{"arr_i32", NewArray([]int32{-7, 7}), ValueArray, "[-7, 7]"},
		{"arr_f32", NewArray([]float32{0.5, float32(math.Inf(-1))}), ValueArray, "[0.5, -Inf]"},
		{"arr_bool", NewArray([]bool{true, false}), ValueArray, "[true, false]"},
		{"arr_str", NewArray([]string{"x", "", "ü"}), ValueArray, `["x", "", "ü"]`},
		{"arr_u64", NewArray([]uint64{1 << 63}), ValueArray, "[9223372036854775808]"},
		{"arr_i64", NewArray([]int64{-1}), ValueArray, "[-1]"},
		{"arr_f64", NewArray([]float64{1e300}), ValueArray, "[1.0000000000000001e+300]"},
		{"arr_arr", nested, ValueArray, `[[1, -2], ["a", ""]]`},
		{"arr_arr_arr", deeper, ValueArray, `[[[1, -2], ["a", ""]], []]`},
	}
	meta := &Metadata{}
	for _, kv := range kvs {
		if err := meta.Set(kv.key, kv.v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, kv := range kvs {
		got := f.Metadata.All()[i]
		if got.Key != kv.key || got.Value.Type() != kv.typ || got.Value.String() != kv.text {
			t.Errorf("%s: got %s %v %s, want %v %s", kv.key, got.Key, got.Value.Type(), got.Value, kv.typ, kv.text)
		}
	}
	var again bytes.Buffer
	w2, _ := NewWriter(&again, f.Metadata, nil)
	w2.Close()
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("second write differs from the first")
	}
}

func TestTypedGetters(t *testing.T) {
	m, err := NewMetadata(
		KV{"n", NewValue(uint32(7))},
		KV{"s", NewValue("x")},
		KV{"big", NewValue(uint64(math.MaxUint64))},
		KV{"neg", NewValue(int8(-3))},
		KV{"f", NewValue(float32(0.25))},
		KV{"tokens", NewArray([]string{"a", "b"})},
	)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := Lookup[uint32](m, "n"); n != 7 || err != nil {
		t.Errorf("n = %d, %v", n, err)
	}
	if _, err := Lookup[int32](m, "n"); !errors.Is(err, ErrType) {
		t.Errorf("u32 as i32: %v", err)
	}
	if _, err := Lookup[string](m, "absent"); !errors.Is(err, ErrNotFound) {
		t.Errorf("absent: %v", err)
	}
	if n, err := LookupInt(m, "neg"); n != -3 || err != nil {
		t.Errorf("neg = %d, %v", n, err)
	}
	if _, err := LookupInt(m, "big"); !errors.Is(err, ErrType) {
		t.Errorf("big: %v", err)
	}
	if _, err := LookupInt(m, "s"); !errors.Is(err, ErrType) {
		t.Errorf("string as int: %v", err)
	}
	if x, _ := mustGet(t, m, "f").Float(); x != 0.25 {
		t.Errorf("f = %v", x)
	}
	if toks, err := AsSlice[string](mustGet(t, m, "tokens")); err != nil || len(toks) != 2 {
		t.Errorf("tokens = %v, %v", toks, err)
	}
	if _, err := AsSlice[int32](mustGet(t, m, "tokens")); !errors.Is(err, ErrType) {
		t.Errorf("strings as int32s: %v", err)
	}
	if _, err := mustGet(t, m, "n").Arrays(); !errors.Is(err, ErrType) {
		t.Errorf("scalar as arrays: %v", err)
	}
	if _, err := NewMetadata(KV{"a", NewValue(1.0)}, KV{"a", NewValue(2.0)}); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate keys: %v", err)
	}
	if _, err := NewArrayOfArrays([]Value{NewValue(1.0)}); !errors.Is(err, ErrInvalid) {
		t.Errorf("array of scalars as array of arrays: %v", err)
	}
}

func TestMetadataEdit(t *testing.T) {
	m, _ := NewMetadata(KV{"a", NewValue(int32(1))}, KV{"b", NewValue(int32(2))}, KV{"c", NewValue(int32(3))})
	c := m.Clone()
	m.Set("b", NewValue("two"))
	m.Delete("a")
	m.Set("d", NewValue(true))
	keys := ""
	for _, kv := range m.All() {
		keys += kv.Key + "=" + kv.Value.String() + " "
	}
	if keys != `b="two" c=3 d=true ` {
		t.Errorf("after edits: %s", keys)
	}
	if v, _ := c.Get("b"); v.String() != "2" || c.Len() != 3 {
		t.Errorf("clone changed: b=%v len %d", v, c.Len())
	}
	if err := m.Set("", NewValue(1.0)); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty key: %v", err)
	}
	if m.Delete("zz") {
		t.Error("deleted an absent key")
	}
}

func TestSummary(t *testing.T) {
	v := NewArray([]int32{1, 2, 3, 4})
	for max, want := range map[int]string{-1: "[1, 2, 3, 4]", 2: "[1, 2, ...]", 0: "[...]", 4: "[1, 2, 3, 4]"} {
		if got := v.Summary(max); got != want {
			t.Errorf("Summary(%d) = %s, want %s", max, got, want)
		}
	}
	if got := NewValue("\x01\\").String(); got != `"\x01\\"` {
		t.Errorf("control escape: %s", got)
	}
}
