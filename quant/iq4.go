package quant

import (
	"encoding/binary"

	"github.com/shrinkml/shrink/simd"
)

// iq4Weights fills w with the weights of one block: x² without an
// importance matrix, qw·√(σ² + x²) with one.
func iq4Weights(w, xb, qw []float32, sigma2 float32) {
	if qw == nil {
		for j, v := range xb {
			w[j] = v * v
		}
		return
	}
	simd.Importance(w, xb, qw, sigma2)
}

// packNibbles stores 32 four-bit levels per 16 bytes, value j and j+16
// sharing a byte.
func packNibbles(q []byte, L []uint8) {
	for i := 0; i < len(L)/32; i++ {
		for j := range 16 {
			q[16*i+j] = L[32*i+j] | L[32*i+16+j]<<4
		}
	}
}

// quantizeIQ4_NL is quantize_iq4_nl: blocks of 32 with an fp16 scale and 16
// non-linear levels.
func quantizeIQ4_NL(dst []byte, src, imatrix []float32) {
	var w [256]float32
	var d [8]float32
	var L [32]uint8
	blocks := len(src) / 32
	var sumX2 [8]float32
	for i0 := 0; i0 < blocks; i0 += 8 {
		nb := min(8, blocks-i0)
		if imatrix != nil {
			simd.SumSquares(sumX2[:nb], src[32*i0:32*(i0+nb)], 32)
		}
		for k := range nb {
			x := src[32*(i0+k) : 32*(i0+k)+32]
			var qw []float32
			if imatrix != nil {
				qw = imatrix[32*(i0+k) : 32*(i0+k)+32]
			}
			iq4Weights(w[32*k:32*k+32], x, qw, sumX2[k]*(2.0/32))
		}
		simd.IQ4Scales(src[32*i0:32*(i0+nb)], w[:32*nb], d[:nb])
		for k := range nb {
			x, b := src[32*(i0+k):32*(i0+k)+32], dst[18*(i0+k):18*(i0+k)+18]
			putF16(b, d[k])
			var id float32
			if d[k] != 0 {
				id = 1 / d[k]
			}
			simd.IQ4Indices(L[:], x, id)
			packNibbles(b[2:], L[:])
		}
	}
}

// quantizeIQ4_XS is quantize_iq4_xs: super-blocks of 256 with an fp16 scale,
// eight 6-bit block scales and the iq4_nl levels.
func quantizeIQ4_XS(dst []byte, src, imatrix []float32) {
	var w [256]float32
	var L [256]uint8
	var scales [8]float32
	var sumX2 [8]float32
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[136*i:136*i+136]
		if imatrix != nil && i%8 == 0 { // the next 8 super-blocks' Σx², side by side (σ² weighs only under an imatrix)
			simd.SumSquares(sumX2[:], src[256*i:256*min(i+8, len(src)/256)], 256)
		}
		sigma2 := sumX2[i%8] * (2.0 / 256)
		for ib := range 8 {
			var qw []float32
			if imatrix != nil {
				qw = imatrix[256*i+32*ib : 256*i+32*ib+32]
			}
			iq4Weights(w[32*ib:32*ib+32], x[32*ib:32*ib+32], qw, sigma2)
		}
		simd.IQ4Scales(x, w[:], scales[:])
		var maxScale, amaxScale float32
		for ib := range 8 {
			if a := abs32(scales[ib]); a > amaxScale {
				amaxScale, maxScale = a, scales[ib]
			}
		}
		d := -maxScale / 32
		putF16(b, d)
		var id float32
		if d != 0 {
			id = 1 / d
		}
		var scalesH uint16
		sl := b[4:8]
		for ib := range 8 {
			l := max(-32, min(31, nearestInt(id*scales[ib])))
			dl := d * float32(l)
			var idl float32
			if dl != 0 {
				idl = 1 / dl
			}
			simd.IQ4Indices(L[32*ib:32*ib+32], x[32*ib:32*ib+32], idl)
			l += 32
			if ib%2 == 0 {
				sl[ib/2] = byte(l & 0xf)
			} else {
				sl[ib/2] |= byte(l&0xf) << 4
			}
			scalesH |= uint16(l>>4) << (2 * ib)
		}
		binary.LittleEndian.PutUint16(b[2:], scalesH)
		packNibbles(b[8:], L[:])
	}
}
