package safetensors

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/shrinkml/shrink/internal/half"
	"github.com/shrinkml/shrink/tensor"
)

// Format is the name safetensors decoders are registered under in package
// tensor.
const Format = "safetensors"

func init() {
	for d := range dtypeCount {
		if d.IsFloat() {
			tensor.RegisterDecoder(Format, d.String(), func(dst []float32, src []byte) error {
				return Float32s(dst, src, d)
			})
		}
	}
}

// Float32s converts len(dst) values of dtype d from src into dst. Every
// float dtype converts exactly but F64, which is rounded to nearest. The
// packed F4 and F6 types are refused: the format does not fix the order of
// values within a byte. Integer and bool dtypes are refused too.
func Float32s(dst []float32, src []byte, d Dtype) error {
	if !d.IsFloat() {
		return fmt.Errorf("safetensors: %w: %v is not a float type this package converts", ErrUnsupported, d)
	}
	if need := len(dst) * d.Bits() / 8; len(src) < need {
		return fmt.Errorf("safetensors: %w: %d bytes of %v for %d values, want %d", ErrInvalid, len(src), d, len(dst), need)
	}
	le := binary.LittleEndian
	switch d {
	case F32:
		for i := range dst {
			dst[i] = math.Float32frombits(le.Uint32(src[4*i:]))
		}
	case F64:
		for i := range dst {
			dst[i] = float32(math.Float64frombits(le.Uint64(src[8*i:])))
		}
	case F16:
		for i := range dst {
			dst[i] = half.F16ToF32(le.Uint16(src[2*i:]))
		}
	case BF16:
		for i := range dst {
			dst[i] = half.BF16ToF32(le.Uint16(src[2*i:]))
		}
	default:
		table := f8Tables[d]
		for i := range dst {
			dst[i] = table[src[i]]
		}
	}
	return nil
}

// f8Tables holds the 256 values of each 8-bit float format.
var f8Tables = func() map[Dtype]*[256]float32 {
	formats := map[Dtype]func(uint8) float32{
		F8_E4M3:     half.E4M3.ToF32,
		F8_E5M2:     half.E5M2.ToF32,
		F8_E4M3FNUZ: half.E4M3FNUZ.ToF32,
		F8_E5M2FNUZ: half.E5M2FNUZ.ToF32,
		F8_E8M0:     half.E8M0ToF32,
	}
	tables := make(map[Dtype]*[256]float32, len(formats))
	for d, conv := range formats {
		t := new([256]float32)
		for b := range t {
			t[b] = conv(uint8(b))
		}
		tables[d] = t
	}
	return tables
}()

// FromFloat32s stores src as dtype d in dst, which must hold len(src)
// values: F32 and F64 exactly, F16 and BF16 rounded to nearest even. A value
// too large for F16 is an error naming it, not an infinity.
func FromFloat32s(dst []byte, src []float32, d Dtype) error {
	if need := len(src) * d.Bits() / 8; len(dst) < need {
		return fmt.Errorf("safetensors: %w: %d bytes for %d %v values, want %d", ErrInvalid, len(dst), len(src), d, need)
	}
	le := binary.LittleEndian
	switch d {
	case F32:
		for i, v := range src {
			le.PutUint32(dst[4*i:], math.Float32bits(v))
		}
	case F64:
		for i, v := range src {
			le.PutUint64(dst[8*i:], math.Float64bits(float64(v)))
		}
	case F16:
		for i, v := range src {
			h := half.F32ToF16(v)
			if h&0x7c00 == 0x7c00 && !math.IsInf(float64(v), 0) && !math.IsNaN(float64(v)) {
				return fmt.Errorf("safetensors: %w: value %d (%g) overflows F16", ErrInvalid, i, v)
			}
			le.PutUint16(dst[2*i:], h)
		}
	case BF16:
		for i, v := range src {
			le.PutUint16(dst[2*i:], half.F32ToBF16(v))
		}
	default:
		return fmt.Errorf("safetensors: %w: writing %v values is not supported", ErrUnsupported, d)
	}
	return nil
}
