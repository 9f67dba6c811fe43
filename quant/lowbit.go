package quant

// quantizeQ1_0 is quantize_row_q1_0_ref: blocks of 128 signs (bit set for
// x ≥ 0) under an fp16 scale, the block's mean magnitude.
func quantizeQ1_0(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/128; i++ {
		x, b := src[128*i:128*i+128], dst[18*i:18*i+18]
		var sum float32
		for _, v := range x {
			sum += abs32(v)
		}
		putF16(b, sum/128)
		q := b[2:18]
		clear(q)
		for j, v := range x {
			if v >= 0 {
				q[j/8] |= 1 << (j % 8)
			}
		}
	}
}

func dequantizeQ1_0(dst []float32, src []byte) {
	for i := 0; i < len(dst)/128; i++ {
		b, y := src[18*i:18*i+18], dst[128*i:128*i+128]
		d := getF16(b)
		pm := [2]float32{-d, d}
		for j := range y {
			y[j] = pm[b[2+j/8]>>(j%8)&1]
		}
	}
}

// quantizeQ2_0 is quantize_row_q2_0_ref: blocks of 64 levels −1, 0, 1, 2
// times an fp16 scale, the block's largest magnitude.
func quantizeQ2_0(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/64; i++ {
		x, b := src[64*i:64*i+64], dst[18*i:18*i+18]
		_, d := maxAbs(x)
		var id float32
		if d > 0 {
			id = 1 / d
		}
		putF16(b, d)
		q := b[2:18]
		clear(q)
		for j, v := range x {
			l := max(0, min(3, truncInt(round32(v*id))+1))
			q[j/4] |= uint8(l) << (2 * (j % 4))
		}
	}
}

func dequantizeQ2_0(dst []float32, src []byte) {
	for i := 0; i < len(dst)/64; i++ {
		b, y := src[18*i:18*i+18], dst[64*i:64*i+64]
		d := getF16(b)
		for j := range y {
			y[j] = float32(int(b[2+j/4]>>(2*(j%4))&3)-1) * d
		}
	}
}
