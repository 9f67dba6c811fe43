package quant

import (
	"encoding/binary"
	"fmt"
	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/simd"
	"math"
)

// Validate checks rows of type t as llama.cpp's ggml_validate_row_data does
// before it uses a file: no NaN or infinite values, scales or minimums
// (fp16, bf16, f32 or f64 as the type stores them), and no invalid E8M0
// exponent. data must be whole blocks. The error names the first bad block.
func (c *Codec) Validate(data []byte) error {
	bb := c.typ.BlockBytes()
	if len(data)%bb != 0 {
		return fmt.Errorf("quant: %v: %w: %d bytes is not a whole number of %d-byte blocks", c.typ, ErrShape, len(data), bb)
	}
	if bad := c.firstInvalid(data); bad >= 0 {
		return fmt.Errorf("quant: %v: %w: block %d is NaN or infinite, or has such a scale", c.typ, ErrValue, bad)
	}
	return nil
}

// firstInvalid returns the index of the first block of data that ggml would
// reject, or −1.
func (c *Codec) firstInvalid(data []byte) int {
	bb := c.typ.BlockBytes()
	n := len(data) / bb
	switch {
	case c.e8m0:
		for i := range n {
			if data[i*bb] == 0xff {
				return i
			}
		}
	case len(c.scales) == 1:
		off := c.scales[0]
		for i := range n {
			if binary.LittleEndian.Uint16(data[i*bb+off:])&0x7c00 == 0x7c00 {
				return i
			}
		}
	case len(c.scales) == 2:
		off0, off1 := c.scales[0], c.scales[1]
		for i := range n {
			if (binary.LittleEndian.Uint16(data[i*bb+off0:])|binary.LittleEndian.Uint16(data[i*bb+off1:]))&0x7c00 == 0x7c00 {
				// one of the two has a full exponent: or-ing can also make
				// one from two partial ones, so look again one by one
				if binary.LittleEndian.Uint16(data[i*bb+off0:])&0x7c00 == 0x7c00 || binary.LittleEndian.Uint16(data[i*bb+off1:])&0x7c00 == 0x7c00 {
					return i
				}
			}
		}
	case len(c.scales) > 2:
		for i := range n {
			for _, off := range c.scales {
				if binary.LittleEndian.Uint16(data[i*bb+off:])&0x7c00 == 0x7c00 {
					return i
				}
			}
		}
	case c.typ == gguf.TypeIQ1_M:
		for i := range n {
			b := data[i*bb+48:]
			h := u16(b)>>12 | u16(b[2:])>>8&0x00f0 | u16(b[4:])>>4&0x0f00 | u16(b[6:])&0xf000
			if h&0x7c00 == 0x7c00 {
				return i
			}
		}
	case c.typ == gguf.TypeF16:
		return simd.FirstNonFiniteF16(data)
	case c.typ == gguf.TypeBF16:
		return simd.FirstNonFiniteBF16(data)
	case c.typ == gguf.TypeF32:
		var buf [1024]float32
		for i := 0; i < n; i += len(buf) {
			chunk := buf[:min(len(buf), n-i)]
			simd.BytesToF32(chunk, data[4*i:])
			if j := simd.FirstNonFinite(chunk); j >= 0 {
				return i + j
			}
		}
	case c.typ == gguf.TypeQ8_K:
		// q8_K's float32 scale heads its block.
		for i := range n {
			if binary.LittleEndian.Uint32(data[i*bb:])&0x7f800000 == 0x7f800000 {
				return i
			}
		}
	case c.typ == gguf.TypeF64:
		for i := range n {
			f := math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return i
			}
		}
	}
	return -1
}
