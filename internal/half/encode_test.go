package half

import (
	"math"
	"testing"
)

// TestF32ToF16Boundaries checks every rounding boundary of binary16: for each
// pair of neighbouring halves, the float32 values just below, at and just
// above their midpoint.
func TestF32ToF16Boundaries(t *testing.T) {
	for h := uint16(0); h <= 0x7bff; h++ {
		lo := float64(F16ToF32(h))
		hi := 65536.0 // the next step after 65504 if the exponent did not end
		if h < 0x7bff {
			hi = float64(F16ToF32(h + 1))
		}
		mid := float32((lo + hi) / 2) // exact: halves have 11 significant bits
		even := h
		if h&1 == 1 {
			even = h + 1
		}
		cases := []struct {
			f    float32
			want uint16
		}{
			{float32(lo), h},
			{math.Nextafter32(mid, 0), h},
			{mid, even},
			{math.Nextafter32(mid, math.MaxFloat32), h + 1},
		}
		for _, c := range cases {
			for _, sign := range []uint16{0, 0x8000} {
				f := c.f
				if sign != 0 {
					f = -f
				}
				if got := F32ToF16(f); got != c.want|sign {
					t.Fatalf("F32ToF16(%g) = %#04x, want %#04x", f, got, c.want|sign)
				}
			}
		}
	}
}

func TestF32ToF16Specials(t *testing.T) {
	for _, c := range []struct {
		f    float32
		want uint16
	}{
		{float32(math.Inf(1)), 0x7c00},
		{float32(math.Inf(-1)), 0xfc00},
		{float32(math.NaN()), 0x7e00},
		{math.Float32frombits(0xff800001), 0xfe00},
		{math.MaxFloat32, 0x7c00},
		{1e-30, 0},
		{float32(math.Copysign(0, -1)), 0x8000},
		{5.9604645e-08, 1}, // 2^-24
		{2.9802322e-08, 0}, // 2^-25, a tie rounds to even 0
	} {
		if got := F32ToF16(c.f); got != c.want {
			t.Errorf("F32ToF16(%g) = %#04x, want %#04x", c.f, got, c.want)
		}
	}
}

func TestF32ToBF16(t *testing.T) {
	for _, c := range []struct {
		bits uint32
		want uint16
	}{
		{0x3f800000, 0x3f80},
		{0x3f808000, 0x3f80}, // tie, even stays
		{0x3f818000, 0x3f82}, // tie, odd rounds up
		{0x3f808001, 0x3f81},
		{0x7f7fffff, 0x7f80}, // rounds up to Inf
		{0x7f800001, 0x7fc0}, // signalling NaN made quiet
		{0xff800000, 0xff80},
		{0x00000001, 0x0000},
	} {
		if got := F32ToBF16(math.Float32frombits(c.bits)); got != c.want {
			t.Errorf("F32ToBF16(%#08x) = %#04x, want %#04x", c.bits, got, c.want)
		}
	}
	for b := uint32(0); b < 1<<16; b++ {
		if b&0x7f80 == 0x7f80 && b&0x7f != 0 {
			continue // NaN
		}
		if got := F32ToBF16(BF16ToF32(uint16(b))); got != uint16(b) {
			t.Fatalf("bf16 %#04x does not round-trip: %#04x", b, got)
		}
	}
}
