//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// QX on NEON: the lane layout and operation order of qx_amd64.s (whose
// comments describe the algorithm), each row of 8 lanes as a register
// pair (lanes 0–3, 4–7). Every vector instruction is WORD-encoded
// (llvm-mc) and named; no fused multiply-add is used.

// func qxSearch(xT, wT, wvT *float32, n int, vmax *[8]float32, nums *float32, ncand int, nmax int32, scale *[8]float32, levels *byte)
//
// Registers: V24 1.5·2²³, V25 the mantissa mask, V26 2²², V28 −nmax,
// V29 nmax − 1 (V30, V31: both as floats); V14–15 vmax, V8–9 the
// candidate's iscale, V4–5 the winning iscale, V6–7 its scale, V10–11 its
// best = scale·Σlx, V20–21 Σlx, V22–23 Σl2. R9 is 0 until the first
// candidate is done.
TEXT ·qxSearch(SB), NOSPLIT, $0-80
	MOVD vmax+32(FP), R12
	WORD $0xad403d8e // LDP q14, q15, [x12]; vmax per lane
	MOVD nums+40(FP), R5
	MOVD ncand+48(FP), R6
	MOVW nmax+56(FP), R12
	SUBW $1, R12, R13
	WORD $0x4e040dbd // DUP v29.4s, w13; nmax − 1
	NEGW R12, R12
	WORD $0x4e040d9c // DUP v28.4s, w12; −nmax
	MOVW $0x4b400000, R12
	WORD $0x4e040d98 // DUP v24.4s, w12; 1.5·2²³
	MOVW $0x7fffff, R12
	WORD $0x4e040d99 // DUP v25.4s, w12; mantissa mask
	MOVW $0x400000, R12
	WORD $0x4e040d9a // DUP v26.4s, w12; 2²²
	WORD $0x4e21db9e // SCVTF v30.4s, v28.4s; −nmax as a float
	WORD $0x4e21dbbf // SCVTF v31.4s, v29.4s; nmax − 1 as a float
	MOVD ZR, R9

candidate:
	WORD $0x4d40c8a0 // LD1R {v0.4s}, [x5]; nums[c]
	WORD $0x6e2efc08 // FDIV v8.4s, v0.4s, v14.4s; iscale = nums[c]/vmax
	WORD $0x6e2ffc09 // FDIV v9.4s, v0.4s, v15.4s
	WORD $0x6f00e414 // MOVI v20.2d, #0; Σlx
	WORD $0x6f00e415 // MOVI v21.2d, #0
	WORD $0x6f00e416 // MOVI v22.2d, #0; Σl2
	WORD $0x6f00e417 // MOVI v23.2d, #0
	MOVD xT+0(FP), R13
	MOVD wT+8(FP), R14
	MOVD wvT+16(FP), R15
	MOVD n+24(FP), R7

