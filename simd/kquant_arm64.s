//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// q2_K … q6_K on NEON; as in dequant_arm64.s, WORD-encoded instructions name what
// they encode, and every product and difference is one IEEE operation in
// Generic's order.

// K4EXPAND turns the 32 levels (bytes 0–15 in V6, 16–31 in V7) into
// float32 (dl·q) − ml with dl in every lane of V28, ml of V29, and
// stores them at R0, advancing it.
#define K4EXPAND \
	WORD $0x2f08a4ca /* UXTL v10.8h, v6.8b; levels 0–7 to 16 bits */ \
	WORD $0x6f08a4cb /* UXTL2 v11.8h, v6.16b; 8–15 */ \
	WORD $0x2f08a4ec /* UXTL v12.8h, v7.8b; 16–23 */ \
	WORD $0x6f08a4ed /* UXTL2 v13.8h, v7.16b; 24–31 */ \
	WORD $0x2f10a554 /* UXTL v20.4s, v10.4h; to 32 bits */ \
	WORD $0x6f10a555 /* UXTL2 v21.4s, v10.8h */ \
	WORD $0x2f10a576 /* UXTL v22.4s, v11.4h */ \
	WORD $0x6f10a577 /* UXTL2 v23.4s, v11.8h */ \
	WORD $0x2f10a598 /* UXTL v24.4s, v12.4h */ \
	WORD $0x6f10a599 /* UXTL2 v25.4s, v12.8h */ \
	WORD $0x2f10a5ba /* UXTL v26.4s, v13.4h */ \
	WORD $0x6f10a5bb /* UXTL2 v27.4s, v13.8h */ \
	WORD $0x6e21da94 /* UCVTF v20.4s, v20.4s; to float */ \
	WORD $0x6e21dab5 /* UCVTF v21.4s, v21.4s */ \
	WORD $0x6e21dad6 /* UCVTF v22.4s, v22.4s */ \
	WORD $0x6e21daf7 /* UCVTF v23.4s, v23.4s */ \
	WORD $0x6e21db18 /* UCVTF v24.4s, v24.4s */ \
	WORD $0x6e21db39 /* UCVTF v25.4s, v25.4s */ \
	WORD $0x6e21db5a /* UCVTF v26.4s, v26.4s */ \
	WORD $0x6e21db7b /* UCVTF v27.4s, v27.4s */ \
	WORD $0x6e3cde94 /* FMUL v20.4s, v20.4s, v28.4s; dl·q */ \
	WORD $0x6e3cdeb5 /* FMUL v21.4s, v21.4s, v28.4s */ \
	WORD $0x6e3cded6 /* FMUL v22.4s, v22.4s, v28.4s */ \
	WORD $0x6e3cdef7 /* FMUL v23.4s, v23.4s, v28.4s */ \
	WORD $0x6e3cdf18 /* FMUL v24.4s, v24.4s, v28.4s */ \
	WORD $0x6e3cdf39 /* FMUL v25.4s, v25.4s, v28.4s */ \
	WORD $0x6e3cdf5a /* FMUL v26.4s, v26.4s, v28.4s */ \
	WORD $0x6e3cdf7b /* FMUL v27.4s, v27.4s, v28.4s */ \
	WORD $0x4ebdd694 /* FSUB v20.4s, v20.4s, v29.4s; − ml */ \
	WORD $0x4ebdd6b5 /* FSUB v21.4s, v21.4s, v29.4s */ \
	WORD $0x4ebdd6d6 /* FSUB v22.4s, v22.4s, v29.4s */ \
	WORD $0x4ebdd6f7 /* FSUB v23.4s, v23.4s, v29.4s */ \
	WORD $0x4ebdd718 /* FSUB v24.4s, v24.4s, v29.4s */ \
	WORD $0x4ebdd739 /* FSUB v25.4s, v25.4s, v29.4s */ \
	WORD $0x4ebdd75a /* FSUB v26.4s, v26.4s, v29.4s */ \
	WORD $0x4ebdd77b /* FSUB v27.4s, v27.4s, v29.4s */ \
	VST1.P [V20.S4, V21.S4, V22.S4, V23.S4], 64(R0) \
	VST1.P [V24.S4, V25.S4, V26.S4, V27.S4], 64(R0)

