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

// func f32ToBF16Block(dst *byte, src *float32, n int)
//
// The loop of f32ToBF16Generic for n a multiple of 8, 8 values per step as
// a register pair:
//
//	x & 0x7fffffff > 0x7f800000 ? x>>16 | 0x40 : (x + 0x7fff + (x>>16)&1) >> 16
TEXT ·f32ToBF16Block(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD n+16(FP), R2
	LSR  $3, R2, R2
	CBZ  R2, done
	MOVW $0x7fffffff, R12
	WORD $0x4e040d90 // DUP v16.4s, w12; the magnitude mask
	MOVW $0x7f800000, R12
	WORD $0x4e040d91 // DUP v17.4s, w12; +Inf's bits
	MOVW $0x40, R12
	WORD $0x4e040d92 // DUP v18.4s, w12; the quiet bit of a bfloat16 NaN
	MOVW $1, R12
	WORD $0x4e040d93 // DUP v19.4s, w12
	MOVW $0x7fff, R12
	WORD $0x4e040d94 // DUP v20.4s, w12

loop:
	WORD $0xacc10420 // LDP q0, q1, [x1], #32
	WORD $0x4e301c02 // AND v2.16b, v0.16b, v16.16b
	WORD $0x4e301c23 // AND v3.16b, v1.16b, v16.16b
	WORD $0x6eb13442 // CMHI v2.4s, v2.4s, v17.4s; NaN
	WORD $0x6eb13463 // CMHI v3.4s, v3.4s, v17.4s
	WORD $0x6f300404 // USHR v4.4s, v0.4s, #16; x >> 16
	WORD $0x6f300425 // USHR v5.4s, v1.4s, #16
	WORD $0x4eb21c86 // ORR v6.16b, v4.16b, v18.16b; a NaN's bfloat16: quiet
	WORD $0x4eb21ca7 // ORR v7.16b, v5.16b, v18.16b
	WORD $0x4e331c84 // AND v4.16b, v4.16b, v19.16b; (x >> 16) & 1
	WORD $0x4e331ca5 // AND v5.16b, v5.16b, v19.16b
	WORD $0x4eb48484 // ADD v4.4s, v4.4s, v20.4s
	WORD $0x4eb484a5 // ADD v5.4s, v5.4s, v20.4s
	WORD $0x4ea48404 // ADD v4.4s, v0.4s, v4.4s
	WORD $0x4ea58425 // ADD v5.4s, v1.4s, v5.4s
	WORD $0x6f300484 // USHR v4.4s, v4.4s, #16; rounded to nearest even
	WORD $0x6f3004a5 // USHR v5.4s, v5.4s, #16
	WORD $0x6ea21cc4 // BIT v4.16b, v6.16b, v2.16b; NaNs as NaNs
	WORD $0x6ea31ce5 // BIT v5.16b, v7.16b, v3.16b
	WORD $0x0e612888 // XTN v8.4h, v4.4s
	WORD $0x4e6128a8 // XTN2 v8.8h, v5.4s
	WORD $0x3c810408 // STR q8, [x0], #16
	SUBS $1, R2, R2
	BNE  loop

done:
	RET
