package quant

import "encoding/binary"

// The K-quants' bit packing, eight levels at a time as one 64-bit word: the
// bit fields taken from a level never cross its byte, so shifts and masks
// on the word do all eight at once.

// packQ2 stores the low two bits of 256 levels: byte l of each 32-byte
// chunk holds the values l, l+32, l+64, l+96 of its 128 values.
func packQ2[T int8 | uint8](qs []byte, L []T) {
	const low2 = 0x0303030303030303
	for j := 0; j < 256; j += 128 {
		for l := 0; l < 32; l += 8 {
			q := le64(L[j+l:])&low2 | (le64(L[j+l+32:])&low2)<<2 |
				(le64(L[j+l+64:])&low2)<<4 | (le64(L[j+l+96:])&low2)<<6
			binary.LittleEndian.PutUint64(qs[j/4+l:], q)
		}
	}
}

// packQ3High stores bit 2 of 256 levels 0…7: level 32m+k's goes to bit m
// of hmask[k], eight levels at a time.
func packQ3High(hmask []byte, L []int8) {
	const bit0 = 0x0101010101010101
	for k := 0; k < 32; k += 8 {
		var h uint64
		for m := range 8 {
			h |= (le64(L[32*m+k:]) >> 2 & bit0) << m
		}
		binary.LittleEndian.PutUint64(hmask[k:], h)
	}
}

// le64 reads 8 levels as a little-endian word (one load: the compiler
// merges the bytes).
func le64[T int8 | uint8](b []T) uint64 {
	_ = b[7]
	return uint64(uint8(b[0])) | uint64(uint8(b[1]))<<8 | uint64(uint8(b[2]))<<16 | uint64(uint8(b[3]))<<24 |
		uint64(uint8(b[4]))<<32 | uint64(uint8(b[5]))<<40 | uint64(uint8(b[6]))<<48 | uint64(uint8(b[7]))<<56
}

// packQ6 stores q6_K's 256 levels 0…63: the low nibbles to ql (levels l
// and l+64 of each half in byte l, levels l+32 and l+96 in byte l+32) and
// the high two bits to qh (levels l, l+32, l+64, l+96 of each half in byte
// l).
func packQ6(ql, qh []byte, L []int8) {
	const low4, low2 = 0x0f0f0f0f0f0f0f0f, 0x0303030303030303
	for n := 0; n < 2; n++ {
		for l := 0; l < 32; l += 8 {
			q1, q2 := le64(L[128*n+l:]), le64(L[128*n+l+32:])
			q3, q4 := le64(L[128*n+l+64:]), le64(L[128*n+l+96:])
			binary.LittleEndian.PutUint64(ql[64*n+l:], q1&low4|(q3&low4)<<4)
			binary.LittleEndian.PutUint64(ql[64*n+l+32:], q2&low4|(q4&low4)<<4)
			binary.LittleEndian.PutUint64(qh[32*n+l:], q1>>4&low2|(q2>>4&low2)<<2|(q3>>4&low2)<<4|(q4>>4&low2)<<6)
		}
	}
}

// packQ4 stores 256 levels 0…15 as nibbles: byte l of each 32-byte chunk
// holds level l (low) and level l+32 (high) of its 64 values.
func packQ4(qs []byte, L []uint8) {
	const low4 = 0x0f0f0f0f0f0f0f0f
	for j := 0; j < 256; j += 64 {
		for l := 0; l < 32; l += 8 {
			binary.LittleEndian.PutUint64(qs[j/2+l:], le64(L[j+l:])&low4|(le64(L[j+l+32:])&low4)<<4)
		}
	}
}

// packQ5 stores 256 levels 0…31: the nibbles as packQ4 does, to ql, and
// bit 4 to qh: levels 64n+l and 64n+l+32 to bits 2n and 2n+1 of qh[l].
func packQ5(qh, ql []byte, L []uint8) {
	const low4, bit0 = 0x0f0f0f0f0f0f0f0f, 0x0101010101010101
	packQ4(ql, L)
	for l := 0; l < 32; l += 8 {
		var h uint64
		for n := range 4 {
			h |= (le64(L[64*n+l:])>>4&bit0)<<(2*n) | (le64(L[64*n+l+32:])>>4&bit0)<<(2*n+1)
		}
		binary.LittleEndian.PutUint64(qh[l:], h)
	}
}
