//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// ggml's nearest_int in lanes: add 1.5·2²³, keep the mantissa, subtract 2²².
DATA q3round<>+0(SB)/8, $0x4b4000004b400000
DATA q3round<>+8(SB)/8, $0x4b4000004b400000
DATA q3round<>+16(SB)/8, $0x4b4000004b400000
DATA q3round<>+24(SB)/8, $0x4b4000004b400000
DATA q3round<>+32(SB)/8, $0x007fffff007fffff
DATA q3round<>+40(SB)/8, $0x007fffff007fffff
DATA q3round<>+48(SB)/8, $0x007fffff007fffff
DATA q3round<>+56(SB)/8, $0x007fffff007fffff
DATA q3round<>+64(SB)/8, $0x0040000000400000
DATA q3round<>+72(SB)/8, $0x0040000000400000
DATA q3round<>+80(SB)/8, $0x0040000000400000
DATA q3round<>+88(SB)/8, $0x0040000000400000
GLOBL q3round<>(SB), RODATA|NOPTR, $96

// NEAREST turns the floats of Y into ggml's nearest_int and clamps them to
// [Y9, Y10].
#define NEAREST(Y) \
	VADDPS  q3round<>+0(SB), Y, Y  \
	VPAND   q3round<>+32(SB), Y, Y \
	VPSUBD  q3round<>+64(SB), Y, Y \
	VPMAXSD Y9, Y, Y               \
	VPMINSD Y10, Y, Y

// FIRST is the first fit of one row of one set (x at X, w at W, w·x at WV,
// levels to LL): l = clamp(nearest_int(ISCALE·x)), Σlx += (w·x)·l,
// Σl2 += (w·l)·l.
#define FIRST(X, W, WV, LL, ISCALE, SLX, SL2) \
	VMULPS    (X), ISCALE, Y0 \
	NEAREST(Y0)               \
	VMOVDQU   Y0, (LL)        \
	VCVTDQ2PS Y0, Y1          \
	VMULPS    (WV), Y1, Y2    \
	VADDPS    Y2, SLX, SLX    \
	VMULPS    (W), Y1, Y3     \
	VMULPS    Y1, Y3, Y3      \
	VADDPS    Y3, SL2, SL2

// STEP is one coordinate-descent step on one row of one set: the level
// nl = clamp(nearest_int(x·sl2/slx)) where slx = Σlx − (w·x)·l and
// sl2 = Σl2 − (w·l)·l, taken in the lanes where slx > 0, nl ≠ l,
// sl2' > 0 and slx'·slx'·Σl2 > Σlx·Σlx·sl2' (slx', sl2' the sums with
// nl); Y6 collects the lanes that took one.
#define STEP(X, W, WV, LL, SLX, SL2) \
	VMOVDQU   (LL), Y0                \
	VCVTDQ2PS Y0, Y1                  \
	VMULPS    (WV), Y1, Y2            \
	VSUBPS    Y2, SLX, Y2             \
	VMULPS    (W), Y1, Y3             \
	VMULPS    Y1, Y3, Y3              \
	VSUBPS    Y3, SL2, Y3             \
	VMULPS    (X), Y3, Y7             \
	VDIVPS    Y2, Y7, Y7              \
	NEAREST(Y7)                       \
	VPCMPEQD  Y0, Y7, Y8              \
	VCMPPS    $0x1e, Y11, Y2, Y12     \
	VPANDN    Y12, Y8, Y12            \
	VCVTDQ2PS Y7, Y1                  \
	VMULPS    (WV), Y1, Y8            \
	VADDPS    Y8, Y2, Y2              \
	VMULPS    (W), Y1, Y8             \
	VMULPS    Y1, Y8, Y8              \
	VADDPS    Y8, Y3, Y3              \
	VCMPPS    $0x1e, Y11, Y3, Y8      \
	VANDPS    Y8, Y12, Y12            \
	VMULPS    Y2, Y2, Y8              \
	VMULPS    SL2, Y8, Y8             \
	VMULPS    SLX, SLX, Y1            \
	VMULPS    Y3, Y1, Y1              \
	VCMPPS    $0x1e, Y1, Y8, Y8       \
	VANDPS    Y8, Y12, Y12            \
	VBLENDVPS Y12, Y7, Y0, Y0         \
	VMOVDQU   Y0, (LL)                \
	VBLENDVPS Y12, Y2, SLX, SLX       \
	VBLENDVPS Y12, Y3, SL2, SL2       \
	VORPS     Y12, Y6, Y6

