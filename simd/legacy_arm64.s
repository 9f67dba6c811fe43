//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// The q8_0 and legacy (q4_0, q4_1, q5_0, q5_1) quantizers on NEON. The
// instructions Go's assembler lacks are WORD-encoded; each line names the
// instruction it encodes.

// SCALE8 multiplies the block's 32 values (V0–V7) by id (every lane of V20).
#define SCALE8 \
	WORD $0x6e34dc00 /* FMUL v0.4s, v0.4s, v20.4s; x·id */ \
	WORD $0x6e34dc21 /* FMUL v1.4s, v1.4s, v20.4s */ \
	WORD $0x6e34dc42 /* FMUL v2.4s, v2.4s, v20.4s */ \
	WORD $0x6e34dc63 /* FMUL v3.4s, v3.4s, v20.4s */ \
	WORD $0x6e34dc84 /* FMUL v4.4s, v4.4s, v20.4s */ \
	WORD $0x6e34dca5 /* FMUL v5.4s, v5.4s, v20.4s */ \
	WORD $0x6e34dcc6 /* FMUL v6.4s, v6.4s, v20.4s */ \
	WORD $0x6e34dce7 /* FMUL v7.4s, v7.4s, v20.4s */ \
	// (end of SCALE8)

// TRUNC8 converts V0–V7 to int32 toward zero (FCVTZS, saturating) and turns
// the lanes saturated high (equal to V27, 0x7fffffff) into 0, the low byte
// x86's 0x80000000 has. Uses V16–V23.
#define TRUNC8 \
	WORD $0x4ea1b800 /* FCVTZS v0.4s, v0.4s; truncate, saturating */ \
	WORD $0x4ea1b821 /* FCVTZS v1.4s, v1.4s */ \
	WORD $0x4ea1b842 /* FCVTZS v2.4s, v2.4s */ \
	WORD $0x4ea1b863 /* FCVTZS v3.4s, v3.4s */ \
	WORD $0x4ea1b884 /* FCVTZS v4.4s, v4.4s */ \
	WORD $0x4ea1b8a5 /* FCVTZS v5.4s, v5.4s */ \
	WORD $0x4ea1b8c6 /* FCVTZS v6.4s, v6.4s */ \
	WORD $0x4ea1b8e7 /* FCVTZS v7.4s, v7.4s */ \
	WORD $0x6ebb8c10 /* CMEQ v16.4s, v0.4s, v27.4s; saturated high … */ \
	WORD $0x6ebb8c31 /* CMEQ v17.4s, v1.4s, v27.4s */ \
	WORD $0x6ebb8c52 /* CMEQ v18.4s, v2.4s, v27.4s */ \
	WORD $0x6ebb8c73 /* CMEQ v19.4s, v3.4s, v27.4s */ \
	WORD $0x6ebb8c94 /* CMEQ v20.4s, v4.4s, v27.4s */ \
	WORD $0x6ebb8cb5 /* CMEQ v21.4s, v5.4s, v27.4s */ \
	WORD $0x6ebb8cd6 /* CMEQ v22.4s, v6.4s, v27.4s */ \
	WORD $0x6ebb8cf7 /* CMEQ v23.4s, v7.4s, v27.4s */ \
	WORD $0x4e701c00 /* BIC v0.16b, v0.16b, v16.16b; … has low byte 0 on x86 */ \
	WORD $0x4e711c21 /* BIC v1.16b, v1.16b, v17.16b */ \
	WORD $0x4e721c42 /* BIC v2.16b, v2.16b, v18.16b */ \
	WORD $0x4e731c63 /* BIC v3.16b, v3.16b, v19.16b */ \
	WORD $0x4e741c84 /* BIC v4.16b, v4.16b, v20.16b */ \
	WORD $0x4e751ca5 /* BIC v5.16b, v5.16b, v21.16b */ \
	WORD $0x4e761cc6 /* BIC v6.16b, v6.16b, v22.16b */ \
	WORD $0x4e771ce7 /* BIC v7.16b, v7.16b, v23.16b */ \
	// (end of TRUNC8)

// LOWBYTES32 packs the low bytes of the 32 int32 in V0–V7 into V21 (levels
// 0–15) and V22 (16–31). Uses V16–V19.
#define LOWBYTES32 \
	WORD $0x0e612810 /* XTN v16.4h, v0.4s; low halves of levels 0–7 */ \
	WORD $0x4e612830 /* XTN2 v16.8h, v1.4s */ \
	WORD $0x0e612851 /* XTN v17.4h, v2.4s; 8–15 */ \
	WORD $0x4e612871 /* XTN2 v17.8h, v3.4s */ \
	WORD $0x0e612892 /* XTN v18.4h, v4.4s; 16–23 */ \
	WORD $0x4e6128b2 /* XTN2 v18.8h, v5.4s */ \
	WORD $0x0e6128d3 /* XTN v19.4h, v6.4s; 24–31 */ \
	WORD $0x4e6128f3 /* XTN2 v19.8h, v7.4s */ \
	WORD $0x0e212a15 /* XTN v21.8b, v16.8h; low bytes of levels 0–15 */ \
	WORD $0x4e212a35 /* XTN2 v21.16b, v17.8h */ \
	WORD $0x0e212a56 /* XTN v22.8b, v18.8h; 16–31 */ \
	WORD $0x4e212a76 /* XTN2 v22.16b, v19.8h */ \
	// (end of LOWBYTES32)

