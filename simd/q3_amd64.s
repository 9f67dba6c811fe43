//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// NEAREST turns the floats of Y into ggml's nearest_int and clamps them to
// [Y9, Y10]: add 1.5·2²³ (Y13), keep the mantissa (Y14), subtract 2²² (Y15).
#define NEAREST(Y) \
	VADDPS  Y13, Y, Y \
	VPAND   Y14, Y, Y \
	VPSUBD  Y15, Y, Y \
	VPMAXSD Y9, Y, Y  \
	VPMINSD Y10, Y, Y

// func q3Search(xT, wT, wvT *float32, n int, vmax *[8]float32, nmax int32, LT *int32, scale *[8]float32, out *byte)
//
// make_q3_quants for 8 groups in lanes (x = xT[8i:8i+8], w = x·x in wT,
// w·x in wvT): the first fit l = clamp(nearest_int(−nmax/vmax·x)) with
// Σlx = Σ (w·x)·l and Σl2 = Σ (w·l)·l, then up to 5 passes that try, for
// each value, the level nl = clamp(nearest_int(x·sl2/slx)) where slx and
// sl2 are the sums without it (when slx > 0), and take it where it
// differs, sl2' > 0 and slx'·slx'·Σl2 > Σlx·Σlx·sl2'. Stops after a pass
// in which no lane changed. out gets the levels plus nmax as bytes (LT
// holds them as int32 meanwhile), scale Σlx/Σl2
// (0 unless Σl2 > 0).
TEXT ·q3Search(SB), NOSPLIT, $0-72
	MOVL nmax+40(FP), AX
	DECL AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax − 1
	MOVL nmax+40(FP), AX
	NEGL AX
	MOVQ AX, X9
	VPBROADCASTD X9, Y9       // −nmax
	MOVL $0x4b400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13
	MOVL $0x7fffff, AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14
	MOVL $0x400000, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15
	VXORPS Y11, Y11, Y11      // 0

	VCVTDQ2PS Y9, Y8          // −nmax as float
	MOVQ    vmax+32(FP), AX
	VDIVPS  (AX), Y8, Y8      // iscale = −nmax/vmax
	VXORPS  Y4, Y4, Y4        // Σlx
	VXORPS  Y5, Y5, Y5        // Σl2
	MOVQ    xT+0(FP), SI
	MOVQ    wT+8(FP), BX
	MOVQ    wvT+16(FP), DX
	MOVQ    LT+48(FP), DI
	MOVQ    n+24(FP), CX

first:
	VMULPS    (SI), Y8, Y0    // iscale·x
	NEAREST(Y0)
	VMOVDQU   Y0, (DI)        // l
	VCVTDQ2PS Y0, Y1
	VMULPS    (DX), Y1, Y2    // (w·x)·l
	VADDPS    Y2, Y4, Y4
	VMULPS    (BX), Y1, Y3    // w·l
	VMULPS    Y1, Y3, Y3      // (w·l)·l
	VADDPS    Y3, Y5, Y5
	ADDQ      $32, SI
	ADDQ      $32, BX
	ADDQ      $32, DX
	ADDQ      $32, DI
	DECQ      CX
	JNZ       first

	MOVQ $5, R8               // passes left

pass:
	VXORPS Y6, Y6, Y6         // lanes changed in this pass
	MOVQ   xT+0(FP), SI
	MOVQ   wT+8(FP), BX
	MOVQ   wvT+16(FP), DX
	MOVQ   LT+48(FP), DI
	MOVQ   n+24(FP), CX

value:
	VMOVDQU   (DI), Y0        // L
	VCVTDQ2PS Y0, Y1          // fl
	VMULPS    (DX), Y1, Y2    // (w·x)·fl
	VSUBPS    Y2, Y4, Y2      // slx = Σlx − (w·x)·fl
	VMULPS    (BX), Y1, Y3    // w·fl
	VMULPS    Y1, Y3, Y3      // (w·fl)·fl
	VSUBPS    Y3, Y5, Y3      // sl2 = Σl2 − (w·fl)·fl
	VMULPS    (SI), Y3, Y7    // x·sl2
	VDIVPS    Y2, Y7, Y7      // x·sl2/slx
	NEAREST(Y7)               // nl
	VPCMPEQD  Y0, Y7, Y8      // nl = L
	VCMPPS    $0x1e, Y11, Y2, Y12 // slx > 0
	VPANDN    Y12, Y8, Y12    // and nl ≠ L
	VCVTDQ2PS Y7, Y1          // fn
	VMULPS    (DX), Y1, Y8    // (w·x)·fn
	VADDPS    Y8, Y2, Y2      // slx'
	VMULPS    (BX), Y1, Y8    // w·fn
	VMULPS    Y1, Y8, Y8      // (w·fn)·fn
	VADDPS    Y8, Y3, Y3      // sl2'
	VCMPPS    $0x1e, Y11, Y3, Y8 // sl2' > 0
	VANDPS    Y8, Y12, Y12
	VMULPS    Y2, Y2, Y8      // slx'·slx'
	VMULPS    Y5, Y8, Y8      // ·Σl2
	VMULPS    Y4, Y4, Y1      // Σlx·Σlx
	VMULPS    Y3, Y1, Y1      // ·sl2'
	VCMPPS    $0x1e, Y1, Y8, Y8 // slx'·slx'·Σl2 > Σlx·Σlx·sl2'
	VANDPS    Y8, Y12, Y12    // the lanes that take nl
	VBLENDVPS Y12, Y7, Y0, Y0
	VMOVDQU   Y0, (DI)
	VBLENDVPS Y12, Y2, Y4, Y4
	VBLENDVPS Y12, Y3, Y5, Y5
	VORPS     Y12, Y6, Y6
	ADDQ      $32, SI
	ADDQ      $32, BX
	ADDQ      $32, DX
	ADDQ      $32, DI
	DECQ      CX
	JNZ       value

	VMOVMSKPS Y6, AX
	TESTL     AX, AX
	JZ        done
	DECQ      R8
	JNZ       pass

done:
	VDIVPS  Y5, Y4, Y0        // Σlx/Σl2
	VCMPPS  $0x1e, Y11, Y5, Y1 // where Σl2 > 0
	VANDPS  Y1, Y0, Y0
	MOVQ    scale+56(FP), AX
	VMOVUPS Y0, (AX)
	MOVQ    LT+48(FP), DI
	MOVQ    n+24(FP), CX

	MOVQ    out+64(FP), SI

plus:
	VMOVDQU (DI), Y0
	VPSUBD  Y9, Y0, Y0        // + nmax: 0 … 2·nmax − 1
	VEXTRACTI128 $1, Y0, X1
	VPACKUSDW X1, X0, X0
	VPACKUSWB X0, X0, X0
	MOVQ    X0, (SI)          // the row's 8 levels as bytes
	ADDQ    $32, DI
	ADDQ    $8, SI
	DECQ    CX
	JNZ     plus
	VZEROUPPER
	RET
