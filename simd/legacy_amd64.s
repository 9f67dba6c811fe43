//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// VPERMD indices that put the bytes packed from 4×8 int32 back in order.
DATA legacyperm<>+0(SB)/4, $0
DATA legacyperm<>+4(SB)/4, $4
DATA legacyperm<>+8(SB)/4, $1
DATA legacyperm<>+12(SB)/4, $5
DATA legacyperm<>+16(SB)/4, $2
DATA legacyperm<>+20(SB)/4, $6
DATA legacyperm<>+24(SB)/4, $3
DATA legacyperm<>+28(SB)/4, $7
GLOBL legacyperm<>(SB), RODATA|NOPTR, $32

// FIRSTEQ sets AX to the index of the first of the 32 values in Y0–Y3
// (after OP, e.g. |x|) equal to every lane of Y8. Uses Y5, BX.
#define FIRSTEQ(OP) \
	OP(Y0, Y5)                  \
	VCMPPS    $0, Y8, Y5, Y5    \
	VMOVMSKPS Y5, AX            \
	OP(Y1, Y5)                  \
	VCMPPS    $0, Y8, Y5, Y5    \
	VMOVMSKPS Y5, BX            \
	SHLL      $8, BX            \
	ORL       BX, AX            \
	OP(Y2, Y5)                  \
	VCMPPS    $0, Y8, Y5, Y5    \
	VMOVMSKPS Y5, BX            \
	SHLL      $16, BX           \
	ORL       BX, AX            \
	OP(Y3, Y5)                  \
	VCMPPS    $0, Y8, Y5, Y5    \
	VMOVMSKPS Y5, BX            \
	SHLL      $24, BX           \
	ORL       BX, AX            \
	BSFL      AX, AX

#define ABS(S, D) VANDPS Y15, S, D
#define COPY(S, D) VMOVAPS S, D

// REDUCE folds the 8 lanes of Y with OP (VMAXPS or VMINPS) into every lane
// of X. Uses X6.
#define REDUCE(OP, Y, X) \
	VEXTRACTF128 $1, Y, X6 \
	OP           X6, X, X  \
	VPERMILPS    $0x4e, X, X6 \
	OP           X6, X, X  \
	VPERMILPS    $0xb1, X, X6 \
	OP           X6, X, X

// LEVEL turns the 8 values of Y into levels: ((Y − Y9)·Y8 + Y14), x86
// truncation, the low byte sign-extended, min with Y13, the low byte.
#define LEVEL(Y) \
	VSUBPS     Y9, Y, Y   \
	VMULPS     Y8, Y, Y   \
	VADDPS     Y14, Y, Y  \
	VCVTTPS2DQ Y, Y       \
	VPSLLD     $24, Y, Y  \
	VPSRAD     $24, Y, Y  \
	VPMINSD    Y13, Y, Y  \
	VPAND      Y11, Y, Y

