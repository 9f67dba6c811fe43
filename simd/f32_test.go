package simd

import (
	"encoding/binary"
	"math"
	"testing"
)

func TestF32Bytes(t *testing.T) {
	x := []float32{0, float32(math.Copysign(0, -1)), 1, -2.5, math.MaxFloat32, 1e-45, float32(math.Inf(-1))}
	b := make([]byte, 4*len(x)+1)
	F32ToBytes(b[1:], x) // unaligned on purpose
	for j, v := range x {
		if got := binary.LittleEndian.Uint32(b[1+4*j:]); got != math.Float32bits(v) {
			t.Fatalf("F32ToBytes value %d: %08x, want %08x", j, got, math.Float32bits(v))
		}
	}
	y := make([]float32, len(x))
	BytesToF32(y, b[1:])
	if i := sameFloats(y, x); i >= 0 {
		t.Fatalf("BytesToF32 value %d: %g, want %g", i, y[i], x[i])
	}
}
