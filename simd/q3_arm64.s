//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// ROWS points R0–R3 at set A's first row of x, w, w·x and levels,
// R4–R7 at set B's, and R8 at n.
#define ROWS \
	MOVD buf+0(FP), R0 \
	ADD  $512, R0, R1  \
	ADD  $1024, R0, R2 \
	ADD  $1536, R0, R3 \
	ADD  $2048, R0, R4 \
	ADD  $2048, R1, R5 \
	ADD  $2048, R2, R6 \
	ADD  $2048, R3, R7 \
	MOVD n+8(FP), R8

// func q3Search(buf *q3Buffer, n int, vmax *[16]float32, nmax int32, sums *q3Sums, passes int, out *q3Levels) (changed uint32)
//
// make_q3_quants for 16 groups in two sets of 8 lanes, on NEON: the
// layout, the steps and their order are those of q3_amd64.s (whose
// comments explain them); each row of a set is a register pair (lanes
// 0–3, 4–7), and the two sets' steps are interleaved because each step
// waits on a division. Every vector instruction is WORD-encoded (llvm-mc)
// and named; no fused multiply-add is used. The two sets' code differs
// only in its registers, which WORD encodings fix, so it is written out
// twice.
//
// Registers: V24 1.5·2²³, V25 the mantissa mask, V26 2²², V28 −nmax,
// V29 nmax − 1; set A's Σlx and Σl2 in V20–21 and V22–23, set B's in
// V16–17 and V18–19; V30 and V27 the lanes of set A and B changed in a
// pass (8 halfwords), V31 the halfwords' bit values 1 … 128 (the iscales
// of the first fit in V30–31 and V12–13); V0–V15 scratch. R0–R3 walk set
// A's x, w, w·x and levels (q3Set, 512 bytes apart), R4–R7 set B's
// (2,048 bytes on); R8 counts rows, R9 passes, R11 the changed lanes.
TEXT ·q3Search(SB), NOSPLIT, $0-60
	MOVW nmax+24(FP), R12
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

	MOVD vmax+16(FP), R12
	CBZ  R12, resume
	WORD $0x4e21db80 // SCVTF v0.4s, v28.4s; −nmax as float
	WORD $0xad400d82 // LDP q2, q3, [x12]; set A's vmax
	WORD $0xad411584 // LDP q4, q5, [x12, #32]; set B's
	WORD $0x6e22fc1e // FDIV v30.4s, v0.4s, v2.4s; set A's iscale = −nmax/vmax
	WORD $0x6e23fc1f // FDIV v31.4s, v0.4s, v3.4s
	WORD $0x6e24fc0c // FDIV v12.4s, v0.4s, v4.4s; set B's
	WORD $0x6e25fc0d // FDIV v13.4s, v0.4s, v5.4s
	WORD $0x6f00e414 // MOVI v20.2d, #0
	WORD $0x6f00e415 // MOVI v21.2d, #0
	WORD $0x6f00e416 // MOVI v22.2d, #0
	WORD $0x6f00e417 // MOVI v23.2d, #0
	WORD $0x6f00e410 // MOVI v16.2d, #0
	WORD $0x6f00e411 // MOVI v17.2d, #0
	WORD $0x6f00e412 // MOVI v18.2d, #0
	WORD $0x6f00e413 // MOVI v19.2d, #0
	ROWS

