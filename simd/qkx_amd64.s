//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func qkxSums(xT, wT, aux *float32, n int, iscale, lo *[8]float32, nmax int32, sums *[24]float32)
TEXT ·qkxSums(SB), NOSPLIT, $0-64
	MOVQ xT+0(FP), SI
	MOVQ wT+8(FP), BX
	MOVQ aux+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ iscale+32(FP), AX
	VMOVUPS (AX), Y8          // iscale per lane
	MOVQ lo+40(FP), AX
	VMOVUPS (AX), Y9          // lo per lane
	MOVL nmax+48(FP), AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax (int32)
	MOVL $0x4b400000, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // 12582912.0 = 1.5·2²³
	MOVL $0x7fffff, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // mantissa mask
	MOVL $0x400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13
	VPXOR Y14, Y14, Y14       // 0
	MOVQ sums+56(FP), DX
	VMOVUPS (DX), Y5          // Σ w·l
	VMOVUPS 32(DX), Y6        // Σ (w·l)·l
	VMOVUPS 64(DX), Y7        // Σ (w·l)·x

loop:
	VMOVUPS    (SI), Y0       // x
	VSUBPS     Y9, Y0, Y1     // x − lo
	VMULPS     Y8, Y1, Y1     // iscale·(x − lo)
	VADDPS     Y11, Y1, Y1    // + 1.5·2²³: nearest_int's trick
	VPAND      Y12, Y1, Y1
	VPSUBD     Y13, Y1, Y1    // the rounded integer
	VPMAXSD    Y14, Y1, Y1    // max(0, …)
	VPMINSD    Y10, Y1, Y1    // min(nmax, …)
	VCVTDQ2PS  Y1, Y1         // l as float
	VMOVUPS    Y1, (DI)
	VMOVUPS    (BX), Y2       // w
	VMULPS     Y1, Y2, Y2     // w·l
	VADDPS     Y2, Y5, Y5
	VMULPS     Y1, Y2, Y3     // (w·l)·l
	VADDPS     Y3, Y6, Y6
	VMULPS     Y0, Y2, Y4     // (w·l)·x
	VADDPS     Y4, Y7, Y7
	ADDQ       $32, SI
	ADDQ       $32, BX
	ADDQ       $32, DI
	DECQ       CX
	JNZ        loop

	VMOVUPS Y5, (DX)
	VMOVUPS Y6, 32(DX)
	VMOVUPS Y7, 64(DX)
	VZEROUPPER
	RET

// func qkxErr(xT, wT, aux *float32, n int, scale, min *[8]float32, mad bool, err *[8]float32)
TEXT ·qkxErr(SB), NOSPLIT, $0-64
	MOVQ xT+0(FP), SI
	MOVQ wT+8(FP), BX
	MOVQ aux+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ scale+32(FP), AX
	VMOVUPS (AX), Y8          // scale per lane
	MOVQ min+40(FP), AX
	VMOVUPS (AX), Y9          // min per lane
	MOVBLZX mad+48(FP), R8
	MOVL $0x7fffffff, AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // |d| mask
	VXORPS Y5, Y5, Y5         // Σ w·e

loop:
	VMOVUPS (DI), Y1          // l
	VMULPS  Y8, Y1, Y1        // scale·l
	VADDPS  Y9, Y1, Y1        // + min
	VSUBPS  (SI), Y1, Y1      // − x
	TESTQ   R8, R8
	JZ      square
	VANDPS  Y10, Y1, Y1       // |d|
	JMP     weigh
square:
	VMULPS  Y1, Y1, Y1        // d·d
weigh:
	VMULPS  (BX), Y1, Y1      // w·e
	VADDPS  Y1, Y5, Y5
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, DI
	DECQ    CX
	JNZ     loop

	MOVQ    err+56(FP), DX
	VMOVUPS Y5, (DX)
	VZEROUPPER
	RET