// Q6EXPAND turns 16 signed levels in V10 into float32 times ds (every lane
// of V28) and stores them at R7.
#define Q6EXPAND \
	WORD $0x0f08a54b /* SXTL v11.8h, v10.8b; levels 0–7 to 16 bits */ \
	WORD $0x4f08a54c /* SXTL2 v12.8h, v10.16b; 8–15 */ \
	WORD $0x0f10a574 /* SXTL v20.4s, v11.4h; to 32 bits */ \
	WORD $0x4f10a575 /* SXTL2 v21.4s, v11.8h */ \
	WORD $0x0f10a596 /* SXTL v22.4s, v12.4h */ \
	WORD $0x4f10a597 /* SXTL2 v23.4s, v12.8h */ \
	WORD $0x4e21da94 /* SCVTF v20.4s, v20.4s; to float */ \
	WORD $0x4e21dab5 /* SCVTF v21.4s, v21.4s */ \
	WORD $0x4e21dad6 /* SCVTF v22.4s, v22.4s */ \
	WORD $0x4e21daf7 /* SCVTF v23.4s, v23.4s */ \
	WORD $0x6e3cde94 /* FMUL v20.4s, v20.4s, v28.4s; (d·sc)·q */ \
	WORD $0x6e3cdeb5 /* FMUL v21.4s, v21.4s, v28.4s */ \
	WORD $0x6e3cded6 /* FMUL v22.4s, v22.4s, v28.4s */ \
	WORD $0x6e3cdef7 /* FMUL v23.4s, v23.4s, v28.4s */ \
	VST1 [V20.S4, V21.S4, V22.S4, V23.S4], (R7)

// EXPAND16U turns the 16 unsigned levels in V10 into float32 (dl·q) − ml
// with dl in every lane of V28, ml of V29, and stores them at R0,
// advancing it. Uses V11, V12, V24–V27.
#define EXPAND16U \
	WORD $0x2f08a54b /* UXTL v11.8h, v10.8b; levels 0–7 to 16 bits */ \
	WORD $0x6f08a54c /* UXTL2 v12.8h, v10.16b; 8–15 */ \
	WORD $0x2f10a578 /* UXTL v24.4s, v11.4h; to 32 bits */ \
	WORD $0x6f10a579 /* UXTL2 v25.4s, v11.8h */ \
	WORD $0x2f10a59a /* UXTL v26.4s, v12.4h */ \
	WORD $0x6f10a59b /* UXTL2 v27.4s, v12.8h */ \
	WORD $0x6e21db18 /* UCVTF v24.4s, v24.4s; to float */ \
	WORD $0x6e21db39 /* UCVTF v25.4s, v25.4s */ \
	WORD $0x6e21db5a /* UCVTF v26.4s, v26.4s */ \
	WORD $0x6e21db7b /* UCVTF v27.4s, v27.4s */ \
	WORD $0x6e3cdf18 /* FMUL v24.4s, v24.4s, v28.4s; dl·q */ \
	WORD $0x6e3cdf39 /* FMUL v25.4s, v25.4s, v28.4s */ \
	WORD $0x6e3cdf5a /* FMUL v26.4s, v26.4s, v28.4s */ \
	WORD $0x6e3cdf7b /* FMUL v27.4s, v27.4s, v28.4s */ \
	WORD $0x4ebdd718 /* FSUB v24.4s, v24.4s, v29.4s; − ml */ \
	WORD $0x4ebdd739 /* FSUB v25.4s, v25.4s, v29.4s */ \
	WORD $0x4ebdd75a /* FSUB v26.4s, v26.4s, v29.4s */ \
	WORD $0x4ebdd77b /* FSUB v27.4s, v27.4s, v29.4s */ \
	VST1.P [V24.S4, V25.S4, V26.S4, V27.S4], 64(R0)

