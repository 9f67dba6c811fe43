//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// 2²² in every lane: the bound below which nearest_int is exact rounding.
DATA qkxbound<>+0(SB)/8, $0x4a8000004a800000
DATA qkxbound<>+8(SB)/8, $0x4a8000004a800000
DATA qkxbound<>+16(SB)/8, $0x4a8000004a800000
DATA qkxbound<>+24(SB)/8, $0x4a8000004a800000
GLOBL qkxbound<>(SB), RODATA|NOPTR, $32

// 0.5, then −0.5, in every lane: the ends of the candidates' t that need
// no clamp.
DATA qkxhalf<>+0(SB)/8, $0x3f0000003f000000
DATA qkxhalf<>+8(SB)/8, $0x3f0000003f000000
DATA qkxhalf<>+16(SB)/8, $0x3f0000003f000000
DATA qkxhalf<>+24(SB)/8, $0x3f0000003f000000
DATA qkxhalf<>+32(SB)/8, $0xbf000000bf000000
DATA qkxhalf<>+40(SB)/8, $0xbf000000bf000000
DATA qkxhalf<>+48(SB)/8, $0xbf000000bf000000
DATA qkxhalf<>+56(SB)/8, $0xbf000000bf000000
GLOBL qkxhalf<>(SB), RODATA|NOPTR, $64

// INTROUND turns t (Y1) into the level clamp(nearest_int(t), 0, nmax) as a
// float by ggml's bit trick: add 1.5·2²³, keep the mantissa, subtract 2²².
#define INTROUND \
	VADDPS    Y11, Y1, Y1; \
	VPAND     Y12, Y1, Y1; \
	VPSUBD    Y13, Y1, Y1; \
	VPMAXSD   Y14, Y1, Y1; \
	VPMINSD   Y10, Y1, Y1; \
	VCVTDQ2PS Y1, Y1

// FLOATROUND is INTROUND for |t| < 2²², staying in floats: rounding to
// nearest even, then max(+0, ·) (which also turns −0 into +0) and min with
// nmax as a float (at 320(DX)).
#define FLOATROUND \
	VROUNDPS $0, Y1, Y1; \
	VMAXPS Y14, Y1, Y1; \
	VMINPS 320(DX), Y1, Y1

// NEARROUND is FLOATROUND where no t of the candidate can leave
// [−0.5, nmax + 0.5): rounding alone gives the clamped level (or −0 for
// +0, which changes no sum or error: every sum starts at +0).
#define NEARROUND VROUNDPS $0, Y1, Y1

// SUMROW makes one row's levels l with ROUND (into aux) and adds w·l,
// (w·l)·l and (w·l)·x to ΣL, ΣL2 and ΣXL.
#define SUMROW(ROUND) \
	VMOVUPS (SI)(CX*1), Y0;      \
	VSUBPS  Y9, Y0, Y1;          \
	VMULPS  Y8, Y1, Y1;          \
	ROUND;                       \
	VMOVUPS Y1, (DI)(CX*1);      \
	VMULPS  (BX)(CX*1), Y1, Y2;  \
	VADDPS  Y2, Y5, Y5;          \
	VMULPS  Y1, Y2, Y3;          \
	VADDPS  Y3, Y6, Y6;          \
	VMULPS  Y0, Y2, Y4;          \
	VADDPS  Y4, Y7, Y7

// ERRROW adds one row's weighted error w·E(d), d = (scale·l + min) − x
// (scale in Y2, min in Y3), to Y5; E is SQUARE (d·d) or ABSOLUTE (|d|).
#define ERRROW(E) \
	VMOVUPS (DI)(CX*1), Y0;     \
	VMULPS  Y2, Y0, Y0;         \
	VADDPS  Y3, Y0, Y0;         \
	VSUBPS  (SI)(CX*1), Y0, Y0; \
	E;                          \
	VMULPS  (BX)(CX*1), Y0, Y0; \
	VADDPS  Y0, Y5, Y5

#define SQUARE VMULPS Y0, Y0, Y0
#define ABSOLUTE VANDPS Y15, Y0, Y0

