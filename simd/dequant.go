package simd

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/internal/half"
)

// Dequantizers for the common block types: each expands len(dst)/B blocks
// (B = 32 or 256 values) of src into dst exactly as ggml's
// dequantize_row_* do, every product and sum rounded to float32 in ggml's
// order, so the assembly versions give the same bits (a NaN scale may give
// a NaN of other payload).

// DequantizeQ8_0 expands q8_0 blocks (fp16 d, 32 int8): y = q·d.
func DequantizeQ8_0(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:34*n], kindQ8_0)
}

// DequantizeQ4_0 expands q4_0 blocks (fp16 d, 16 bytes of nibbles):
// y = (q − 8)·d.
func DequantizeQ4_0(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:18*n], kindQ4_0)
}

// DequantizeQ4_1 expands q4_1 blocks (fp16 d and m, nibbles): y = q·d + m.
func DequantizeQ4_1(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:20*n], kindQ4_1)
}

// DequantizeQ5_0 expands q5_0 blocks (fp16 d, 32 high bits, nibbles):
// y = (q − 16)·d.
func DequantizeQ5_0(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:22*n], kindQ5_0)
}

// DequantizeQ5_1 expands q5_1 blocks (fp16 d and m, high bits, nibbles):
// y = q·d + m.
func DequantizeQ5_1(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:24*n], kindQ5_1)
}

// DequantizeQ4_K expands q4_K super-blocks (fp16 d and dmin, 8 6-bit scale
// and minimum pairs, nibbles): y = (d·sc)·q − dmin·m.
func DequantizeQ4_K(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:144*n], kindQ4_K)
}

// DequantizeQ5_K expands q5_K super-blocks (as q4_K with a fifth bit per
// value): y = (d·sc)·q − dmin·m.
func DequantizeQ5_K(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:176*n], kindQ5_K)
}

// DequantizeQ6_K expands q6_K super-blocks (6-bit levels, 16 int8 scales,
// fp16 d): y = (d·sc)·(q − 32).
func DequantizeQ6_K(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:210*n], kindQ6_K)
}

// DequantizeQ2_K expands q2_K super-blocks (16 groups of 2-bit levels
// with 4-bit scales and minimums under fp16 d and dmin):
// y = (d·sc)·q − dmin·m.
func DequantizeQ2_K(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:84*n], kindQ2_K)
}

// DequantizeQ3_K expands q3_K super-blocks (3-bit levels from 2 low bits
// and a high-bit mask, 16 signed 6-bit scales, fp16 d): y = (d·sc)·(q − 4).
func DequantizeQ3_K(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:110*n], kindQ3_K)
}

// DequantizeIQ4_NL expands iq4_nl blocks (fp16 d, 32 indexes into
// IQ4Levels): y = d·level.
func DequantizeIQ4_NL(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:18*n], kindIQ4_NL)
}

// DequantizeIQ4_XS expands iq4_xs super-blocks (fp16 d, 8 6-bit block
// scales, IQ4Levels indexes): y = (d·(ls − 32))·level.
func DequantizeIQ4_XS(dst []float32, src []byte) {
	n := len(dst) / 256
	dequant(dst[:256*n], src[:136*n], kindIQ4_XS)
}

// DequantizeMXFP4 expands mxfp4 blocks (an E8M0 scale e, 32 E2M1 codes):
// y = FP4Values[code]·2^(e−128).
func DequantizeMXFP4(dst []float32, src []byte) {
	n := len(dst) / 32
	dequant(dst[:32*n], src[:17*n], kindMXFP4)
}

// dequantKind names a block type for dequant.
type dequantKind int

const (
	kindQ8_0 dequantKind = iota
	kindQ4_0
	kindQ4_1
	kindQ5_0
	kindQ5_1
	kindQ4_K
	kindQ5_K
	kindQ6_K
	kindQ2_K
	kindQ3_K
	kindIQ4_NL
	kindIQ4_XS
	kindMXFP4
)

func dequant(dst []float32, src []byte, k dequantKind) {
	if dequantInAsm && len(dst) > 0 {
		dequantAsm(dst, src, k)
		return
	}
	dequantGeneric[k](dst, src)
}

// dequantInAsm selects dequantAsm.
var dequantInAsm bool

