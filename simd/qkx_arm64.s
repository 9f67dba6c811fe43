//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// QKX on NEON: the same lane layout and the same operations, in the same
// order, as qkx_amd64.s (read that file's comments for the algorithm).
// Each row of 8 lanes is a pair of registers (V2k, V2k+1: lanes 0–3 and
// 4–7); every vector instruction below is WORD-encoded (llvm-mc) and
// names the instruction it is. No fused multiply-add is used, so each
// lane rounds as ggml's scalar C does.
//
// Registers: V24 1.5·2²³, V25 the mantissa mask, V26 2²², V27 0, V28 nmax,
// V29 the |d| mask; V16–17 iscale, V18–19 lo, V20–23 and V30–31 the sums;
// V0–V15 scratch. R0 xT, R1 wT, R2 aux, R4 st, R5 steps,
// R6 steps left, R8 n, R9 the first fit's iscale (0 once it is done),
// R10 mad, R11 out; R13–R15 walk the rows, R7 counts them.

// ERRROW adds one row's weighted error w·E(d), d = (scale·l + min) − x
// (scale in V12–13, min in V14–15; l, x, w walked by R15, R13, R14), to
// V20–21; E is SQUARE (d·d) or ABSOLUTE (|d|), on V0–1.
#define ERRROW(E) \
	WORD $0xacc105e0 /* LDP q0, q1, [x15], #32; l */ \
	WORD $0x6e2cdc00 /* FMUL v0.4s, v0.4s, v12.4s; scale·l */ \
	WORD $0x6e2ddc21 /* FMUL v1.4s, v1.4s, v13.4s */ \
	WORD $0x4e2ed400 /* FADD v0.4s, v0.4s, v14.4s; + min */ \
	WORD $0x4e2fd421 /* FADD v1.4s, v1.4s, v15.4s */ \
	WORD $0xacc10da2 /* LDP q2, q3, [x13], #32; x */ \
	WORD $0x4ea2d400 /* FSUB v0.4s, v0.4s, v2.4s; − x */ \
	WORD $0x4ea3d421 /* FSUB v1.4s, v1.4s, v3.4s */ \
	E \
	WORD $0xacc115c4 /* LDP q4, q5, [x14], #32; w */ \
	WORD $0x6e24dc00 /* FMUL v0.4s, v0.4s, v4.4s; w·e */ \
	WORD $0x6e25dc21 /* FMUL v1.4s, v1.4s, v5.4s */ \
	WORD $0x4e20d694 /* FADD v20.4s, v20.4s, v0.4s */ \
	WORD $0x4e21d6b5 /* FADD v21.4s, v21.4s, v1.4s */

// SQUARE: d·d.
#define SQUARE \
	WORD $0x6e20dc00 /* FMUL v0.4s, v0.4s, v0.4s; d·d */ \
	WORD $0x6e21dc21 /* FMUL v1.4s, v1.4s, v1.4s */

// ABSOLUTE: |d|.
#define ABSOLUTE \
	WORD $0x4e3d1c00 /* AND v0.16b, v0.16b, v29.16b; |d| */ \
	WORD $0x4e3d1c21 /* AND v1.16b, v1.16b, v29.16b */

// func qkxCandidates(xT, wT, aux *float32, n int, st *qkxLaneState, nmax int32, mad bool, steps *float32, nsteps int, iscale0 *[8]float32, out *byte)
TEXT ·qkxCandidates(SB), NOSPLIT, $0-80
	MOVD  xT+0(FP), R0
	MOVD  wT+8(FP), R1
	MOVD  aux+16(FP), R2
	MOVD  n+24(FP), R8
	MOVD  st+32(FP), R4
	MOVW  nmax+40(FP), R12
	WORD $0x4e040d9c // DUP v28.4s, w12; nmax
	MOVBU mad+44(FP), R10
	MOVD  steps+48(FP), R5
	MOVD  nsteps+56(FP), R6
	MOVD  iscale0+64(FP), R9
	MOVD  out+72(FP), R11
	MOVW  $0x4b400000, R12
	WORD $0x4e040d98 // DUP v24.4s, w12; 1.5·2²³
	MOVW  $0x7fffff, R12
	WORD $0x4e040d99 // DUP v25.4s, w12; mantissa mask
	MOVW  $0x400000, R12
	WORD $0x4e040d9a // DUP v26.4s, w12; 2²²
	WORD $0x6f00e41b // MOVI v27.2d, #0
	MOVW  $0x7fffffff, R12
	WORD $0x4e040d9d // DUP v29.4s, w12; |d| mask