// func qkxCandidates(xT, wT, aux *float32, n int, st *qkxLaneState, nmax int32, mad bool, steps *float32, nsteps int, iscale0 *[8]float32, out *byte)
//
// QKX for 8 groups in lanes, after qkxPrep. First the initial fit, which
// every lane takes: levels under iscale0, scale st.scale, minimum st.lo,
// and its error. Then for each step s:
//
//	iscale = s/(hi − lo); levels and sums as below (into aux)
//	D = sumW·ΣL2 − ΣL·ΣL
//	scale = (sumW·ΣXL − sumX·ΣL)/D;  min = (ΣL2·sumX − ΣL·ΣXL)/D
//	if min > 0 { min = 0; scale = ΣXL/ΣL2 }
//	err = Σ w·e, e = |d| or d·d with d = (scale·l + min) − x
//	lanes with live, D > 0 and err < bestErr take scale, min and err, and
//	keep the iscale and lo this candidate's levels came from
//
// where l = clamp(nearest_int(iscale·(x − lo)), 0, nmax) (nearest_int's
// bits, as ggml), ΣL = Σ w·l, ΣL2 = Σ (w·l)·l, ΣXL = Σ (w·l)·x, all lane by
// lane in ggml's order with no fused multiply-add. The iscale0 argument
// slot doubles as the "first fit pending" flag. At the end the best
// levels are made again from the iscale and lo they came from (cheaper
// than copying 8·n levels whenever a lane improves) and written to out as
// bytes, row by row (out[8i+k]).
//
// st layout: lo 0, hi 32, sumW 64, sumX 96, scale 128, bestErr 160,
// live 192, winIscale 224, winLo 256, xmin 288, fmax 320, fmaxHalf 352.
TEXT ·qkxCandidates(SB), NOSPLIT, $0-80
	MOVQ n+24(FP), R8
	SHLQ $5, R8               // 32n: the loops index the rows from −32n up to 0
	MOVQ xT+0(FP), SI
	ADDQ R8, SI               // the ends of x, w and aux
	MOVQ wT+8(FP), BX
	ADDQ R8, BX
	MOVQ aux+16(FP), DI
	ADDQ R8, DI
	NEGQ R8
	MOVQ st+32(FP), DX
	MOVL nmax+40(FP), AX
	MOVQ AX, X10
	VPBROADCASTD X10, Y10     // nmax (int32)
	MOVQ steps+48(FP), R13
	MOVQ nsteps+56(FP), R14
	MOVL $0x4b400000, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // 1.5·2²³
	MOVL $0x7fffff, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // mantissa mask
	MOVL $0x400000, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13
	VPXOR Y14, Y14, Y14       // 0 (int and float)
	MOVL $0x7fffffff, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // |d| mask

candidate:
	MOVQ    iscale0+64(FP), AX
	TESTQ   AX, AX
	JZ      stepped
	VMOVUPS (AX), Y8          // the first fit's iscale
	JMP     levels
stepped:
	VBROADCASTSS (R13), Y0    // step
	VMOVUPS 32(DX), Y1        // hi
	VSUBPS  (DX), Y1, Y1      // hi − lo
	VDIVPS  Y1, Y0, Y8        // iscale
levels:
	VMOVUPS (DX), Y9          // lo
	VXORPS  Y5, Y5, Y5        // ΣL  (w·l)
	VXORPS  Y6, Y6, Y6        // ΣL2 ((w·l)·l)
	VXORPS  Y7, Y7, Y7        // ΣXL ((w·l)·x)
	MOVQ    R8, CX

	// Every t = iscale·(x − lo) of a lane lies between the ends iscale·(hi
	// − lo) and iscale·(xmin − lo) (rounding is monotonic). Where both are
	// below 2²² in magnitude for every live lane, nearest_int is exact
	// rounding and the levels can stay floats: VROUNDPS to nearest even,
	// clamped with float max and min. Otherwise the integer trick, whose
	// bits ggml's garbage for |t| ≥ 2²² follows.
	VMOVUPS   32(DX), Y1
	VSUBPS    Y9, Y1, Y1
	VMULPS    Y8, Y1, Y1      // iscale·(hi − lo)
	VMOVUPS   288(DX), Y2
	VSUBPS    Y9, Y2, Y2
	VMULPS    Y8, Y2, Y2      // iscale·(xmin − lo)
	VMINPS    Y2, Y1, Y3      // the smallest t,
	VMAXPS    Y2, Y1, Y4      // the largest (both signed)
	VANDPS    Y15, Y1, Y1
	VANDPS    Y15, Y2, Y2
	VMAXPS    Y2, Y1, Y1      // (a NaN end takes the slow path below)
	VCMPPS    $0x11, qkxbound<>(SB), Y1, Y1 // < 2²²: false for NaN
	VMOVUPS   192(DX), Y2
	VANDNPS   Y2, Y1, Y1      // live lanes out of range
	VPTEST    Y1, Y1
	JNZ       sums

	// In range. Where moreover every t of every live lane lies in
	// [−0.5, nmax + 0.5), rounding alone gives the clamped level.
	VCMPPS    $0x1d, qkxhalf<>+32(SB), Y3, Y3 // t ≥ −0.5
	VCMPPS    $0x11, 352(DX), Y4, Y4          // t < nmax + 0.5
	VANDPS    Y4, Y3, Y3
	VANDNPS   192(DX), Y3, Y3 // live lanes that need a clamp
	VPTEST    Y3, Y3
	JNZ       floatsums