// ROWS points SI, BX, DX, DI at set A's first row of x, w, w·x and
// levels, R10–R13 at set B's (R9 = 32·n bytes on), and CX at n.
#define ROWS \
	MOVQ xT+0(FP), SI    \
	MOVQ wT+8(FP), BX    \
	MOVQ wvT+16(FP), DX  \
	MOVQ lT+48(FP), DI   \
	LEAQ (SI)(R9*1), R10 \
	LEAQ (BX)(R9*1), R11 \
	LEAQ (DX)(R9*1), R12 \
	LEAQ (DI)(R9*1), R13 \
	MOVQ n+24(FP), CX

// func q3Search(xT, wT, wvT *float32, n int, vmax *[16]float32, nmax int32, lT *int32, scale *[16]float32, out *byte)
//
// make_q3_quants for 16 groups in two sets of 8 lanes (set A's rows
// x = xT[8i:8i+8] for i < n, set B's right after them; w = x·x in wT, w·x
// in wvT, laid out alike). Each value's coordinate-descent step hangs on
// the step before it (a division and a dozen dependent operations), so
// one set alone leaves the core mostly idle; the two sets' steps are
// independent and run interleaved. The first fit is
// l = clamp(nearest_int(−nmax/vmax·x)) with Σlx = Σ (w·x)·l and
// Σl2 = Σ (w·l)·l; then up to 5 passes of STEP over the rows, stopping
// after a pass in which no lane of either set changed (a lane whose pass
// changed nothing is at a fixed point: further passes leave it as it is,
// so stopping it later gives ggml's result). out gets the levels plus nmax
// as bytes, set A's rows then set B's (lT holds them as int32
// meanwhile), scale Σlx/Σl2 (0 unless Σl2 > 0).
TEXT ·q3Search(SB), NOSPLIT, $0-72
	MOVL nmax+40(FP), AX
	DECL AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax − 1
	MOVL nmax+40(FP), AX
	NEGL AX
	MOVQ AX, X9
	VPBROADCASTD X9, Y9       // −nmax
	VXORPS Y11, Y11, Y11      // 0

	MOVQ n+24(FP), R9
	SHLQ $5, R9               // set B's rows are n·32 bytes after set A's
	ROWS

	VCVTDQ2PS Y9, Y8          // −nmax as float
	MOVQ    vmax+32(FP), AX
	VDIVPS  32(AX), Y8, Y15   // set B's iscale = −nmax/vmax
	VDIVPS  (AX), Y8, Y8      // set A's
	VXORPS  Y4, Y4, Y4        // set A's Σlx
	VXORPS  Y5, Y5, Y5        // set A's Σl2
	VXORPS  Y13, Y13, Y13     // set B's Σlx
	VXORPS  Y14, Y14, Y14     // set B's Σl2

first:
	FIRST(SI, BX, DX, DI, Y8, Y4, Y5)
	FIRST(R10, R11, R12, R13, Y15, Y13, Y14)
	ADDQ $32, SI
	ADDQ $32, BX
	ADDQ $32, DX
	ADDQ $32, DI
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R12
	ADDQ $32, R13
	DECQ CX
	JNZ  first

	MOVQ $5, R8               // passes left

pass:
	VXORPS Y6, Y6, Y6         // lanes changed in this pass
	ROWS

value:
	STEP(SI, BX, DX, DI, Y4, Y5)
	STEP(R10, R11, R12, R13, Y13, Y14)
	ADDQ $32, SI
	ADDQ $32, BX
	ADDQ $32, DX
	ADDQ $32, DI
	ADDQ $32, R10
	ADDQ $32, R11
	ADDQ $32, R12
	ADDQ $32, R13
	DECQ CX
	JNZ  value

	VMOVMSKPS Y6, AX
	TESTL     AX, AX
	JZ        done
	DECQ      R8
	JNZ       pass

done:
	MOVQ    scale+56(FP), AX
	VDIVPS  Y5, Y4, Y0        // Σlx/Σl2
	VCMPPS  $0x1e, Y11, Y5, Y1 // where Σl2 > 0
	VANDPS  Y1, Y0, Y0
	VMOVUPS Y0, (AX)
	VDIVPS  Y14, Y13, Y0
	VCMPPS  $0x1e, Y11, Y14, Y1
	VANDPS  Y1, Y0, Y0
	VMOVUPS Y0, 32(AX)

	MOVQ lT+48(FP), DI
	MOVQ out+64(FP), SI
	MOVQ n+24(FP), CX
	SHLQ $1, CX               // both sets' rows

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