candidate:
	CBZ R9, stepped
	WORD $0xad404530 // LDP q16, q17, [x9]; the first fit's iscale
	B   levels

stepped:
	WORD $0x4d40c8a0 // LD1R {v0.4s}, [x5]; step
	WORD $0xad410c82 // LDP q2, q3, [x4, #32]; hi
	WORD $0xad404c92 // LDP q18, q19, [x4]; lo
	WORD $0x4eb2d442 // FSUB v2.4s, v2.4s, v18.4s; hi − lo
	WORD $0x4eb3d463 // FSUB v3.4s, v3.4s, v19.4s
	WORD $0x6e22fc10 // FDIV v16.4s, v0.4s, v2.4s; iscale
	WORD $0x6e23fc11 // FDIV v17.4s, v0.4s, v3.4s

levels:
	WORD $0xad404c92 // LDP q18, q19, [x4]; lo
	WORD $0x6f00e414 // MOVI v20.2d, #0; ΣL (w·l)
	WORD $0x6f00e415 // MOVI v21.2d, #0
	WORD $0x6f00e416 // MOVI v22.2d, #0; ΣL2 ((w·l)·l)
	WORD $0x6f00e417 // MOVI v23.2d, #0
	WORD $0x6f00e41e // MOVI v30.2d, #0; ΣXL ((w·l)·x)
	WORD $0x6f00e41f // MOVI v31.2d, #0
	MOVD R0, R13
	MOVD R1, R14
	MOVD R2, R15
	MOVD R8, R7

sums:
	WORD $0xacc105a0 // LDP q0, q1, [x13], #32; x
	WORD $0x4eb2d402 // FSUB v2.4s, v0.4s, v18.4s; x − lo
	WORD $0x4eb3d423 // FSUB v3.4s, v1.4s, v19.4s
	WORD $0x6e30dc42 // FMUL v2.4s, v2.4s, v16.4s; iscale·(x − lo)
	WORD $0x6e31dc63 // FMUL v3.4s, v3.4s, v17.4s
	WORD $0x4e38d442 // FADD v2.4s, v2.4s, v24.4s; nearest_int: add 1.5·2²³,
	WORD $0x4e38d463 // FADD v3.4s, v3.4s, v24.4s
	WORD $0x4e391c42 // AND v2.16b, v2.16b, v25.16b; keep the mantissa,
	WORD $0x4e391c63 // AND v3.16b, v3.16b, v25.16b
	WORD $0x6eba8442 // SUB v2.4s, v2.4s, v26.4s; subtract 2²²
	WORD $0x6eba8463 // SUB v3.4s, v3.4s, v26.4s
	WORD $0x4ebb6442 // SMAX v2.4s, v2.4s, v27.4s; max(0, …)
	WORD $0x4ebb6463 // SMAX v3.4s, v3.4s, v27.4s
	WORD $0x4ebc6c42 // SMIN v2.4s, v2.4s, v28.4s; min(nmax, …)
	WORD $0x4ebc6c63 // SMIN v3.4s, v3.4s, v28.4s
	WORD $0x4e21d842 // SCVTF v2.4s, v2.4s; l
	WORD $0x4e21d863 // SCVTF v3.4s, v3.4s
	WORD $0xac810de2 // STP q2, q3, [x15], #32
	WORD $0xacc115c4 // LDP q4, q5, [x14], #32; w
	WORD $0x6e22dc86 // FMUL v6.4s, v4.4s, v2.4s; w·l
	WORD $0x6e23dca7 // FMUL v7.4s, v5.4s, v3.4s
	WORD $0x4e26d694 // FADD v20.4s, v20.4s, v6.4s
	WORD $0x4e27d6b5 // FADD v21.4s, v21.4s, v7.4s
	WORD $0x6e22dcc8 // FMUL v8.4s, v6.4s, v2.4s; (w·l)·l
	WORD $0x6e23dce9 // FMUL v9.4s, v7.4s, v3.4s
	WORD $0x4e28d6d6 // FADD v22.4s, v22.4s, v8.4s
	WORD $0x4e29d6f7 // FADD v23.4s, v23.4s, v9.4s
	WORD $0x6e20dcc8 // FMUL v8.4s, v6.4s, v0.4s; (w·l)·x
	WORD $0x6e21dce9 // FMUL v9.4s, v7.4s, v1.4s
	WORD $0x4e28d7de // FADD v30.4s, v30.4s, v8.4s
	WORD $0x4e29d7ff // FADD v31.4s, v31.4s, v9.4s
	SUBS $1, R7, R7
	BNE  sums

	CBZ R9, fit
	WORD $0xad44348c // LDP q12, q13, [x4, #128]; the first fit: scale 1/iscale,
	WORD $0xad403c8e // LDP q14, q15, [x4]; minimum lo,
	WORD $0x6f07e7ea // MOVI v10.2d, #0xffffffffffffffff; every lane
	WORD $0x6f07e7eb // MOVI v11.2d, #0xffffffffffffffff
	B   error