first:
	WORD $0xacc10400 // LDP q0, q1, [x0], #32; set A: x
	WORD $0x6e3edc00 // FMUL v0.4s, v0.4s, v30.4s; iscale·x
	WORD $0x6e3fdc21 // FMUL v1.4s, v1.4s, v31.4s
	WORD $0x4e38d400 // FADD v0.4s, v0.4s, v24.4s; nearest_int: add 1.5·2²³,
	WORD $0x4e38d421 // FADD v1.4s, v1.4s, v24.4s
	WORD $0x4e391c00 // AND v0.16b, v0.16b, v25.16b; keep the mantissa,
	WORD $0x4e391c21 // AND v1.16b, v1.16b, v25.16b
	WORD $0x6eba8400 // SUB v0.4s, v0.4s, v26.4s; subtract 2²²
	WORD $0x6eba8421 // SUB v1.4s, v1.4s, v26.4s
	WORD $0x4ebc6400 // SMAX v0.4s, v0.4s, v28.4s; clamp to −nmax …
	WORD $0x4ebc6421 // SMAX v1.4s, v1.4s, v28.4s
	WORD $0x4ebd6c00 // SMIN v0.4s, v0.4s, v29.4s; … nmax − 1
	WORD $0x4ebd6c21 // SMIN v1.4s, v1.4s, v29.4s
	WORD $0xac810460 // STP q0, q1, [x3], #32; l
	WORD $0x4e21d802 // SCVTF v2.4s, v0.4s
	WORD $0x4e21d823 // SCVTF v3.4s, v1.4s
	WORD $0xacc11444 // LDP q4, q5, [x2], #32; w·x
	WORD $0x6e22dc84 // FMUL v4.4s, v4.4s, v2.4s; (w·x)·l
	WORD $0x6e23dca5 // FMUL v5.4s, v5.4s, v3.4s
	WORD $0x4e24d694 // FADD v20.4s, v20.4s, v4.4s
	WORD $0x4e25d6b5 // FADD v21.4s, v21.4s, v5.4s
	WORD $0xacc11c26 // LDP q6, q7, [x1], #32; w
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s; w·l
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s; (w·l)·l
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x4e26d6d6 // FADD v22.4s, v22.4s, v6.4s
	WORD $0x4e27d6f7 // FADD v23.4s, v23.4s, v7.4s
	WORD $0xacc10480 // LDP q0, q1, [x4], #32; set B: x
	WORD $0x6e2cdc00 // FMUL v0.4s, v0.4s, v12.4s; iscale·x
	WORD $0x6e2ddc21 // FMUL v1.4s, v1.4s, v13.4s
	WORD $0x4e38d400 // FADD v0.4s, v0.4s, v24.4s; nearest_int: add 1.5·2²³,
	WORD $0x4e38d421 // FADD v1.4s, v1.4s, v24.4s
	WORD $0x4e391c00 // AND v0.16b, v0.16b, v25.16b; keep the mantissa,
	WORD $0x4e391c21 // AND v1.16b, v1.16b, v25.16b
	WORD $0x6eba8400 // SUB v0.4s, v0.4s, v26.4s; subtract 2²²
	WORD $0x6eba8421 // SUB v1.4s, v1.4s, v26.4s
	WORD $0x4ebc6400 // SMAX v0.4s, v0.4s, v28.4s; clamp to −nmax …
	WORD $0x4ebc6421 // SMAX v1.4s, v1.4s, v28.4s
	WORD $0x4ebd6c00 // SMIN v0.4s, v0.4s, v29.4s; … nmax − 1
	WORD $0x4ebd6c21 // SMIN v1.4s, v1.4s, v29.4s
	WORD $0xac8104e0 // STP q0, q1, [x7], #32; l
	WORD $0x4e21d802 // SCVTF v2.4s, v0.4s
	WORD $0x4e21d823 // SCVTF v3.4s, v1.4s
	WORD $0xacc114c4 // LDP q4, q5, [x6], #32; w·x
	WORD $0x6e22dc84 // FMUL v4.4s, v4.4s, v2.4s; (w·x)·l
	WORD $0x6e23dca5 // FMUL v5.4s, v5.4s, v3.4s
	WORD $0x4e24d610 // FADD v16.4s, v16.4s, v4.4s
	WORD $0x4e25d631 // FADD v17.4s, v17.4s, v5.4s
	WORD $0xacc11ca6 // LDP q6, q7, [x5], #32; w
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s; w·l
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s; (w·l)·l
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x4e26d652 // FADD v18.4s, v18.4s, v6.4s
	WORD $0x4e27d673 // FADD v19.4s, v19.4s, v7.4s
	SUBS $1, R8, R8
	BNE  first
	B    passes

resume:
	MOVD sums+32(FP), R12
	WORD $0xad405594 // LDP q20, q21, [x12]; set A's Σlx
	WORD $0xad414590 // LDP q16, q17, [x12, #32]; set B's
	WORD $0xad425d96 // LDP q22, q23, [x12, #64]; set A's Σl2
	WORD $0xad434d92 // LDP q18, q19, [x12, #96]; set B's