// EXPAND16S turns the 16 signed levels in V10 into float32 dl·q (dl in
// every lane of V28) and stores them at R0, advancing it.
#define EXPAND16S \
	WORD $0x0f08a54b /* SXTL v11.8h, v10.8b; levels 0–7 to 16 bits */ \
	WORD $0x4f08a54c /* SXTL2 v12.8h, v10.16b; 8–15 */ \
	WORD $0x0f10a578 /* SXTL v24.4s, v11.4h; to 32 bits */ \
	WORD $0x4f10a579 /* SXTL2 v25.4s, v11.8h */ \
	WORD $0x0f10a59a /* SXTL v26.4s, v12.4h */ \
	WORD $0x4f10a59b /* SXTL2 v27.4s, v12.8h */ \
	WORD $0x4e21db18 /* SCVTF v24.4s, v24.4s; to float */ \
	WORD $0x4e21db39 /* SCVTF v25.4s, v25.4s */ \
	WORD $0x4e21db5a /* SCVTF v26.4s, v26.4s */ \
	WORD $0x4e21db7b /* SCVTF v27.4s, v27.4s */ \
	WORD $0x6e3cdf18 /* FMUL v24.4s, v24.4s, v28.4s; dl·q */ \
	WORD $0x6e3cdf39 /* FMUL v25.4s, v25.4s, v28.4s */ \
	WORD $0x6e3cdf5a /* FMUL v26.4s, v26.4s, v28.4s */ \
	WORD $0x6e3cdf7b /* FMUL v27.4s, v27.4s, v28.4s */ \
	VST1.P [V24.S4, V25.S4, V26.S4, V27.S4], 64(R0)


// Q6LEVELS finishes 16 q6_K levels: the two high bits in V11 go above the
// nibble in V10, 32 comes off, and they are scaled by lane LANE of VS and
// stored at OFF(R0).
#define Q6LEVELS(VS, LANE, OFF) \
	VSHL   $4, V11.B16, V11.B16       \
	VORR   V11.B16, V10.B16, V10.B16  \
	VSUB   V29.B16, V10.B16, V10.B16  \
	VDUP   VS.S[LANE], V28.S4         \
	ADD    $OFF, R0, R7               \
	Q6EXPAND

// Q2LEVELS finishes 16 q2_K levels: the two bits at the bottom of VSRC,
// scaled by lane LANE of VD and less lane LANE of VM, stored at R0.
#define Q2LEVELS(VSRC, VD, VM, LANE) \
	VAND   V30.B16, VSRC.B16, V10.B16 \
	VDUP   VD.S[LANE], V28.S4         \
	VDUP   VM.S[LANE], V29.S4         \
	EXPAND16U

// Q2PAIR finishes two q2_K groups, lanes LA and LB of VD/VM, from the
// bottom bits of V4 and V5, then moves the next groups' bits down.
#define Q2PAIR(VD, VM, LA, LB) \
	Q2LEVELS(V4, VD, VM, LA)   \
	Q2LEVELS(V5, VD, VM, LB)   \
	VUSHR  $2, V4.B16, V4.B16  \
	VUSHR  $2, V5.B16, V5.B16

// Q3LEVELS finishes 16 q3_K levels: the two low bits at the bottom of
// VLO, the high bit at the bottom of VHI as 4, minus 4, scaled by lane
// LANE of VD, stored at R0.
#define Q3LEVELS(VLO, VHI, VD, LANE) \
	VAND   V30.B16, VLO.B16, V10.B16  \
	VAND   V29.B16, VHI.B16, V8.B16   \
	VSHL   $2, V8.B16, V8.B16         \
	VORR   V8.B16, V10.B16, V10.B16   \
	VSUB   V15.B16, V10.B16, V10.B16  \
	VDUP   VD.S[LANE], V28.S4         \
	EXPAND16S

// Q3PAIR finishes two q3_K groups, lanes LA and LB of VD: low bits from V4
// and V5, high bits from V6 and V7, then moves the next groups' bits down.
#define Q3PAIR(VD, LA, LB) \
	Q3LEVELS(V4, V6, VD, LA)   \
	Q3LEVELS(V5, V7, VD, LB)   \
	VUSHR  $2, V4.B16, V4.B16  \
	VUSHR  $2, V5.B16, V5.B16  \
	VUSHR  $1, V6.B16, V6.B16  \
	VUSHR  $1, V7.B16, V7.B16