// func quantizeQ8_0Block(dst *byte, src *float32, nblocks, ahead int)
// quantizeQ8_0Generic, bit for bit: amax by FMAX (exact in any order),
// d = amax/127 rounded to fp16 by FCVT (nearest even), levels by FRINTA
// (half away from zero, as roundf) and FCVTZS with x86's out-of-range byte;
// each block prefetches the one ahead bytes on.
TEXT ·quantizeQ8_0Block(SB), NOSPLIT, $0-32
	MOVD  dst+0(FP), R0
	MOVD  src+8(FP), R1
	MOVD  nblocks+16(FP), R2
	MOVD  ahead+24(FP), R9
	MOVW  $0x42fe0000, R4
	FMOVS R4, F30                   // 127.0
	MOVW  $0x3f800000, R4
	FMOVS R4, F29                   // 1.0
	MOVW  $0x7fffffff, R4
	VDUP  R4, V27.S4                // what FCVTZS saturates to

q8loop:
	ADD    R9, R1, R12
	PRFM   (R12), PLDL1KEEP
	PRFM   64(R12), PLDL1KEEP
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4] // the block's 32 values
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD $0x4ea0f810 // FABS v16.4s, v0.4s; |x|
	WORD $0x4ea0f831 // FABS v17.4s, v1.4s
	WORD $0x4ea0f852 // FABS v18.4s, v2.4s
	WORD $0x4ea0f873 // FABS v19.4s, v3.4s
	WORD $0x4ea0f894 // FABS v20.4s, v4.4s
	WORD $0x4ea0f8b5 // FABS v21.4s, v5.4s
	WORD $0x4ea0f8d6 // FABS v22.4s, v6.4s
	WORD $0x4ea0f8f7 // FABS v23.4s, v7.4s
	WORD $0x4e31f610 // FMAX v16.4s, v16.4s, v17.4s; pairwise maxima …
	WORD $0x4e33f652 // FMAX v18.4s, v18.4s, v19.4s
	WORD $0x4e35f694 // FMAX v20.4s, v20.4s, v21.4s
	WORD $0x4e37f6d6 // FMAX v22.4s, v22.4s, v23.4s
	WORD $0x4e32f610 // FMAX v16.4s, v16.4s, v18.4s
	WORD $0x4e36f694 // FMAX v20.4s, v20.4s, v22.4s
	WORD $0x4e34f610 // FMAX v16.4s, v16.4s, v20.4s
	WORD $0x6e30fa10 // FMAXV s16, v16.4s; … amax
	FDIVS  F30, F16, F17            // d = amax/127
	WORD $0x1e23c232 // FCVT h18, s17; fp16(d), to nearest even
	FMOVS  F18, R5
	MOVH.P R5, 2(R0)                // the scale
	VEOR   V19.B16, V19.B16, V19.B16 // id = 0 …
	FCMPS  $(0.0), F17
	BEQ    q8scaled
	FDIVS  F17, F29, F19            // … or 1/d

q8scaled:
	VDUP   V19.S[0], V20.S4
	SCALE8
	WORD $0x6e218800 // FRINTA v0.4s, v0.4s; roundf
	WORD $0x6e218821 // FRINTA v1.4s, v1.4s
	WORD $0x6e218842 // FRINTA v2.4s, v2.4s
	WORD $0x6e218863 // FRINTA v3.4s, v3.4s
	WORD $0x6e218884 // FRINTA v4.4s, v4.4s
	WORD $0x6e2188a5 // FRINTA v5.4s, v5.4s
	WORD $0x6e2188c6 // FRINTA v6.4s, v6.4s
	WORD $0x6e2188e7 // FRINTA v7.4s, v7.4s
	TRUNC8
	LOWBYTES32
	VST1.P [V21.B16, V22.B16], 32(R0)
	SUBS   $1, R2, R2
	BNE    q8loop
	RET



