package quant

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/simd"
)

// q6KChunk is how many super-blocks of q6_K get their scale search in one
// simd.QX call (the lanes work best on many groups at once).
const q6KChunk = 8

// quantizeQ6_K is quantize_row_q6_K_ref, or quantize_row_q6_K_impl with an
// importance matrix: 16 groups of 16 values, 6-bit levels, 8-bit signed group
// scales under an fp16 super-block scale.
func quantizeQ6_K(dst []byte, src, imatrix []float32) {
	var L [256 * q6KChunk]int8
	var scales [16 * q6KChunk]float32
	for c := 0; c < len(src)/256; c += q6KChunk {
		blocks := min(q6KChunk, len(src)/256-c)
		x := src[256*c : 256*(c+blocks)]
		var qw []float32 // nil: ggml's x² weights
		if imatrix != nil {
			qw = imatrix[256*c : 256*(c+blocks)]
		}
		simd.QX(x, qw, L[:len(x)], scales[:16*blocks], 16, 32)
		for i := range blocks {
			finishQ6_K(dst[210*(c+i):210*(c+i+1)], x[256*i:256*i+256], L[256*i:256*i+256], scales[16*i:16*i+16])
		}
	}
}

// finishQ6_K quantizes a super-block's 16 group scales to 8 bits under one
// fp16 scale, fits the levels L again to them and packs the block.
func finishQ6_K(b []byte, x []float32, L []int8, scales []float32) {
	var maxScale, maxAbsScale float32
	for j := range 16 {
		if a := abs32(scales[j]); a > maxAbsScale {
			maxAbsScale, maxScale = a, scales[j]
		}
	}
	if maxAbsScale < groupMaxEps {
		clear(b)
		return
	}
	iscale := -128 / maxScale
	putF16(b[208:], 1/iscale)
	sc := b[192:208]
	for j := range 16 {
		sc[j] = byte(int8(min(127, nearestInt(iscale*scales[j]))))
	}
	d := getF16(b[208:])
	var dl [16]float32
	for j := range 16 {
		dl[j] = d * float32(int8(sc[j]))
	}
	simd.DivLevels(L, x, nil, dl[:], 16, -32, 31, 32)
	packQ6(b[:128], b[128:192], L)
}

// quantizeQ8_K is quantize_row_q8_K_ref: the 8-bit intermediate of the
// K-quant dot products, with a float32 scale and sums of 16 levels.
func quantizeQ8_K(dst []byte, src, _ []float32) {
	for i := 0; i < len(src)/256; i++ {
		x, b := src[256*i:256*i+256], dst[292*i:292*i+292]
		vmax, amax := maxAbs(x)
		if amax == 0 {
			clear(b)
			continue
		}
		iscale := -127 / vmax
		for j, v := range x {
			b[4+j] = byte(int8(min(127, nearestInt(iscale*v))))
		}
		for j := range 16 {
			sum := 0
			for _, q := range b[4+16*j : 4+16*j+16] {
				sum += int(int8(q))
			}
			binary.LittleEndian.PutUint16(b[260+2*j:], uint16(int16(sum)))
		}
		binary.LittleEndian.PutUint32(b, math.Float32bits(1/iscale))
	}
}

func dequantizeQ8_K(dst []float32, src []byte) {
	for i := 0; i < len(dst)/256; i++ {
		b, y := src[292*i:292*i+292], dst[256*i:256*i+256]
		d := math.Float32frombits(binary.LittleEndian.Uint32(b))
		for j := range y {
			y[j] = d * float32(int8(b[4+j]))
		}
	}
}
