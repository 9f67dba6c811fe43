//go:build amd64 && gc && !purego && !noasm

package simd

func init() {
	register("fp4", impl{"avx2", hasAVX2, func() { fp4InAsm = true }}, impl{"generic", true, func() { fp4InAsm = false }})
	fp4InAsm = hasAVX2
}

// The tables of fp4_amd64.s and dequant_amd64.s: the doubled E2M1 values
// as float32, and each code 0–15 in all 8 lanes of a row.
var (
	fp4Levels = func() (f [16]float32) {
		for i, v := range FP4Values {
			f[i] = float32(v)
		}
		return f
	}()
	fp4Codes = func() (c [16][8]int32) {
		for i := range c {
			for k := range c[i] {
				c[i][k] = int32(i)
			}
		}
		return c
	}()
)