fit:
	WORD $0xad420480 // LDP q0, q1, [x4, #64]; sumW
	WORD $0x6e36dc02 // FMUL v2.4s, v0.4s, v22.4s; sumW·ΣL2
	WORD $0x6e37dc23 // FMUL v3.4s, v1.4s, v23.4s
	WORD $0x6e34de84 // FMUL v4.4s, v20.4s, v20.4s; ΣL·ΣL
	WORD $0x6e35dea5 // FMUL v5.4s, v21.4s, v21.4s
	WORD $0x4ea4d442 // FSUB v2.4s, v2.4s, v4.4s; D
	WORD $0x4ea5d463 // FSUB v3.4s, v3.4s, v5.4s
	WORD $0x6e3edc04 // FMUL v4.4s, v0.4s, v30.4s; sumW·ΣXL
	WORD $0x6e3fdc25 // FMUL v5.4s, v1.4s, v31.4s
	WORD $0xad431c86 // LDP q6, q7, [x4, #96]; sumX
	WORD $0x6e34dcc8 // FMUL v8.4s, v6.4s, v20.4s; sumX·ΣL
	WORD $0x6e35dce9 // FMUL v9.4s, v7.4s, v21.4s
	WORD $0x4ea8d484 // FSUB v4.4s, v4.4s, v8.4s
	WORD $0x4ea9d4a5 // FSUB v5.4s, v5.4s, v9.4s
	WORD $0x6e22fc8c // FDIV v12.4s, v4.4s, v2.4s; scale
	WORD $0x6e23fcad // FDIV v13.4s, v5.4s, v3.4s
	WORD $0x6e26dec6 // FMUL v6.4s, v22.4s, v6.4s; ΣL2·sumX
	WORD $0x6e27dee7 // FMUL v7.4s, v23.4s, v7.4s
	WORD $0x6e3ede88 // FMUL v8.4s, v20.4s, v30.4s; ΣL·ΣXL
	WORD $0x6e3fdea9 // FMUL v9.4s, v21.4s, v31.4s
	WORD $0x4ea8d4c6 // FSUB v6.4s, v6.4s, v8.4s
	WORD $0x4ea9d4e7 // FSUB v7.4s, v7.4s, v9.4s
	WORD $0x6e22fcce // FDIV v14.4s, v6.4s, v2.4s; min
	WORD $0x6e23fcef // FDIV v15.4s, v7.4s, v3.4s
	WORD $0x4ea0c9c8 // FCMGT v8.4s, v14.4s, #0.0; min > 0
	WORD $0x4ea0c9e9 // FCMGT v9.4s, v15.4s, #0.0
	WORD $0x6e36ffc6 // FDIV v6.4s, v30.4s, v22.4s; ΣXL/ΣL2
	WORD $0x6e37ffe7 // FDIV v7.4s, v31.4s, v23.4s
	WORD $0x6ea81ccc // BIT v12.16b, v6.16b, v8.16b; scale = min > 0 ? ΣXL/ΣL2 : scale
	WORD $0x6ea91ced // BIT v13.16b, v7.16b, v9.16b
	WORD $0x4e681dce // BIC v14.16b, v14.16b, v8.16b; min = min > 0 ? 0 : min
	WORD $0x4e691def // BIC v15.16b, v15.16b, v9.16b
	WORD $0x4ea0c84a // FCMGT v10.4s, v2.4s, #0.0; D > 0 (false for NaN)
	WORD $0x4ea0c86b // FCMGT v11.4s, v3.4s, #0.0
	WORD $0xad461c86 // LDP q6, q7, [x4, #192]; live
	WORD $0x4e261d4a // AND v10.16b, v10.16b, v6.16b; the lanes that may take this candidate
	WORD $0x4e271d6b // AND v11.16b, v11.16b, v7.16b

