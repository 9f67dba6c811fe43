package gguf

import (
	"math"
	"strconv"
	"strings"
)

// String formats v as ggml's reader prints it: integers in decimal, f32 with
// 9 significant digits, f64 with 17, strings quoted with C escapes, arrays
// as [a, b, c].
func (v Value) String() string { return v.Summary(-1) }

// Summary formats v like String, but writes at most max elements of an
// array (all of them when max < 0), followed by "..." when some were left out.
func (v Value) Summary(max int) string {
	var b strings.Builder
	v.appendTo(&b, max)
	return b.String()
}

func (v Value) appendTo(b *strings.Builder, max int) {
	if v.typ != ValueArray {
		b.WriteString(formatScalar(v))
		return
	}
	n := v.Len()
	shown := n
	if max >= 0 && n > max {
		shown = max
	}
	b.WriteByte('[')
	for i := range shown {
		if i > 0 {
			b.WriteString(", ")
		}
		v.arr.at(i).appendTo(b, max)
	}
	if shown < n {
		if shown > 0 {
			b.WriteString(", ")
		}
		b.WriteString("...")
	}
	b.WriteByte(']')
}

func formatScalar(v Value) string {
	switch v.typ {
	case ValueUint8, ValueUint16, ValueUint32, ValueUint64:
		return strconv.FormatUint(v.bits, 10)
	case ValueInt8, ValueInt16, ValueInt32, ValueInt64:
		n, _ := v.Int()
		return strconv.FormatInt(n, 10)
	case ValueFloat32:
		return strconv.FormatFloat(float64(math.Float32frombits(uint32(v.bits))), 'g', 9, 32)
	case ValueFloat64:
		return strconv.FormatFloat(math.Float64frombits(v.bits), 'g', 17, 64)
	case ValueBool:
		return strconv.FormatBool(v.bits != 0)
	case ValueString:
		return quoteC(v.str)
	}
	return "<invalid>"
}

// quoteC quotes s as a C string literal: backslash escapes for quote,
// backslash and the common control characters, \xNN for other control bytes,
// and every other byte (UTF-8 included) as it is.
func quoteC(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if c < 0x20 || c == 0x7f {
				b.WriteString(`\x`)
				b.WriteByte("0123456789abcdef"[c>>4])
				b.WriteByte("0123456789abcdef"[c&15])
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
