//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func divLevelsBlock(L *byte, x *float32, groups, n int, m *float32, mstep int, d *float32, lo, hi, bias int32)
//
// divLevelsGeneric for n a multiple of 8: per group, m and d broadcast
// (a group with d = ±0 skipped), then 8 values per step.
TEXT ·divLevelsBlock(SB), NOSPLIT, $0-68
	MOVQ L+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ groups+16(FP), R8
	MOVQ n+24(FP), R9         // bytes of levels per group
	LEAQ (R9*4), BX           // bytes of values per group
	MOVQ m+32(FP), R10
	MOVQ mstep+40(FP), R11
	MOVQ d+48(FP), R12
	MOVL lo+56(FP), AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10
	MOVL hi+60(FP), AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11
	MOVL bias+64(FP), AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12
	MOVL $0x4b400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13     // 1.5·2²³
	MOVL $0x7fffff, AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14     // mantissa mask
	MOVL $0x400000, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15

group:
	MOVL  (R12), AX
	TESTL $0x7fffffff, AX
	JZ    skip                // d = ±0: ggml keeps the levels
	VBROADCASTSS (R10), Y8    // m
	VBROADCASTSS (R12), Y9    // d
	MOVQ  R9, CX
	SHRQ  $3, CX

loop:
	VMOVUPS (SI), Y0
	VADDPS  Y8, Y0, Y0        // x + m
	VDIVPS  Y9, Y0, Y0        // / d
	VADDPS  Y13, Y0, Y0       // nearest_int: add 1.5·2²³,
	VPAND   Y14, Y0, Y0       // keep the mantissa,
	VPSUBD  Y15, Y0, Y0       // subtract 2²²
	VPMAXSD Y10, Y0, Y0       // clamp
	VPMINSD Y11, Y0, Y0
	VPADDD  Y12, Y0, Y0       // + bias: 0 … 255
	VEXTRACTI128 $1, Y0, X1
	VPACKUSDW X1, X0, X0      // 8 words
	VPACKUSWB X0, X0, X0      // 8 bytes (twice)
	MOVQ    X0, (DI)
	ADDQ    $32, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     loop
	JMP     next

skip:
	ADDQ BX, SI
	ADDQ R9, DI

next:
	ADDQ $4, R12
	ADDQ R11, R10
	DECQ R8
	JNZ  group
	VZEROUPPER
	RET
