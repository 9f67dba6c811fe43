package quant

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// allCodecs lists every codec, read-only ones included, in type order.
func allCodecs() []*Codec {
	var cs []*Codec
	for _, c := range codecs {
		if c != nil {
			cs = append(cs, c)
		}
	}
	return cs
}

// FuzzDequantize feeds arbitrary bytes to every dequantizer: none may panic,
// and blocks that pass Validate (as llama.cpp checks files) must give
// NaN-free values, finite ones for every type with fp16 scales.
func FuzzDequantize(f *testing.F) {
	f.Add(uint8(0), []byte{})
	f.Add(uint8(12), make([]byte, 144))
	f.Add(uint8(19), []byte("\xff\xff\x7c\x00 arbitrary bytes that are long enough for a block or two of the small types"))
	cs := allCodecs()
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		c := cs[int(which)%len(cs)]
		bb, bs := c.typ.BlockBytes(), c.typ.BlockSize()
		nb := min(len(data)/bb, 64)
		data = data[:nb*bb]
		dst := make([]float32, nb*bs)
		c.dequantize(dst, data)
		if c.Validate(data) != nil {
			return
		}
		// A float32 or float64 scale times a level, an E8M0 scale (up to
		// 2¹²⁶ for mxfp4's halved values) times a level of up to 12, or an
		// f64 value, can exceed float32's range, as in ggml; fp16-scaled
		// values cannot.
		infOK := c.typ == gguf.TypeQ8_K || c.typ == gguf.TypeF64 || c.typ == gguf.TypeMXFP4
		for i, v := range dst {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) && !infOK {
				t.Fatalf("%v: valid blocks dequantize to %g at %d", c.typ, v, i)
			}
		}
	})
}

// FuzzQuantize quantizes arbitrary float32 rows (bit patterns from the
// fuzzer, NaNs and infinities included) with and without an importance
// matrix: no panic, and every accepted row passes Validate and dequantizes
// to finite values.
func FuzzQuantize(f *testing.F) {
	seed := make([]byte, 4*256)
	for i := range 256 {
		binary.LittleEndian.PutUint32(seed[4*i:], math.Float32bits(float32(i%17)-8.5))
	}
	f.Add(uint8(12), false, seed)
	f.Add(uint8(2), true, seed)
	cs := quantizableCodecs()
	f.Fuzz(func(t *testing.T, which uint8, weighted bool, data []byte) {
		c := cs[int(which)%len(cs)]
		bs := c.typ.BlockSize()
		n := min(len(data)/4, 1024) / bs * bs
		if n == 0 {
			return
		}
		x := make([]float32, n)
		for i := range x {
			x[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		}
		var im []float32
		if weighted {
			im = make([]float32, n)
			for i := range im {
				im[i] = abs32(x[(i*7)%n])
				if math.IsNaN(float64(im[i])) || math.IsInf(float64(im[i]), 0) {
					im[i] = 1
				}
			}
		}
		rb, _ := c.RowSize(n)
		q := make([]byte, rb)
		if err := c.QuantizeRow(q, x, im); err != nil {
			return
		}
		if err := c.Validate(q); err != nil {
			t.Fatalf("%v: QuantizeRow accepted a row whose output fails validation: %v", c.typ, err)
		}
		y := make([]float32, n)
		c.dequantize(y, q)
		for i, v := range y {
			if math.IsNaN(float64(v)) || (math.IsInf(float64(v), 0) && c.typ != gguf.TypeF32) {
				t.Fatalf("%v: value %d dequantizes to %g", c.typ, i, v)
			}
		}
	})
}

func quantizableCodecs() []*Codec {
	var cs []*Codec
	for _, c := range allCodecs() {
		if c.CanQuantize() {
			cs = append(cs, c)
		}
	}
	return cs
}
