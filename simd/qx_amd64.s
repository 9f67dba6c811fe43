//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func qxSearch(xT, wT, wvT *float32, n int, vmax *[8]float32, nums *float32, ncand int, nmax int32, scale *[8]float32, levels *byte)
//
// QX for 8 groups in lanes (x = xT[8i:8i+8], w = wT[…], wv = wvT[…] = w·x
// for i < n). For each candidate c, iscale = nums[c]/vmax and
//
//	l = clamp(nearest_int(iscale·x), −nmax, nmax−1)
//	Σlx = Σ wv·l;  Σl2 = Σ (w·l)·l     (in order, no fused multiply-add)
//
// The first candidate sets scale = Σl2 ≠ 0 ? Σlx/Σl2 : 0 and best =
// scale·Σlx; a later one replaces them (scale = Σlx/Σl2, best = scale·Σlx)
// in the lanes where Σl2 > 0 and Σlx·Σlx > best·Σl2. Finally levels[8i+k]
// (a byte) = l + nmax under the winning iscale.
//
// In a lane that counts (|vmax| ≥ 1e-15, x finite: the caller's groups)
// |iscale·x| ≤ |nums[c]|·(1 + 2⁻²²) < 2²², where nearest_int is exact
// rounding to nearest even; so the candidates round in floats (VROUNDPS,
// to nearest even) with float clamps, three instructions fewer than
// ggml's bit trick, which the final levels use. Other lanes are discarded.
// (A level of −0 instead of +0 changes no sum: each starts at +0.)
TEXT ·qxSearch(SB), NOSPLIT, $0-80
	MOVQ vmax+32(FP), AX
	VMOVUPS (AX), Y14         // vmax per lane
	MOVQ nums+40(FP), R13
	MOVQ ncand+48(FP), R14
	MOVL nmax+56(FP), AX
	DECL AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax − 1
	MOVL nmax+56(FP), AX
	NEGL AX
	MOVQ AX, X9
	VPBROADCASTD X9, Y9       // −nmax
	MOVL $0x4b400000, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // 1.5·2²³
	VCVTDQ2PS Y9, Y12         // −nmax as a float
	VCVTDQ2PS Y10, Y13        // nmax − 1 as a float
	XORQ R8, R8               // 0 until the first candidate is done

candidate:
	VBROADCASTSS (R13), Y8
	VDIVPS  Y14, Y8, Y8       // iscale = nums[c]/vmax
	VXORPS  Y5, Y5, Y5        // Σlx
	VXORPS  Y6, Y6, Y6        // Σl2
	MOVQ    xT+0(FP), SI
	MOVQ    wT+8(FP), BX
	MOVQ    wvT+16(FP), DI
	MOVQ    n+24(FP), CX

rows:
	VMULPS    (SI), Y8, Y1    // t = iscale·x
	VROUNDPS  $0, Y1, Y1      // nearest_int(t) as a float: |t| ≤ |nums[c]|·(1 + 2⁻²²) in a live lane
	VMAXPS    Y12, Y1, Y1     // max(−nmax, …)
	VMINPS    Y13, Y1, Y1     // min(nmax − 1, …): l
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

	VXORPS  Y0, Y0, Y0
	TESTQ   R8, R8
	JNZ     compare
	VDIVPS  Y6, Y5, Y7        // Σlx/Σl2
	VCMPPS  $0x04, Y0, Y6, Y1 // Σl2 ≠ 0 (true for NaN, as C's truth test)
	VANDPS  Y1, Y7, Y7        // scale
	VMULPS  Y5, Y7, Y15       // best = scale·Σlx
	VMOVAPS Y8, Y4            // the winning iscale
	MOVQ    $1, R8
	JMP     next

compare:
	VCMPPS    $0x1e, Y0, Y6, Y1 // Σl2 > 0
	VMULPS    Y5, Y5, Y2        // Σlx·Σlx
	VMULPS    Y6, Y15, Y3       // best·Σl2
	VCMPPS    $0x1e, Y3, Y2, Y2 // Σlx·Σlx > best·Σl2
	VANDPS    Y2, Y1, Y1        // lanes that take this candidate
	VDIVPS    Y6, Y5, Y2        // Σlx/Σl2
	VMULPS    Y5, Y2, Y3        // its best
	VBLENDVPS Y1, Y2, Y7, Y7
	VBLENDVPS Y1, Y3, Y15, Y15
	VBLENDVPS Y1, Y8, Y4, Y4

next:
	ADDQ $4, R13
	DECQ R14
	JNZ  candidate

	MOVQ    scale+64(FP), AX
	VMOVUPS Y7, (AX)
	MOVL $0x7fffff, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // mantissa mask
	MOVL $0x400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13     // 2²²
	MOVQ    xT+0(FP), SI
	MOVQ    levels+72(FP), DI
	MOVQ    n+24(FP), CX

levels:
	VMULPS  (SI), Y4, Y1
	VADDPS  Y11, Y1, Y1
	VPAND   Y12, Y1, Y1
	VPSUBD  Y13, Y1, Y1
	VPMAXSD Y9, Y1, Y1
	VPMINSD Y10, Y1, Y1
	VPSUBD  Y9, Y1, Y1        // + nmax: 0 … 2·nmax − 1
	VEXTRACTI128 $1, Y1, X2
	VPACKUSDW X2, X1, X1
	VPACKUSWB X1, X1, X1
	MOVQ    X1, (DI)          // the row's 8 levels
	ADDQ    $32, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     levels
	VZEROUPPER
	RET

// func qxWeights(xT, wT, wvT *float32, n int, squares bool, vmax, amax *[8]float32)
//
// For 8 lanes of n rows: with squares, wT = x·x; then wvT = w·x; and per
// lane the first value of largest magnitude (vmax) and that magnitude.
TEXT ·qxWeights(SB), NOSPLIT, $0-56
	MOVQ xT+0(FP), SI
	MOVQ wT+8(FP), BX
	MOVQ wvT+16(FP), DI
	MOVQ n+24(FP), CX
	MOVBLZX squares+32(FP), R8
	MOVL $0x7fffffff, AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // |x| mask
	VXORPS Y4, Y4, Y4         // amax
	VXORPS Y5, Y5, Y5         // vmax

row:
	VMOVUPS (SI), Y0          // x
	TESTQ   R8, R8
	JZ      given
	VMULPS  Y0, Y0, Y1        // w = x·x
	VMOVUPS Y1, (BX)
	JMP     weighted
given:
	VMOVUPS (BX), Y1          // w
weighted:
	VMULPS    Y0, Y1, Y1      // w·x
	VMOVUPS   Y1, (DI)
	VANDPS    Y10, Y0, Y2     // |x|
	VCMPPS    $0x1e, Y4, Y2, Y3 // |x| > amax
	VBLENDVPS Y3, Y2, Y4, Y4
	VBLENDVPS Y3, Y0, Y5, Y5
	ADDQ      $32, SI
	ADDQ      $32, BX
	ADDQ      $32, DI
	DECQ      CX
	JNZ       row

	MOVQ    vmax+40(FP), AX
	VMOVUPS Y5, (AX)
	MOVQ    amax+48(FP), AX
	VMOVUPS Y4, (AX)
	VZEROUPPER
	RET
