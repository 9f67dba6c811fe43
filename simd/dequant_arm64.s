//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// The NEON instructions Go's assembler lacks are WORD-encoded; each one
// names the instruction it encodes. Products are single IEEE
// multiplications under the default FPCR (round to nearest even, no
// flush to zero), so the values are Generic's.

// EXPAND32 turns the 32 signed bytes in V2 (levels 0–15) and V3 (16–31)
// into float32, multiplies them by d (every lane of V1) and stores them at
// R0, advancing it.
#define EXPAND32 \
	WORD $0x0f08a444 /* SXTL v4.8h, v2.8b; levels 0–7 to 16 bits */ \
	WORD $0x4f08a445 /* SXTL2 v5.8h, v2.16b; 8–15 */ \
	WORD $0x0f08a466 /* SXTL v6.8h, v3.8b; 16–23 */ \
	WORD $0x4f08a467 /* SXTL2 v7.8h, v3.16b; 24–31 */ \
	WORD $0x0f10a490 /* SXTL v16.4s, v4.4h; 0–3 to 32 bits */ \
	WORD $0x4f10a491 /* SXTL2 v17.4s, v4.8h; 4–7 */ \
	WORD $0x0f10a4b2 /* SXTL v18.4s, v5.4h; 8–11 */ \
	WORD $0x4f10a4b3 /* SXTL2 v19.4s, v5.8h; 12–15 */ \
	WORD $0x0f10a4d4 /* SXTL v20.4s, v6.4h; 16–19 */ \
	WORD $0x4f10a4d5 /* SXTL2 v21.4s, v6.8h; 20–23 */ \
	WORD $0x0f10a4f6 /* SXTL v22.4s, v7.4h; 24–27 */ \
	WORD $0x4f10a4f7 /* SXTL2 v23.4s, v7.8h; 28–31 */ \
	WORD $0x4e21da10 /* SCVTF v16.4s, v16.4s; to float */ \
	WORD $0x4e21da31 /* SCVTF v17.4s, v17.4s */ \
	WORD $0x4e21da52 /* SCVTF v18.4s, v18.4s */ \
	WORD $0x4e21da73 /* SCVTF v19.4s, v19.4s */ \
	WORD $0x4e21da94 /* SCVTF v20.4s, v20.4s */ \
	WORD $0x4e21dab5 /* SCVTF v21.4s, v21.4s */ \
	WORD $0x4e21dad6 /* SCVTF v22.4s, v22.4s */ \
	WORD $0x4e21daf7 /* SCVTF v23.4s, v23.4s */ \
	WORD $0x6e21de10 /* FMUL v16.4s, v16.4s, v1.4s; times d */ \
	WORD $0x6e21de31 /* FMUL v17.4s, v17.4s, v1.4s */ \
	WORD $0x6e21de52 /* FMUL v18.4s, v18.4s, v1.4s */ \
	WORD $0x6e21de73 /* FMUL v19.4s, v19.4s, v1.4s */ \
	WORD $0x6e21de94 /* FMUL v20.4s, v20.4s, v1.4s */ \
	WORD $0x6e21deb5 /* FMUL v21.4s, v21.4s, v1.4s */ \
	WORD $0x6e21ded6 /* FMUL v22.4s, v22.4s, v1.4s */ \
	WORD $0x6e21def7 /* FMUL v23.4s, v23.4s, v1.4s */ \
	VST1.P [V16.S4, V17.S4, V18.S4, V19.S4], 64(R0) \
	VST1.P [V20.S4, V21.S4, V22.S4, V23.S4], 64(R0)

// func dequantQ8_0NEON(dst *float32, src *byte, nblocks int)
// q8_0: y = q·d for 32 int8 levels after an fp16 d.
TEXT ·dequantQ8_0NEON(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2

loop:
	MOVHU.P 2(R1), R3              // fp16 d
	FMOVS   R3, F0
	WORD    $0x1ee24000               // FCVT s0, h0: d as float32
	VDUP    V0.S[0], V1.S4         // in every lane
	VLD1.P  32(R1), [V2.B16, V3.B16] // the 32 levels
	EXPAND32
	SUBS    $1, R2, R2
	BNE     loop
	RET

// func dequantQ4_0NEON(dst *float32, src *byte, nblocks int)
// q4_0: y = (q − 8)·d for 32 nibbles (levels j and j+16 share byte j)
// after an fp16 d.
TEXT ·dequantQ4_0NEON(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R4
	VDUP R4, V30.B16               // nibble mask
	MOVW $8, R4
	VDUP R4, V29.B16               // the level offset

loop:
	MOVHU.P 2(R1), R3              // fp16 d
	FMOVS   R3, F0
	WORD    $0x1ee24000               // FCVT s0, h0: d as float32
	VDUP    V0.S[0], V1.S4
	VLD1.P  16(R1), [V3.B16]       // 16 bytes of nibbles
	VAND    V30.B16, V3.B16, V2.B16 // levels 0–15
	VUSHR   $4, V3.B16, V3.B16     // levels 16–31
	VSUB    V29.B16, V2.B16, V2.B16 // minus 8: signed bytes
	VSUB    V29.B16, V3.B16, V3.B16
	EXPAND32
	SUBS    $1, R2, R2
	BNE     loop
	RET
