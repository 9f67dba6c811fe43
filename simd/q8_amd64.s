//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// VPERMD indices that put the packed bytes of a block back in order.
DATA q8perm<>+0(SB)/4, $0
DATA q8perm<>+4(SB)/4, $4
DATA q8perm<>+8(SB)/4, $1
DATA q8perm<>+12(SB)/4, $5
DATA q8perm<>+16(SB)/4, $2
DATA q8perm<>+20(SB)/4, $6
DATA q8perm<>+24(SB)/4, $3
DATA q8perm<>+28(SB)/4, $7
GLOBL q8perm<>(SB), RODATA|NOPTR, $32

// ROUND rounds the 8 floats of Y (already x·id) half away from zero and
// converts them to int32, keeping the low byte: t = trunc(v);
// r = t + (|v − t| ≥ 0.5 ? ±1 : 0); then CVTTPS2DQ (0x80000000 for ±Inf and
// NaN) & 0xff. Uses Y4–Y6.
#define ROUND(Y) \
	VROUNDPS   $3, Y, Y4        \ // t = trunc(v)
	VSUBPS     Y4, Y, Y5        \ // v − t, exact
	VANDPS     Y15, Y5, Y5      \ // |v − t|
	VCMPPS     $0x1d, Y14, Y5, Y5 \ // ≥ 0.5 (GE_OQ)
	VANDPS     Y12, Y, Y6       \ // sign of v
	VORPS      Y13, Y6, Y6      \ // ±1.0
	VANDPS     Y5, Y6, Y6       \ // ±1 where rounding goes away from zero
	VADDPS     Y6, Y4, Y       \ // r
	VCVTTPS2DQ Y, Y             \ // int32
	VPAND      Y11, Y, Y          // the low byte, as a C cast to int8_t keeps

// func quantizeQ8_0Block(dst *byte, src *float32, nblocks, ahead int)
//
// Each block also prefetches the 128 bytes ahead bytes after it.
TEXT ·quantizeQ8_0Block(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVQ ahead+24(FP), R12

	MOVL         $0x7fffffff, AX
	MOVQ         AX, X15
	VPBROADCASTD X15, Y15     // |x| mask
	MOVL         $0x3f000000, AX
	MOVQ         AX, X14
	VPBROADCASTD X14, Y14     // 0.5
	MOVL         $0x3f800000, AX
	MOVQ         AX, X13
	VPBROADCASTD X13, Y13     // 1.0
	MOVL         $0x80000000, AX
	MOVQ         AX, X12
	VPBROADCASTD X12, Y12     // sign bit
	MOVL         $0xff, AX
	MOVQ         AX, X11
	VPBROADCASTD X11, Y11     // low-byte mask
	MOVL         $0x42fe0000, AX
	MOVQ         AX, X10      // 127.0
	VMOVDQU      q8perm<>(SB), Y9

block:
	PREFETCHT0 (SI)(R12*1)
	PREFETCHT0 64(SI)(R12*1)
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS 96(SI), Y3

	// amax = max |x| over the 32 values (max is exact: any order).
	VANDPS       Y15, Y0, Y4
	VANDPS       Y15, Y1, Y5
	VANDPS       Y15, Y2, Y6
	VANDPS       Y15, Y3, Y7
	VMAXPS       Y5, Y4, Y4
	VMAXPS       Y7, Y6, Y6
	VMAXPS       Y6, Y4, Y4
	VEXTRACTF128 $1, Y4, X5
	VMAXPS       X5, X4, X4
	VPERMILPS    $0x4e, X4, X5
	VMAXPS       X5, X4, X4
	VPERMILPS    $0xb1, X4, X5
	VMAXPS       X5, X4, X4   // every lane: amax

	VDIVSS    X10, X4, X5     // d = amax / 127
	VCVTPS2PH $0, X5, X6      // fp16(d), to nearest even
	VMOVD     X6, AX
	MOVW      AX, (DI)

	VXORPS   X8, X8, X8       // id = 0 …
	VUCOMISS X8, X5
	JEQ      scale
	VDIVSS   X5, X13, X8      // … or 1/d
scale:
	VBROADCASTSS X8, Y8

	VMULPS Y8, Y0, Y0
	VMULPS Y8, Y1, Y1
	VMULPS Y8, Y2, Y2
	VMULPS Y8, Y3, Y3
	ROUND(Y0)
	ROUND(Y1)
	ROUND(Y2)
	ROUND(Y3)

	// 4×8 int32 (each 0–255) → 32 bytes in order.
	VPACKUSDW Y1, Y0, Y0      // per lane: Y0's 4 words, then Y1's
	VPACKUSDW Y3, Y2, Y2
	VPACKUSWB Y2, Y0, Y0      // per lane: Y0, Y1, Y2, Y3 in groups of 4
	VPERMD    Y0, Y9, Y0      // the lanes' groups back in order
	VMOVDQU   Y0, 2(DI)

	ADDQ $128, SI
	ADDQ $34, DI
	DECQ CX
	JNZ  block

	VZEROUPPER
	RET
