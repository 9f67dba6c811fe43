//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// ·iq4LevelsF32: the 16 iq4_nl levels as float32 (two VPERMPS tables, also
// read by dequant_amd64.s);
// iq4bounds<>: levels 1–15, each broadcast to 8 lanes, for the compares
// that count how many levels lie at or below a value.
DATA ·iq4LevelsF32+0(SB)/4, $0xc2fe0000 // -127
DATA ·iq4LevelsF32+4(SB)/4, $0xc2d00000 // -104
DATA ·iq4LevelsF32+8(SB)/4, $0xc2a60000 // -83
DATA ·iq4LevelsF32+12(SB)/4, $0xc2820000 // -65
DATA ·iq4LevelsF32+16(SB)/4, $0xc2440000 // -49
DATA ·iq4LevelsF32+20(SB)/4, $0xc20c0000 // -35
DATA ·iq4LevelsF32+24(SB)/4, $0xc1b00000 // -22
DATA ·iq4LevelsF32+28(SB)/4, $0xc1200000 // -10
DATA ·iq4LevelsF32+32(SB)/4, $0x3f800000 // 1
DATA ·iq4LevelsF32+36(SB)/4, $0x41500000 // 13
DATA ·iq4LevelsF32+40(SB)/4, $0x41c80000 // 25
DATA ·iq4LevelsF32+44(SB)/4, $0x42180000 // 38
DATA ·iq4LevelsF32+48(SB)/4, $0x42540000 // 53
DATA ·iq4LevelsF32+52(SB)/4, $0x428a0000 // 69
DATA ·iq4LevelsF32+56(SB)/4, $0x42b20000 // 89
DATA ·iq4LevelsF32+60(SB)/4, $0x42e20000 // 113
GLOBL ·iq4LevelsF32(SB), RODATA|NOPTR, $64
DATA iq4bounds<>+0(SB)/4, $0xc2d00000 // -104
DATA iq4bounds<>+4(SB)/4, $0xc2d00000
DATA iq4bounds<>+8(SB)/4, $0xc2d00000
DATA iq4bounds<>+12(SB)/4, $0xc2d00000
DATA iq4bounds<>+16(SB)/4, $0xc2d00000
DATA iq4bounds<>+20(SB)/4, $0xc2d00000
DATA iq4bounds<>+24(SB)/4, $0xc2d00000
DATA iq4bounds<>+28(SB)/4, $0xc2d00000
DATA iq4bounds<>+32(SB)/4, $0xc2a60000 // -83
DATA iq4bounds<>+36(SB)/4, $0xc2a60000
DATA iq4bounds<>+40(SB)/4, $0xc2a60000
DATA iq4bounds<>+44(SB)/4, $0xc2a60000
DATA iq4bounds<>+48(SB)/4, $0xc2a60000
DATA iq4bounds<>+52(SB)/4, $0xc2a60000
DATA iq4bounds<>+56(SB)/4, $0xc2a60000
DATA iq4bounds<>+60(SB)/4, $0xc2a60000
DATA iq4bounds<>+64(SB)/4, $0xc2820000 // -65
DATA iq4bounds<>+68(SB)/4, $0xc2820000
DATA iq4bounds<>+72(SB)/4, $0xc2820000
DATA iq4bounds<>+76(SB)/4, $0xc2820000
DATA iq4bounds<>+80(SB)/4, $0xc2820000
DATA iq4bounds<>+84(SB)/4, $0xc2820000
DATA iq4bounds<>+88(SB)/4, $0xc2820000
DATA iq4bounds<>+92(SB)/4, $0xc2820000
DATA iq4bounds<>+96(SB)/4, $0xc2440000 // -49
DATA iq4bounds<>+100(SB)/4, $0xc2440000
DATA iq4bounds<>+104(SB)/4, $0xc2440000
DATA iq4bounds<>+108(SB)/4, $0xc2440000
DATA iq4bounds<>+112(SB)/4, $0xc2440000
DATA iq4bounds<>+116(SB)/4, $0xc2440000
DATA iq4bounds<>+120(SB)/4, $0xc2440000
DATA iq4bounds<>+124(SB)/4, $0xc2440000
DATA iq4bounds<>+128(SB)/4, $0xc20c0000 // -35
DATA iq4bounds<>+132(SB)/4, $0xc20c0000
DATA iq4bounds<>+136(SB)/4, $0xc20c0000
DATA iq4bounds<>+140(SB)/4, $0xc20c0000
DATA iq4bounds<>+144(SB)/4, $0xc20c0000
DATA iq4bounds<>+148(SB)/4, $0xc20c0000
DATA iq4bounds<>+152(SB)/4, $0xc20c0000
DATA iq4bounds<>+156(SB)/4, $0xc20c0000
DATA iq4bounds<>+160(SB)/4, $0xc1b00000 // -22
DATA iq4bounds<>+164(SB)/4, $0xc1b00000
DATA iq4bounds<>+168(SB)/4, $0xc1b00000
DATA iq4bounds<>+172(SB)/4, $0xc1b00000
DATA iq4bounds<>+176(SB)/4, $0xc1b00000
DATA iq4bounds<>+180(SB)/4, $0xc1b00000
DATA iq4bounds<>+184(SB)/4, $0xc1b00000
DATA iq4bounds<>+188(SB)/4, $0xc1b00000
DATA iq4bounds<>+192(SB)/4, $0xc1200000 // -10
DATA iq4bounds<>+196(SB)/4, $0xc1200000
DATA iq4bounds<>+200(SB)/4, $0xc1200000
DATA iq4bounds<>+204(SB)/4, $0xc1200000
DATA iq4bounds<>+208(SB)/4, $0xc1200000
DATA iq4bounds<>+212(SB)/4, $0xc1200000
DATA iq4bounds<>+216(SB)/4, $0xc1200000
DATA iq4bounds<>+220(SB)/4, $0xc1200000
DATA iq4bounds<>+224(SB)/4, $0x3f800000 // 1
DATA iq4bounds<>+228(SB)/4, $0x3f800000
DATA iq4bounds<>+232(SB)/4, $0x3f800000
DATA iq4bounds<>+236(SB)/4, $0x3f800000
DATA iq4bounds<>+240(SB)/4, $0x3f800000
DATA iq4bounds<>+244(SB)/4, $0x3f800000
DATA iq4bounds<>+248(SB)/4, $0x3f800000
DATA iq4bounds<>+252(SB)/4, $0x3f800000
DATA iq4bounds<>+256(SB)/4, $0x41500000 // 13
DATA iq4bounds<>+260(SB)/4, $0x41500000
DATA iq4bounds<>+264(SB)/4, $0x41500000
DATA iq4bounds<>+268(SB)/4, $0x41500000
DATA iq4bounds<>+272(SB)/4, $0x41500000
DATA iq4bounds<>+276(SB)/4, $0x41500000
DATA iq4bounds<>+280(SB)/4, $0x41500000
DATA iq4bounds<>+284(SB)/4, $0x41500000
DATA iq4bounds<>+288(SB)/4, $0x41c80000 // 25
DATA iq4bounds<>+292(SB)/4, $0x41c80000
DATA iq4bounds<>+296(SB)/4, $0x41c80000
DATA iq4bounds<>+300(SB)/4, $0x41c80000
DATA iq4bounds<>+304(SB)/4, $0x41c80000
DATA iq4bounds<>+308(SB)/4, $0x41c80000
DATA iq4bounds<>+312(SB)/4, $0x41c80000
DATA iq4bounds<>+316(SB)/4, $0x41c80000
DATA iq4bounds<>+320(SB)/4, $0x42180000 // 38
DATA iq4bounds<>+324(SB)/4, $0x42180000
DATA iq4bounds<>+328(SB)/4, $0x42180000
DATA iq4bounds<>+332(SB)/4, $0x42180000
DATA iq4bounds<>+336(SB)/4, $0x42180000
DATA iq4bounds<>+340(SB)/4, $0x42180000
DATA iq4bounds<>+344(SB)/4, $0x42180000
DATA iq4bounds<>+348(SB)/4, $0x42180000
DATA iq4bounds<>+352(SB)/4, $0x42540000 // 53
DATA iq4bounds<>+356(SB)/4, $0x42540000
DATA iq4bounds<>+360(SB)/4, $0x42540000
DATA iq4bounds<>+364(SB)/4, $0x42540000
DATA iq4bounds<>+368(SB)/4, $0x42540000
DATA iq4bounds<>+372(SB)/4, $0x42540000
DATA iq4bounds<>+376(SB)/4, $0x42540000
DATA iq4bounds<>+380(SB)/4, $0x42540000
DATA iq4bounds<>+384(SB)/4, $0x428a0000 // 69
DATA iq4bounds<>+388(SB)/4, $0x428a0000
DATA iq4bounds<>+392(SB)/4, $0x428a0000
DATA iq4bounds<>+396(SB)/4, $0x428a0000
DATA iq4bounds<>+400(SB)/4, $0x428a0000
DATA iq4bounds<>+404(SB)/4, $0x428a0000
DATA iq4bounds<>+408(SB)/4, $0x428a0000
DATA iq4bounds<>+412(SB)/4, $0x428a0000
DATA iq4bounds<>+416(SB)/4, $0x42b20000 // 89
DATA iq4bounds<>+420(SB)/4, $0x42b20000
DATA iq4bounds<>+424(SB)/4, $0x42b20000
DATA iq4bounds<>+428(SB)/4, $0x42b20000
DATA iq4bounds<>+432(SB)/4, $0x42b20000
DATA iq4bounds<>+436(SB)/4, $0x42b20000
DATA iq4bounds<>+440(SB)/4, $0x42b20000
DATA iq4bounds<>+444(SB)/4, $0x42b20000
DATA iq4bounds<>+448(SB)/4, $0x42e20000 // 113
DATA iq4bounds<>+452(SB)/4, $0x42e20000
DATA iq4bounds<>+456(SB)/4, $0x42e20000
DATA iq4bounds<>+460(SB)/4, $0x42e20000
DATA iq4bounds<>+464(SB)/4, $0x42e20000
DATA iq4bounds<>+468(SB)/4, $0x42e20000
DATA iq4bounds<>+472(SB)/4, $0x42e20000
DATA iq4bounds<>+476(SB)/4, $0x42e20000
GLOBL iq4bounds<>(SB), RODATA|NOPTR, $480

// IQ4NEAREST finds, for the 8 values t in Y0, ggml's best_index_int8 over
// the iq4_nl levels (tables in Y14, Y15; 7 in Y13, 15 in Y12): i = the
// number of levels 1–15 at or below t (Y1), i+1 capped at 15 (Y2), their
// levels (Y3, Y4), and in Y5 the lanes where t − v[i] < v[i+1] − t, which
// take index i; the others take i+1. Uses Y6.
#define IQ4NEAREST \
	VPXOR     Y1, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+0(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+32(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+64(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+96(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+128(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+160(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+192(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+224(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+256(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+288(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+320(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+352(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+384(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+416(SB), Y0, Y2 \
	VPSUBD    Y2, Y1, Y1 \
	VCMPPS    $0x1d, iq4bounds<>+448(SB), Y0, Y2 \
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
	VMOVUPS ·iq4LevelsF32+0(SB), Y14  \
	VMOVUPS ·iq4LevelsF32+32(SB), Y15 \
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
