//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// iq4_nl's level search on NEON, as iq4_amd64.s does it on x86 (and
// IQ4Index in Go): for t = id·x, i = the number of levels 1–15 at or below
// t, j = min(i + 1, 15), and index i where t − v[i] < v[j] − t, else j.
// Here i comes from a 4-step bisection over the float levels held in
// V12–V15 and read with TBL, i kept as the byte indices of its level
// (4i + 0x03020100 in each lane, V16), so each step adds a constant
// (V17–V20: 8, 4, 2, 1 levels) where the level there is at or below t.
// V21 is level 15's indices. Every vector instruction is WORD-encoded
// (llvm-mc) and named.

// IQ4BISECT finds, for t in V1, i (as TBL byte indices in V5) and
// j = min(i + 1, 15) (in V6), their levels v[i] (V8) and v[j] (V9), and in
// V10 the lanes that take i (t − v[i] < v[j] − t). Uses V7 and V11.
#define IQ4BISECT \
	WORD $0x4eb01e05 /* MOV v5.16b, v16.16b; i = 0, as TBL byte indices */ \
	WORD $0x4eb184a6 /* ADD v6.4s, v5.4s, v17.4s; i + 8 */ \
	WORD $0x4e066187 /* TBL v7.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v6.16b; its level */ \
	WORD $0x6e27e427 /* FCMGE v7.4s, v1.4s, v7.4s; t ≥ it */ \
	WORD $0x4e311ce7 /* AND v7.16b, v7.16b, v17.16b */ \
	WORD $0x4ea784a5 /* ADD v5.4s, v5.4s, v7.4s */ \
	WORD $0x4eb284a6 /* ADD v6.4s, v5.4s, v18.4s; i + 4 */ \
	WORD $0x4e066187 /* TBL v7.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v6.16b; its level */ \
	WORD $0x6e27e427 /* FCMGE v7.4s, v1.4s, v7.4s; t ≥ it */ \
	WORD $0x4e321ce7 /* AND v7.16b, v7.16b, v18.16b */ \
	WORD $0x4ea784a5 /* ADD v5.4s, v5.4s, v7.4s */ \
	WORD $0x4eb384a6 /* ADD v6.4s, v5.4s, v19.4s; i + 2 */ \
	WORD $0x4e066187 /* TBL v7.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v6.16b; its level */ \
	WORD $0x6e27e427 /* FCMGE v7.4s, v1.4s, v7.4s; t ≥ it */ \
	WORD $0x4e331ce7 /* AND v7.16b, v7.16b, v19.16b */ \
	WORD $0x4ea784a5 /* ADD v5.4s, v5.4s, v7.4s */ \
	WORD $0x4eb484a6 /* ADD v6.4s, v5.4s, v20.4s; i + 1 */ \
	WORD $0x4e066187 /* TBL v7.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v6.16b; its level */ \
	WORD $0x6e27e427 /* FCMGE v7.4s, v1.4s, v7.4s; t ≥ it */ \
	WORD $0x4e341ce7 /* AND v7.16b, v7.16b, v20.16b */ \
	WORD $0x4ea784a5 /* ADD v5.4s, v5.4s, v7.4s */ \
	WORD $0x4e056188 /* TBL v8.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v5.16b; v[i] */ \
	WORD $0x4eb484a6 /* ADD v6.4s, v5.4s, v20.4s */ \
	WORD $0x6eb56cc6 /* UMIN v6.4s, v6.4s, v21.4s; j = min(i + 1, 15) */ \
	WORD $0x4e066189 /* TBL v9.16b, {v12.16b, v13.16b, v14.16b, v15.16b}, v6.16b; v[j] */ \
	WORD $0x4ea8d42a /* FSUB v10.4s, v1.4s, v8.4s; t − v[i] */ \
	WORD $0x4ea1d52b /* FSUB v11.4s, v9.4s, v1.4s; v[j] − t */ \
	WORD $0x6eaae56a /* FCMGT v10.4s, v11.4s, v10.4s; the lanes that take i */