// LOWNIBBLES and HIGHNIBBLES take the low or the high nibbles of the 32
// bytes in V4 and V5 into V6 and V7.
#define LOWNIBBLES \
	VAND   V31.B16, V4.B16, V6.B16 \
	VAND   V31.B16, V5.B16, V7.B16

#define HIGHNIBBLES \
	VUSHR  $4, V4.B16, V6.B16 \
	VUSHR  $4, V5.B16, V7.B16

// K4GROUP finishes one q4_K/q5_K group of 32 levels in V6 and V7: scaled
// by lane LANE of VD, less lane LANE of VM.
#define K4GROUP(VD, VM, LANE) \
	VDUP   VD.S[LANE], V28.S4 \
	VDUP   VM.S[LANE], V29.S4 \
	K4EXPAND

// K4PAIR loads the next 32 bytes of nibbles and finishes the two groups
// they hold (low nibbles: lane LA of VD/VM, high: lane LB), HIGH adding
// bit 4 (Q5HIGH for q5_K, NOHIGH for q4_K).
#define K4PAIR(HIGH, VD, VM, LA, LB) \
	VLD1.P 32(R1), [V4.B16, V5.B16] \
	LOWNIBBLES                      \
	HIGH                            \
	K4GROUP(VD, VM, LA)             \
	HIGHNIBBLES                     \
	HIGH                            \
	K4GROUP(VD, VM, LB)

#define NOHIGH

// Q5HIGH puts bit 4 above the nibbles in V6 and V7: the bottom bits of V8
// (values 0–15) and V9 (16–31), which then move down for the next group.
#define Q5HIGH \
	VAND   V30.B16, V8.B16, V10.B16 \
	VSHL   $4, V10.B16, V10.B16     \
	VORR   V10.B16, V6.B16, V6.B16  \
	VAND   V30.B16, V9.B16, V10.B16 \
	VSHL   $4, V10.B16, V10.B16     \
	VORR   V10.B16, V7.B16, V7.B16  \
	VUSHR  $1, V8.B16, V8.B16       \
	VUSHR  $1, V9.B16, V9.B16

// Q6QUARTER finishes 64 q6_K levels: nibbles from ql at QL and QL + 32,
// bit pairs from qh at QH, scales LA and LB of V16 and V17, stored from
// OUT(R0) on in four runs of 16 spaced 32 apart.
#define Q6QUARTER(QL, QH, LA, LB, OUT) \
	ADD    $(QL), R1, R3              \
	VLD1   (R3), [V4.B16]             \
	ADD    $(QL+32), R1, R3           \
	VLD1   (R3), [V5.B16]             \
	ADD    $(QH), R1, R3              \
	VLD1   (R3), [V6.B16]             \
	VAND   V31.B16, V4.B16, V10.B16   \
	VAND   V30.B16, V6.B16, V11.B16   \
	Q6LEVELS(V16, LA, (OUT))          \
	VAND   V31.B16, V5.B16, V10.B16   \
	VUSHR  $2, V6.B16, V11.B16        \
	VAND   V30.B16, V11.B16, V11.B16  \
	Q6LEVELS(V16, LB, (OUT+128))      \
	VUSHR  $4, V4.B16, V10.B16        \
	VUSHR  $4, V6.B16, V11.B16        \
	VAND   V30.B16, V11.B16, V11.B16  \
	Q6LEVELS(V17, LA, (OUT+256))      \
	VUSHR  $4, V5.B16, V10.B16        \
	VUSHR  $6, V6.B16, V11.B16        \
	Q6LEVELS(V17, LB, (OUT+384))

// Q6SCALES loads the 8 int8 scales of a q6_K half at OFF(R1) as
// ds = d·sc (d in every lane of V0): scales 0–3 in V16, 4–7 in V17.
#define Q6SCALES(OFF) \
	ADD    $(OFF), R1, R3 \
	VLD1   (R3), [V2.B8]  \
	WORD $0x0f08a442 /* SXTL v2.8h, v2.8b */ \
	WORD $0x0f10a450 /* SXTL v16.4s, v2.4h */ \
	WORD $0x4f10a451 /* SXTL2 v17.4s, v2.8h */ \
	WORD $0x4e21da10 /* SCVTF v16.4s, v16.4s */ \
	WORD $0x4e21da31 /* SCVTF v17.4s, v17.4s */ \
	WORD $0x6e20de10 /* FMUL v16.4s, v16.4s, v0.4s; ds, scales 0–3 */ \
	WORD $0x6e20de31 /* FMUL v17.4s, v17.4s, v0.4s; 4–7 */

