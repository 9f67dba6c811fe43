//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// func fp4IndicesBlock(L *byte, x *float32, n int, e float32)
//
// L[j] = the code i whose value times e is nearest to x[j], the first on
// ties, as fp4IndicesGeneric and fp4_amd64.s: |x − v_i·e| compared in code
// order with a strict <, code 0's error taken as |x|. The 15 products
// v_i·e stay in V17–V31; 4 values per step (n a multiple of 8). Every
// vector instruction is WORD-encoded (llvm-mc) and named.
TEXT ·fp4IndicesBlock(SB), NOSPLIT, $0-28
	MOVD  L+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  n+16(FP), R7
	LSR   $2, R7, R7
	MOVD  $·FP4Values(SB), R4
	VLD1  (R4), [V2.B16] // the doubled E2M1 values as int8
	WORD $0x0f08a442 // SXTL v2.8h, v2.8b
	WORD $0x0f10a443 // SXTL v3.4s, v2.4h; codes 0–3 …
	WORD $0x4f10a444 // SXTL2 v4.4s, v2.8h; … 4–7
	WORD $0x4e21d863 // SCVTF v3.4s, v3.4s
	WORD $0x4e21d884 // SCVTF v4.4s, v4.4s
	VLD1  (R4), [V2.B16]
	WORD $0x6e024042 // EXT v2.16b, v2.16b, v2.16b, #8
	WORD $0x0f08a442 // SXTL v2.8h, v2.8b
	WORD $0x0f10a445 // SXTL v5.4s, v2.4h; codes 8–11 …
	WORD $0x4f10a446 // SXTL2 v6.4s, v2.8h; … 12–15
	WORD $0x4e21d8a5 // SCVTF v5.4s, v5.4s
	WORD $0x4e21d8c6 // SCVTF v6.4s, v6.4s
	WORD $0x4e0c0471 // DUP v17.4s, v3.s[1]
	WORD $0x4e140472 // DUP v18.4s, v3.s[2]
	WORD $0x4e1c0473 // DUP v19.4s, v3.s[3]
	WORD $0x4e040494 // DUP v20.4s, v4.s[0]
	WORD $0x4e0c0495 // DUP v21.4s, v4.s[1]
	WORD $0x4e140496 // DUP v22.4s, v4.s[2]
	WORD $0x4e1c0497 // DUP v23.4s, v4.s[3]
	WORD $0x4e0404b8 // DUP v24.4s, v5.s[0]
	WORD $0x4e0c04b9 // DUP v25.4s, v5.s[1]
	WORD $0x4e1404ba // DUP v26.4s, v5.s[2]
	WORD $0x4e1c04bb // DUP v27.4s, v5.s[3]
	WORD $0x4e0404dc // DUP v28.4s, v6.s[0]
	WORD $0x4e0c04dd // DUP v29.4s, v6.s[1]
	WORD $0x4e1404de // DUP v30.4s, v6.s[2]
	WORD $0x4e1c04df // DUP v31.4s, v6.s[3]
	MOVWU e+24(FP), R4
	VDUP  R4, V0.S4
	WORD $0x6e20de31 // FMUL v17.4s, v17.4s, v0.4s; v_1·e
	WORD $0x6e20de52 // FMUL v18.4s, v18.4s, v0.4s; v_2·e
	WORD $0x6e20de73 // FMUL v19.4s, v19.4s, v0.4s; v_3·e
	WORD $0x6e20de94 // FMUL v20.4s, v20.4s, v0.4s; v_4·e
	WORD $0x6e20deb5 // FMUL v21.4s, v21.4s, v0.4s; v_5·e
	WORD $0x6e20ded6 // FMUL v22.4s, v22.4s, v0.4s; v_6·e
	WORD $0x6e20def7 // FMUL v23.4s, v23.4s, v0.4s; v_7·e
	WORD $0x6e20df18 // FMUL v24.4s, v24.4s, v0.4s; v_8·e
	WORD $0x6e20df39 // FMUL v25.4s, v25.4s, v0.4s; v_9·e
	WORD $0x6e20df5a // FMUL v26.4s, v26.4s, v0.4s; v_10·e
	WORD $0x6e20df7b // FMUL v27.4s, v27.4s, v0.4s; v_11·e
	WORD $0x6e20df9c // FMUL v28.4s, v28.4s, v0.4s; v_12·e
	WORD $0x6e20dfbd // FMUL v29.4s, v29.4s, v0.4s; v_13·e
	WORD $0x6e20dfde // FMUL v30.4s, v30.4s, v0.4s; v_14·e
	WORD $0x6e20dfff // FMUL v31.4s, v31.4s, v0.4s; v_15·e
	MOVW  $1, R4
	VDUP  R4, V6.S4 // 1 per lane

loop:
	WORD $0x3cc10420 // LDR q0, [x1], #16; x
	WORD $0x4ea0f801 // FABS v1.4s, v0.4s; the error of code 0 (value 0): |x|
	WORD $0x6f00e402 // MOVI v2.2d, #0; code 0
	WORD $0x6f00e405 // MOVI v5.2d, #0
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 1
	WORD $0x4eb1d403 // FSUB v3.4s, v0.4s, v17.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 2
	WORD $0x4eb2d403 // FSUB v3.4s, v0.4s, v18.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 3
	WORD $0x4eb3d403 // FSUB v3.4s, v0.4s, v19.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 4
	WORD $0x4eb4d403 // FSUB v3.4s, v0.4s, v20.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 5
	WORD $0x4eb5d403 // FSUB v3.4s, v0.4s, v21.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 6
	WORD $0x4eb6d403 // FSUB v3.4s, v0.4s, v22.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 7
	WORD $0x4eb7d403 // FSUB v3.4s, v0.4s, v23.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 8
	WORD $0x4eb8d403 // FSUB v3.4s, v0.4s, v24.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 9
	WORD $0x4eb9d403 // FSUB v3.4s, v0.4s, v25.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 10
	WORD $0x4ebad403 // FSUB v3.4s, v0.4s, v26.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 11
	WORD $0x4ebbd403 // FSUB v3.4s, v0.4s, v27.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 12
	WORD $0x4ebcd403 // FSUB v3.4s, v0.4s, v28.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 13
	WORD $0x4ebdd403 // FSUB v3.4s, v0.4s, v29.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 14
	WORD $0x4ebed403 // FSUB v3.4s, v0.4s, v30.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x4ea684a5 // ADD v5.4s, v5.4s, v6.4s; code 15
	WORD $0x4ebfd403 // FSUB v3.4s, v0.4s, v31.4s
	WORD $0x4ea0f863 // FABS v3.4s, v3.4s; its error
	WORD $0x6ea3e424 // FCMGT v4.4s, v1.4s, v3.4s; nearer (strictly)
	WORD $0x6ea41c61 // BIT v1.16b, v3.16b, v4.16b
	WORD $0x6ea41ca2 // BIT v2.16b, v5.16b, v4.16b
	WORD $0x0e612842 // XTN v2.4h, v2.4s
	WORD $0x0e212842 // XTN v2.8b, v2.8h
	WORD $0xbc004402 // STR s2, [x0], #4; 4 codes
	SUBS $1, R7, R7
	BNE  loop
	RET
