package simd

import (
	"encoding/binary"
	"math"
)

// FirstNonFinite returns the index of the first NaN or ±Inf in x, or −1:
//
//	for i, v := range x { if math.Float32bits(v)&0x7f800000 == 0x7f800000 { return i } }; return -1
func FirstNonFinite(x []float32) int {
	if finiteInAsm {
		return firstNonFiniteVector(x)
	}
	return firstNonFiniteGeneric(x)
}

// FirstNonFiniteF16 returns the index of the first NaN or ±Inf among the
// little-endian binary16 values in b (len(b)/2 of them), or −1.
func FirstNonFiniteF16(b []byte) int { return firstNonFinite16(b[:len(b)&^1], 0x7c00) }

// FirstNonFiniteBF16 is FirstNonFiniteF16 for bfloat16 values.
func FirstNonFiniteBF16(b []byte) int { return firstNonFinite16(b[:len(b)&^1], 0x7f80) }

func firstNonFinite16(b []byte, mask uint16) int {
	if finiteInAsm {
		return firstNonFinite16Vector(b, mask)
	}
	return firstNonFinite16Generic(b, mask)
}

// finiteInAsm selects the Vector scans. Like the other kernel switches it
// is a flag, not a function variable, so that callers' stack buffers do
// not escape through an indirect call.
var finiteInAsm bool

func firstNonFiniteGeneric(x []float32) int {
	for i, v := range x {
		if math.Float32bits(v)&0x7f800000 == 0x7f800000 {
			return i
		}
	}
	return -1
}

// firstNonFinite16Generic finds the first 16-bit value whose exponent bits
// (mask) are all set.
func firstNonFinite16Generic(b []byte, mask uint16) int {
	for i := 0; i+1 < len(b); i += 2 {
		if binary.LittleEndian.Uint16(b[i:])&mask == mask {
			return i / 2
		}
	}
	return -1
}
