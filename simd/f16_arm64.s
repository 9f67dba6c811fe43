//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// The NEON instructions Go's assembler lacks are WORD-encoded; each line
// names the instruction it encodes.

// func f32ToF16Block(dst *byte, src *float32, n int)
// The loop of f32ToF16Generic for n a multiple of 8: FCVTN/FCVTN2 round to
// nearest even under the default FPCR, as half.F32ToF16 does.
TEXT ·f32ToF16Block(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD n+16(FP), R2
	LSR  $3, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // 8 float32
	WORD $0x0e216802 // FCVTN v2.4h, v0.4s; the first 4 to binary16
	WORD $0x4e216822 // FCVTN2 v2.8h, v1.4s; the next 4 into the upper half
	VST1.P [V2.H8], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func f16ToF32Block(dst *float32, src *byte, n int)
// The loop of f16ToF32Generic for n a multiple of 8: FCVTL/FCVTL2, exact.
TEXT ·f16ToF32Block(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD n+16(FP), R2
	LSR  $3, R2, R2
	CBZ  R2, done

loop:
	VLD1.P 16(R1), [V0.H8]        // 8 binary16
	WORD $0x0e217801 // FCVTL v1.4s, v0.4h; the first 4 widened
	WORD $0x4e217802 // FCVTL2 v2.4s, v0.8h; the next 4
	VST1.P [V1.S4, V2.S4], 32(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET

// func bf16ToF32Block(dst *float32, src *byte, n int)
// The loop of bf16ToF32Generic for n a multiple of 8: each bfloat16 is the
// upper half of its float32, so zip it with zeros.
TEXT ·bf16ToF32Block(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD n+16(FP), R2
	LSR  $3, R2, R2
	CBZ  R2, done
	VEOR V3.B16, V3.B16, V3.B16   // zeros

loop:
	VLD1.P 16(R1), [V0.H8]        // 8 bfloat16
	VZIP1  V0.H8, V3.H8, V1.H8    // 0, b0, 0, b1 …: b0<<16, b1<<16 …
	VZIP2  V0.H8, V3.H8, V2.H8    // the next 4
	VST1.P [V1.S4, V2.S4], 32(R0)
	SUBS   $1, R2, R2
	BNE    loop

done:
	RET