rows:
	WORD $0xacc105a0 // LDP q0, q1, [x13], #32; x
	WORD $0x6e28dc00 // FMUL v0.4s, v0.4s, v8.4s; t = iscale·x
	WORD $0x6e29dc21 // FMUL v1.4s, v1.4s, v9.4s
	WORD $0x4e218800 // FRINTN v0.4s, v0.4s; nearest_int(t) in floats, exact for the lanes that count (see qx_amd64.s)
	WORD $0x4e218821 // FRINTN v1.4s, v1.4s
	WORD $0x4e3ef400 // FMAX v0.4s, v0.4s, v30.4s; max(−nmax, …)
	WORD $0x4e3ef421 // FMAX v1.4s, v1.4s, v30.4s
	WORD $0x4ebff400 // FMIN v0.4s, v0.4s, v31.4s; min(nmax − 1, …): l
	WORD $0x4ebff421 // FMIN v1.4s, v1.4s, v31.4s
	WORD $0xacc10de2 // LDP q2, q3, [x15], #32; wv
	WORD $0x6e20dc42 // FMUL v2.4s, v2.4s, v0.4s; wv·l
	WORD $0x6e21dc63 // FMUL v3.4s, v3.4s, v1.4s
	WORD $0x4e22d694 // FADD v20.4s, v20.4s, v2.4s
	WORD $0x4e23d6b5 // FADD v21.4s, v21.4s, v3.4s
	WORD $0xacc10dc2 // LDP q2, q3, [x14], #32; w
	WORD $0x6e20dc42 // FMUL v2.4s, v2.4s, v0.4s; w·l
	WORD $0x6e21dc63 // FMUL v3.4s, v3.4s, v1.4s
	WORD $0x6e20dc42 // FMUL v2.4s, v2.4s, v0.4s; (w·l)·l
	WORD $0x6e21dc63 // FMUL v3.4s, v3.4s, v1.4s
	WORD $0x4e22d6d6 // FADD v22.4s, v22.4s, v2.4s
	WORD $0x4e23d6f7 // FADD v23.4s, v23.4s, v3.4s
	SUBS $1, R7, R7
	BNE  rows

	CBNZ R9, compare
	WORD $0x6e36fe86 // FDIV v6.4s, v20.4s, v22.4s; Σlx/Σl2
	WORD $0x6e37fea7 // FDIV v7.4s, v21.4s, v23.4s
	WORD $0x4ea0dac0 // FCMEQ v0.4s, v22.4s, #0.0
	WORD $0x4ea0dae1 // FCMEQ v1.4s, v23.4s, #0.0
	WORD $0x4e601cc6 // BIC v6.16b, v6.16b, v0.16b; scale, 0 where Σl2 = 0 (kept for NaN, as C's truth test)
	WORD $0x4e611ce7 // BIC v7.16b, v7.16b, v1.16b
	WORD $0x6e34dcca // FMUL v10.4s, v6.4s, v20.4s; best = scale·Σlx
	WORD $0x6e35dceb // FMUL v11.4s, v7.4s, v21.4s
	WORD $0x4ea81d04 // MOV v4.16b, v8.16b; the winning iscale
	WORD $0x4ea91d25 // MOV v5.16b, v9.16b
	MOVD $1, R9
	B    next

compare:
	WORD $0x4ea0cac0 // FCMGT v0.4s, v22.4s, #0.0; Σl2 > 0
	WORD $0x4ea0cae1 // FCMGT v1.4s, v23.4s, #0.0
	WORD $0x6e34de82 // FMUL v2.4s, v20.4s, v20.4s; Σlx·Σlx
	WORD $0x6e35dea3 // FMUL v3.4s, v21.4s, v21.4s
	WORD $0x6e2adecc // FMUL v12.4s, v22.4s, v10.4s; best·Σl2
	WORD $0x6e2bdeed // FMUL v13.4s, v23.4s, v11.4s
	WORD $0x6eace442 // FCMGT v2.4s, v2.4s, v12.4s; Σlx·Σlx > best·Σl2
	WORD $0x6eade463 // FCMGT v3.4s, v3.4s, v13.4s
	WORD $0x4e221c00 // AND v0.16b, v0.16b, v2.16b; lanes that take this candidate
	WORD $0x4e231c21 // AND v1.16b, v1.16b, v3.16b
	WORD $0x6e36fe82 // FDIV v2.4s, v20.4s, v22.4s; Σlx/Σl2
	WORD $0x6e37fea3 // FDIV v3.4s, v21.4s, v23.4s
	WORD $0x6e22de8c // FMUL v12.4s, v20.4s, v2.4s; its best
	WORD $0x6e23dead // FMUL v13.4s, v21.4s, v3.4s
	WORD $0x6ea01c46 // BIT v6.16b, v2.16b, v0.16b
	WORD $0x6ea11c67 // BIT v7.16b, v3.16b, v1.16b
	WORD $0x6ea01d8a // BIT v10.16b, v12.16b, v0.16b
	WORD $0x6ea11dab // BIT v11.16b, v13.16b, v1.16b
	WORD $0x6ea01d04 // BIT v4.16b, v8.16b, v0.16b
	WORD $0x6ea11d25 // BIT v5.16b, v9.16b, v1.16b

next:
	ADD  $4, R5, R5
	SUBS $1, R6, R6
	BNE  candidate

	MOVD scale+64(FP), R12
	WORD $0xad001d86 // STP q6, q7, [x12]
	MOVD xT+0(FP), R13
	MOVD levels+72(FP), R11
	MOVD n+24(FP), R7

