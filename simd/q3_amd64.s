//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// ggml's nearest_int in lanes: add 1.5·2²³, keep the mantissa, subtract
// 2²²; then a vector of zeros for the comparisons.
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
DATA q3round<>+96(SB)/8, $0
DATA q3round<>+104(SB)/8, $0
DATA q3round<>+112(SB)/8, $0
DATA q3round<>+120(SB)/8, $0
GLOBL q3round<>(SB), RODATA|NOPTR, $128

#define ZERO q3round<>+96(SB)

// The workspace (q3Buffer): per set of 8 lanes (a q3Set), 2048 bytes
// holding x, w = x², w·x and the levels (int32), 512 bytes (16 rows of
// 8 lanes) each.
#define SETA 0
#define SETB 2048
#define SETC 4096
#define SETD 6144
#define X 0
#define W 512
#define WX 1024
#define LV 1536

// NEAREST turns the floats of Y into ggml's nearest_int and clamps them to
// [−nmax, nmax − 1] (kept in the frame: every vector register holds state).
#define NEAREST(Y) \
	VADDPS  q3round<>+0(SB), Y, Y  \
	VPAND   q3round<>+32(SB), Y, Y \
	VPSUBD  q3round<>+64(SB), Y, Y \
	VPMAXSD lo-64(SP), Y, Y        \
	VPMINSD hi-32(SP), Y, Y

// FIRST is the first fit of the current row of set S:
// l = clamp(nearest_int(ISCALE·x)), Σlx += (w·x)·l, Σl2 += (w·l)·l.
#define FIRST(S, ISCALE, SLX, SL2) \
	VMULPS    S+X(SI), ISCALE, Y0 \
	NEAREST(Y0)                   \
	VMOVDQU   Y0, S+LV(SI)        \
	VCVTDQ2PS Y0, Y1              \
	VMULPS    S+WX(SI), Y1, Y2    \
	VADDPS    Y2, SLX, SLX        \
	VMULPS    S+W(SI), Y1, Y3     \
	VMULPS    Y1, Y3, Y3          \
	VADDPS    Y3, SL2, SL2

// STEP is one coordinate-descent step on the current row of set S: the
// level nl = clamp(nearest_int(x·sl2/slx)) where slx = Σlx − (w·x)·l and
// sl2 = Σl2 − (w·l)·l, taken in the lanes where slx > 0, nl ≠ l,
// sl2' > 0 and slx'·slx'·Σl2 > Σlx·Σlx·sl2' (slx', sl2' the sums with
// nl); MASK collects (as bits) the lanes that took one.
#define STEP(S, SLX, SL2, MASK) \
	VMOVDQU   S+LV(SI), Y0            \
	VCVTDQ2PS Y0, Y1                  \
	VMULPS    S+WX(SI), Y1, Y2        \
	VSUBPS    Y2, SLX, Y2             \
	VMULPS    S+W(SI), Y1, Y3         \
	VMULPS    Y1, Y3, Y3              \
	VSUBPS    Y3, SL2, Y3             \
	VMULPS    S+X(SI), Y3, Y7         \
	VDIVPS    Y2, Y7, Y7              \
	NEAREST(Y7)                       \
	VPCMPEQD  Y0, Y7, Y8              \
	VCMPPS    $0x1e, ZERO, Y2, Y12    \
	VPANDN    Y12, Y8, Y12            \
	VCVTDQ2PS Y7, Y1                  \
	VMULPS    S+WX(SI), Y1, Y8        \
	VADDPS    Y8, Y2, Y2              \
	VMULPS    S+W(SI), Y1, Y8         \
	VMULPS    Y1, Y8, Y8              \
	VADDPS    Y8, Y3, Y3              \
	VCMPPS    $0x1e, ZERO, Y3, Y8     \
	VANDPS    Y8, Y12, Y12            \
	VMULPS    Y2, Y2, Y8              \
	VMULPS    SL2, Y8, Y8             \
	VMULPS    SLX, SLX, Y1            \
	VMULPS    Y3, Y1, Y1              \
	VCMPPS    $0x1e, Y1, Y8, Y8       \
	VANDPS    Y8, Y12, Y12            \
	VBLENDVPS Y12, Y7, Y0, Y0         \
	VMOVDQU   Y0, S+LV(SI)            \
	VBLENDVPS Y12, Y2, SLX, SLX       \
	VBLENDVPS Y12, Y3, SL2, SL2       \
	VMOVMSKPS Y12, AX                 \
	ORL       AX, MASK

// LEVELS writes the current row of set S, plus nmax, as 8 bytes to OUT.
#define LEVELS(S, OUT) \
	VMOVDQU S+LV(SI), Y0          \
	VPSUBD  lo-64(SP), Y0, Y0     \
	VEXTRACTI128 $1, Y0, X1       \
	VPACKUSDW X1, X0, X0          \
	VPACKUSWB X0, X0, X0          \
	MOVQ    X0, OUT