// func legacyBlock(dst *byte, src *float32, nblocks int, t *legacyType)
//
// legacyGeneric for q4_0, q4_1, q5_0 and q5_1 (legacy_amd64.s does the
// same on x86; see legacy.go for the rules): the scale from the first
// value of largest magnitude, or from the block's minimum and maximum
// (the first of equals, which matters only for ±0), fp16 by FCVT (nearest
// even), levels min(clamp, int8(trunc((x − min)·id + bias))) with FCVTZS's
// high saturation turned into x86's 0x80000000, then ggml's packing: the
// 32-bit mask of the levels' bit 4 for the 5-bit types, and nibbles.
TEXT ·legacyBlock(SB), NOSPLIT, $0-32
	MOVD  dst+0(FP), R0
	MOVD  src+8(FP), R1
	MOVD  nblocks+16(FP), R2
	MOVD  t+24(FP), R3
	MOVBU 0(R3), R6                 // affine
	MOVBU 1(R3), R7                 // five
	FMOVS 4(R3), F30                // nmax (the divisor)
	MOVWU 8(R3), R4
	VDUP  R4, V26.S4                // bias
	MOVW  12(R3), R4
	MOVW  $127, R5
	CMPW  R5, R4
	CSELW LT, R4, R5, R4            // clamp, as a byte: 127 (none) for q5_1's 255
	VDUP  R4, V25.B16
	MOVD  16(R3), R10               // block bytes
	MOVD  24(R3), R9                // how far ahead to prefetch
	MOVW  $0x3f800000, R4
	FMOVS R4, F29                   // 1.0
	MOVW  $0x7fffffff, R4
	VDUP  R4, V27.S4                // what FCVTZS saturates to
	MOVD  $0x0706050403020100, R4
	VMOV  R4, V24.D[0]
	VMOV  R4, V24.D[1]              // shift of level j's bit 4 within its qh byte: j mod 8
	MOVW  $1, R4
	VDUP  R4, V31.B16               // 1 in every byte

legblock:
	ADD   R9, R1, R12
	PRFM  (R12), PLDL1KEEP          // the block t.ahead bytes on
	PRFM  64(R12), PLDL1KEEP
	VLD1  (R1), [V0.S4, V1.S4, V2.S4, V3.S4] // the block's 32 values
	ADD   $64, R1, R5
	VLD1  (R5), [V4.S4, V5.S4, V6.S4, V7.S4]
	MOVD  R0, R11                   // where the block's fields go
	WORD $0x4e21f410 // FMAX v16.4s, v0.4s, v1.4s; max of the block …
	WORD $0x4e23f451 // FMAX v17.4s, v2.4s, v3.4s
	WORD $0x4e25f492 // FMAX v18.4s, v4.4s, v5.4s
	WORD $0x4e27f4d3 // FMAX v19.4s, v6.4s, v7.4s
	WORD $0x4e31f610 // FMAX v16.4s, v16.4s, v17.4s
	WORD $0x4e33f652 // FMAX v18.4s, v18.4s, v19.4s
	WORD $0x4e32f610 // FMAX v16.4s, v16.4s, v18.4s
	WORD $0x6e30fa10 // FMAXV s16, v16.4s; …
	WORD $0x4ea1f414 // FMIN v20.4s, v0.4s, v1.4s; min of the block …
	WORD $0x4ea3f455 // FMIN v21.4s, v2.4s, v3.4s
	WORD $0x4ea5f496 // FMIN v22.4s, v4.4s, v5.4s
	WORD $0x4ea7f4d3 // FMIN v19.4s, v6.4s, v7.4s
	WORD $0x4eb5f694 // FMIN v20.4s, v20.4s, v21.4s
	WORD $0x4eb3f6d6 // FMIN v22.4s, v22.4s, v19.4s
	WORD $0x4eb6f694 // FMIN v20.4s, v20.4s, v22.4s
	WORD $0x6eb0fa94 // FMINV s20, v20.4s; …
	CBNZ  R6, legaffine

	FNEGS  F20, F21                 // −min
	FCMPS  F21, F16                 // max against −min
	BGT    legpositive              // max wins: v = max
	BLT    legnegative              // −min wins: v = min
	VEOR   V17.B16, V17.B16, V17.B16 // a tie: all zeros (v = +0, even for −0s) …
	FCMPS  $(0.0), F16
	BEQ    legsym
	MOVD   R1, R5                   // … or ±a: the first x with |x| = a
legfirstabs:
	FMOVS.P 4(R5), F18
	FABSS  F18, F19
	FCMPS  F16, F19
	BNE    legfirstabs
	FMOVS  F18, F17
	B      legsym
legpositive:
	FMOVS  F16, F17
	B      legsym
legnegative:
	FMOVS  F20, F17
legsym:
	FDIVS  F30, F17, F17            // d = v/nmax
	VEOR   V28.B16, V28.B16, V28.B16 // no minimum
	B      legscale

