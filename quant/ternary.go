package quant

// The ternary types of BitNet b1.58 and TriLM: levels −1, 0, 1 times an fp16
// scale, the block's largest magnitude.

// trit returns round(x·id)+1, the level 0, 1 or 2 of x (lroundf rounds half
// away from zero).
func trit(x, id float32) uint8 { return uint8(int32(lround(x*id)) + 1) }

// ternaryScale returns the block's scale and its inverse.
func ternaryScale(x []float32) (d, id float32) {
	_, d = maxAbs(x)
	if d != 0 {
		id = 1 / d
	}
	return d, id
}

// quantizeTQ1_0 is quantize_row_tq1_0_ref: five trits per byte in 48 bytes
// (values 0–159 as 32 columns of five, 160–239 as 16 columns of five), four
// per byte in 4 more (240–255), each byte scaled to 256/243 so that the trits
// can be read back with multiplications.
func quantizeTQ1_0(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[54*i:54*i+54]
		d, id := ternaryScale(x)
		putF16(b[52:], d)
		pack := func(q []byte, x []float32, n, stride int) {
			for m := range q {
				var v uint8
				for k := range n {
					v = v*3 + trit(x[m+k*stride], id)
				}
				if n == 4 {
					v *= 3 // the first trit goes to the most significant place
				}
				q[m] = uint8((uint16(v)*256 + 242) / 243)
			}
		}
		pack(b[0:32], x[0:160], 5, 32)
		pack(b[32:48], x[160:240], 5, 16)
		pack(b[48:52], x[240:256], 4, 4)
	}
}

func dequantizeTQ1_0(dst []float32, src []byte) {
	pow3 := [5]uint8{1, 3, 9, 27, 81}
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[54*i:54*i+54], dst[256*i:256*i+256]
		d := getF16(b[52:])
		k := 0
		unpack := func(q []byte, n int) {
			for p := range n {
				for _, c := range q {
					t := int(uint16(c*pow3[p])*3>>8) - 1
					y[k] = float32(t) * d
					k++
				}
			}
		}
		unpack(b[0:32], 5)
		unpack(b[32:48], 5)
		unpack(b[48:52], 4)
	}
}

// quantizeTQ2_0 is quantize_row_tq2_0_ref: four 2-bit levels per byte, byte
// m of each 32 holding values m, m+32, m+64, m+96 of its 128.
func quantizeTQ2_0(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[66*i:66*i+66]
		d, id := ternaryScale(x)
		putF16(b[64:], d)
		for j := 0; j < 64; j += 32 {
			xs := x[4*j : 4*j+128]
			for m := range 32 {
				var q uint8
				for n := range 4 {
					q += (trit(xs[m+32*n], id) & 3) << (2 * n)
				}
				b[j+m] = q
			}
		}
	}
}

func dequantizeTQ2_0(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[66*i:66*i+66], dst[256*i:256*i+256]
		d := getF16(b[64:])
		k := 0
		for j := 0; j < 64; j += 32 {
			for l := range 4 {
				for m := range 32 {
					y[k] = float32(int(b[j+m]>>(2*l)&3)-1) * d
					k++
				}
			}
		}
	}
}
