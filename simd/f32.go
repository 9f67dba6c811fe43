package simd

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// littleEndian is whether float32 values sit in memory as files store them.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// F32ToBytes stores src as little-endian float32 in dst (len(dst) ≥
// 4·len(src)): a memory copy on little-endian machines.
func F32ToBytes(dst []byte, src []float32) {
	if littleEndian {
		copy(dst[:4*len(src)], f32Bytes(src))
		return
	}
	for j, v := range src {
		binary.LittleEndian.PutUint32(dst[4*j:], math.Float32bits(v))
	}
}

// BytesToF32 loads little-endian float32 values from src (len(src) ≥
// 4·len(dst)): a memory copy on little-endian machines.
func BytesToF32(dst []float32, src []byte) {
	if littleEndian {
		copy(f32Bytes(dst), src[:4*len(dst)])
		return
	}
	for j := range dst {
		dst[j] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*j:]))
	}
}

// f32Bytes views x's memory as bytes (always aligned, unlike the reverse).
func f32Bytes(x []float32) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(x))), 4*len(x))
}
