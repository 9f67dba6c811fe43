package quant

import "github.com/shrinkml/shrink/internal/half"

// Dequantizers of the lattice types, whose values are codebook entries
// (grids.go) with signs and block scales. Quantizing to them needs ggml's
// codebook searches, which this package does not implement: they are here so
// that any llama.cpp file can be read and requantized.

// dequantizeIQ2_XXS is dequantize_row_iq2_xxs: 2.06 bits per weight.
func dequantizeIQ2_XXS(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[66*i:66*i+66], dst[256*i:256*i+256]
		d := getF16(b)
		for ib := range 8 {
			q := b[2+8*ib : 2+8*ib+8]
			aux := u32(q[4:])
			db := float32(d*(0.5+float32(aux>>28))) * 0.25
			for l := range 4 {
				g, s := &gridIQ2XXS[q[l]], signs7(aux>>(7*l))
				for j := range 8 {
					y[32*ib+8*l+j] = signed(db*float32(g[j]), s, j)
				}
			}
		}
	}
}

// dequantizeIQ2_XS is dequantize_row_iq2_xs: 2.31 bits per weight.
func dequantizeIQ2_XS(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[74*i:74*i+74], dst[256*i:256*i+256]
		d := getF16(b)
		for ib := range 8 {
			db := nibbleScales(d, b[66+ib])
			for l := range 4 {
				q := u16(b[2+8*ib+2*l:])
				g, s := &gridIQ2XS[q&511], signs7(uint32(q>>9))
				for j := range 8 {
					y[32*ib+8*l+j] = signed(db[l/2]*float32(g[j]), s, j)
				}
			}
		}
	}
}

// nibbleScales are the two group scales of iq2_xs and iq2_s held in the
// nibbles of sc: d·(0.5 + nibble)·0.25.
func nibbleScales(d float32, sc byte) [2]float32 {
	return [2]float32{
		float32(d*(0.5+float32(sc&0xf))) * 0.25,
		float32(d*(0.5+float32(sc>>4))) * 0.25,
	}
}

// dequantizeIQ2_S is dequantize_row_iq2_s: 2.56 bits per weight.
func dequantizeIQ2_S(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[82*i:82*i+82], dst[256*i:256*i+256]
		d := getF16(b)
		qs, signs, qh, scales := b[2:34], b[34:66], b[66:74], b[74:82]
		for ib := range 8 {
			db := nibbleScales(d, scales[ib])
			for l := range 4 {
				idx := int(qs[4*ib+l]) | int(qh[ib])<<(8-2*l)&0x300
				g, s := &gridIQ2S[idx], signs[4*ib+l]
				for j := range 8 {
					y[32*ib+8*l+j] = signed(db[l/2]*float32(g[j]), s, j)
				}
			}
		}
	}
}

// dequantizeIQ3_XXS is dequantize_row_iq3_xxs: 3.06 bits per weight.
func dequantizeIQ3_XXS(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[98*i:98*i+98], dst[256*i:256*i+256]
		d := getF16(b)
		qs := b[2:66]
		for ib := range 8 {
			aux := u32(b[66+4*ib:])
			db := float32(d*(0.5+float32(aux>>28))) * 0.5
			for l := range 4 {
				s := signs7(aux >> (7 * l))
				g1, g2 := &gridIQ3XXS[qs[8*ib+2*l]], &gridIQ3XXS[qs[8*ib+2*l+1]]
				out := y[32*ib+8*l : 32*ib+8*l+8]
				for j := range 4 {
					out[j] = signed(db*float32(g1[j]), s, j)
					out[j+4] = signed(db*float32(g2[j]), s, j+4)
				}
			}
		}
	}
}

// dequantizeIQ3_S is dequantize_row_iq3_s: 3.44 bits per weight.
func dequantizeIQ3_S(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[110*i:110*i+110], dst[256*i:256*i+256]
		d := getF16(b)
		qs, qh, signs, scales := b[2:66], b[66:74], b[74:106], b[106:110]
		for ib := range 8 {
			sc := scales[ib/2] >> (4 * (ib % 2)) & 0xf
			db := d * float32(1+2*int(sc))
			h := int(qh[ib])
			for l := range 4 {
				g1 := &gridIQ3S[int(qs[8*ib+2*l])|h<<(8-2*l)&256]
				g2 := &gridIQ3S[int(qs[8*ib+2*l+1])|h<<(7-2*l)&256]
				s := signs[4*ib+l]
				out := y[32*ib+8*l : 32*ib+8*l+8]
				for j := range 4 {
					out[j] = signed(db*float32(g1[j]), s, j)
					out[j+4] = signed(db*float32(g2[j]), s, j+4)
				}
			}
		}
	}
}

// iq1Delta is IQ1S_DELTA (and IQ1M_DELTA): the shift of iq1 grid values.
const iq1Delta = 0.125

// dequantizeIQ1_S is dequantize_row_iq1_s: 1.56 bits per weight.
func dequantizeIQ1_S(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[50*i:50*i+50], dst[256*i:256*i+256]
		d := getF16(b)
		qs := b[2:34]
		for ib := range 8 {
			qh := u16(b[34+2*ib:])
			dl := d * float32(2*int(qh>>12&7)+1)
			delta := float32(iq1Delta)
			if qh&0x8000 != 0 {
				delta = -iq1Delta
			}
			for l := range 4 {
				g := &gridIQ1S[int(qs[4*ib+l])|int(qh>>(3*l)&7)<<8]
				for j := range 8 {
					y[32*ib+8*l+j] = dl * (float32(int8(g[j])) + delta)
				}
			}
		}
	}
}

// dequantizeIQ1_M is dequantize_row_iq1_m: 1.75 bits per weight, the fp16
// super-block scale spread over the top nibbles of the four scale words.
func dequantizeIQ1_M(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[56*i:56*i+56], dst[256*i:256*i+256]
		qs, qh := b[0:32], b[32:48]
		var sc [4]uint16
		for k := range sc {
			sc[k] = u16(b[48+2*k:])
		}
		d := half.F16ToF32(sc[0]>>12 | sc[1]>>8&0x00f0 | sc[2]>>4&0x0f00 | sc[3]&0xf000)
		for ib := range 8 {
			shift := 6 * (ib % 2)
			dl1 := d * float32(2*int(sc[ib/2]>>shift&7)+1)
			dl2 := d * float32(2*int(sc[ib/2]>>(shift+3)&7)+1)
			h0, h1 := int(qh[2*ib]), int(qh[2*ib+1])
			idx := [4]int{
				int(qs[4*ib]) | h0<<8&0x700,
				int(qs[4*ib+1]) | h0<<4&0x700,
				int(qs[4*ib+2]) | h1<<8&0x700,
				int(qs[4*ib+3]) | h1<<4&0x700,
			}
			hbits := [4]int{h0 & 0x08, h0 & 0x80, h1 & 0x08, h1 & 0x80}
			for l := range 4 {
				dl := dl1
				if l >= 2 {
					dl = dl2
				}
				delta := float32(iq1Delta)
				if hbits[l] != 0 {
					delta = -iq1Delta
				}
				g := &gridIQ1S[idx[l]]
				for j := range 8 {
					y[32*ib+8*l+j] = dl * (float32(int8(g[j])) + delta)
				}
			}
		}
	}
}
