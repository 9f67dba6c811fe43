//go:build arm64 && gc && !purego && !noasm

package simd

// quantizeQ8_0NEON quantizes nblocks blocks of 32 float32 from src into
// dst, as quantizeQ8_0Generic.
//
//go:noescape
func quantizeQ8_0NEON(dst *byte, src *float32, nblocks int)

func useQ8Asm() {
	quantizeQ8_0 = func(dst []byte, src []float32) {
		if n := len(src) / 32; n > 0 {
			quantizeQ8_0NEON(&dst[0], &src[0], n)
		}
	}
}

func useQ8Generic() { quantizeQ8_0 = quantizeQ8_0Generic }

func init() {
	register("q8_0", impl{"neon", true, useQ8Asm}, impl{"generic", true, useQ8Generic})
	useQ8Asm()
}
