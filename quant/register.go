package quant

import (
	"fmt"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/tensor"
)

// Importing quant lets every tensor.Model read quantized GGUF tensors:
// each type's dequantizer is registered under its ggml name. (gguf registers
// f32, f16 and bf16 itself; these registrations are the same conversions.)
func init() {
	for _, c := range codecs {
		if c == nil {
			continue
		}
		tensor.RegisterDecoder(gguf.Format, c.typ.String(), c.decode)
	}
}

// decode is the tensor.Decoder of c: whole rows of blocks.
func (c *Codec) decode(dst []float32, src []byte) error {
	bs, bb := c.typ.BlockSize(), c.typ.BlockBytes()
	if len(dst)%bs != 0 || len(src) < len(dst)/bs*bb {
		return fmt.Errorf("quant: %v: %w: %d bytes cannot hold %d values", c.typ, ErrShape, len(src), len(dst))
	}
	c.dequantize(dst, src[:len(dst)/bs*bb])
	return nil
}
