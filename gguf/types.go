package gguf

import (
	"fmt"
	"math"
	"strings"
)

// Type is a ggml tensor type: the enum ggml_type of ggml's include/ggml.h.
// Its value is the id stored in a GGUF tensor info.
type Type uint32

// The ggml tensor types, with the ids of ggml commit d99724f2 (ggml 0.21.0).
// Ids 4, 5, 31–33 and 36–38 belonged to types ggml has removed; they have no
// constant here, and files that use them are refused.
const (
	TypeF32     Type = 0
	TypeF16     Type = 1
	TypeQ4_0    Type = 2
	TypeQ4_1    Type = 3
	TypeQ5_0    Type = 6
	TypeQ5_1    Type = 7
	TypeQ8_0    Type = 8
	TypeQ8_1    Type = 9
	TypeQ2_K    Type = 10
	TypeQ3_K    Type = 11
	TypeQ4_K    Type = 12
	TypeQ5_K    Type = 13
	TypeQ6_K    Type = 14
	TypeQ8_K    Type = 15
	TypeIQ2_XXS Type = 16
	TypeIQ2_XS  Type = 17
	TypeIQ3_XXS Type = 18
	TypeIQ1_S   Type = 19
	TypeIQ4_NL  Type = 20
	TypeIQ3_S   Type = 21
	TypeIQ2_S   Type = 22
	TypeIQ4_XS  Type = 23
	TypeI8      Type = 24
	TypeI16     Type = 25
	TypeI32     Type = 26
	TypeI64     Type = 27
	TypeF64     Type = 28
	TypeIQ1_M   Type = 29
	TypeBF16    Type = 30
	TypeTQ1_0   Type = 34
	TypeTQ2_0   Type = 35
	TypeMXFP4   Type = 39
	TypeNVFP4   Type = 40
	TypeQ1_0    Type = 41
	TypeQ2_0    Type = 42

	// TypeCount is one more than the largest id ggml knows.
	TypeCount Type = 43
)

// typeTraits is one row of the type table. blockSize values make one block
// of typeSize bytes; a zero blockSize marks an id ggml has removed.
type typeTraits struct {
	name      string
	blockSize int
	typeSize  int
	quantized bool
}

// typeTable follows ggml's type_traits (src/ggml.c) and the block structs of
// src/ggml-common.h. Removed ids keep the name the type had, so that an error
// can say what a file asked for.
var typeTable = [TypeCount]typeTraits{
	TypeF32:     {"f32", 1, 4, false},
	TypeF16:     {"f16", 1, 2, false},
	TypeQ4_0:    {"q4_0", 32, 18, true},
	TypeQ4_1:    {"q4_1", 32, 20, true},
	4:           {name: "q4_2"},
	5:           {name: "q4_3"},
	TypeQ5_0:    {"q5_0", 32, 22, true},
	TypeQ5_1:    {"q5_1", 32, 24, true},
	TypeQ8_0:    {"q8_0", 32, 34, true},
	TypeQ8_1:    {"q8_1", 32, 36, true},
	TypeQ2_K:    {"q2_K", 256, 84, true},
	TypeQ3_K:    {"q3_K", 256, 110, true},
	TypeQ4_K:    {"q4_K", 256, 144, true},
	TypeQ5_K:    {"q5_K", 256, 176, true},
	TypeQ6_K:    {"q6_K", 256, 210, true},
	TypeQ8_K:    {"q8_K", 256, 292, true},
	TypeIQ2_XXS: {"iq2_xxs", 256, 66, true},
	TypeIQ2_XS:  {"iq2_xs", 256, 74, true},
	TypeIQ3_XXS: {"iq3_xxs", 256, 98, true},
	TypeIQ1_S:   {"iq1_s", 256, 50, true},
	TypeIQ4_NL:  {"iq4_nl", 32, 18, true},
	TypeIQ3_S:   {"iq3_s", 256, 110, true},
	TypeIQ2_S:   {"iq2_s", 256, 82, true},
	TypeIQ4_XS:  {"iq4_xs", 256, 136, true},
	TypeI8:      {"i8", 1, 1, false},
	TypeI16:     {"i16", 1, 2, false},
	TypeI32:     {"i32", 1, 4, false},
	TypeI64:     {"i64", 1, 8, false},
	TypeF64:     {"f64", 1, 8, false},
	TypeIQ1_M:   {"iq1_m", 256, 56, true},
	TypeBF16:    {"bf16", 1, 2, false},
	31:          {name: "q4_0_4_4"},
	32:          {name: "q4_0_4_8"},
	33:          {name: "q4_0_8_8"},
	TypeTQ1_0:   {"tq1_0", 256, 54, true},
	TypeTQ2_0:   {"tq2_0", 256, 66, true},
	36:          {name: "iq4_nl_4_4"},
	37:          {name: "iq4_nl_4_8"},
	38:          {name: "iq4_nl_8_8"},
	TypeMXFP4:   {"mxfp4", 32, 17, true},
	TypeNVFP4:   {"nvfp4", 64, 36, true},
	TypeQ1_0:    {"q1_0", 128, 18, true},
	TypeQ2_0:    {"q2_0", 64, 18, true},
}

