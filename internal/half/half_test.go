package half

import (
	"math"
	"testing"
)

func TestF16(t *testing.T) {
	for _, tc := range []struct {
		h    uint16
		want float32
	}{
		{0x0000, 0}, {0x3c00, 1}, {0xc000, -2}, {0x7bff, 65504}, {0x0001, 5.9604645e-08},
		{0x03ff, 6.097555e-05}, {0x0400, 6.1035156e-05}, {0x3555, 0.33325195}, {0x7c00, float32(math.Inf(1))},
		{0xfc00, float32(math.Inf(-1))},
	} {
		if got := F16ToF32(tc.h); got != tc.want {
			t.Errorf("F16ToF32(%#04x) = %v, want %v", tc.h, got, tc.want)
		}
	}
	if got := F16ToF32(0x8000); math.Float32bits(got) != 0x80000000 {
		t.Errorf("-0 gave %v", got)
	}
	if got := F16ToF32(0x7e01); math.Float32bits(got) != 0x7fc02000 {
		t.Errorf("NaN payload: %#x", math.Float32bits(got))
	}
	// Every finite half survives the float32 → float64 → half rounding trip.
	for h := 0; h < 1<<16; h++ {
		v := F16ToF32(uint16(h))
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			continue
		}
		exp := (h >> 10) & 0x1f
		mant := h & 0x3ff
		var want float64
		if exp == 0 {
			want = math.Ldexp(float64(mant), -24)
		} else {
			want = math.Ldexp(float64(mant|0x400), exp-25)
		}
		if h&0x8000 != 0 {
			want = -want
		}
		if float64(v) != want {
			t.Fatalf("F16ToF32(%#04x) = %v, want %v", h, v, want)
		}
	}
}

func TestBF16(t *testing.T) {
	if BF16ToF32(0x3f80) != 1 || BF16ToF32(0xc049) != -3.140625 {
		t.Error("bf16")
	}
}

// TestMinifloats checks each 8-bit format at its landmarks.
func TestMinifloats(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	for _, tc := range []struct {
		name string
		m    Minifloat
		b    uint8
		want float32
	}{
		{"e4m3 one", E4M3, 0x38, 1},
		{"e4m3 max", E4M3, 0x7e, 448},
		{"e4m3 min subnormal", E4M3, 0x01, 1.0 / 512},
		{"e4m3 max subnormal", E4M3, 0x07, 7.0 / 512},
		{"e4m3 0x78 is finite", E4M3, 0x78, 256},
		{"e4m3 nan", E4M3, 0x7f, nan},
		{"e4m3 -nan", E4M3, 0xff, nan},
		{"e4m3 -1.5", E4M3, 0xbc, -1.5},
		{"e5m2 one", E5M2, 0x3c, 1},
		{"e5m2 max", E5M2, 0x7b, 57344},
		{"e5m2 inf", E5M2, 0x7c, inf},
		{"e5m2 -inf", E5M2, 0xfc, -inf},
		{"e5m2 nan", E5M2, 0x7d, nan},
		{"e5m2 min subnormal", E5M2, 0x01, 1.0 / 65536},
		{"e4m3fnuz one", E4M3FNUZ, 0x40, 1},
		{"e4m3fnuz max", E4M3FNUZ, 0x7f, 240},
		{"e4m3fnuz nan", E4M3FNUZ, 0x80, nan},
		{"e4m3fnuz -1", E4M3FNUZ, 0xc0, -1},
		{"e5m2fnuz one", E5M2FNUZ, 0x40, 1},
		{"e5m2fnuz max", E5M2FNUZ, 0x7f, 57344},
		{"e5m2fnuz nan", E5M2FNUZ, 0x80, nan},
	} {
		got := tc.m.ToF32(tc.b)
		if got != tc.want && !(math.IsNaN(float64(got)) && math.IsNaN(float64(tc.want))) {
			t.Errorf("%s: %#02x = %v, want %v", tc.name, tc.b, got, tc.want)
		}
	}
	if E8M0ToF32(127) != 1 || E8M0ToF32(0) != float32(math.Ldexp(1, -127)) || E8M0ToF32(254) != float32(math.Ldexp(1, 127)) ||
		!math.IsNaN(float64(E8M0ToF32(255))) {
		t.Error("e8m0")
	}
}

// TestE5M2IsTopHalfOfF16 checks every e5m2 code against an independent
// decoder: e5m2 is binary16 with the low 8 mantissa bits dropped.
func TestE5M2IsTopHalfOfF16(t *testing.T) {
	for b := range 256 {
		got, want := E5M2.ToF32(uint8(b)), F16ToF32(uint16(b)<<8)
		if got != want && !(math.IsNaN(float64(got)) && math.IsNaN(float64(want))) {
			t.Errorf("%#02x: %v, want %v", b, got, want)
		}
	}
}

// TestE4M3Monotonic checks that the finite e4m3 codes increase, with the
// spacing of a 3-bit mantissa.
func TestE4M3Monotonic(t *testing.T) {
	prev := float32(0)
	for b := 1; b < 0x7f; b++ {
		v := E4M3.ToF32(uint8(b))
		if v <= prev || E4M3.ToF32(uint8(b|0x80)) != -v {
			t.Fatalf("%#02x: %v after %v", b, v, prev)
		}
		prev = v
	}
}