var dequantGeneric = [...]func(dst []float32, src []byte){
	kindQ8_0:   dequantizeQ8_0,
	kindQ4_0:   dequantizeQ4_0,
	kindQ4_1:   dequantizeQ4_1,
	kindQ5_0:   dequantizeQ5_0,
	kindQ5_1:   dequantizeQ5_1,
	kindQ4_K:   dequantizeQ4_K,
	kindQ5_K:   dequantizeQ5_K,
	kindQ6_K:   dequantizeQ6_K,
	kindQ2_K:   dequantizeQ2_K,
	kindQ3_K:   dequantizeQ3_K,
	kindIQ4_NL: dequantizeIQ4_NL,
	kindIQ4_XS: dequantizeIQ4_XS,
	kindMXFP4:  dequantizeMXFP4,
}

func f16At(b []byte) float32 { return half.F16ToF32(binary.LittleEndian.Uint16(b)) }

func dequantizeQ8_0(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[34*i:34*i+34], dst[32*i:32*i+32]
		d := f16At(b)
		for j := range y {
			y[j] = float32(int8(b[2+j])) * d
		}
	}
}

func dequantizeQ4_0(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[18*i:18*i+18], dst[32*i:32*i+32]
		d := f16At(b)
		for j := range 16 {
			y[j] = float32(int(b[2+j]&0xf)-8) * d
			y[16+j] = float32(int(b[2+j]>>4)-8) * d
		}
	}
}

func dequantizeQ4_1(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[20*i:20*i+20], dst[32*i:32*i+32]
		d, m := f16At(b), f16At(b[2:])
		for j := range 16 {
			y[j] = float32(float32(b[4+j]&0xf)*d) + m
			y[16+j] = float32(float32(b[4+j]>>4)*d) + m
		}
	}
}

// unpack5 is level j of a q5_0/q5_1 block: its nibble and bit j of qh.
func unpack5(qh uint32, qs []byte, j int) int {
	if j < 16 {
		return int(qs[j]&0xf) | int(qh>>j&1)<<4
	}
	return int(qs[j-16]>>4) | int(qh>>j&1)<<4
}

func dequantizeQ5_0(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[22*i:22*i+22], dst[32*i:32*i+32]
		d := f16At(b)
		qh := binary.LittleEndian.Uint32(b[2:])
		for j := range 32 {
			y[j] = float32(unpack5(qh, b[6:], j)-16) * d
		}
	}
}

func dequantizeQ5_1(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[24*i:24*i+24], dst[32*i:32*i+32]
		d, m := f16At(b), f16At(b[2:])
		qh := binary.LittleEndian.Uint32(b[4:])
		for j := range 32 {
			y[j] = float32(float32(unpack5(qh, b[8:], j))*d) + m
		}
	}
}

// ScaleMinK4 is ggml's get_scale_min_k4: group j's 6-bit scale and minimum
// from the 12 scale bytes of a q4_K or q5_K super-block.
func ScaleMinK4(s []byte, j int) (sc, m uint8) {
	if j < 4 {
		return s[j] & 63, s[j+4] & 63
	}
	return s[j+4]&0xf | (s[j-4]>>6)<<4, s[j+4]>>4 | (s[j]>>6)<<4
}

func dequantizeQ4_K(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[144*i:144*i+144], dst[256*i:256*i+256]
		d, dmin := f16At(b), f16At(b[2:])
		for j := range 8 {
			sc, m := ScaleMinK4(b[4:16], j)
			dl, ml := d*float32(sc), dmin*float32(m)
			q := b[16+32*(j/2) : 16+32*(j/2)+32]
			shift := uint(4 * (j % 2))
			out := y[32*j : 32*j+32]
			for l := range 32 {
				out[l] = float32(dl*float32(q[l]>>shift&0xf)) - ml
			}
		}
	}
}

func dequantizeQ5_K(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[176*i:176*i+176], dst[256*i:256*i+256]
		d, dmin := f16At(b), f16At(b[2:])
		qh := b[16:48]
		for j := range 8 {
			sc, m := ScaleMinK4(b[4:16], j)
			dl, ml := d*float32(sc), dmin*float32(m)
			ql := b[48+32*(j/2) : 48+32*(j/2)+32]
			shift := uint(4 * (j % 2))
			out := y[32*j : 32*j+32]
			for l := range 32 {
				q := int(ql[l] >> shift & 0xf)
				if qh[l]&(1<<j) != 0 {
					q += 16
				}
				out[l] = float32(dl*float32(q)) - ml
			}
		}
	}
}