error:
	WORD $0x6f00e414 // MOVI v20.2d, #0; Σ w·e
	WORD $0x6f00e415 // MOVI v21.2d, #0
	MOVD R0, R13
	MOVD R1, R14
	MOVD R2, R15
	MOVD R8, R7
	CBNZ R10, absolute

squared:
	ERRROW(SQUARE)
	SUBS $1, R7, R7
	BNE  squared
	B    weighed

absolute:
	ERRROW(ABSOLUTE)
	SUBS $1, R7, R7
	BNE  absolute

weighed:
	CBZ R9, compare
	WORD $0x4eaa1d40 // MOV v0.16b, v10.16b; the first fit: every lane takes it
	WORD $0x4eab1d61 // MOV v1.16b, v11.16b
	B   take

compare:
	WORD $0xad450c82 // LDP q2, q3, [x4, #160]; bestErr
	WORD $0x6eb4e440 // FCMGT v0.4s, v2.4s, v20.4s; err < bestErr (false for NaN)
	WORD $0x6eb5e461 // FCMGT v1.4s, v3.4s, v21.4s
	WORD $0x4e2a1c00 // AND v0.16b, v0.16b, v10.16b; lanes that improve
	WORD $0x4e2b1c21 // AND v1.16b, v1.16b, v11.16b
	WORD $0x4ea11c02 // ORR v2.16b, v0.16b, v1.16b
	WORD $0x6eb0a842 // UMAXV s2, v2.4s
	WORD $0x1e26004c // FMOV w12, s2
	CBZW R12, next

take:
	WORD $0xad450c82 // LDP q2, q3, [x4, #160]
	WORD $0x6ea01e82 // BIT v2.16b, v20.16b, v0.16b
	WORD $0x6ea11ea3 // BIT v3.16b, v21.16b, v1.16b
	WORD $0xad050c82 // STP q2, q3, [x4, #160]; bestErr
	WORD $0xad440c82 // LDP q2, q3, [x4, #128]
	WORD $0x6ea01d82 // BIT v2.16b, v12.16b, v0.16b
	WORD $0x6ea11da3 // BIT v3.16b, v13.16b, v1.16b
	WORD $0xad040c82 // STP q2, q3, [x4, #128]; scale
	WORD $0xad400c82 // LDP q2, q3, [x4]
	WORD $0x6ea01dc2 // BIT v2.16b, v14.16b, v0.16b
	WORD $0x6ea11de3 // BIT v3.16b, v15.16b, v1.16b
	WORD $0xad000c82 // STP q2, q3, [x4]; lo
	WORD $0xad470c82 // LDP q2, q3, [x4, #224]
	WORD $0x6ea01e02 // BIT v2.16b, v16.16b, v0.16b
	WORD $0x6ea11e23 // BIT v3.16b, v17.16b, v1.16b
	WORD $0xad070c82 // STP q2, q3, [x4, #224]; the iscale of the best levels
	WORD $0xad480c82 // LDP q2, q3, [x4, #256]
	WORD $0x6ea01e42 // BIT v2.16b, v18.16b, v0.16b
	WORD $0x6ea11e63 // BIT v3.16b, v19.16b, v1.16b
	WORD $0xad080c82 // STP q2, q3, [x4, #256]; and the minimum they were fitted from

	CBZ  R9, next
	MOVD ZR, R9 // the first fit is done; the steps follow
	CBNZ R6, candidate
	B    done

