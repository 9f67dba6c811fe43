package quant

import (
	"fmt"
	"math"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/simd"
)

// imatrixUse says what a type's quantizer does with an importance matrix.
type imatrixUse uint8

const (
	imatrixIgnored  imatrixUse = iota // ggml's quantizer takes none
	imatrixOptional                   // a weighted search runs when one is given
	imatrixRequired                   // ggml refuses to quantize without one
)

// A Codec quantizes float32 rows to one ggml type and dequantizes them back.
// Codecs are stateless and safe for concurrent use.
type Codec struct {
	typ        gguf.Type
	quantize   func(dst []byte, src, imatrix []float32) // one row; nil if read-only
	dequantize func(dst []float32, src []byte)          // whole blocks
	imatrix    imatrixUse
	scales     []int // byte offsets of a block's fp16 scales, checked after quantizing
	e8m0       bool  // the block starts with an E8M0 scale, 0xFF being invalid
}

var codecs = [gguf.TypeCount]*Codec{
	gguf.TypeF32:  {quantize: quantizeF32, dequantize: dequantizeF32},
	gguf.TypeF16:  {quantize: quantizeF16, dequantize: dequantizeF16},
	gguf.TypeBF16: {quantize: quantizeBF16, dequantize: dequantizeBF16},
	gguf.TypeF64:  {dequantize: dequantizeF64},
	gguf.TypeI8:   {dequantize: dequantizeI8},
	gguf.TypeI16:  {dequantize: dequantizeI16},
	gguf.TypeI32:  {dequantize: dequantizeI32},

	gguf.TypeQ4_0: {quantize: quantizeQ4_0, dequantize: simd.DequantizeQ4_0, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeQ4_1: {quantize: quantizeQ4_1, dequantize: simd.DequantizeQ4_1, imatrix: imatrixOptional, scales: []int{0, 2}},
	gguf.TypeQ5_0: {quantize: quantizeQ5_0, dequantize: simd.DequantizeQ5_0, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeQ5_1: {quantize: quantizeQ5_1, dequantize: simd.DequantizeQ5_1, imatrix: imatrixOptional, scales: []int{0, 2}},
	gguf.TypeQ8_0: {quantize: quantizeQ8_0, dequantize: simd.DequantizeQ8_0, scales: []int{0}},
	gguf.TypeQ8_1: {quantize: quantizeQ8_1, dequantize: dequantizeQ8_1, scales: []int{0}},

	gguf.TypeQ2_K: {quantize: quantizeQ2_K, dequantize: simd.DequantizeQ2_K, imatrix: imatrixOptional, scales: []int{80, 82}},
	gguf.TypeQ3_K: {quantize: quantizeQ3_K, dequantize: simd.DequantizeQ3_K, imatrix: imatrixOptional, scales: []int{108}},
	gguf.TypeQ4_K: {quantize: quantizeQ4_K, dequantize: simd.DequantizeQ4_K, imatrix: imatrixOptional, scales: []int{0, 2}},
	gguf.TypeQ5_K: {quantize: quantizeQ5_K, dequantize: simd.DequantizeQ5_K, imatrix: imatrixOptional, scales: []int{0, 2}},
	gguf.TypeQ6_K: {quantize: quantizeQ6_K, dequantize: simd.DequantizeQ6_K, imatrix: imatrixOptional, scales: []int{208}},
	gguf.TypeQ8_K: {quantize: quantizeQ8_K, dequantize: dequantizeQ8_K},

	gguf.TypeIQ4_NL: {quantize: quantizeIQ4_NL, dequantize: simd.DequantizeIQ4_NL, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeIQ4_XS: {quantize: quantizeIQ4_XS, dequantize: simd.DequantizeIQ4_XS, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeTQ1_0:  {quantize: quantizeTQ1_0, dequantize: dequantizeTQ1_0, scales: []int{52}},
	gguf.TypeTQ2_0:  {quantize: quantizeTQ2_0, dequantize: dequantizeTQ2_0, scales: []int{64}},
	gguf.TypeMXFP4:  {quantize: quantizeMXFP4, dequantize: simd.DequantizeMXFP4, e8m0: true},
	gguf.TypeNVFP4:  {quantize: quantizeNVFP4, dequantize: dequantizeNVFP4},
	gguf.TypeQ1_0:   {quantize: quantizeQ1_0, dequantize: dequantizeQ1_0, scales: []int{0}},
	gguf.TypeQ2_0:   {quantize: quantizeQ2_0, dequantize: dequantizeQ2_0, scales: []int{0}},

	gguf.TypeIQ2_XXS: {dequantize: dequantizeIQ2_XXS, imatrix: imatrixRequired, scales: []int{0}},
	gguf.TypeIQ2_XS:  {dequantize: dequantizeIQ2_XS, imatrix: imatrixRequired, scales: []int{0}},
	gguf.TypeIQ2_S:   {dequantize: dequantizeIQ2_S, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeIQ3_XXS: {dequantize: dequantizeIQ3_XXS, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeIQ3_S:   {dequantize: dequantizeIQ3_S, imatrix: imatrixOptional, scales: []int{0}},
	gguf.TypeIQ1_S:   {dequantize: dequantizeIQ1_S, imatrix: imatrixRequired, scales: []int{0}},
	gguf.TypeIQ1_M:   {dequantize: dequantizeIQ1_M, imatrix: imatrixOptional},
}

func init() {
	for t, c := range codecs {
		if c != nil {
			c.typ = gguf.Type(t)
		}
	}
}

// For returns the codec of type t. Every valid type but i64 has one; the
// lattice types iq1_s … iq3_s, f64, i8, i16 and i32 only dequantize.
func For(t gguf.Type) (*Codec, error) {
	if t < gguf.TypeCount && codecs[t] != nil {
		return codecs[t], nil
	}
	return nil, fmt.Errorf("quant: %w: no codec for type %v", ErrUnsupported, t)
}

// Types returns the types that can be quantized to, in id order.
func Types() []gguf.Type {
	var ts []gguf.Type
	for _, c := range codecs {
		if c != nil && c.quantize != nil {
			ts = append(ts, c.typ)
		}
	}
	return ts
}

// Type returns the codec's type.
func (c *Codec) Type() gguf.Type { return c.typ }

// CanQuantize reports whether the codec writes its type, rather than only
// reading it.
func (c *Codec) CanQuantize() bool { return c.quantize != nil }

// UsesImatrix reports whether an importance matrix changes the codec's
// output. Codecs that do not use one accept and ignore it, as ggml does.
func (c *Codec) UsesImatrix() bool { return c.imatrix != imatrixIgnored }

// RequiresImatrix reports whether ggml quantizes this type only with an
// importance matrix (iq2_xxs, iq2_xs, iq1_s).
func (c *Codec) RequiresImatrix() bool { return c.imatrix == imatrixRequired }

// RowSize returns the bytes of one row of ncols values, or an error wrapping
// ErrShape when ncols is not a positive multiple of the block size.
func (c *Codec) RowSize(ncols int) (int, error) {
	bs := c.typ.BlockSize()
	if ncols <= 0 || ncols%bs != 0 {
		return 0, fmt.Errorf("quant: %v: %w: a row of %d values is not a positive multiple of the block size %d",
			c.typ, ErrShape, ncols, bs)
	}
	return ncols / bs * c.typ.BlockBytes(), nil
}

// QuantizeRow quantizes one row, src, into dst, which must be exactly
// RowSize(len(src)) bytes. imatrix, when not nil, holds one non-negative
// weight per column (the mean squared activation, as llama.cpp's imatrix
// files store it). A NaN or infinite value, or a block whose scale overflows,
// gives a *ValueError with Row 0.
func (c *Codec) QuantizeRow(dst []byte, src, imatrix []float32) error {
	if err := c.checkQuantize(len(src), imatrix); err != nil {
		return err
	}
	if n, _ := c.RowSize(len(src)); len(dst) != n {
		return fmt.Errorf("quant: %v: %w: %d bytes for a row of %d values, want %d", c.typ, ErrShape, len(dst), len(src), n)
	}
	return c.quantizeRow(dst, src, imatrix, 0)
}

// checkQuantize checks what does not change from row to row.
func (c *Codec) checkQuantize(ncols int, imatrix []float32) error {
	if c.quantize == nil {
		return fmt.Errorf("quant: %w: %v can be read but not written", ErrUnsupported, c.typ)
	}
	if _, err := c.RowSize(ncols); err != nil {
		return err
	}
	if imatrix == nil {
		if c.imatrix == imatrixRequired {
			return fmt.Errorf("quant: %v: %w: the type needs an importance matrix", c.typ, ErrImatrix)
		}
		return nil
	}
	if len(imatrix) != ncols {
		return fmt.Errorf("quant: %v: %w: %d weights for rows of %d values", c.typ, ErrImatrix, len(imatrix), ncols)
	}
	for j, w := range imatrix {
		if !(w >= 0) || math.IsInf(float64(w), 0) {
			return fmt.Errorf("quant: %v: %w: weight %d is %g", c.typ, ErrImatrix, j, w)
		}
	}
	return nil
}

// quantizeRow quantizes one checked row; row numbers the errors.
func (c *Codec) quantizeRow(dst []byte, src, imatrix []float32, row int) error {
	if j := simd.FirstNonFinite(src); j >= 0 {
		v := src[j]
		reason := "is NaN"
		if !math.IsNaN(float64(v)) {
			reason = "is infinite"
		}
		return &ValueError{Type: c.typ, Row: row, Col: j, Value: v, Reason: reason}
	}
	if !c.UsesImatrix() {
		imatrix = nil
	}
	c.quantize(dst, src, imatrix)
	if bad := c.firstInvalid(dst); bad >= 0 {
		bs := c.typ.BlockSize()
		if bs == 1 {
			return &ValueError{Type: c.typ, Row: row, Col: bad, Value: src[bad],
				Reason: "overflows " + c.typ.String()}
		}
		_, amax := maxAbs(src[bad*bs : (bad+1)*bs])
		reason := "is the largest magnitude of a block whose scale overflows fp16"
		if c.e8m0 {
			// ggml's exponent wraps to the invalid 0xFF below 2^-125.
			reason = "is the largest magnitude of a block too small for an E8M0 scale"
		}
		return &ValueError{Type: c.typ, Row: row, Col: bad * bs, Value: amax, Reason: reason}
	}
	return nil
}

// DequantizeRow dequantizes the row in src into dst. len(dst) must be a
// multiple of the block size and src exactly RowSize(len(dst)) bytes.
func (c *Codec) DequantizeRow(dst []float32, src []byte) error {
	n, err := c.RowSize(len(dst))
	if err != nil {
		return err
	}
	if len(src) != n {
		return fmt.Errorf("quant: %v: %w: %d bytes for a row of %d values, want %d", c.typ, ErrShape, len(src), len(dst), n)
	}
	c.dequantize(dst, src)
	return nil
}
