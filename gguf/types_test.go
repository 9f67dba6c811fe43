package gguf

import (
	"errors"
	"testing"
)

func TestTypeTable(t *testing.T) {
	for _, tc := range []struct {
		typ        Type
		name       string
		block, per int
		quantized  bool
		bpw        float64
	}{
		{TypeF32, "f32", 1, 4, false, 32},
		{TypeF16, "f16", 1, 2, false, 16},
		{TypeBF16, "bf16", 1, 2, false, 16},
		{TypeQ4_0, "q4_0", 32, 18, true, 4.5},
		{TypeQ4_1, "q4_1", 32, 20, true, 5},
		{TypeQ5_0, "q5_0", 32, 22, true, 5.5},
		{TypeQ5_1, "q5_1", 32, 24, true, 6},
		{TypeQ8_0, "q8_0", 32, 34, true, 8.5},
		{TypeQ8_1, "q8_1", 32, 36, true, 9},
		{TypeQ2_K, "q2_K", 256, 84, true, 2.625},
		{TypeQ3_K, "q3_K", 256, 110, true, 3.4375},
		{TypeQ4_K, "q4_K", 256, 144, true, 4.5},
		{TypeQ5_K, "q5_K", 256, 176, true, 5.5},
		{TypeQ6_K, "q6_K", 256, 210, true, 6.5625},
		{TypeQ8_K, "q8_K", 256, 292, true, 9.125},
		{TypeIQ2_XXS, "iq2_xxs", 256, 66, true, 2.0625},
		{TypeIQ2_XS, "iq2_xs", 256, 74, true, 2.3125},
		{TypeIQ2_S, "iq2_s", 256, 82, true, 2.5625},
		{TypeIQ3_XXS, "iq3_xxs", 256, 98, true, 3.0625},
		{TypeIQ3_S, "iq3_s", 256, 110, true, 3.4375},
		{TypeIQ1_S, "iq1_s", 256, 50, true, 1.5625},
		{TypeIQ1_M, "iq1_m", 256, 56, true, 1.75},
		{TypeIQ4_NL, "iq4_nl", 32, 18, true, 4.5},
		{TypeIQ4_XS, "iq4_xs", 256, 136, true, 4.25},
		{TypeI8, "i8", 1, 1, false, 8},
		{TypeI16, "i16", 1, 2, false, 16},
		{TypeI32, "i32", 1, 4, false, 32},
		{TypeI64, "i64", 1, 8, false, 64},
		{TypeF64, "f64", 1, 8, false, 64},
		{TypeTQ1_0, "tq1_0", 256, 54, true, 1.6875},
		{TypeTQ2_0, "tq2_0", 256, 66, true, 2.0625},
		{TypeMXFP4, "mxfp4", 32, 17, true, 4.25},
		{TypeNVFP4, "nvfp4", 64, 36, true, 4.5},
		{TypeQ1_0, "q1_0", 128, 18, true, 1.125},
		{TypeQ2_0, "q2_0", 64, 18, true, 2.25},
	} {
		tr := typeTable[tc.typ]
		if tc.typ.String() != tc.name || tr.blockSize != tc.block || tr.typeSize != tc.per ||
			tc.typ.IsQuantized() != tc.quantized || tc.typ.BitsPerWeight() != tc.bpw || !tc.typ.Valid() {
			t.Errorf("%d: got %q %d %d %v %v", tc.typ, tc.typ, tr.blockSize, tr.typeSize, tc.typ.IsQuantized(), tc.typ.BitsPerWeight())
		}
		for _, s := range []string{tc.name, upper(tc.name)} {
			if p, err := ParseType(s); err != nil || p != tc.typ {
				t.Errorf("ParseType(%q) = %v, %v", s, p, err)
			}
		}
	}
	if n := len(Types()); n != 35 {
		t.Errorf("%d valid types, want 35", n)
	}
	for _, id := range []Type{4, 5, 31, 32, 33, 36, 37, 38} {
		if id.Valid() || !id.Removed() {
			t.Errorf("id %d: valid %v removed %v", id, id.Valid(), id.Removed())
		}
		if _, err := ParseType(id.String()); !errors.Is(err, ErrUnsupported) {
			t.Errorf("ParseType(%q): %v", id, err)
		}
	}
	if s := Type(99).String(); s != "type(99)" || Type(99).Removed() {
		t.Errorf("Type(99) = %q", s)
	}
	if _, err := ParseType("q9_9"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseType(q9_9): %v", err)
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

func TestRowSize(t *testing.T) {
	for _, tc := range []struct {
		typ   Type
		ncols int64
		want  int64
		ok    bool
	}{
		{TypeF32, 7, 28, true},
		{TypeQ4_K, 4096, 16 * 144, true},
		{TypeQ4_K, 4000, 0, false},
		{TypeQ8_0, 0, 0, true},
		{TypeQ8_0, -32, 0, false},
		{Type(31), 32, 0, false},
		{TypeF64, 1 << 61, 0, false},
	} {
		got, err := tc.typ.RowSize(tc.ncols)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("%v.RowSize(%d) = %d, %v", tc.typ, tc.ncols, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%v.RowSize(%d): %v does not wrap ErrInvalid", tc.typ, tc.ncols, err)
		}
	}
}

func TestFileType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want FileType
	}{
		{"Q4_K_M", FileTypeMostlyQ4_K_M},
		{"mostly_q4_k_m", FileTypeMostlyQ4_K_M},
		{"LLAMA_FTYPE_MOSTLY_Q4_K_M", FileTypeMostlyQ4_K_M},
		{"F32", FileTypeAllF32},
		{"bf16", FileTypeMostlyBF16},
		{"MXFP4_MOE", FileTypeMostlyMXFP4_MOE},
		{"Q2_0", FileTypeMostlyQ2_0},
	} {
		if got, err := ParseFileType(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseFileType(%q) = %v, %v", tc.in, got, err)
		}
	}
	if FileTypeMostlyQ4_K_M != 15 || FileTypeMostlyQ4_K_M.String() != "MOSTLY_Q4_K_M" {
		t.Errorf("Q4_K_M = %d %q", FileTypeMostlyQ4_K_M, FileTypeMostlyQ4_K_M)
	}
	if s := (FileTypeMostlyQ8_0 | FileTypeGuessed).String(); s != "MOSTLY_Q8_0 (guessed)" {
		t.Errorf("guessed: %q", s)
	}
	if s := FileType(4).String(); s != "file_type(4)" {
		t.Errorf("FileType(4) = %q", s)
	}
	if _, err := ParseFileType("Q4_K_X"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseFileType(Q4_K_X): %v", err)
	}
}