next:
	ADD  $4, R5, R5
	SUBS $1, R6, R6
	BNE  candidate

done:
	MOVD R0, R13
	MOVD R8, R7
	WORD $0xad474490 // LDP q16, q17, [x4, #224]
	WORD $0xad484c92 // LDP q18, q19, [x4, #256]

bytes:
	WORD $0xacc105a0 // LDP q0, q1, [x13], #32; x: the best levels again, as the sums loop made them
	WORD $0x4eb2d402 // FSUB v2.4s, v0.4s, v18.4s
	WORD $0x4eb3d423 // FSUB v3.4s, v1.4s, v19.4s
	WORD $0x6e30dc42 // FMUL v2.4s, v2.4s, v16.4s
	WORD $0x6e31dc63 // FMUL v3.4s, v3.4s, v17.4s
	WORD $0x4e38d442 // FADD v2.4s, v2.4s, v24.4s
	WORD $0x4e38d463 // FADD v3.4s, v3.4s, v24.4s
	WORD $0x4e391c42 // AND v2.16b, v2.16b, v25.16b
	WORD $0x4e391c63 // AND v3.16b, v3.16b, v25.16b
	WORD $0x6eba8442 // SUB v2.4s, v2.4s, v26.4s
	WORD $0x6eba8463 // SUB v3.4s, v3.4s, v26.4s
	WORD $0x4ebb6442 // SMAX v2.4s, v2.4s, v27.4s
	WORD $0x4ebb6463 // SMAX v3.4s, v3.4s, v27.4s
	WORD $0x4ebc6c42 // SMIN v2.4s, v2.4s, v28.4s; 0 … nmax
	WORD $0x4ebc6c63 // SMIN v3.4s, v3.4s, v28.4s
	WORD $0x0e612842 // XTN v2.4h, v2.4s
	WORD $0x4e612862 // XTN2 v2.8h, v3.4s
	WORD $0x0e212842 // XTN v2.8b, v2.8h
	WORD $0xfc008562 // STR d2, [x11], #8; the row's 8 levels as bytes
	SUBS $1, R7, R7
	BNE  bytes
	RET

// func qkxPrep(xT, wT *float32, n int, st *qkxLaneState, fmax float32, iscale *[8]float32)
//
// As qkxPrep in qkx_amd64.s: lo and hi the first smallest and largest x
// (lo raised to 0 if positive), sumW = Σw, sumX = Σ w·x, live = hi ≠ lo,
// iscale = fmax/(hi − lo), scale = 1/iscale.
TEXT ·qkxPrep(SB), NOSPLIT, $0-48
	MOVD xT+0(FP), R0
	MOVD wT+8(FP), R1
	MOVD n+16(FP), R7
	MOVD st+24(FP), R4
	WORD $0xacc10400 // LDP q0, q1, [x0], #32; lo = x₀
	WORD $0x4ea01c02 // MOV v2.16b, v0.16b; hi = x₀
	WORD $0x4ea11c23 // MOV v3.16b, v1.16b
	WORD $0xacc11424 // LDP q4, q5, [x1], #32; sumW = w₀
	WORD $0x6e20dc86 // FMUL v6.4s, v4.4s, v0.4s; sumX = w₀·x₀
	WORD $0x6e21dca7 // FMUL v7.4s, v5.4s, v1.4s
	SUBS $1, R7, R7
	BEQ  extremes