passes:
	MOVD $0x0008000400020001, R12
	WORD $0x4e081d9f // MOV v31.d[0], x12
	MOVD $0x0080004000200010, R12
	WORD $0x4e181d9f // MOV v31.d[1], x12; bit values of the halfword lanes
	MOVD $0, R11
	MOVD passes+40(FP), R9
	CBZ  R9, done

pass:
	WORD $0x6f00e41e // MOVI v30.2d, #0
	WORD $0x6f00e41b // MOVI v27.2d, #0
	ROWS

value:
	WORD $0xad400460 // LDP q0, q1, [x3]; set A: l
	WORD $0x4e21d802 // SCVTF v2.4s, v0.4s; fl
	WORD $0x4e21d823 // SCVTF v3.4s, v1.4s
	WORD $0xacc12c4a // LDP q10, q11, [x2], #32; w·x
	WORD $0x6e22dd44 // FMUL v4.4s, v10.4s, v2.4s
	WORD $0x6e23dd65 // FMUL v5.4s, v11.4s, v3.4s
	WORD $0x4ea4d684 // FSUB v4.4s, v20.4s, v4.4s; slx = Σlx − (w·x)·fl
	WORD $0x4ea5d6a5 // FSUB v5.4s, v21.4s, v5.4s
	WORD $0xacc13c2e // LDP q14, q15, [x1], #32; w
	WORD $0x6e22ddc6 // FMUL v6.4s, v14.4s, v2.4s
	WORD $0x6e23dde7 // FMUL v7.4s, v15.4s, v3.4s
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x4ea6d6c6 // FSUB v6.4s, v22.4s, v6.4s; sl2 = Σl2 − (w·fl)·fl
	WORD $0x4ea7d6e7 // FSUB v7.4s, v23.4s, v7.4s
	WORD $0xacc12408 // LDP q8, q9, [x0], #32; x
	WORD $0x6e28dcc8 // FMUL v8.4s, v6.4s, v8.4s; x·sl2
	WORD $0x6e29dce9 // FMUL v9.4s, v7.4s, v9.4s
	WORD $0x6e24fd08 // FDIV v8.4s, v8.4s, v4.4s; x·sl2/slx
	WORD $0x6e25fd29 // FDIV v9.4s, v9.4s, v5.4s
	WORD $0x4e38d508 // FADD v8.4s, v8.4s, v24.4s; nearest_int: add 1.5·2²³,
	WORD $0x4e38d529 // FADD v9.4s, v9.4s, v24.4s
	WORD $0x4e391d08 // AND v8.16b, v8.16b, v25.16b; keep the mantissa,
	WORD $0x4e391d29 // AND v9.16b, v9.16b, v25.16b
	WORD $0x6eba8508 // SUB v8.4s, v8.4s, v26.4s; subtract 2²²
	WORD $0x6eba8529 // SUB v9.4s, v9.4s, v26.4s
	WORD $0x4ebc6508 // SMAX v8.4s, v8.4s, v28.4s; clamp to −nmax …
	WORD $0x4ebc6529 // SMAX v9.4s, v9.4s, v28.4s
	WORD $0x4ebd6d08 // SMIN v8.4s, v8.4s, v29.4s; … nmax − 1
	WORD $0x4ebd6d29 // SMIN v9.4s, v9.4s, v29.4s
	WORD $0x6ea08d0c // CMEQ v12.4s, v8.4s, v0.4s; nl = l
	WORD $0x6ea18d2d // CMEQ v13.4s, v9.4s, v1.4s
	WORD $0x4ea0c882 // FCMGT v2.4s, v4.4s, #0.0; slx > 0
	WORD $0x4ea0c8a3 // FCMGT v3.4s, v5.4s, #0.0
	WORD $0x4e6c1c4c // BIC v12.16b, v2.16b, v12.16b; and nl ≠ l
	WORD $0x4e6d1c6d // BIC v13.16b, v3.16b, v13.16b
	WORD $0x4e21d902 // SCVTF v2.4s, v8.4s; fn
	WORD $0x4e21d923 // SCVTF v3.4s, v9.4s
	WORD $0x6e22dd4a // FMUL v10.4s, v10.4s, v2.4s
	WORD $0x6e23dd6b // FMUL v11.4s, v11.4s, v3.4s
	WORD $0x4e2ad484 // FADD v4.4s, v4.4s, v10.4s; slx'
	WORD $0x4e2bd4a5 // FADD v5.4s, v5.4s, v11.4s
	WORD $0x6e22ddce // FMUL v14.4s, v14.4s, v2.4s
	WORD $0x6e23ddef // FMUL v15.4s, v15.4s, v3.4s
	WORD $0x6e22ddce // FMUL v14.4s, v14.4s, v2.4s
	WORD $0x6e23ddef // FMUL v15.4s, v15.4s, v3.4s
	WORD $0x4e2ed4c6 // FADD v6.4s, v6.4s, v14.4s; sl2'
	WORD $0x4e2fd4e7 // FADD v7.4s, v7.4s, v15.4s
	WORD $0x4ea0c8ca // FCMGT v10.4s, v6.4s, #0.0; sl2' > 0
	WORD $0x4ea0c8eb // FCMGT v11.4s, v7.4s, #0.0
	WORD $0x4e2a1d8c // AND v12.16b, v12.16b, v10.16b
	WORD $0x4e2b1dad // AND v13.16b, v13.16b, v11.16b
	WORD $0x6e24dc8a // FMUL v10.4s, v4.4s, v4.4s
	WORD $0x6e25dcab // FMUL v11.4s, v5.4s, v5.4s
	WORD $0x6e36dd4a // FMUL v10.4s, v10.4s, v22.4s; slx'·slx'·Σl2
	WORD $0x6e37dd6b // FMUL v11.4s, v11.4s, v23.4s
	WORD $0x6e34de8e // FMUL v14.4s, v20.4s, v20.4s
	WORD $0x6e35deaf // FMUL v15.4s, v21.4s, v21.4s
	WORD $0x6e26ddce // FMUL v14.4s, v14.4s, v6.4s; Σlx·Σlx·sl2'
	WORD $0x6e27ddef // FMUL v15.4s, v15.4s, v7.4s
	WORD $0x6eaee54a // FCMGT v10.4s, v10.4s, v14.4s
	WORD $0x6eafe56b // FCMGT v11.4s, v11.4s, v15.4s
	WORD $0x4e2a1d8c // AND v12.16b, v12.16b, v10.16b; the lanes that take nl
	WORD $0x4e2b1dad // AND v13.16b, v13.16b, v11.16b
	WORD $0x6eac1d00 // BIT v0.16b, v8.16b, v12.16b
	WORD $0x6ead1d21 // BIT v1.16b, v9.16b, v13.16b
	WORD $0xac810460 // STP q0, q1, [x3], #32
	WORD $0x6eac1c94 // BIT v20.16b, v4.16b, v12.16b
	WORD $0x6ead1cb5 // BIT v21.16b, v5.16b, v13.16b
	WORD $0x6eac1cd6 // BIT v22.16b, v6.16b, v12.16b
	WORD $0x6ead1cf7 // BIT v23.16b, v7.16b, v13.16b
	WORD $0x4e4d198a // UZP1 v10.8h, v12.8h, v13.8h; the lanes that took nl, as halfwords
	WORD $0x4eaa1fde // ORR v30.16b, v30.16b, v10.16b; lanes changed in this pass
	WORD $0xad4004e0 // LDP q0, q1, [x7]; set B: l
	WORD $0x4e21d802 // SCVTF v2.4s, v0.4s; fl
	WORD $0x4e21d823 // SCVTF v3.4s, v1.4s
	WORD $0xacc12cca // LDP q10, q11, [x6], #32; w·x
	WORD $0x6e22dd44 // FMUL v4.4s, v10.4s, v2.4s
	WORD $0x6e23dd65 // FMUL v5.4s, v11.4s, v3.4s
	WORD $0x4ea4d604 // FSUB v4.4s, v16.4s, v4.4s; slx = Σlx − (w·x)·fl
	WORD $0x4ea5d625 // FSUB v5.4s, v17.4s, v5.4s
	WORD $0xacc13cae // LDP q14, q15, [x5], #32; w
	WORD $0x6e22ddc6 // FMUL v6.4s, v14.4s, v2.4s
	WORD $0x6e23dde7 // FMUL v7.4s, v15.4s, v3.4s
	WORD $0x6e22dcc6 // FMUL v6.4s, v6.4s, v2.4s
	WORD $0x6e23dce7 // FMUL v7.4s, v7.4s, v3.4s
	WORD $0x4ea6d646 // FSUB v6.4s, v18.4s, v6.4s; sl2 = Σl2 − (w·fl)·fl
	WORD $0x4ea7d667 // FSUB v7.4s, v19.4s, v7.4s
	WORD $0xacc12488 // LDP q8, q9, [x4], #32; x
	WORD $0x6e28dcc8 // FMUL v8.4s, v6.4s, v8.4s; x·sl2
	WORD $0x6e29dce9 // FMUL v9.4s, v7.4s, v9.4s
	WORD $0x6e24fd08 // FDIV v8.4s, v8.4s, v4.4s; x·sl2/slx
	WORD $0x6e25fd29 // FDIV v9.4s, v9.4s, v5.4s
	WORD $0x4e38d508 // FADD v8.4s, v8.4s, v24.4s; nearest_int: add 1.5·2²³,
	WORD $0x4e38d529 // FADD v9.4s, v9.4s, v24.4s
	WORD $0x4e391d08 // AND v8.16b, v8.16b, v25.16b; keep the mantissa,
	WORD $0x4e391d29 // AND v9.16b, v9.16b, v25.16b
	WORD $0x6eba8508 // SUB v8.4s, v8.4s, v26.4s; subtract 2²²
	WORD $0x6eba8529 // SUB v9.4s, v9.4s, v26.4s
	WORD $0x4ebc6508 // SMAX v8.4s, v8.4s, v28.4s; clamp to −nmax …
	WORD $0x4ebc6529 // SMAX v9.4s, v9.4s, v28.4s
	WORD $0x4ebd6d08 // SMIN v8.4s, v8.4s, v29.4s; … nmax − 1
	WORD $0x4ebd6d29 // SMIN v9.4s, v9.4s, v29.4s
	WORD $0x6ea08d0c // CMEQ v12.4s, v8.4s, v0.4s; nl = l
	WORD $0x6ea18d2d // CMEQ v13.4s, v9.4s, v1.4s
	WORD $0x4ea0c882 // FCMGT v2.4s, v4.4s, #0.0; slx > 0
	WORD $0x4ea0c8a3 // FCMGT v3.4s, v5.4s, #0.0
	WORD $0x4e6c1c4c // BIC v12.16b, v2.16b, v12.16b; and nl ≠ l
	WORD $0x4e6d1c6d // BIC v13.16b, v3.16b, v13.16b
	WORD $0x4e21d902 // SCVTF v2.4s, v8.4s; fn
	WORD $0x4e21d923 // SCVTF v3.4s, v9.4s
	WORD $0x6e22dd4a // FMUL v10.4s, v10.4s, v2.4s
	WORD $0x6e23dd6b // FMUL v11.4s, v11.4s, v3.4s
	WORD $0x4e2ad484 // FADD v4.4s, v4.4s, v10.4s; slx'
	WORD $0x4e2bd4a5 // FADD v5.4s, v5.4s, v11.4s
	WORD $0x6e22ddce // FMUL v14.4s, v14.4s, v2.4s
	WORD $0x6e23ddef // FMUL v15.4s, v15.4s, v3.4s
	WORD $0x6e22ddce // FMUL v14.4s, v14.4s, v2.4s
	WORD $0x6e23ddef // FMUL v15.4s, v15.4s, v3.4s
	WORD $0x4e2ed4c6 // FADD v6.4s, v6.4s, v14.4s; sl2'
	WORD $0x4e2fd4e7 // FADD v7.4s, v7.4s, v15.4s
	WORD $0x4ea0c8ca // FCMGT v10.4s, v6.4s, #0.0; sl2' > 0
	WORD $0x4ea0c8eb // FCMGT v11.4s, v7.4s, #0.0
	WORD $0x4e2a1d8c // AND v12.16b, v12.16b, v10.16b
	WORD $0x4e2b1dad // AND v13.16b, v13.16b, v11.16b
	WORD $0x6e24dc8a // FMUL v10.4s, v4.4s, v4.4s
	WORD $0x6e25dcab // FMUL v11.4s, v5.4s, v5.4s
	WORD $0x6e32dd4a // FMUL v10.4s, v10.4s, v18.4s; slx'·slx'·Σl2
	WORD $0x6e33dd6b // FMUL v11.4s, v11.4s, v19.4s
	WORD $0x6e30de0e // FMUL v14.4s, v16.4s, v16.4s
	WORD $0x6e31de2f // FMUL v15.4s, v17.4s, v17.4s
	WORD $0x6e26ddce // FMUL v14.4s, v14.4s, v6.4s; Σlx·Σlx·sl2'
	WORD $0x6e27ddef // FMUL v15.4s, v15.4s, v7.4s
	WORD $0x6eaee54a // FCMGT v10.4s, v10.4s, v14.4s
	WORD $0x6eafe56b // FCMGT v11.4s, v11.4s, v15.4s
	WORD $0x4e2a1d8c // AND v12.16b, v12.16b, v10.16b; the lanes that take nl
	WORD $0x4e2b1dad // AND v13.16b, v13.16b, v11.16b
	WORD $0x6eac1d00 // BIT v0.16b, v8.16b, v12.16b
	WORD $0x6ead1d21 // BIT v1.16b, v9.16b, v13.16b
	WORD $0xac8104e0 // STP q0, q1, [x7], #32
	WORD $0x6eac1c90 // BIT v16.16b, v4.16b, v12.16b
	WORD $0x6ead1cb1 // BIT v17.16b, v5.16b, v13.16b
	WORD $0x6eac1cd2 // BIT v18.16b, v6.16b, v12.16b
	WORD $0x6ead1cf3 // BIT v19.16b, v7.16b, v13.16b
	WORD $0x4e4d198a // UZP1 v10.8h, v12.8h, v13.8h; the lanes that took nl, as halfwords
	WORD $0x4eaa1f7b // ORR v27.16b, v27.16b, v10.16b; lanes changed in this pass
	SUBS $1, R8, R8
	BNE  value

	WORD $0x4e3f1f60 // AND v0.16b, v27.16b, v31.16b
	WORD $0x4e71b800 // ADDV h0, v0.8h
	WORD $0x0e023c0b // UMOV w11, v0.h[0]; set B's changed lanes as bits
	WORD $0x4e3f1fc0 // AND v0.16b, v30.16b, v31.16b
	WORD $0x4e71b800 // ADDV h0, v0.8h
	WORD $0x0e023c0c // UMOV w12, v0.h[0]; set A's
	ORR  R11<<8, R12, R11
	CBZ  R11, done
	SUBS $1, R9, R9
	BNE  pass