// IQ4SETUP loads the levels and the index constants. Uses R12.
#define IQ4SETUP \
	MOVD $·iq4Levels(SB), R12 \
	VLD1 (R12), [V12.B16, V13.B16, V14.B16, V15.B16] \
	MOVW $0x03020100, R12 \
	VDUP R12, V16.S4 \
	MOVW $0x20202020, R12 \
	VDUP R12, V17.S4 \
	MOVW $0x10101010, R12 \
	VDUP R12, V18.S4 \
	MOVW $0x08080808, R12 \
	VDUP R12, V19.S4 \
	MOVW $0x04040404, R12 \
	VDUP R12, V20.S4 \
	MOVW $0x3f3e3d3c, R12 \
	VDUP R12, V21.S4

// func iq4Candidates(xT, wT *float32, n int, ids *float32, ncand int, sums *float32)
//
// As in iq4_amd64.s: for 8 blocks in lanes (rows of 8 in xT and wT) and
// each candidate c with inverse scales ids[8c:8c+8], q = the level the
// search picks for id·x, sums[16c:16c+8] = Σ (w·q)·x and
// sums[16c+8:16c+16] = Σ (w·q)·q, in order. Lanes 0–3 and then 4–7 (R9 =
// 0, 16: their byte offset in a row) each take every candidate.
TEXT ·iq4Candidates(SB), NOSPLIT, $0-48
	IQ4SETUP
	MOVD ZR, R9

half:
	MOVD ids+24(FP), R5
	ADD  R9, R5, R5
	MOVD ncand+32(FP), R6
	MOVD sums+40(FP), R4
	ADD  R9, R4, R4

candidate:
	WORD $0x3dc000b6 // LDR q22, [x5]; id per lane
	WORD $0x6f00e417 // MOVI v23.2d, #0; Σ (w·q)·x
	WORD $0x6f00e418 // MOVI v24.2d, #0; Σ (w·q)·q
	MOVD xT+0(FP), R13
	ADD  R9, R13, R13
	MOVD wT+8(FP), R14
	ADD  R9, R14, R14
	MOVD n+16(FP), R7

row:
	WORD $0x3cc205a0 // LDR q0, [x13], #32; x
	WORD $0x6e20dec1 // FMUL v1.4s, v22.4s, v0.4s; t = id·x
	IQ4BISECT
	WORD $0x6e691d0a // BSL v10.16b, v8.16b, v9.16b; q
	WORD $0x3cc205c3 // LDR q3, [x14], #32; w
	WORD $0x6e2adc63 // FMUL v3.4s, v3.4s, v10.4s; w·q
	WORD $0x6e20dc64 // FMUL v4.4s, v3.4s, v0.4s; (w·q)·x
	WORD $0x4e24d6f7 // FADD v23.4s, v23.4s, v4.4s
	WORD $0x6e2adc63 // FMUL v3.4s, v3.4s, v10.4s; (w·q)·q
	WORD $0x4e23d718 // FADD v24.4s, v24.4s, v3.4s
	SUBS $1, R7, R7
	BNE  row

	WORD $0x3d800097 // STR q23, [x4]
	WORD $0x3d800898 // STR q24, [x4, #32]
	ADD  $32, R5, R5
	ADD  $64, R4, R4
	SUBS $1, R6, R6
	BNE  candidate
	ADD  $16, R9, R9
	CMP  $32, R9
	BNE  half
	RET

// func iq4IndicesBlock(L *byte, x *float32, n int, id float32)
//
// L[j] = the search's index for id·x[j], for n a multiple of 8, 4 values
// at a time.
TEXT ·iq4IndicesBlock(SB), NOSPLIT, $0-28
	MOVD  L+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  n+16(FP), R7
	LSR   $2, R7, R7
	MOVWU id+24(FP), R12
	VDUP  R12, V22.S4
	IQ4SETUP

index:
	WORD $0x3cc10420 // LDR q0, [x1], #16; x
	WORD $0x6e20dec1 // FMUL v1.4s, v22.4s, v0.4s; t = id·x
	IQ4BISECT
	WORD $0x6e661caa // BSL v10.16b, v5.16b, v6.16b; i or j, as byte indices 4·index + …
	WORD $0x6f0e054a // USHR v10.16b, v10.16b, #2; byte 0 of each lane: the index
	WORD $0x0e61294a // XTN v10.4h, v10.4s
	WORD $0x0e21294a // XTN v10.8b, v10.8h; … the index
	WORD $0xbc00440a // STR s10, [x0], #4
	SUBS $1, R7, R7
	BNE  index
	RET
