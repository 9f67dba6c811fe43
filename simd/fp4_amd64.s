//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// The tables are Go variables (fp4_amd64.go): ·fp4Levels, the doubled E2M1
// values as float32 (also read by dequant_amd64.s), and ·fp4Codes, codes
// 0–15 each in all 8 lanes.

// FP4PRODUCT stores v_k·e (e in every lane of Y1), v_k at LOFF(·fp4Levels),
// at SOFF(SP).
#define FP4PRODUCT(LOFF, SOFF) \
	VBROADCASTSS ·fp4Levels+LOFF(SB), Y0 \
	VMULPS       Y1, Y0, Y0              \
	VMOVUPS      Y0, SOFF(SP)

// FP4CODE tries code k = OFF/32 on the 8 values in Y0: where |x − v_k·e|
// (the product at OFF(SP)) is below the best error so far (Y3), it becomes
// the best and k the code (Y2).
#define FP4CODE(OFF) \
	VSUBPS    OFF(SP), Y0, Y4                \
	VANDPS    Y15, Y4, Y4                    \
	VCMPPS    $0x11, Y3, Y4, Y5              \
	VBLENDVPS Y5, Y4, Y3, Y3                 \
	VBLENDVPS Y5, ·fp4Codes+OFF(SB), Y2, Y2

// func fp4IndicesBlock(L *byte, x *float32, n int, e float32)
//
// L[j] = the code i whose value times e is nearest to x[j], the first on
// ties: |x − v_i·e| compared in code order with a strict <, as ggml's
// best_index_mxfp4 (which computes v_i·e − x: the same magnitude). The 16
// products go to the stack first. n is a multiple of 8.
TEXT ·fp4IndicesBlock(SB), NOSPLIT, $512-28
	MOVQ L+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	VBROADCASTSS e+24(FP), Y1
	MOVL $0x7fffffff, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // |x| mask
	FP4PRODUCT(4, 32)
	FP4PRODUCT(8, 64)
	FP4PRODUCT(12, 96)
	FP4PRODUCT(16, 128)
	FP4PRODUCT(20, 160)
	FP4PRODUCT(24, 192)
	FP4PRODUCT(28, 224)
	FP4PRODUCT(32, 256)
	FP4PRODUCT(36, 288)
	FP4PRODUCT(40, 320)
	FP4PRODUCT(44, 352)
	FP4PRODUCT(48, 384)
	FP4PRODUCT(52, 416)
	FP4PRODUCT(56, 448)
	FP4PRODUCT(60, 480)

loop:
	VMOVUPS (SI), Y0          // x
	VANDPS  Y15, Y0, Y3       // the error of code 0 (value 0): |x|
	VPXOR   Y2, Y2, Y2        // code 0
	FP4CODE(32)
	FP4CODE(64)
	FP4CODE(96)
	FP4CODE(128)
	FP4CODE(160)
	FP4CODE(192)
	FP4CODE(224)
	FP4CODE(256)
	FP4CODE(288)
	FP4CODE(320)
	FP4CODE(352)
	FP4CODE(384)
	FP4CODE(416)
	FP4CODE(448)
	FP4CODE(480)
	VEXTRACTI128 $1, Y2, X3
	VPACKUSDW X3, X2, X2
	VPACKUSWB X2, X2, X2
	MOVQ    X2, (DI)
	ADDQ    $32, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     loop
	VZEROUPPER
	RET