done:
	MOVW R11, changed+56(FP)
	MOVD sums+32(FP), R12
	WORD $0xad005594 // STP q20, q21, [x12]
	WORD $0xad014590 // STP q16, q17, [x12, #32]
	WORD $0xad025d96 // STP q22, q23, [x12, #64]
	WORD $0xad034d92 // STP q18, q19, [x12, #96]

	MOVD buf+0(FP), R3
	ADD  $1536, R3, R3 // set A's levels
	ADD  $2048, R3, R7 // set B's
	MOVD out+48(FP), R0
	MOVD n+8(FP), R8
	ADD  R8<<3, R0, R4 // set B's bytes

plus:
	WORD $0xacc10460 // LDP q0, q1, [x3], #32
	WORD $0x6ebc8400 // SUB v0.4s, v0.4s, v28.4s; + nmax: 0 … 2·nmax − 1
	WORD $0x6ebc8421 // SUB v1.4s, v1.4s, v28.4s
	WORD $0x0e612800 // XTN v0.4h, v0.4s
	WORD $0x4e612820 // XTN2 v0.8h, v1.4s
	WORD $0x0e212800 // XTN v0.8b, v0.8h
	WORD $0xfc008400 // STR d0, [x0], #8; the row's 8 levels as bytes
	WORD $0xacc104e0 // LDP q0, q1, [x7], #32
	WORD $0x6ebc8400 // SUB v0.4s, v0.4s, v28.4s
	WORD $0x6ebc8421 // SUB v1.4s, v1.4s, v28.4s
	WORD $0x0e612800 // XTN v0.4h, v0.4s
	WORD $0x4e612820 // XTN2 v0.8h, v1.4s
	WORD $0x0e212800 // XTN v0.8b, v0.8h
	WORD $0xfc008480 // STR d0, [x4], #8
	SUBS $1, R8, R8
	BNE  plus
	RET