levels:
	WORD $0xacc105a0 // LDP q0, q1, [x13], #32
	WORD $0x6e24dc00 // FMUL v0.4s, v0.4s, v4.4s
	WORD $0x6e25dc21 // FMUL v1.4s, v1.4s, v5.4s
	WORD $0x4e38d400 // FADD v0.4s, v0.4s, v24.4s
	WORD $0x4e38d421 // FADD v1.4s, v1.4s, v24.4s
	WORD $0x4e391c00 // AND v0.16b, v0.16b, v25.16b
	WORD $0x4e391c21 // AND v1.16b, v1.16b, v25.16b
	WORD $0x6eba8400 // SUB v0.4s, v0.4s, v26.4s
	WORD $0x6eba8421 // SUB v1.4s, v1.4s, v26.4s
	WORD $0x4ebc6400 // SMAX v0.4s, v0.4s, v28.4s
	WORD $0x4ebc6421 // SMAX v1.4s, v1.4s, v28.4s
	WORD $0x4ebd6c00 // SMIN v0.4s, v0.4s, v29.4s
	WORD $0x4ebd6c21 // SMIN v1.4s, v1.4s, v29.4s
	WORD $0x6ebc8400 // SUB v0.4s, v0.4s, v28.4s; + nmax: 0 … 2·nmax − 1
	WORD $0x6ebc8421 // SUB v1.4s, v1.4s, v28.4s
	WORD $0x0e612800 // XTN v0.4h, v0.4s
	WORD $0x4e612820 // XTN2 v0.8h, v1.4s
	WORD $0x0e212800 // XTN v0.8b, v0.8h
	WORD $0xfc008560 // STR d0, [x11], #8; the row's 8 levels
	SUBS $1, R7, R7
	BNE  levels
	RET

// func qxWeights(xT, wT, wvT *float32, n int, squares bool, vmax, amax *[8]float32)
//
// For 8 lanes of n rows: with squares, wT = x·x; then wvT = w·x; and per
// lane the first value of largest magnitude (vmax) and that magnitude.
TEXT ·qxWeights(SB), NOSPLIT, $0-56
	MOVD  xT+0(FP), R0
	MOVD  wT+8(FP), R1
	MOVD  wvT+16(FP), R2
	MOVD  n+24(FP), R7
	MOVBU squares+32(FP), R8
	MOVW  $0x7fffffff, R12
	WORD $0x4e040d9d // DUP v29.4s, w12; |x| mask
	WORD $0x6f00e404 // MOVI v4.2d, #0; amax
	WORD $0x6f00e405 // MOVI v5.2d, #0
	WORD $0x6f00e406 // MOVI v6.2d, #0; vmax
	WORD $0x6f00e407 // MOVI v7.2d, #0

row:
	WORD $0xacc10400 // LDP q0, q1, [x0], #32; x
	CBZ R8, given
	WORD $0x6e20dc02 // FMUL v2.4s, v0.4s, v0.4s; w = x·x
	WORD $0x6e21dc23 // FMUL v3.4s, v1.4s, v1.4s
	WORD $0xac810c22 // STP q2, q3, [x1], #32
	B   weighted

given:
	WORD $0xacc10c22 // LDP q2, q3, [x1], #32; w

weighted:
	WORD $0x6e22dc02 // FMUL v2.4s, v0.4s, v2.4s; w·x
	WORD $0x6e23dc23 // FMUL v3.4s, v1.4s, v3.4s
	WORD $0xac810c42 // STP q2, q3, [x2], #32
	WORD $0x4e3d1c08 // AND v8.16b, v0.16b, v29.16b; |x|
	WORD $0x4e3d1c29 // AND v9.16b, v1.16b, v29.16b
	WORD $0x6ea4e50a // FCMGT v10.4s, v8.4s, v4.4s; |x| > amax
	WORD $0x6ea5e52b // FCMGT v11.4s, v9.4s, v5.4s
	WORD $0x6eaa1d04 // BIT v4.16b, v8.16b, v10.16b
	WORD $0x6eab1d25 // BIT v5.16b, v9.16b, v11.16b
	WORD $0x6eaa1c06 // BIT v6.16b, v0.16b, v10.16b
	WORD $0x6eab1c27 // BIT v7.16b, v1.16b, v11.16b
	SUBS $1, R7, R7
	BNE  row

	MOVD vmax+40(FP), R12
	WORD $0xad001d86 // STP q6, q7, [x12]
	MOVD amax+48(FP), R12
	WORD $0xad001584 // STP q4, q5, [x12]
	RET