func (t Type) traits() typeTraits {
	if t < TypeCount {
		return typeTable[t]
	}
	return typeTraits{}
}

// String returns the name ggml prints for t ("f32", "q4_K", "iq4_xs"), the
// former name of a removed type, or "type(N)" for an id ggml never had.
func (t Type) String() string {
	if n := t.traits().name; n != "" {
		return n
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// Valid reports whether t is a type ggml currently defines.
func (t Type) Valid() bool { return t.traits().blockSize > 0 }

// Removed reports whether t is an id ggml once used and has since removed
// (q4_2, q4_3, the interleaved q4_0_4_4 … iq4_nl_8_8).
func (t Type) Removed() bool { return t < TypeCount && !t.Valid() }

// BlockSize returns the number of values in one block of t: 1 for the plain
// number types, 32 for q4_0, 256 for the K-quants. It is 0 when t is not valid.
func (t Type) BlockSize() int { return t.traits().blockSize }

// BlockBytes returns the size in bytes of one block of t (ggml's type_size):
// 4 for f32, 18 for q4_0, 144 for q4_K. It is 0 when t is not valid.
func (t Type) BlockBytes() int { return t.traits().typeSize }

// IsQuantized reports whether t is a block-quantized type, as ggml's
// is_quantized flag says (f16 and bf16 are not).
func (t Type) IsQuantized() bool { return t.traits().quantized }

// BitsPerWeight returns the storage cost of one value of t in bits
// (4.5 for q4_0, 4.5 for q4_K, 32 for f32), or 0 when t is not valid.
func (t Type) BitsPerWeight() float64 {
	tr := t.traits()
	if tr.blockSize == 0 {
		return 0
	}
	return float64(8*tr.typeSize) / float64(tr.blockSize)
}

// RowSize returns the number of bytes that ncols values of type t occupy.
// It fails when t is not valid, when ncols is negative or not a multiple of
// the block size, or when the size does not fit in an int64.
func (t Type) RowSize(ncols int64) (int64, error) {
	tr := t.traits()
	if tr.blockSize == 0 {
		return 0, fmt.Errorf("gguf: row size of %v: %w: not a ggml type", t, ErrInvalid)
	}
	if ncols < 0 || ncols%int64(tr.blockSize) != 0 {
		return 0, fmt.Errorf("gguf: row size of %v: %w: %d values is not a multiple of the block size %d",
			t, ErrInvalid, ncols, tr.blockSize)
	}
	blocks := ncols / int64(tr.blockSize)
	if blocks > math.MaxInt64/int64(tr.typeSize) {
		return 0, fmt.Errorf("gguf: row size of %v: %w: %d values overflow int64 bytes", t, ErrInvalid, ncols)
	}
	return blocks * int64(tr.typeSize), nil
}

// ParseType returns the type named s, ignoring case: "Q4_K", "q4_k" and
// "q4_K" all give TypeQ4_K. Names of removed types are refused.
func ParseType(s string) (Type, error) {
	for t := range TypeCount {
		if strings.EqualFold(typeTable[t].name, s) {
			if !t.Valid() {
				return 0, fmt.Errorf("gguf: type %q: %w: ggml has removed it", s, ErrUnsupported)
			}
			return t, nil
		}
	}
	return 0, fmt.Errorf("gguf: %w: unknown tensor type %q", ErrInvalid, s)
}

// Types returns every valid type in id order.
func Types() []Type {
	var ts []Type
	for t := range TypeCount {
		if t.Valid() {
			ts = append(ts, t)
		}
	}
	return ts
}