func dequantizeQ6_K(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[210*i:210*i+210], dst[256*i:256*i+256]
		d := f16At(b[208:])
		for n := range 2 {
			ql, qh := b[64*n:64*n+64], b[128+32*n:128+32*n+32]
			sc := b[192+8*n : 192+8*n+8]
			out := y[128*n : 128*n+128]
			for l := range 32 {
				is := l / 16
				q1 := int(ql[l]&0xf|(qh[l]>>0&3)<<4) - 32
				q2 := int(ql[l+32]&0xf|(qh[l]>>2&3)<<4) - 32
				q3 := int(ql[l]>>4|(qh[l]>>4&3)<<4) - 32
				q4 := int(ql[l+32]>>4|(qh[l]>>6&3)<<4) - 32
				out[l] = d * float32(int8(sc[is])) * float32(q1)
				out[l+32] = d * float32(int8(sc[is+2])) * float32(q2)
				out[l+64] = d * float32(int8(sc[is+4])) * float32(q3)
				out[l+96] = d * float32(int8(sc[is+6])) * float32(q4)
			}
		}
	}
}

// Q3Scale returns the signed 6-bit scale of group j (0…15) from the 12
// scale bytes of a q3_K super-block.
func Q3Scale(s []byte, j int) int {
	var lo byte
	if j < 8 {
		lo = s[j] & 0xf
	} else {
		lo = s[j-8] >> 4
	}
	return int(lo|(s[8+j%4]>>(2*(j/4))&3)<<4) - 32
}

func dequantizeQ2_K(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[84*i:84*i+84], dst[256*i:256*i+256]
		d, dmin := f16At(b[80:]), f16At(b[82:])
		q := b[16:80]
		for n := 0; n < 2; n++ {
			for j := range 8 {
				shift := uint(2 * (j / 2))
				half := 16 * (j % 2)
				s := b[8*n+j]
				dl, ml := d*float32(s&0xf), dmin*float32(s>>4)
				out := y[128*n+16*j : 128*n+16*j+16]
				for l := range 16 {
					out[l] = float32(dl*float32(q[32*n+half+l]>>shift&3)) - ml
				}
			}
		}
	}
}

func dequantizeQ3_K(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[110*i:110*i+110], dst[256*i:256*i+256]
		d := f16At(b[108:])
		hmask, q, s := b[:32], b[32:96], b[96:108]
		// Group g (16 values) is half h of bit pair k in 128-chunk n; its
		// high bits are bit 4n+k of hmask.
		for g := range 16 {
			n, k, h := g/8, g%8/2, g%2
			dl := d * float32(Q3Scale(s, g))
			qs := q[32*n+16*h : 32*n+16*h+16]
			hm := hmask[16*h : 16*h+16]
			bit := byte(1) << (4*n + k)
			out := y[16*g : 16*g+16]
			for l := range 16 {
				lvl := int(qs[l]>>(2*k)&3) - 4
				if hm[l]&bit != 0 {
					lvl += 4
				}
				out[l] = dl * float32(lvl)
			}
		}
	}
}

func dequantizeIQ4_NL(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[18*i:18*i+18], dst[32*i:32*i+32]
		d := f16At(b)
		for j := range 16 {
			y[j] = d * float32(IQ4Levels[b[2+j]&0xf])
			y[j+16] = d * float32(IQ4Levels[b[2+j]>>4])
		}
	}
}

func dequantizeIQ4_XS(dst []float32, src []byte) {
	for i := range len(dst) / 256 {
		b, y := src[136*i:136*i+136], dst[256*i:256*i+256]
		d := f16At(b)
		scalesH := binary.LittleEndian.Uint16(b[2:])
		for ib := range 8 {
			ls := int(b[4+ib/2]>>(4*(ib%2))&0xf) | int(scalesH>>(2*ib)&3)<<4
			dl := d * float32(ls-32)
			q := b[8+16*ib : 8+16*ib+16]
			out := y[32*ib : 32*ib+32]
			for j := range 16 {
				out[j] = dl * float32(IQ4Levels[q[j]&0xf])
				out[j+16] = dl * float32(IQ4Levels[q[j]>>4])
			}
		}
	}
}

// E8M0Half is GGML_E8M0_TO_FP32_HALF: 2^(e−128), the E8M0 scale halved to
// match the doubled FP4Values.
func E8M0Half(e uint8) float32 {
	if e < 2 {
		return math.Float32frombits(0x00200000 << e)
	}
	return math.Float32frombits(uint32(e-1) << 23)
}

func dequantizeMXFP4(dst []float32, src []byte) {
	for i := range len(dst) / 32 {
		b, y := src[17*i:17*i+17], dst[32*i:32*i+32]
		d := E8M0Half(b[0])
		for j := range 16 {
			y[j] = float32(FP4Values[b[1+j]&0xf]) * d
			y[j+16] = float32(FP4Values[b[1+j]>>4]) * d
		}
	}
}
