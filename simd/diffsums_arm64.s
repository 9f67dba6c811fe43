//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// func diffSumsBlock(s *DiffSums, x, y *float32, n int)
//
// diffSumsGeneric for n a multiple of 8 on NEON: 8 float64 lanes as 4
// registers each, X2 in V12–V15, Y2 V16–V19, XY V20–V23, E2 V24–V27,
// MaxAbs V28–V31; value i goes to lane i mod 8, each product rounded and
// then added (no fused multiply-add). Every vector instruction is
// WORD-encoded (llvm-mc) and named.
TEXT ·diffSumsBlock(SB), NOSPLIT, $0-32
	MOVD s+0(FP), R0
	MOVD x+8(FP), R1
	MOVD y+16(FP), R2
	MOVD n+24(FP), R7
	LSR  $3, R7, R7
	WORD $0xad40340c // LDP q12, q13, [x0, #0]
	WORD $0xad413c0e // LDP q14, q15, [x0, #32]
	WORD $0xad424410 // LDP q16, q17, [x0, #64]
	WORD $0xad434c12 // LDP q18, q19, [x0, #96]
	WORD $0xad445414 // LDP q20, q21, [x0, #128]
	WORD $0xad455c16 // LDP q22, q23, [x0, #160]
	WORD $0xad466418 // LDP q24, q25, [x0, #192]
	WORD $0xad476c1a // LDP q26, q27, [x0, #224]
	WORD $0xad48741c // LDP q28, q29, [x0, #256]
	WORD $0xad497c1e // LDP q30, q31, [x0, #288]

loop:
	WORD $0x3cc10420 // LDR q0, [x1], #16; lanes 0–3: x
	WORD $0x3cc10441 // LDR q1, [x2], #16; y
	WORD $0x0e617802 // FCVTL v2.2d, v0.2s; a = float64(x)
	WORD $0x4e617803 // FCVTL2 v3.2d, v0.4s
	WORD $0x0e617824 // FCVTL v4.2d, v1.2s; b = float64(y)
	WORD $0x4e617825 // FCVTL2 v5.2d, v1.4s
	WORD $0x4ee4d446 // FSUB v6.2d, v2.2d, v4.2d; e = a − b
	WORD $0x4ee5d467 // FSUB v7.2d, v3.2d, v5.2d
	WORD $0x6e62dc40 // FMUL v0.2d, v2.2d, v2.2d; a·a
	WORD $0x6e63dc61 // FMUL v1.2d, v3.2d, v3.2d
	WORD $0x4e60d58c // FADD v12.2d, v12.2d, v0.2d
	WORD $0x4e61d5ad // FADD v13.2d, v13.2d, v1.2d
	WORD $0x6e64dc80 // FMUL v0.2d, v4.2d, v4.2d; b·b
	WORD $0x6e65dca1 // FMUL v1.2d, v5.2d, v5.2d
	WORD $0x4e60d610 // FADD v16.2d, v16.2d, v0.2d
	WORD $0x4e61d631 // FADD v17.2d, v17.2d, v1.2d
	WORD $0x6e64dc40 // FMUL v0.2d, v2.2d, v4.2d; a·b
	WORD $0x6e65dc61 // FMUL v1.2d, v3.2d, v5.2d
	WORD $0x4e60d694 // FADD v20.2d, v20.2d, v0.2d
	WORD $0x4e61d6b5 // FADD v21.2d, v21.2d, v1.2d
	WORD $0x6e66dcc0 // FMUL v0.2d, v6.2d, v6.2d; e·e
	WORD $0x6e67dce1 // FMUL v1.2d, v7.2d, v7.2d
	WORD $0x4e60d718 // FADD v24.2d, v24.2d, v0.2d
	WORD $0x4e61d739 // FADD v25.2d, v25.2d, v1.2d
	WORD $0x4ee0f8c6 // FABS v6.2d, v6.2d
	WORD $0x4ee0f8e7 // FABS v7.2d, v7.2d
	WORD $0x4e66f79c // FMAX v28.2d, v28.2d, v6.2d; max |e| (FMAX keeps a NaN, as Go's max)
	WORD $0x4e67f7bd // FMAX v29.2d, v29.2d, v7.2d
	WORD $0x3cc10420 // LDR q0, [x1], #16; lanes 4–7: x
	WORD $0x3cc10441 // LDR q1, [x2], #16; y
	WORD $0x0e617802 // FCVTL v2.2d, v0.2s; a = float64(x)
	WORD $0x4e617803 // FCVTL2 v3.2d, v0.4s
	WORD $0x0e617824 // FCVTL v4.2d, v1.2s; b = float64(y)
	WORD $0x4e617825 // FCVTL2 v5.2d, v1.4s
	WORD $0x4ee4d446 // FSUB v6.2d, v2.2d, v4.2d; e = a − b
	WORD $0x4ee5d467 // FSUB v7.2d, v3.2d, v5.2d
	WORD $0x6e62dc40 // FMUL v0.2d, v2.2d, v2.2d; a·a
	WORD $0x6e63dc61 // FMUL v1.2d, v3.2d, v3.2d
	WORD $0x4e60d5ce // FADD v14.2d, v14.2d, v0.2d
	WORD $0x4e61d5ef // FADD v15.2d, v15.2d, v1.2d
	WORD $0x6e64dc80 // FMUL v0.2d, v4.2d, v4.2d; b·b
	WORD $0x6e65dca1 // FMUL v1.2d, v5.2d, v5.2d
	WORD $0x4e60d652 // FADD v18.2d, v18.2d, v0.2d
	WORD $0x4e61d673 // FADD v19.2d, v19.2d, v1.2d
	WORD $0x6e64dc40 // FMUL v0.2d, v2.2d, v4.2d; a·b
	WORD $0x6e65dc61 // FMUL v1.2d, v3.2d, v5.2d
	WORD $0x4e60d6d6 // FADD v22.2d, v22.2d, v0.2d
	WORD $0x4e61d6f7 // FADD v23.2d, v23.2d, v1.2d
	WORD $0x6e66dcc0 // FMUL v0.2d, v6.2d, v6.2d; e·e
	WORD $0x6e67dce1 // FMUL v1.2d, v7.2d, v7.2d
	WORD $0x4e60d75a // FADD v26.2d, v26.2d, v0.2d
	WORD $0x4e61d77b // FADD v27.2d, v27.2d, v1.2d
	WORD $0x4ee0f8c6 // FABS v6.2d, v6.2d
	WORD $0x4ee0f8e7 // FABS v7.2d, v7.2d
	WORD $0x4e66f7de // FMAX v30.2d, v30.2d, v6.2d; max |e| (FMAX keeps a NaN, as Go's max)
	WORD $0x4e67f7ff // FMAX v31.2d, v31.2d, v7.2d
	SUBS $1, R7, R7
	BNE  loop

	WORD $0xad00340c // STP q12, q13, [x0, #0]
	WORD $0xad013c0e // STP q14, q15, [x0, #32]
	WORD $0xad024410 // STP q16, q17, [x0, #64]
	WORD $0xad034c12 // STP q18, q19, [x0, #96]
	WORD $0xad045414 // STP q20, q21, [x0, #128]
	WORD $0xad055c16 // STP q22, q23, [x0, #160]
	WORD $0xad066418 // STP q24, q25, [x0, #192]
	WORD $0xad076c1a // STP q26, q27, [x0, #224]
	WORD $0xad08741c // STP q28, q29, [x0, #256]
	WORD $0xad097c1e // STP q30, q31, [x0, #288]
	RET