legaffine:
	FCMPS  $(0.0), F20
	BNE    legmax                   // a zero min may be ±0: take the first, as ggml
	MOVD   R1, R5
legfirstmin:
	FMOVS.P 4(R5), F20
	FCMPS  $(0.0), F20
	BNE    legfirstmin
legmax:
	FCMPS  $(0.0), F16
	BNE    legaffscale              // likewise for a zero max
	MOVD   R1, R5
legfirstmax:
	FMOVS.P 4(R5), F16
	FCMPS  $(0.0), F16
	BNE    legfirstmax
legaffscale:
	FSUBS  F20, F16, F17            // max − min
	FDIVS  F30, F17, F17            // d
	WORD $0x1e23c292 // FCVT h18, s20; fp16(min)
	FMOVS  F18, R5
	MOVH   R5, 2(R11)
	ADD    $2, R11, R11
	VDUP   V20.S[0], V28.S4         // the minimum in every lane

legscale:
	WORD $0x1e23c232 // FCVT h18, s17; fp16(d), to nearest even
	FMOVS  F18, R5
	MOVH   R5, (R0)
	ADD    $2, R11, R11
	VEOR   V19.B16, V19.B16, V19.B16 // id = 0 …
	FCMPS  $(0.0), F17
	BEQ    leglevels
	FDIVS  F17, F29, F19            // … or 1/d

leglevels:
	VDUP   V19.S[0], V20.S4
	WORD $0x4ebcd400 // FSUB v0.4s, v0.4s, v28.4s; x − min
	WORD $0x4ebcd421 // FSUB v1.4s, v1.4s, v28.4s
	WORD $0x4ebcd442 // FSUB v2.4s, v2.4s, v28.4s
	WORD $0x4ebcd463 // FSUB v3.4s, v3.4s, v28.4s
	WORD $0x4ebcd484 // FSUB v4.4s, v4.4s, v28.4s
	WORD $0x4ebcd4a5 // FSUB v5.4s, v5.4s, v28.4s
	WORD $0x4ebcd4c6 // FSUB v6.4s, v6.4s, v28.4s
	WORD $0x4ebcd4e7 // FSUB v7.4s, v7.4s, v28.4s
	SCALE8
	WORD $0x4e3ad400 // FADD v0.4s, v0.4s, v26.4s; + bias
	WORD $0x4e3ad421 // FADD v1.4s, v1.4s, v26.4s
	WORD $0x4e3ad442 // FADD v2.4s, v2.4s, v26.4s
	WORD $0x4e3ad463 // FADD v3.4s, v3.4s, v26.4s
	WORD $0x4e3ad484 // FADD v4.4s, v4.4s, v26.4s
	WORD $0x4e3ad4a5 // FADD v5.4s, v5.4s, v26.4s
	WORD $0x4e3ad4c6 // FADD v6.4s, v6.4s, v26.4s
	WORD $0x4e3ad4e7 // FADD v7.4s, v7.4s, v26.4s
	TRUNC8
	LOWBYTES32
	WORD $0x4e396eb5 // SMIN v21.16b, v21.16b, v25.16b; min(clamp, int8 level)
	WORD $0x4e396ed6 // SMIN v22.16b, v22.16b, v25.16b
	CBZ    R7, legnibbles
	WORD $0x6f0c06b0 // USHR v16.16b, v21.16b, #4; bit 4 of levels 0–15 …
	WORD $0x6f0c06d1 // USHR v17.16b, v22.16b, #4; … and 16–31
	WORD $0x4e3f1e10 // AND v16.16b, v16.16b, v31.16b
	WORD $0x4e3f1e31 // AND v17.16b, v17.16b, v31.16b
	WORD $0x6e384610 // USHL v16.16b, v16.16b, v24.16b; to bit j mod 8
	WORD $0x6e384631 // USHL v17.16b, v17.16b, v24.16b
	WORD $0x4e31be10 // ADDP v16.16b, v16.16b, v17.16b; gathered: sums of distinct bits
	WORD $0x4e30be10 // ADDP v16.16b, v16.16b, v16.16b
	WORD $0x4e30be10 // ADDP v16.16b, v16.16b, v16.16b; qh in bytes 0–3
	FMOVS  F16, R5
	MOVW   R5, (R11)
	ADD    $4, R11, R11
	MOVW   $0x0f, R5
	VDUP   R5, V18.B16
	VAND   V18.B16, V21.B16, V21.B16 // 5-bit levels keep only their low nibble below

legnibbles:
	VSHL   $4, V22.B16, V22.B16     // levels 16–31 in the high nibbles
	VORR   V22.B16, V21.B16, V21.B16
	VST1   [V21.B16], (R11)
	ADD    $128, R1, R1
	ADD    R10, R0, R0
	SUBS   $1, R2, R2
	BNE    legblock
	RET
