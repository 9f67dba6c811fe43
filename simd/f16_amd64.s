//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// BF16ROUND rounds the 8 float32 at SRC to bfloat16 (in the low halves of
// the dwords of OUT): to nearest even, NaNs made quiet. Uses Y0–Y6.
#define BF16ROUND(SRC, OUT) \
	VMOVDQU   SRC, Y0        \
	VPSRLD    $16, Y0, Y1    \
	VPAND     Y9, Y1, Y2     \
	VPADDD    Y8, Y0, OUT    \
	VPADDD    Y2, OUT, OUT   \
	VPSRLD    $16, OUT, OUT  \
	VPAND     Y10, Y0, Y4    \
	VPCMPGTD  Y11, Y4, Y5    \
	VPOR      Y12, Y1, Y6    \
	VPBLENDVB Y5, Y6, OUT, OUT

// func f32ToF16Block(dst *byte, src *float32, n int)
// The loop of f32ToF16Generic for n a multiple of 8: VCVTPS2PH with
// rounding to nearest even (imm8 = 0).
TEXT ·f32ToF16Block(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   done

loop:
	VMOVUPS   (SI), Y0      // 8 float32
	VCVTPS2PH $0, Y0, X1    // → 8 binary16, round to nearest even
	VMOVDQU   X1, (DI)
	ADDQ      $32, SI
	ADDQ      $16, DI
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	RET

// func f16ToF32Block(dst *float32, src *byte, n int)
// The loop of f16ToF32Generic for n a multiple of 8: VCVTPH2PS, exact.
TEXT ·f16ToF32Block(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   done

loop:
	VCVTPH2PS (SI), Y0      // 8 binary16 → 8 float32
	VMOVUPS   Y0, (DI)
	ADDQ      $16, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	RET

// func bf16ToF32Block(dst *float32, src *byte, n int)
// The loop of bf16ToF32Generic for n a multiple of 8: dst[i] = src[i] << 16.
TEXT ·bf16ToF32Block(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   done

loop:
	VPMOVZXWD (SI), Y0      // 8 uint16 → 8 uint32
	VPSLLD    $16, Y0, Y0   // bfloat16 is the top half of a float32
	VMOVDQU   Y0, (DI)
	ADDQ      $16, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	RET

// func f32ToBF16Block(dst *byte, src *float32, n int)
// The loop of f32ToBF16Generic for n a multiple of 8:
//	x & 0x7fffffff > 0x7f800000 ? x>>16 | 0x40 : (x + 0x7fff + (x>>16)&1) >> 16
TEXT ·f32ToBF16Block(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	SHRQ $3, CX
	JZ   done

	MOVL         $0x7fff, AX
	MOVQ         AX, X8
	VPBROADCASTD X8, Y8       // Y8 = 0x7fff
	MOVL         $1, AX
	MOVQ         AX, X9
	VPBROADCASTD X9, Y9       // Y9 = 1
	MOVL         $0x7fffffff, AX
	MOVQ         AX, X10
	VPBROADCASTD X10, Y10     // Y10 = the magnitude mask
	MOVL         $0x7f800000, AX
	MOVQ         AX, X11
	VPBROADCASTD X11, Y11     // Y11 = +Inf's bits
	MOVL         $0x40, AX
	MOVQ         AX, X12
	VPBROADCASTD X12, Y12     // Y12 = the quiet bit of a bfloat16 NaN

	TESTQ $1, CX
	JZ    pairs
	BF16ROUND((SI), Y3)       // an odd block of 8 first
	VPACKUSDW Y3, Y3, Y3      // dwords → words within each 128-bit lane
	VPERMQ    $0x08, Y3, Y3   // gather the two lanes' low quadwords
	VMOVDQU   X3, (DI)
	ADDQ      $32, SI
	ADDQ      $16, DI
	SHRQ      $1, CX
	JZ        done
	JMP       loop

pairs:
	SHRQ $1, CX

loop:
	BF16ROUND((SI), Y3)       // values 0–7
	BF16ROUND(32(SI), Y7)     // 8–15
	VPACKUSDW Y7, Y3, Y3      // per lane: 0–3, 8–11 | 4–7, 12–15
	VPERMQ    $0xd8, Y3, Y3   // in order
	VMOVDQU   Y3, (DI)
	ADDQ      $64, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop

done:
	VZEROUPPER
	RET