// func legacyBlock(dst *byte, src *float32, nblocks int, t *legacyType)
//
// Each block also prefetches the 128 bytes t.ahead bytes after it.
TEXT ·legacyBlock(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVQ t+24(FP), DX
	MOVBLZX 0(DX), R8         // affine
	MOVBLZX 1(DX), R9         // five
	VMOVSS  4(DX), X10        // nmax (the divisor)
	VBROADCASTSS 8(DX), Y14   // bias
	VPBROADCASTD 12(DX), Y13  // clamp
	MOVQ    16(DX), R10       // block bytes
	MOVQ    24(DX), R12       // how far ahead to prefetch

	MOVL         $0x7fffffff, AX
	MOVQ         AX, X15
	VPBROADCASTD X15, Y15     // |x| mask
	MOVL         $0xff, AX
	MOVQ         AX, X11
	VPBROADCASTD X11, Y11     // low-byte mask
	MOVL         $0x0f0f0f0f, AX
	MOVQ         AX, X12
	VPBROADCASTD X12, X12     // low nibbles
	MOVL         $0x3f800000, AX
	MOVQ         AX, X7       // 1.0

block:
	PREFETCHT0 (SI)(R12*1)
	PREFETCHT0 64(SI)(R12*1)
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS 96(SI), Y3
	MOVQ    DI, R11           // where the block's fields go
	TESTQ   R8, R8
	JNZ     affine

	// d = v/nmax, v the first value of largest magnitude (+0 if all are 0).
	VANDPS  Y15, Y0, Y4
	VANDPS  Y15, Y1, Y5
	VMAXPS  Y5, Y4, Y4
	VANDPS  Y15, Y2, Y5
	VMAXPS  Y5, Y4, Y4
	VANDPS  Y15, Y3, Y5
	VMAXPS  Y5, Y4, Y4
	REDUCE(VMAXPS, Y4, X4)
	VXORPS  X5, X5, X5
	VUCOMISS X5, X4
	JEQ     symscale          // amax = 0: v = +0
	VBROADCASTSS X4, Y8
	FIRSTEQ(ABS)
	VMOVSS  (SI)(AX*4), X5
symscale:
	VDIVSS  X10, X5, X5       // d
	VXORPS  Y9, Y9, Y9        // no minimum
	JMP     scales

affine:
	VMINPS  Y1, Y0, Y4
	VMINPS  Y3, Y2, Y5
	VMINPS  Y5, Y4, Y4
	REDUCE(VMINPS, Y4, X4)
	VMOVAPS X4, X9            // min
	VXORPS  X5, X5, X5
	VUCOMISS X5, X4
	JNE     affmax            // a zero min may be ±0: take the first, as ggml
	VBROADCASTSS X4, Y8
	FIRSTEQ(COPY)
	VMOVSS  (SI)(AX*4), X9
affmax:
	VMAXPS  Y1, Y0, Y4
	VMAXPS  Y3, Y2, Y5
	VMAXPS  Y5, Y4, Y4
	REDUCE(VMAXPS, Y4, X4)
	VMOVAPS X4, X5            // max
	VXORPS  X6, X6, X6
	VUCOMISS X6, X4
	JNE     affscale          // likewise for a zero max
	VBROADCASTSS X4, Y8
	FIRSTEQ(COPY)
	VMOVSS  (SI)(AX*4), X5
affscale:
	VSUBSS  X9, X5, X5        // max − min
	VDIVSS  X10, X5, X5       // d
	VCVTPS2PH $0, X9, X6
	VMOVD   X6, AX
	MOVW    AX, 2(R11)        // fp16 min
	ADDQ    $2, R11
	VBROADCASTSS X9, Y9

scales:
	VCVTPS2PH $0, X5, X6
	VMOVD   X6, AX
	MOVW    AX, (DI)          // fp16 d
	ADDQ    $2, R11
	VXORPS  X8, X8, X8        // 1/d, or 0 for d = 0
	VUCOMISS X8, X5
	JEQ     levels
	VDIVSS  X5, X7, X8
levels:
	VBROADCASTSS X8, Y8
	LEVEL(Y0)
	LEVEL(Y1)
	LEVEL(Y2)
	LEVEL(Y3)
	VPACKUSDW Y1, Y0, Y0      // 32 low bytes, as in q8_0
	VPACKUSDW Y3, Y2, Y2
	VPACKUSWB Y2, Y0, Y0
	VMOVDQU   legacyperm<>(SB), Y4
	VPERMD    Y0, Y4, Y0      // levels 0–31 in order
	VEXTRACTI128 $1, Y0, X1   // levels 16–31
	TESTQ   R9, R9
	JZ      nibbles
	VPSLLW    $3, Y0, Y4      // bit 4 of each level to bit 7
	VPMOVMSKB Y4, AX
	MOVL      AX, (R11)       // qh
	ADDQ      $4, R11
	VPAND     X12, X0, X0     // 5-bit levels keep only their low nibble below
nibbles:
	VPSLLW  $4, X1, X1
	VPANDN  X1, X12, X1       // (level << 4) & 0xf0
	VPOR    X1, X0, X0
	VMOVDQU X0, (R11)

	ADDQ $128, SI
	ADDQ R10, DI
	DECQ CX
	JNZ  block
	VZEROUPPER
	RET
