//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// ·fp4ValuesF32: the doubled E2M1 values, one per code (also read by
// dequant_amd64.s); fp4codes<>: codes
// 0–15, each in all 8 lanes.
DATA ·fp4ValuesF32+0(SB)/4, $0x00000000 // 0
DATA ·fp4ValuesF32+4(SB)/4, $0x3f800000 // 1
DATA ·fp4ValuesF32+8(SB)/4, $0x40000000 // 2
DATA ·fp4ValuesF32+12(SB)/4, $0x40400000 // 3
DATA ·fp4ValuesF32+16(SB)/4, $0x40800000 // 4
DATA ·fp4ValuesF32+20(SB)/4, $0x40c00000 // 6
DATA ·fp4ValuesF32+24(SB)/4, $0x41000000 // 8
DATA ·fp4ValuesF32+28(SB)/4, $0x41400000 // 12
DATA ·fp4ValuesF32+32(SB)/4, $0x00000000 // 0
DATA ·fp4ValuesF32+36(SB)/4, $0xbf800000 // -1
DATA ·fp4ValuesF32+40(SB)/4, $0xc0000000 // -2
DATA ·fp4ValuesF32+44(SB)/4, $0xc0400000 // -3
DATA ·fp4ValuesF32+48(SB)/4, $0xc0800000 // -4
DATA ·fp4ValuesF32+52(SB)/4, $0xc0c00000 // -6
DATA ·fp4ValuesF32+56(SB)/4, $0xc1000000 // -8
DATA ·fp4ValuesF32+60(SB)/4, $0xc1400000 // -12
GLOBL ·fp4ValuesF32(SB), RODATA|NOPTR, $64
DATA fp4codes<>+0(SB)/4, $0
DATA fp4codes<>+4(SB)/4, $0
DATA fp4codes<>+8(SB)/4, $0
DATA fp4codes<>+12(SB)/4, $0
DATA fp4codes<>+16(SB)/4, $0
DATA fp4codes<>+20(SB)/4, $0
DATA fp4codes<>+24(SB)/4, $0
DATA fp4codes<>+28(SB)/4, $0
DATA fp4codes<>+32(SB)/4, $1
DATA fp4codes<>+36(SB)/4, $1
DATA fp4codes<>+40(SB)/4, $1
DATA fp4codes<>+44(SB)/4, $1
DATA fp4codes<>+48(SB)/4, $1
DATA fp4codes<>+52(SB)/4, $1
DATA fp4codes<>+56(SB)/4, $1
DATA fp4codes<>+60(SB)/4, $1
DATA fp4codes<>+64(SB)/4, $2
DATA fp4codes<>+68(SB)/4, $2
DATA fp4codes<>+72(SB)/4, $2
DATA fp4codes<>+76(SB)/4, $2
DATA fp4codes<>+80(SB)/4, $2
DATA fp4codes<>+84(SB)/4, $2
DATA fp4codes<>+88(SB)/4, $2
DATA fp4codes<>+92(SB)/4, $2
DATA fp4codes<>+96(SB)/4, $3
DATA fp4codes<>+100(SB)/4, $3
DATA fp4codes<>+104(SB)/4, $3
DATA fp4codes<>+108(SB)/4, $3
DATA fp4codes<>+112(SB)/4, $3
DATA fp4codes<>+116(SB)/4, $3
DATA fp4codes<>+120(SB)/4, $3
DATA fp4codes<>+124(SB)/4, $3
DATA fp4codes<>+128(SB)/4, $4
DATA fp4codes<>+132(SB)/4, $4
DATA fp4codes<>+136(SB)/4, $4
DATA fp4codes<>+140(SB)/4, $4
DATA fp4codes<>+144(SB)/4, $4
DATA fp4codes<>+148(SB)/4, $4
DATA fp4codes<>+152(SB)/4, $4
DATA fp4codes<>+156(SB)/4, $4
DATA fp4codes<>+160(SB)/4, $5
DATA fp4codes<>+164(SB)/4, $5
DATA fp4codes<>+168(SB)/4, $5
DATA fp4codes<>+172(SB)/4, $5
DATA fp4codes<>+176(SB)/4, $5
DATA fp4codes<>+180(SB)/4, $5
DATA fp4codes<>+184(SB)/4, $5
DATA fp4codes<>+188(SB)/4, $5
DATA fp4codes<>+192(SB)/4, $6
DATA fp4codes<>+196(SB)/4, $6
DATA fp4codes<>+200(SB)/4, $6
DATA fp4codes<>+204(SB)/4, $6
DATA fp4codes<>+208(SB)/4, $6
DATA fp4codes<>+212(SB)/4, $6
DATA fp4codes<>+216(SB)/4, $6
DATA fp4codes<>+220(SB)/4, $6
DATA fp4codes<>+224(SB)/4, $7
DATA fp4codes<>+228(SB)/4, $7
DATA fp4codes<>+232(SB)/4, $7
DATA fp4codes<>+236(SB)/4, $7
DATA fp4codes<>+240(SB)/4, $7
DATA fp4codes<>+244(SB)/4, $7
DATA fp4codes<>+248(SB)/4, $7
DATA fp4codes<>+252(SB)/4, $7
DATA fp4codes<>+256(SB)/4, $8
DATA fp4codes<>+260(SB)/4, $8
DATA fp4codes<>+264(SB)/4, $8
DATA fp4codes<>+268(SB)/4, $8
DATA fp4codes<>+272(SB)/4, $8
DATA fp4codes<>+276(SB)/4, $8
DATA fp4codes<>+280(SB)/4, $8
DATA fp4codes<>+284(SB)/4, $8
DATA fp4codes<>+288(SB)/4, $9
DATA fp4codes<>+292(SB)/4, $9
DATA fp4codes<>+296(SB)/4, $9
DATA fp4codes<>+300(SB)/4, $9
DATA fp4codes<>+304(SB)/4, $9
DATA fp4codes<>+308(SB)/4, $9
DATA fp4codes<>+312(SB)/4, $9
DATA fp4codes<>+316(SB)/4, $9
DATA fp4codes<>+320(SB)/4, $10
DATA fp4codes<>+324(SB)/4, $10
DATA fp4codes<>+328(SB)/4, $10
DATA fp4codes<>+332(SB)/4, $10
DATA fp4codes<>+336(SB)/4, $10
DATA fp4codes<>+340(SB)/4, $10
DATA fp4codes<>+344(SB)/4, $10
DATA fp4codes<>+348(SB)/4, $10
DATA fp4codes<>+352(SB)/4, $11
DATA fp4codes<>+356(SB)/4, $11
DATA fp4codes<>+360(SB)/4, $11
DATA fp4codes<>+364(SB)/4, $11
DATA fp4codes<>+368(SB)/4, $11
DATA fp4codes<>+372(SB)/4, $11
DATA fp4codes<>+376(SB)/4, $11
DATA fp4codes<>+380(SB)/4, $11
DATA fp4codes<>+384(SB)/4, $12
DATA fp4codes<>+388(SB)/4, $12
DATA fp4codes<>+392(SB)/4, $12
DATA fp4codes<>+396(SB)/4, $12
DATA fp4codes<>+400(SB)/4, $12
DATA fp4codes<>+404(SB)/4, $12
DATA fp4codes<>+408(SB)/4, $12
DATA fp4codes<>+412(SB)/4, $12
DATA fp4codes<>+416(SB)/4, $13
DATA fp4codes<>+420(SB)/4, $13
DATA fp4codes<>+424(SB)/4, $13
DATA fp4codes<>+428(SB)/4, $13
DATA fp4codes<>+432(SB)/4, $13
DATA fp4codes<>+436(SB)/4, $13
DATA fp4codes<>+440(SB)/4, $13
DATA fp4codes<>+444(SB)/4, $13
DATA fp4codes<>+448(SB)/4, $14
DATA fp4codes<>+452(SB)/4, $14
DATA fp4codes<>+456(SB)/4, $14
DATA fp4codes<>+460(SB)/4, $14
DATA fp4codes<>+464(SB)/4, $14
DATA fp4codes<>+468(SB)/4, $14
DATA fp4codes<>+472(SB)/4, $14
DATA fp4codes<>+476(SB)/4, $14
DATA fp4codes<>+480(SB)/4, $15
DATA fp4codes<>+484(SB)/4, $15
DATA fp4codes<>+488(SB)/4, $15
DATA fp4codes<>+492(SB)/4, $15
DATA fp4codes<>+496(SB)/4, $15
DATA fp4codes<>+500(SB)/4, $15
DATA fp4codes<>+504(SB)/4, $15
DATA fp4codes<>+508(SB)/4, $15
GLOBL fp4codes<>(SB), RODATA|NOPTR, $512

