//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// The tables are Go variables: ·iq4Levels, the 16 iq4_nl levels as float32
// (two VPERMPS tables, also read by dequant_amd64.s), and ·iq4Bounds,
// levels 1–15 each in 8 lanes, for the compares that count how many levels
// lie at or below a value.

// IQ4NEAREST finds, for the 8 values t in Y0, ggml's best_index_int8 over
// the iq4_nl levels (tables in Y14, Y15; 7 in Y13, 15 in Y12): i = the
// number of levels 1–15 at or below t (Y1), i+1 capped at 15 (Y2), their
// levels (Y3, Y4), and in Y5 the lanes where t − v[i] < v[i+1] − t, which
// take index i; the others take i+1. Uses Y6.
#define IQ4NEAREST \
	VPXOR     Y1, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+0(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+32(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+64(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+96(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+128(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+160(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+192(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+224(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+256(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+288(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+320(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+352(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+384(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+416(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, ·iq4Bounds+448(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VPCMPEQD  Y3, Y3, Y3 \
	VPSUBD    Y3, Y1, Y2 \
	VPMINSD   Y12, Y2, Y2 \
	VPERMPS   Y14, Y1, Y3 \
	VPERMPS   Y15, Y1, Y4 \
	VPCMPGTD  Y13, Y1, Y5 \
	VBLENDVPS Y5, Y4, Y3, Y3 \
	VPERMPS   Y14, Y2, Y4 \
	VPERMPS   Y15, Y2, Y6 \
	VPCMPGTD  Y13, Y2, Y5 \
	VBLENDVPS Y5, Y6, Y4, Y4 \
	VSUBPS    Y3, Y0, Y5 \
	VSUBPS    Y0, Y4, Y6 \
	VCMPPS    $0x11, Y6, Y5, Y5

// IQ4CONSTANTS loads what IQ4NEAREST needs.
#define IQ4CONSTANTS \
	VMOVUPS ·iq4Levels+0(SB), Y14  \
	VMOVUPS ·iq4Levels+32(SB), Y15 \
	MOVL $7, AX                     \
	MOVQ AX, X13                    \
	VPBROADCASTD X13, Y13           \
	MOVL $15, AX                    \
	MOVQ AX, X12                    \
	VPBROADCASTD X12, Y12

// func iq4Candidates(xT, wT *float32, n int, ids *float32, ncand int, sums *float32)
//
// For 8 blocks in lanes (x = xT[8i:8i+8], w = wT[8i:8i+8], i < n) and each
// candidate c with inverse scales ids[8c:8c+8]: q = the iq4_nl level
// ggml's best_index_int8 picks for id·x, and sums[16c:16c+8] = Σ (w·q)·x,
// sums[16c+8:16c+16] = Σ (w·q)·q, in order.
TEXT ·iq4Candidates(SB), NOSPLIT, $0-48
	MOVQ ids+24(FP), R13
	MOVQ ncand+32(FP), R14
	MOVQ sums+40(FP), DX
	IQ4CONSTANTS

candidate:
	VMOVUPS (R13), Y11        // id per lane
	VXORPS  Y9, Y9, Y9        // Σ (w·q)·x
	VXORPS  Y10, Y10, Y10     // Σ (w·q)·q
	MOVQ    xT+0(FP), SI
	MOVQ    wT+8(FP), BX
	MOVQ    n+16(FP), CX

row:
	VMOVUPS   (SI), Y7        // x
	VMULPS    Y7, Y11, Y0     // t = id·x
	IQ4NEAREST
	VBLENDVPS Y5, Y3, Y4, Y3  // q
	VMULPS    (BX), Y3, Y4    // w·q
	VMULPS    Y7, Y4, Y5      // (w·q)·x
	VADDPS    Y5, Y9, Y9
	VMULPS    Y3, Y4, Y4      // (w·q)·q
	VADDPS    Y4, Y10, Y10
	ADDQ      $32, SI
	ADDQ      $32, BX
	DECQ      CX
	JNZ       row

	VMOVUPS Y9, (DX)
	VMOVUPS Y10, 32(DX)
	ADDQ    $32, R13
	ADDQ    $64, DX
	DECQ    R14
	JNZ     candidate
	VZEROUPPER
	RET

// func iq4IndicesBlock(L *byte, x *float32, n int, id float32)
// L[j] = best_index_int8 of id·x[j] over the iq4_nl levels, for n a
// multiple of 8, as IQ4Index.
TEXT ·iq4IndicesBlock(SB), NOSPLIT, $0-28
	MOVQ L+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	VBROADCASTSS id+24(FP), Y11
	IQ4CONSTANTS

index:
	VMULPS    (SI), Y11, Y0   // t = id·x
	IQ4NEAREST
	VBLENDVPS Y5, Y1, Y2, Y1  // the index
	VEXTRACTI128 $1, Y1, X2
	VPACKUSDW X2, X1, X1
	VPACKUSWB X1, X1, X1
	MOVQ      X1, (DI)
	ADDQ      $32, SI
	ADDQ      $8, DI
	DECQ      CX
	JNZ       index
	VZEROUPPER
	RET
