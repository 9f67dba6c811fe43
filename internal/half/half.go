// Package half converts the small float formats models are stored in —
// IEEE binary16, bfloat16 and the 8-bit floats — to float32. Every
// conversion is exact: each of these values is a float32 value.
package half

import "math"

// F16ToF32 returns the IEEE binary16 value h as a float32, NaN payloads and
// signs included.
func F16ToF32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch {
	case exp == 0x1f: // Inf or NaN
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp != 0: // normal
		return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
	case mant == 0: // ±0
		return math.Float32frombits(sign)
	}
	// Subnormal: mant · 2^-24, exact in float32.
	v := float32(mant) * (1.0 / (1 << 24))
	if sign != 0 {
		v = -v
	}
	return v
}

// BF16ToF32 returns the bfloat16 value b as a float32.
func BF16ToF32(b uint16) float32 { return math.Float32frombits(uint32(b) << 16) }

// Minifloat describes an 8-bit float format: a sign bit, expBits exponent
// bits with the given bias, and the rest mantissa. Formats differ in what
// the all-ones exponent means and whether 0x80 is NaN.
type Minifloat struct {
	expBits, bias int
	ieee          bool // the all-ones exponent is Inf (mantissa 0) or NaN, as in IEEE 754
	nanAllOnes    bool // S.1111.111 is NaN and every other code is finite ("fn")
	nanNegZero    bool // 0x80 is the only NaN, there is no -0 and no Inf ("fnuz")
}

// The 8-bit formats of safetensors and the OCP MX and FP8 specs.
var (
	E4M3     = Minifloat{expBits: 4, bias: 7, nanAllOnes: true}  // float8_e4m3fn: max 448
	E5M2     = Minifloat{expBits: 5, bias: 15, ieee: true}       // float8_e5m2: max 57344, Inf, NaN
	E4M3FNUZ = Minifloat{expBits: 4, bias: 8, nanNegZero: true}  // float8_e4m3fnuz: max 240
	E5M2FNUZ = Minifloat{expBits: 5, bias: 16, nanNegZero: true} // float8_e5m2fnuz: max 57344
)

// ToF32 returns the 8-bit value b of format m as a float32.
func (m Minifloat) ToF32(b uint8) float32 {
	mantBits := 7 - m.expBits
	neg := b&0x80 != 0
	exp := int(b>>mantBits) & (1<<m.expBits - 1)
	mant := int(b) & (1<<mantBits - 1)
	switch {
	case m.nanNegZero && b == 0x80:
		return float32(math.NaN())
	case m.nanAllOnes && b&0x7f == 0x7f:
		return signed(float32(math.NaN()), neg)
	case m.ieee && exp == 1<<m.expBits-1:
		if mant != 0 {
			return signed(float32(math.NaN()), neg)
		}
		return signed(float32(math.Inf(1)), neg)
	}
	var v float32
	if exp == 0 { // subnormal: mant · 2^(1-bias-mantBits)
		v = float32(math.Ldexp(float64(mant), 1-m.bias-mantBits))
	} else {
		v = float32(math.Ldexp(float64(mant|1<<mantBits), exp-m.bias-mantBits))
	}
	return signed(v, neg)
}

// E8M0ToF32 returns the OCP MX scale format float8_e8m0fnu: 2^(b-127), with
// 0xFF as NaN.
func E8M0ToF32(b uint8) float32 {
	if b == 0xff {
		return float32(math.NaN())
	}
	return float32(math.Ldexp(1, int(b)-127))
}

func signed(v float32, neg bool) float32 {
	if neg {
		return -v
	}
	return v
}

// F32ToF16 returns f as IEEE binary16, rounded to nearest with ties to even,
// as ggml's GGML_FP32_TO_FP16 rounds: magnitudes from 65520 up become Inf,
// and every NaN becomes the quiet NaN 0x7E00 with f's sign.
func F32ToF16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	x := b & 0x7fffffff
	if x-0x38800000 < 0x47800000-0x38800000 {
		// 2^-14 ≤ |f| < 2^16, a normal half or a rounding up to Inf: rebias
		// the exponent (127 → 15) and round the 13 dropped bits to nearest
		// even; a carry out of the mantissa bumps the exponent, up to Inf.
		return sign | uint16((x-0x38000000+0xfff+(x>>13)&1)>>13)
	}
	return sign | f16Rare(x)
}

// f16Rare converts the magnitudes F32ToF16's fast path does not take:
// subnormal halves, zeros, overflow to Inf, Inf and NaN.
func f16Rare(x uint32) uint16 {
	switch {
	case x > 0x7f800000:
		return 0x7e00
	case x >= 0x47800000:
		return 0x7c00
	}
	e := int(x>>23) - 127 + 15
	if e < -10 { // below half the smallest subnormal
		return 0
	}
	// Subnormal: the value in units of 2^-24.
	m := x&0x7fffff | 0x800000
	shift := uint(14 - e)
	h := m >> shift
	rem, halfway := m&(1<<shift-1), uint32(1)<<(shift-1)
	if rem > halfway || rem == halfway && h&1 == 1 {
		h++
	}
	return uint16(h)
}

// F32ToBF16 returns f as bfloat16, rounded to nearest with ties to even, as
// ggml's GGML_FP32_TO_BF16 rounds; a NaN stays NaN and is made quiet.
func F32ToBF16(f float32) uint16 {
	b := math.Float32bits(f)
	if b&0x7fffffff > 0x7f800000 {
		return uint16(b>>16) | 0x40
	}
	return uint16((b + 0x7fff + (b>>16)&1) >> 16)
}
