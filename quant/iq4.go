package quant

import "encoding/binary"

// iq4nlValues are the 16 non-linear levels of iq4_nl and iq4_xs (ggml's
// kvalues_iq4nl).
var iq4nlValues = [16]int8{-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113}

// iq4nlLevels are iq4nlValues as float32, for comparisons without
// conversions.
var iq4nlLevels = func() (f [16]float32) {
	for i, v := range iq4nlValues {
		f[i] = float32(v)
	}
	return f
}()

// bestIndex is best_index_int8 over the iq4_nl levels: the index of the
// level nearest to x, the upper one on ties. ggml bisects with branches;
// this finds the same bracket, the largest level ≤ x, in four steps the
// compiler turns into conditional moves.
func bestIndex(x float32) int {
	v := &iq4nlLevels
	if x <= v[0] {
		return 0
	}
	if x >= v[15] {
		return 15
	}
	i := 0
	if x >= v[8] {
		i = 8
	}
	if x >= v[i+4] {
		i += 4
	}
	if x >= v[i+2] {
		i += 2
	}
	if x >= v[i+1] {
		i++
	}
	if x-v[i] < v[i+1]-x {
		return i
	}
	return i + 1
}

// iq4Search is the block search of quantize_row_iq4_nl_impl with ntry = 7,
// the path ggml_quantize_chunk takes: the best scale for one block of 32
// among the fitted first guess and 15 candidates around it.
func iq4Search(xb, w []float32, L []uint8) float32 {
	const ntry = 7
	vmax, amax := maxAbs(xb)
	if amax < groupMaxEps {
		return 0
	}
	d := -vmax / float32(iq4nlValues[0])
	id := 1 / d
	var sumqx, sumq2 float32
	for j, v := range xb {
		l := bestIndex(id * v)
		L[j] = uint8(l)
		q := iq4nlLevels[l]
		sumqx += float32(w[j] * q * v)
		sumq2 += float32(w[j] * q * q)
	}
	d = 0
	if sumq2 > 0 {
		d = sumqx / sumq2
	}
	best := d * sumqx
	for itry := -ntry; itry <= ntry; itry++ {
		id = float32(itry+int(iq4nlValues[0])) / vmax
		sumqx, sumq2 = 0, 0
		for j, v := range xb {
			q := iq4nlLevels[bestIndex(id*v)]
			sumqx += float32(w[j] * q * v)
			sumq2 += float32(w[j] * q * q)
		}
		if sumq2 > 0 && sumqx*sumqx > best*sumq2 {
			d = sumqx / sumq2
			best = d * sumqx
		}
	}
	return d
}

// iq4Weights fills w with the weights of one block: x² without an
// importance matrix, qw·√(σ² + x²) with one.
func iq4Weights(w, xb, qw []float32, sigma2 float32) {
	if qw == nil {
		for j, v := range xb {
			w[j] = v * v
		}
		return
	}
	importance(w, xb, qw, sigma2)
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
	var w [32]float32
	var L [32]uint8
	for i := 0; i < len(src)/32; i++ {
		x, b := src[32*i:32*i+32], dst[18*i:18*i+18]
		var qw []float32
		if imatrix != nil {
			qw = imatrix[32*i : 32*i+32]
		}
		sigma2 := sumSquares(x) * (2.0 / 32)
		iq4Weights(w[:], x, qw, sigma2)
		clear(L[:])
		d := iq4Search(x, w[:], L[:])
		putF16(b, d)
		var id float32
		if d != 0 {
			id = 1 / d
		}
		for j, v := range x {
			L[j] = uint8(bestIndex(id * v))
		}
		packNibbles(b[2:], L[:])
	}
}

func dequantizeIQ4_NL(dst []float32, src []byte) {
	for i := 0; i < len(dst)/32; i++ {
		b, y := src[18*i:18*i+18], dst[32*i:32*i+32]
		d := getF16(b)
		for j := range 16 {
			y[j] = d * float32(iq4nlValues[b[2+j]&0xf])
			y[j+16] = d * float32(iq4nlValues[b[2+j]>>4])
		}
	}
}

// quantizeIQ4_XS is quantize_iq4_xs: super-blocks of 256 with an fp16 scale,
// eight 6-bit block scales and the iq4_nl levels.
func quantizeIQ4_XS(dst []byte, src, imatrix []float32) {
	var w [32]float32
	var L [256]uint8
	var scales [8]float32
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[136*i:136*i+136]
		sigma2 := sumSquares(x) * (2.0 / 256)
		var maxScale, amaxScale float32
		for ib := range 8 {
			xb := x[32*ib : 32*ib+32]
			var qw []float32
			if imatrix != nil {
				qw = imatrix[256*i+32*ib : 256*i+32*ib+32]
			}
			iq4Weights(w[:], xb, qw, sigma2)
			scales[ib] = iq4Search(xb, w[:], L[32*ib:])
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
			for j, v := range x[32*ib : 32*ib+32] {
				L[32*ib+j] = uint8(bestIndex(idl * v))
			}
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

func dequantizeIQ4_XS(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[136*i:136*i+136], dst[256*i:256*i+256]
		d := getF16(b)
		scalesH := binary.LittleEndian.Uint16(b[2:])
		for ib := range 8 {
			ls := int(b[4+ib/2]>>(4*(ib%2))&0xf) | int(scalesH>>(2*ib)&3)<<4
			dl := d * float32(ls-32)
			q := b[8+16*ib : 8+16*ib+16]
			out := y[32*ib : 32*ib+32]
			for j := range 16 {
				out[j] = dl * float32(iq4nlValues[q[j]&0xf])
				out[j+16] = dl * float32(iq4nlValues[q[j]>>4])
			}
		}
	}
}