// func fp4IndicesBlock(L *byte, x *float32, n int, e float32)
//
// L[j] = the code i whose value times e is nearest to x[j], the first on
// ties: |x − v_i·e| compared in code order with a strict <, as ggml's
// best_index_mxfp4 (which computes v_i·e − x: the same magnitude). The 16
// products go to the stack first. n is a multiple of 8.
TEXT ·fp4IndicesBlock(SB), NOSPLIT, $512-28
	MOVQ L+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	VBROADCASTSS e+24(FP), Y1
	MOVL $0x7fffffff, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // |x| mask
	VBROADCASTSS ·fp4ValuesF32+4(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 32(SP)      // v_1·e
	VBROADCASTSS ·fp4ValuesF32+8(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 64(SP)      // v_2·e
	VBROADCASTSS ·fp4ValuesF32+12(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 96(SP)      // v_3·e
	VBROADCASTSS ·fp4ValuesF32+16(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 128(SP)      // v_4·e
	VBROADCASTSS ·fp4ValuesF32+20(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 160(SP)      // v_5·e
	VBROADCASTSS ·fp4ValuesF32+24(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 192(SP)      // v_6·e
	VBROADCASTSS ·fp4ValuesF32+28(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 224(SP)      // v_7·e
	VBROADCASTSS ·fp4ValuesF32+32(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 256(SP)      // v_8·e
	VBROADCASTSS ·fp4ValuesF32+36(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 288(SP)      // v_9·e
	VBROADCASTSS ·fp4ValuesF32+40(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 320(SP)      // v_10·e
	VBROADCASTSS ·fp4ValuesF32+44(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 352(SP)      // v_11·e
	VBROADCASTSS ·fp4ValuesF32+48(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 384(SP)      // v_12·e
	VBROADCASTSS ·fp4ValuesF32+52(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 416(SP)      // v_13·e
	VBROADCASTSS ·fp4ValuesF32+56(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 448(SP)      // v_14·e
	VBROADCASTSS ·fp4ValuesF32+60(SB), Y0
	VMULPS  Y1, Y0, Y0
	VMOVUPS Y0, 480(SP)      // v_15·e

loop:
	VMOVUPS (SI), Y0          // x
	VANDPS  Y15, Y0, Y3       // the error of code 0 (value 0): |x|
	VPXOR   Y2, Y2, Y2        // code 0
	VSUBPS    32(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+32(SB), Y2, Y2 // code 1 where nearer
	VSUBPS    64(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+64(SB), Y2, Y2 // code 2 where nearer
	VSUBPS    96(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+96(SB), Y2, Y2 // code 3 where nearer
	VSUBPS    128(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+128(SB), Y2, Y2 // code 4 where nearer
	VSUBPS    160(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+160(SB), Y2, Y2 // code 5 where nearer
	VSUBPS    192(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+192(SB), Y2, Y2 // code 6 where nearer
	VSUBPS    224(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+224(SB), Y2, Y2 // code 7 where nearer
	VSUBPS    256(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+256(SB), Y2, Y2 // code 8 where nearer
	VSUBPS    288(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+288(SB), Y2, Y2 // code 9 where nearer
	VSUBPS    320(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+320(SB), Y2, Y2 // code 10 where nearer
	VSUBPS    352(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+352(SB), Y2, Y2 // code 11 where nearer
	VSUBPS    384(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+384(SB), Y2, Y2 // code 12 where nearer
	VSUBPS    416(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+416(SB), Y2, Y2 // code 13 where nearer
	VSUBPS    448(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+448(SB), Y2, Y2 // code 14 where nearer
	VSUBPS    480(SP), Y0, Y4
	VANDPS    Y15, Y4, Y4
	VCMPPS    $0x11, Y3, Y4, Y5
	VBLENDVPS Y5, Y4, Y3, Y3
	VBLENDVPS Y5, fp4codes<>+480(SB), Y2, Y2 // code 15 where nearer
	VEXTRACTI128 $1, Y2, X3
	VPACKUSDW X3, X2, X2
	VPACKUSWB X2, X2, X2
	MOVQ    X2, (DI)
	ADDQ    $32, SI
	ADDQ    $8, DI
	DECQ    CX
	JNZ     loop
	VZEROUPPER
	RET