row:
	WORD $0xacc12408 // LDP q8, q9, [x0], #32; x
	WORD $0x6ea8e40a // FCMGT v10.4s, v0.4s, v8.4s; x < lo
	WORD $0x6ea9e42b // FCMGT v11.4s, v1.4s, v9.4s
	WORD $0x6eaa1d00 // BIT v0.16b, v8.16b, v10.16b
	WORD $0x6eab1d21 // BIT v1.16b, v9.16b, v11.16b
	WORD $0x6ea2e50a // FCMGT v10.4s, v8.4s, v2.4s; x > hi
	WORD $0x6ea3e52b // FCMGT v11.4s, v9.4s, v3.4s
	WORD $0x6eaa1d02 // BIT v2.16b, v8.16b, v10.16b
	WORD $0x6eab1d23 // BIT v3.16b, v9.16b, v11.16b
	WORD $0xacc1342c // LDP q12, q13, [x1], #32; w
	WORD $0x4e2cd484 // FADD v4.4s, v4.4s, v12.4s
	WORD $0x4e2dd4a5 // FADD v5.4s, v5.4s, v13.4s
	WORD $0x6e28dd8c // FMUL v12.4s, v12.4s, v8.4s; w·x
	WORD $0x6e29ddad // FMUL v13.4s, v13.4s, v9.4s
	WORD $0x4e2cd4c6 // FADD v6.4s, v6.4s, v12.4s
	WORD $0x4e2dd4e7 // FADD v7.4s, v7.4s, v13.4s
	SUBS $1, R7, R7
	BNE  row

extremes:
	WORD $0x4ea0c80a // FCMGT v10.4s, v0.4s, #0.0; lo > 0
	WORD $0x4ea0c82b // FCMGT v11.4s, v1.4s, #0.0
	WORD $0x4e6a1c00 // BIC v0.16b, v0.16b, v10.16b; lo = 0 there
	WORD $0x4e6b1c21 // BIC v1.16b, v1.16b, v11.16b
	WORD $0xad000480 // STP q0, q1, [x4]
	WORD $0xad010c82 // STP q2, q3, [x4, #32]
	WORD $0xad021484 // STP q4, q5, [x4, #64]
	WORD $0xad031c86 // STP q6, q7, [x4, #96]
	WORD $0x4e20e44a // FCMEQ v10.4s, v2.4s, v0.4s
	WORD $0x4e21e46b // FCMEQ v11.4s, v3.4s, v1.4s
	WORD $0x6e20594a // MVN v10.16b, v10.16b; hi ≠ lo
	WORD $0x6e20596b // MVN v11.16b, v11.16b
	WORD $0xad062c8a // STP q10, q11, [x4, #192]; live
	MOVWU fmax+32(FP), R12
	WORD $0x4e040d8c // DUP v12.4s, w12; fmax
	WORD $0x4ea0d442 // FSUB v2.4s, v2.4s, v0.4s; hi − lo
	WORD $0x4ea1d463 // FSUB v3.4s, v3.4s, v1.4s
	WORD $0x6e22fd8e // FDIV v14.4s, v12.4s, v2.4s; iscale
	WORD $0x6e23fd8f // FDIV v15.4s, v12.4s, v3.4s
	MOVD iscale+40(FP), R5
	WORD $0xad003cae // STP q14, q15, [x5]
	WORD $0x4f03f60c // FMOV v12.4s, #1.0
	WORD $0x6e2efd90 // FDIV v16.4s, v12.4s, v14.4s; scale = 1/iscale
	WORD $0x6e2ffd91 // FDIV v17.4s, v12.4s, v15.4s
	WORD $0xad044490 // STP q16, q17, [x4, #128]
	RET

// func qkxAbsPlus(xT, wT *float32, n int, rms *[8]float32)
//
// Per lane of n rows (8 lanes as a register pair): w = rms + |x|.
TEXT ·qkxAbsPlus(SB), NOSPLIT, $0-32
	MOVD xT+0(FP), R0
	MOVD wT+8(FP), R1
	MOVD n+16(FP), R2
	MOVD rms+24(FP), R3
	WORD $0xad400460 // LDP q0, q1, [x3]

weights:
	WORD $0xacc10c02 // LDP q2, q3, [x0], #32
	WORD $0x4ea0f842 // FABS v2.4s, v2.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s
	WORD $0x4e22d402 // FADD v2.4s, v0.4s, v2.4s; rms + |x|
	WORD $0x4e23d423 // FADD v3.4s, v1.4s, v3.4s
	WORD $0xac810c22 // STP q2, q3, [x1], #32
	SUBS $1, R2, R2
	BNE  weights
	RET