// func q3Search(buf *q3Buffer, n int, vmax *[32]float32, nmax int32, sums *[2][32]float32, passes int, out *byte) (changed uint32)
//
// make_q3_quants for 32 groups in four sets of 8 lanes, n rows each. With
// vmax, the first fit l = clamp(nearest_int(−nmax/vmax·x)) with
// Σlx = Σ (w·x)·l and Σl2 = Σ (w·l)·l; without, the levels in buf and the
// sums in sums (Σlx of the 32 lanes, then Σl2) are resumed. Then up to
// passes passes of STEP over the rows, stopping after a pass in which no
// lane changed. The sums go back to sums, the levels plus nmax to out as
// bytes (each set's n rows of 8, one set after the other); changed has
// bit 8·set + lane for each lane the last pass run changed.
//
// Each value's step hangs on the step before it (a division and a dozen
// dependent operations), so one set alone leaves the core mostly idle;
// the four sets' steps are independent and run interleaved.
//
// Registers: Σlx and Σl2 of set A in Y4–Y5, B Y13–Y14, C Y9–Y10,
// D Y11 and Y15 (the iscales of the first fit in Y6, Y7, Y8, Y12);
// Y0–Y3, Y7, Y8, Y12 scratch. SI walks the rows, CX counts them, R8
// counts passes; BX, DX, DI, R11 collect the sets' changed lanes in a
// pass, R9 all of them.
TEXT ·q3Search(SB), NOSPLIT, $64-60
	MOVL nmax+24(FP), AX
	DECL AX
	MOVQ AX, X0
	VPBROADCASTD X0, Y0
	VMOVDQU Y0, hi-32(SP)     // nmax − 1
	MOVL nmax+24(FP), AX
	NEGL AX
	MOVQ AX, X0
	VPBROADCASTD X0, Y0
	VMOVDQU Y0, lo-64(SP)     // −nmax

	MOVQ  vmax+16(FP), R10
	TESTQ R10, R10
	JZ    resume
	VCVTDQ2PS Y0, Y0          // −nmax as float
	VDIVPS  (R10), Y0, Y6     // the sets' iscale = −nmax/vmax
	VDIVPS  32(R10), Y0, Y7
	VDIVPS  64(R10), Y0, Y8
	VDIVPS  96(R10), Y0, Y12
	VXORPS  Y4, Y4, Y4
	VXORPS  Y5, Y5, Y5
	VXORPS  Y13, Y13, Y13
	VXORPS  Y14, Y14, Y14
	VXORPS  Y9, Y9, Y9
	VXORPS  Y10, Y10, Y10
	VXORPS  Y11, Y11, Y11
	VXORPS  Y15, Y15, Y15
	MOVQ    buf+0(FP), SI
	MOVQ    n+8(FP), CX

first:
	FIRST(SETA, Y6, Y4, Y5)
	FIRST(SETB, Y7, Y13, Y14)
	FIRST(SETC, Y8, Y9, Y10)
	FIRST(SETD, Y12, Y11, Y15)
	ADDQ $32, SI
	DECQ CX
	JNZ  first
	JMP  passes

resume:
	MOVQ    sums+32(FP), AX
	VMOVUPS 0(AX), Y4
	VMOVUPS 32(AX), Y13
	VMOVUPS 64(AX), Y9
	VMOVUPS 96(AX), Y11
	VMOVUPS 128(AX), Y5
	VMOVUPS 160(AX), Y14
	VMOVUPS 192(AX), Y10
	VMOVUPS 224(AX), Y15

passes:
	XORL  R9, R9
	MOVQ  passes+40(FP), R8
	TESTQ R8, R8
	JZ    done

pass:
	XORL BX, BX
	XORL DX, DX
	XORL DI, DI
	XORL R11, R11
	MOVQ buf+0(FP), SI
	MOVQ n+8(FP), CX

value:
	STEP(SETA, Y4, Y5, BX)
	STEP(SETB, Y13, Y14, DX)
	STEP(SETC, Y9, Y10, DI)
	STEP(SETD, Y11, Y15, R11)
	ADDQ $32, SI
	DECQ CX
	JNZ  value

	MOVL  R11, R9             // the four sets' lanes as one mask
	SHLL  $8, R9
	ORL   DI, R9
	SHLL  $8, R9
	ORL   DX, R9
	SHLL  $8, R9
	ORL   BX, R9
	TESTL R9, R9
	JZ    done
	DECQ  R8
	JNZ   pass

done:
	MOVQ    sums+32(FP), AX
	VMOVUPS Y4, 0(AX)
	VMOVUPS Y13, 32(AX)
	VMOVUPS Y9, 64(AX)
	VMOVUPS Y11, 96(AX)
	VMOVUPS Y5, 128(AX)
	VMOVUPS Y14, 160(AX)
	VMOVUPS Y10, 192(AX)
	VMOVUPS Y15, 224(AX)
	MOVL    R9, changed+56(FP)

	MOVQ buf+0(FP), SI
	MOVQ out+48(FP), DI
	MOVQ n+8(FP), CX
	LEAQ (CX*8), R9           // bytes of one set's levels
	LEAQ (DI)(R9*2), R10
	ADDQ R9, R10              // set D's

plus:
	LEVELS(SETA, (DI))
	LEVELS(SETB, (DI)(R9*1))
	LEVELS(SETC, (DI)(R9*2))
	LEVELS(SETD, (R10))
	ADDQ $32, SI
	ADDQ $8, DI
	ADDQ $8, R10
	DECQ CX
	JNZ  plus
	VZEROUPPER
	RET