nearsums:
	SUMROW(NEARROUND)
	ADDQ       $32, CX
	JNZ        nearsums
	JMP        summed

floatsums:
	SUMROW(FLOATROUND)
	ADDQ       $32, CX
	JNZ        floatsums
	JMP        summed

sums:
	SUMROW(INTROUND)
	ADDQ       $32, CX
	JNZ        sums

summed:
	CMPQ    iscale0+64(FP), $0
	JEQ     fit
	VMOVUPS 128(DX), Y2       // the first fit: scale 1/iscale,
	VMOVUPS (DX), Y3          // minimum lo,
	VPCMPEQD Y1, Y1, Y1       // every lane
	JMP     error

fit:
	VMOVUPS 64(DX), Y0        // sumW
	VMULPS  Y6, Y0, Y1        // sumW·ΣL2
	VMULPS  Y5, Y5, Y2        // ΣL·ΣL
	VSUBPS  Y2, Y1, Y1        // D
	VMULPS  Y7, Y0, Y2        // sumW·ΣXL
	VMOVUPS 96(DX), Y3        // sumX
	VMULPS  Y5, Y3, Y4        // sumX·ΣL
	VSUBPS  Y4, Y2, Y2
	VDIVPS  Y1, Y2, Y2        // scale
	VMULPS  Y3, Y6, Y3        // ΣL2·sumX
	VMULPS  Y7, Y5, Y4        // ΣL·ΣXL
	VSUBPS  Y4, Y3, Y3
	VDIVPS  Y1, Y3, Y3        // min
	VCMPPS  $0x0e, Y14, Y3, Y4 // min > 0
	VDIVPS  Y6, Y7, Y0        // ΣXL/ΣL2
	VBLENDVPS Y4, Y0, Y2, Y2  // scale = min > 0 ? ΣXL/ΣL2 : scale
	VANDNPS Y3, Y4, Y3        // min = min > 0 ? 0 : min
	VCMPPS  $0x0e, Y14, Y1, Y1 // D > 0 (false for NaN)
	VANDPS  192(DX), Y1, Y1   // and live: the lanes that may take this candidate

error:
	VXORPS  Y5, Y5, Y5        // Σ w·e
	MOVQ    R8, CX
	CMPB    mad+44(FP), $0
	JNE     absolute

squared:
	ERRROW(SQUARE)
	ADDQ    $32, CX
	JNZ     squared
	JMP     weighed

absolute:
	ERRROW(ABSOLUTE)
	ADDQ    $32, CX
	JNZ     absolute

weighed:

	CMPQ      iscale0+64(FP), $0
	JEQ       compare
	VMOVAPS   Y1, Y0                 // the first fit: every lane takes it
	JMP       take
compare:
	VCMPPS    $0x01, 160(DX), Y5, Y0 // err < bestErr (false for NaN)
	VANDPS    Y1, Y0, Y0             // lanes that improve
	VMOVMSKPS Y0, AX
	TESTL     AX, AX
	JZ        next
take:
	VMOVUPS   160(DX), Y4
	VBLENDVPS Y0, Y5, Y4, Y4
	VMOVUPS   Y4, 160(DX)            // bestErr
	VMOVUPS   128(DX), Y4
	VBLENDVPS Y0, Y2, Y4, Y4
	VMOVUPS   Y4, 128(DX)            // scale
	VMOVUPS   (DX), Y4
	VBLENDVPS Y0, Y3, Y4, Y4
	VMOVUPS   Y4, (DX)               // lo
	VMOVUPS   224(DX), Y4
	VBLENDVPS Y0, Y8, Y4, Y4
	VMOVUPS   Y4, 224(DX)            // the iscale of the best levels
	VMOVUPS   256(DX), Y4
	VBLENDVPS Y0, Y9, Y4, Y4
	VMOVUPS   Y4, 256(DX)            // and the minimum they were fitted from

	CMPQ iscale0+64(FP), $0
	JEQ  next
	MOVQ $0, iscale0+64(FP)   // the first fit is done; the steps follow
	TESTQ R14, R14
	JNZ  candidate
	JMP  done

next:
	ADDQ $4, R13
	DECQ R14
	JNZ  candidate
done:
	MOVQ    out+72(FP), DI
	MOVQ    R8, CX
	VMOVUPS 224(DX), Y8
	VMOVUPS 256(DX), Y9