// K4SCALES loads a q4_K/q5_K super-block's d and dmin and unpacks its
// 8 6-bit scales and minimums (get_scale_min_k4 for all j at once, bytewise
// in 32-bit registers): dl = d·sc in V16 (groups 0–3) and V17 (4–7),
// ml = dmin·m in V18 and V19.
#define K4SCALES \
	MOVHU  (R1), R3 /* fp16 d */ \
	FMOVS  R3, F0 \
	WORD $0x1ee24000 /* FCVT s0, h0; d */ \
	MOVHU  2(R1), R3 /* fp16 dmin */ \
	FMOVS  R3, F1 \
	WORD $0x1ee24021 /* FCVT s1, h1; dmin */ \
	MOVWU  4(R1), R3 /* scale bytes 0–3 */ \
	MOVWU  8(R1), R4 /* 4–7 */ \
	MOVWU  12(R1), R5 /* 8–11 */ \
	AND    $0x3f3f3f3f, R3, R6 /* sc 0–3 */ \
	AND    $0x0f0f0f0f, R5, R7 \
	LSR    $2, R3, R8 \
	AND    $0x30303030, R8, R8 \
	ORR    R8, R7, R7 /* sc 4–7: low 4 bits from bytes 8–11, high 2 from 0–3 */ \
	ORR    R7<<32, R6, R6 \
	FMOVD  R6, F2 /* the 8 scales as bytes */ \
	AND    $0x3f3f3f3f, R4, R6 /* m 0–3 */ \
	LSR    $4, R5, R7 \
	AND    $0x0f0f0f0f, R7, R7 \
	LSR    $2, R4, R8 \
	AND    $0x30303030, R8, R8 \
	ORR    R8, R7, R7 /* m 4–7 */ \
	ORR    R7<<32, R6, R6 \
	FMOVD  R6, F3 /* the 8 minimums */ \
	WORD $0x2f08a442 /* UXTL v2.8h, v2.8b; scales to 16 bits */ \
	WORD $0x2f08a463 /* UXTL v3.8h, v3.8b; minimums */ \
	WORD $0x2f10a450 /* UXTL v16.4s, v2.4h; scales 0–3 to 32 bits */ \
	WORD $0x6f10a451 /* UXTL2 v17.4s, v2.8h; 4–7 */ \
	WORD $0x2f10a472 /* UXTL v18.4s, v3.4h; minimums 0–3 */ \
	WORD $0x6f10a473 /* UXTL2 v19.4s, v3.8h; 4–7 */ \
	WORD $0x6e21da10 /* UCVTF v16.4s, v16.4s */ \
	WORD $0x6e21da31 /* UCVTF v17.4s, v17.4s */ \
	WORD $0x6e21da52 /* UCVTF v18.4s, v18.4s */ \
	WORD $0x6e21da73 /* UCVTF v19.4s, v19.4s */ \
	VDUP   V0.S[0], V0.S4 \
	VDUP   V1.S[0], V1.S4 \
	WORD $0x6e20de10 /* FMUL v16.4s, v16.4s, v0.4s; dl = d·sc, groups 0–3 */ \
	WORD $0x6e20de31 /* FMUL v17.4s, v17.4s, v0.4s; groups 4–7 */ \
	WORD $0x6e21de52 /* FMUL v18.4s, v18.4s, v1.4s; ml = dmin·m */ \
	WORD $0x6e21de73 /* FMUL v19.4s, v19.4s, v1.4s */

