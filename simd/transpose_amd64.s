//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func transpose8(src *float32, n int, dst *float32)
//
// dst[8i+k] = src[k·n+i] for k < 8, i < n (n a multiple of 8): 8 rows of
// n values into n rows of 8 lanes, one 8×8 block at a time.
TEXT ·transpose8(SB), NOSPLIT, $0-24
	MOVQ src+0(FP), SI
	MOVQ n+8(FP), BX
	MOVQ dst+16(FP), DI
	SHLQ $2, BX               // row stride in bytes
	MOVQ BX, DX
	SHRQ $5, DX               // 8×8 blocks
	LEAQ (BX)(BX*2), R8       // 3 rows
	LEAQ (SI)(BX*4), R9       // row 4

block:
	VMOVUPS (SI), Y0          // row 0
	VMOVUPS (SI)(BX*1), Y1    // row 1
	VMOVUPS (SI)(BX*2), Y2    // row 2
	VMOVUPS (SI)(R8*1), Y3    // row 3
	VMOVUPS (R9), Y4          // row 4
	VMOVUPS (R9)(BX*1), Y5    // row 5
	VMOVUPS (R9)(BX*2), Y6    // row 6
	VMOVUPS (R9)(R8*1), Y7    // row 7

	VUNPCKLPS Y1, Y0, Y8      // r0₀ r1₀ r0₁ r1₁ | r0₄ r1₄ r0₅ r1₅
	VUNPCKHPS Y1, Y0, Y9      // r0₂ r1₂ r0₃ r1₃ | r0₆ r1₆ r0₇ r1₇
	VUNPCKLPS Y3, Y2, Y10
	VUNPCKHPS Y3, Y2, Y11
	VUNPCKLPS Y5, Y4, Y12
	VUNPCKHPS Y5, Y4, Y13
	VUNPCKLPS Y7, Y6, Y14
	VUNPCKHPS Y7, Y6, Y15

	VSHUFPS $0x44, Y10, Y8, Y0  // r0₀ r1₀ r2₀ r3₀ | column 4
	VSHUFPS $0xee, Y10, Y8, Y1  // column 1 | column 5
	VSHUFPS $0x44, Y11, Y9, Y2  // column 2 | column 6
	VSHUFPS $0xee, Y11, Y9, Y3  // column 3 | column 7
	VSHUFPS $0x44, Y14, Y12, Y4 // rows 4–7 likewise
	VSHUFPS $0xee, Y14, Y12, Y5
	VSHUFPS $0x44, Y15, Y13, Y6
	VSHUFPS $0xee, Y15, Y13, Y7

	VPERM2F128 $0x20, Y4, Y0, Y8  // column 0, rows 0–7
	VPERM2F128 $0x20, Y5, Y1, Y9  // column 1
	VPERM2F128 $0x20, Y6, Y2, Y10 // column 2
	VPERM2F128 $0x20, Y7, Y3, Y11 // column 3
	VPERM2F128 $0x31, Y4, Y0, Y12 // column 4
	VPERM2F128 $0x31, Y5, Y1, Y13 // column 5
	VPERM2F128 $0x31, Y6, Y2, Y14 // column 6
	VPERM2F128 $0x31, Y7, Y3, Y15 // column 7
	VMOVUPS Y8, (DI)
	VMOVUPS Y9, 32(DI)
	VMOVUPS Y10, 64(DI)
	VMOVUPS Y11, 96(DI)
	VMOVUPS Y12, 128(DI)
	VMOVUPS Y13, 160(DI)
	VMOVUPS Y14, 192(DI)
	VMOVUPS Y15, 224(DI)

	ADDQ $32, SI
	ADDQ $32, R9
	ADDQ $256, DI
	DECQ DX
	JNZ  block
	VZEROUPPER
	RET

// func transposeBytes8(src *byte, n int, dst *byte)
//
// dst[k·n+i] = src[8i+k] for k < 8, i < n (n a multiple of 8): the lane
// kernels' levels, one row of 8 lanes per 8 bytes, back to 8 groups of n.
// Each 8×8 block is interleaved bytes → words → dwords.
TEXT ·transposeBytes8(SB), NOSPLIT, $0-24
	MOVQ src+0(FP), SI
	MOVQ n+8(FP), BX
	MOVQ dst+16(FP), DI
	MOVQ BX, CX
	SHRQ $3, CX               // 8-row blocks
	LEAQ (BX)(BX*2), R8       // 3n
	LEAQ (DI)(BX*4), R9       // group 4
	LEAQ (R8)(BX*4), R10      // 7n

block:
	MOVQ       (SI), X0       // row 0: groups 0–7
	MOVQ       8(SI), X1
	MOVQ       16(SI), X2
	MOVQ       24(SI), X3
	MOVQ       32(SI), X4
	MOVQ       40(SI), X5
	MOVQ       48(SI), X6
	MOVQ       56(SI), X7
	PUNPCKLBW  X1, X0         // rows 0,1 interleaved by group
	PUNPCKLBW  X3, X2         // rows 2,3
	PUNPCKLBW  X5, X4         // rows 4,5
	PUNPCKLBW  X7, X6         // rows 6,7
	MOVOU      X0, X1
	PUNPCKLWL  X2, X0         // groups 0–3, rows 0–3
	PUNPCKHWL  X2, X1         // groups 4–7, rows 0–3
	MOVOU      X4, X3
	PUNPCKLWL  X6, X4         // groups 0–3, rows 4–7
	PUNPCKHWL  X6, X3         // groups 4–7, rows 4–7
	MOVOU      X0, X2
	PUNPCKLLQ  X4, X0         // groups 0, 1: rows 0–7 each
	PUNPCKHLQ  X4, X2         // groups 2, 3
	MOVOU      X1, X5
	PUNPCKLLQ  X3, X1         // groups 4, 5
	PUNPCKHLQ  X3, X5         // groups 6, 7
	MOVQ       X0, (DI)            // group 0
	MOVHPS     X0, (DI)(BX*1)      // group 1
	MOVQ       X2, (DI)(BX*2)      // group 2
	MOVHPS     X2, (DI)(R8*1)      // group 3
	MOVQ       X1, (R9)            // group 4
	MOVHPS     X1, (R9)(BX*1)      // group 5
	MOVQ       X5, (R9)(BX*2)      // group 6
	MOVHPS     X5, (DI)(R10*1)     // group 7
	ADDQ       $64, SI
	ADDQ       $8, DI
	ADDQ       $8, R9
	DECQ       CX
	JNZ        block
	RET
