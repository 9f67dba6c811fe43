//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func qxCandidates(xT, wT, wvT *float32, n int, iscales *float32, ncand int, nmax int32, sums *float32)
TEXT ·qxCandidates(SB), NOSPLIT, $0-64
	MOVQ iscales+32(FP), R13
	MOVQ ncand+40(FP), R14
	MOVQ sums+56(FP), DX
	MOVL nmax+48(FP), AX
	DECL AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax − 1
	MOVL nmax+48(FP), AX
	NEGL AX
	MOVQ AX, X9
	VPBROADCASTD X9, Y9       // −nmax
	MOVL $0x4b400000, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // 1.5·2²³
	MOVL $0x7fffff, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // mantissa mask
	MOVL $0x400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13

candidate:
	VMOVUPS (R13), Y8         // iscale per lane
	VXORPS  Y5, Y5, Y5        // Σ wv·l
	VXORPS  Y6, Y6, Y6        // Σ (w·l)·l
	MOVQ    xT+0(FP), SI
	MOVQ    wT+8(FP), BX
	MOVQ    wvT+16(FP), DI
	MOVQ    n+24(FP), CX

rows:
	VMULPS    (SI), Y8, Y1    // iscale·x
	VADDPS    Y11, Y1, Y1     // nearest_int: add 1.5·2²³,
	VPAND     Y12, Y1, Y1     // keep the mantissa,
	VPSUBD    Y13, Y1, Y1     // subtract 2²²
	VPMAXSD   Y9, Y1, Y1      // max(−nmax, …)
	VPMINSD   Y10, Y1, Y1     // min(nmax − 1, …)
	VCVTDQ2PS Y1, Y1          // l
	VMULPS    (DI), Y1, Y2    // wv·l
	VADDPS    Y2, Y5, Y5
	VMULPS    (BX), Y1, Y3    // w·l
	VMULPS    Y1, Y3, Y3      // (w·l)·l
	VADDPS    Y3, Y6, Y6
	ADDQ      $32, SI
	ADDQ      $32, BX
	ADDQ      $32, DI
	DECQ      CX
	JNZ       rows

	VMOVUPS Y5, (DX)
	VMOVUPS Y6, 32(DX)
	ADDQ    $32, R13
	ADDQ    $64, DX
	DECQ    R14
	JNZ     candidate
	VZEROUPPER
	RET