// func dequantQ4_KBlock(dst *float32, src *byte, nblocks int)
// q4_K: super-blocks of 144 bytes (fp16 d and dmin, 12 bytes of 6-bit
// scales and minimums, 128 bytes of nibbles); group j (0–7) is the low
// (even j) or high (odd j) nibbles of bytes 32(j/2) …;
// y = (d·sc)·q − dmin·m.
TEXT ·dequantQ4_KBlock(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R3
	VDUP R3, V31.B16               // nibble mask

loop:
	K4SCALES
	ADD    $16, R1, R1             // the nibbles of groups 0–7
	K4PAIR(NOHIGH, V16, V18, 0, 1)
	K4PAIR(NOHIGH, V16, V18, 2, 3)
	K4PAIR(NOHIGH, V17, V19, 0, 1)
	K4PAIR(NOHIGH, V17, V19, 2, 3)
	SUBS   $1, R2, R2
	BNE    loop
	RET

// func dequantQ6_KBlock(dst *float32, src *byte, nblocks int)
// q6_K: super-blocks of 210 bytes (128 bytes of low nibbles, 64 of high
// bit pairs, 16 int8 scales, fp16 d); in each half of 128 values, value
// l + 32k (l < 32) is nibble k/2 of ql[l + 32(k%2)] with bits 2k of qh[l]
// on top, minus 32; y = (d·sc)·q with scale (l/16) + 2k.
TEXT ·dequantQ6_KBlock(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R3
	VDUP R3, V31.B16               // nibble mask
	MOVW $3, R3
	VDUP R3, V30.B16               // 2-bit mask
	MOVW $32, R3
	VDUP R3, V29.B16               // the level offset

loop:
	MOVHU  208(R1), R3             // fp16 d
	FMOVS  R3, F0
	WORD $0x1ee24000 // FCVT s0, h0; d
	VDUP   V0.S[0], V0.S4
	Q6SCALES(192)                  // half 0
	Q6QUARTER(0, 128, 0, 2, 0)     // values 0–15, 32–47, 64–79, 96–111
	Q6QUARTER(16, 144, 1, 3, 64)   // 16–31, 48–63, 80–95, 112–127
	Q6SCALES(200)                  // half 1
	Q6QUARTER(64, 160, 0, 2, 512)
	Q6QUARTER(80, 176, 1, 3, 576)
	ADD    $210, R1, R1
	ADD    $1024, R0, R0
	SUBS   $1, R2, R2
	BNE    loop
	RET

// func dequantQ5_KBlock(dst *float32, src *byte, nblocks int)
// q5_K: q4_K's layout with 32 bytes of high bits after the scales; bit j of
// qh[l] is bit 4 of value l of group j. y = (d·sc)·q − dmin·m.
TEXT ·dequantQ5_KBlock(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R3
	VDUP R3, V31.B16               // nibble mask
	MOVW $1, R3
	VDUP R3, V30.B16               // one bit

loop:
	K4SCALES
	ADD    $16, R1, R1
	VLD1.P 32(R1), [V8.B16, V9.B16] // the high bits of values 0–15, 16–31
	K4PAIR(Q5HIGH, V16, V18, 0, 1) // the nibbles of groups 0–7
	K4PAIR(Q5HIGH, V16, V18, 2, 3)
	K4PAIR(Q5HIGH, V17, V19, 0, 1)
	K4PAIR(Q5HIGH, V17, V19, 2, 3)
	SUBS   $1, R2, R2
	BNE    loop
	RET

// func dequantQ2_KBlock(dst *float32, src *byte, nblocks int)
// q2_K: super-blocks of 84 bytes (16 scale bytes: 4-bit scale low, 4-bit
// minimum high; 64 bytes of 2-bit levels; fp16 d and dmin); group 8n + j
// is bits 2(j/2) of bytes 16 + 32n + 16(j%2) …; y = (d·sc)·q − dmin·m.
TEXT ·dequantQ2_KBlock(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R3
	VDUP R3, V31.B16               // nibble mask
	MOVW $3, R3
	VDUP R3, V30.B16               // 2-bit mask

q2loop:
	MOVHU  80(R1), R3              // fp16 d
	FMOVS  R3, F0
	WORD $0x1ee24000 // FCVT s0, h0; d
	MOVHU  82(R1), R3              // fp16 dmin
	FMOVS  R3, F1
	WORD $0x1ee24021 // FCVT s1, h1; dmin
	VDUP   V0.S[0], V0.S4
	VDUP   V1.S[0], V1.S4
	VLD1   (R1), [V2.B16]          // the 16 scale bytes
	VAND   V31.B16, V2.B16, V3.B16 // scales
	VUSHR  $4, V2.B16, V4.B16      // minimums
	WORD $0x2f08a465 // UXTL v5.8h, v3.8b; scales to 16 bits
	WORD $0x6f08a466 // UXTL2 v6.8h, v3.16b
	WORD $0x2f08a487 // UXTL v7.8h, v4.8b; minimums
	WORD $0x6f08a488 // UXTL2 v8.8h, v4.16b
	WORD $0x2f10a4b0 // UXTL v16.4s, v5.4h; to 32 bits
	WORD $0x6f10a4b1 // UXTL2 v17.4s, v5.8h
	WORD $0x2f10a4d2 // UXTL v18.4s, v6.4h
	WORD $0x6f10a4d3 // UXTL2 v19.4s, v6.8h
	WORD $0x2f10a4f4 // UXTL v20.4s, v7.4h
	WORD $0x6f10a4f5 // UXTL2 v21.4s, v7.8h
	WORD $0x2f10a516 // UXTL v22.4s, v8.4h
	WORD $0x6f10a517 // UXTL2 v23.4s, v8.8h
	WORD $0x6e21da10 // UCVTF v16.4s, v16.4s; to float
	WORD $0x6e21da31 // UCVTF v17.4s, v17.4s
	WORD $0x6e21da52 // UCVTF v18.4s, v18.4s
	WORD $0x6e21da73 // UCVTF v19.4s, v19.4s
	WORD $0x6e21da94 // UCVTF v20.4s, v20.4s
	WORD $0x6e21dab5 // UCVTF v21.4s, v21.4s
	WORD $0x6e21dad6 // UCVTF v22.4s, v22.4s
	WORD $0x6e21daf7 // UCVTF v23.4s, v23.4s
	WORD $0x6e20de10 // FMUL v16.4s, v16.4s, v0.4s; dl = d·sc, groups 0–15
	WORD $0x6e20de31 // FMUL v17.4s, v17.4s, v0.4s
	WORD $0x6e20de52 // FMUL v18.4s, v18.4s, v0.4s
	WORD $0x6e20de73 // FMUL v19.4s, v19.4s, v0.4s
	WORD $0x6e21de94 // FMUL v20.4s, v20.4s, v1.4s; ml = dmin·m
	WORD $0x6e21deb5 // FMUL v21.4s, v21.4s, v1.4s
	WORD $0x6e21ded6 // FMUL v22.4s, v22.4s, v1.4s
	WORD $0x6e21def7 // FMUL v23.4s, v23.4s, v1.4s
	ADD    $16, R1, R3
	VLD1   (R3), [V4.B16]          // groups 0, 2, 4, 6: bytes 16…, two bits each
	ADD    $32, R1, R3
	VLD1   (R3), [V5.B16]          // groups 1, 3, 5, 7: bytes 32…
	Q2PAIR(V16, V20, 0, 1)
	Q2PAIR(V16, V20, 2, 3)
	Q2PAIR(V17, V21, 0, 1)
	Q2PAIR(V17, V21, 2, 3)
	ADD    $48, R1, R3
	VLD1   (R3), [V4.B16]          // groups 8, 10, 12, 14: bytes 48…
	ADD    $64, R1, R3
	VLD1   (R3), [V5.B16]          // groups 9, 11, 13, 15: bytes 64…
	Q2PAIR(V18, V22, 0, 1)
	Q2PAIR(V18, V22, 2, 3)
	Q2PAIR(V19, V23, 0, 1)
	Q2PAIR(V19, V23, 2, 3)
	ADD    $84, R1, R1
	SUBS   $1, R2, R2
	BNE    q2loop
	RET

// func dequantQ3_KBlock(dst *float32, src *byte, nblocks int)
// q3_K: super-blocks of 110 bytes (32 bytes of high bits, 64 of 2-bit
// levels, 12 of 6-bit signed scales, fp16 d); group g = 8n + 2k + h is
// bits 2k of bytes 32 + 32n + 16h … with bit 4n + k of bytes 16h … of
// the high bits on top; y = (d·(s − 32))·(q − 4).
TEXT ·dequantQ3_KBlock(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVW $0x0f, R3
	VDUP R3, V31.B16               // nibble mask
	MOVW $3, R3
	VDUP R3, V30.B16               // 2-bit mask
	MOVW $1, R3
	VDUP R3, V29.B16               // one bit
	MOVW $4, R3
	VDUP R3, V15.B16               // the level offset
	MOVW $32, R3
	VDUP R3, V14.B16               // the scale offset

q3loop:
	MOVHU  108(R1), R3             // fp16 d
	FMOVS  R3, F0
	WORD $0x1ee24000 // FCVT s0, h0; d
	VDUP   V0.S[0], V0.S4
	ADD    $96, R1, R3
	VLD1   (R3), [V2.B8]           // scale bytes 0–7
	VAND   V31.B16, V2.B16, V3.B16 // low 4 bits of scales 0–7
	VUSHR  $4, V2.B16, V4.B16      // of scales 8–15
	WORD $0x6e180483 // MOV v3.d[1], v4.d[0]; scales 0–15, low bits
	MOVWU  104(R1), R4             // scale bytes 8–11: the high 2 bits
	AND    $0x03030303, R4, R5     // scales 0–3
	LSR    $2, R4, R6
	AND    $0x03030303, R6, R6     // 4–7
	ORR    R6<<32, R5, R5
	LSR    $4, R4, R6
	AND    $0x03030303, R6, R6     // 8–11
	LSR    $6, R4, R7
	AND    $0x03030303, R7, R7     // 12–15
	ORR    R7<<32, R6, R6
	FMOVD  R5, F5
	WORD $0x4e181cc5 // MOV v5.d[1], x6; high bits of scales 0–15
	VSHL   $4, V5.B16, V5.B16
	VORR   V5.B16, V3.B16, V3.B16
	VSUB   V14.B16, V3.B16, V3.B16 // − 32: signed scales
	WORD $0x0f08a465 // SXTL v5.8h, v3.8b; to 16 bits
	WORD $0x4f08a466 // SXTL2 v6.8h, v3.16b
	WORD $0x0f10a4b0 // SXTL v16.4s, v5.4h; to 32 bits
	WORD $0x4f10a4b1 // SXTL2 v17.4s, v5.8h
	WORD $0x0f10a4d2 // SXTL v18.4s, v6.4h
	WORD $0x4f10a4d3 // SXTL2 v19.4s, v6.8h
	WORD $0x4e21da10 // SCVTF v16.4s, v16.4s; to float
	WORD $0x4e21da31 // SCVTF v17.4s, v17.4s
	WORD $0x4e21da52 // SCVTF v18.4s, v18.4s
	WORD $0x4e21da73 // SCVTF v19.4s, v19.4s
	WORD $0x6e20de10 // FMUL v16.4s, v16.4s, v0.4s; dl = d·scale, groups 0–15
	WORD $0x6e20de31 // FMUL v17.4s, v17.4s, v0.4s
	WORD $0x6e20de52 // FMUL v18.4s, v18.4s, v0.4s
	WORD $0x6e20de73 // FMUL v19.4s, v19.4s, v0.4s
	VLD1   (R1), [V6.B16, V7.B16]  // high bits: bit 4n + k of byte 16h + l is value l of group 8n + 2k + h
	ADD    $32, R1, R3
	VLD1   (R3), [V4.B16, V5.B16]  // low bits of groups 0–7 (32…, 48…)
	Q3PAIR(V16, 0, 1)
	Q3PAIR(V16, 2, 3)
	Q3PAIR(V17, 0, 1)
	Q3PAIR(V17, 2, 3)
	ADD    $64, R1, R3
	VLD1   (R3), [V4.B16, V5.B16]  // low bits of groups 8–15 (64…, 80…)
	Q3PAIR(V18, 0, 1)
	Q3PAIR(V18, 2, 3)
	Q3PAIR(V19, 0, 1)
	Q3PAIR(V19, 2, 3)
	ADD    $110, R1, R1
	SUBS   $1, R2, R2
	BNE    q3loop
	RET