bytes:
	VMOVUPS    (SI)(CX*1), Y0 // the best levels again, as the sums loop made them
	VSUBPS     Y9, Y0, Y1
	VMULPS     Y8, Y1, Y1
	VADDPS     Y11, Y1, Y1
	VPAND      Y12, Y1, Y1
	VPSUBD     Y13, Y1, Y1
	VPMAXSD    Y14, Y1, Y1
	VPMINSD    Y10, Y1, Y1    // 0 … nmax
	VEXTRACTI128 $1, Y1, X0
	VPACKUSDW  X0, X1, X1
	VPACKUSWB  X1, X1, X1
	MOVQ       X1, (DI)
	ADDQ       $8, DI
	ADDQ       $32, CX
	JNZ        bytes
	VZEROUPPER
	RET

// func qkxPrep(xT, wT *float32, n int, st *qkxLaneState, fmax float32, iscale *[8]float32)
//
// The start of QKX for 8 lanes of n rows, in ggml's order: lo and hi the
// first smallest and largest x (lo raised to 0 if positive), sumW = Σw,
// sumX = Σ w·x, live = hi ≠ lo, iscale = fmax/(hi − lo), scale = 1/iscale.
TEXT ·qkxPrep(SB), NOSPLIT, $0-48
	MOVQ xT+0(FP), SI
	MOVQ wT+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ st+24(FP), DX
	VMOVUPS (SI), Y0          // lo = x₀
	VMOVAPS Y0, Y1            // hi = x₀
	VMOVUPS (BX), Y2          // sumW = w₀
	VMULPS  Y0, Y2, Y3        // sumX = w₀·x₀
	DECQ    CX
	JZ      done

row:
	ADDQ      $32, SI
	ADDQ      $32, BX
	VMOVUPS   (SI), Y4        // x
	VCMPPS    $0x11, Y0, Y4, Y5 // x < lo
	VBLENDVPS Y5, Y4, Y0, Y0
	VCMPPS    $0x1e, Y1, Y4, Y5 // x > hi
	VBLENDVPS Y5, Y4, Y1, Y1
	VMOVUPS   (BX), Y6        // w
	VADDPS    Y6, Y2, Y2
	VMULPS    Y4, Y6, Y6      // w·x
	VADDPS    Y6, Y3, Y3
	DECQ      CX
	JNZ       row

done:
	VMOVUPS   Y0, 288(DX)       // xmin
	VXORPS    Y7, Y7, Y7
	VCMPPS    $0x1e, Y7, Y0, Y5 // lo > 0
	VBLENDVPS Y5, Y7, Y0, Y0    // lo = 0 there
	VMOVUPS   Y0, (DX)
	VMOVUPS   Y1, 32(DX)
	VMOVUPS   Y2, 64(DX)
	VMOVUPS   Y3, 96(DX)
	VCMPPS    $0x04, Y0, Y1, Y5 // hi ≠ lo
	VMOVUPS   Y5, 192(DX)       // live
	VBROADCASTSS fmax+32(FP), Y6
	VMOVUPS   Y6, 320(DX)       // fmax, for qkxCandidates's float clamp
	VADDPS    qkxhalf<>(SB), Y6, Y4
	VMOVUPS   Y4, 352(DX)       // fmax + 0.5, where it needs none
	VSUBPS    Y0, Y1, Y1        // hi − lo
	VDIVPS    Y1, Y6, Y6        // iscale
	MOVQ      iscale+40(FP), AX
	VMOVUPS   Y6, (AX)
	MOVL      $0x3f800000, AX
	MOVQ      AX, X7
	VBROADCASTSS X7, Y7         // 1
	VDIVPS    Y6, Y7, Y7        // scale = 1/iscale
	VMOVUPS   Y7, 128(DX)
	VZEROUPPER
	RET

// func qkxAbsPlus(xT, wT *float32, n int, rms *[8]float32)
//
// Per lane of n rows: w = rms + |x|.
TEXT ·qkxAbsPlus(SB), NOSPLIT, $0-32
	MOVQ xT+0(FP), SI
	MOVQ wT+8(FP), DI
	MOVQ n+16(FP), CX
	MOVQ rms+24(FP), AX
	VMOVUPS (AX), Y0
	MOVL    $0x7fffffff, AX
	MOVQ    AX, X2
	VPBROADCASTD X2, Y2       // |x| mask

weights:
	VMOVUPS (SI), Y1
	VANDPS  Y2, Y1, Y1
	VADDPS  Y1, Y0, Y1        // rms + |x|
	VMOVUPS Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     weights
	VZEROUPPER
	RET
