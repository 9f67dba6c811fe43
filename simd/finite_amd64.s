//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func nonFiniteBlock(x *float32, n int) int
// For each block of 8 float32: any lane with all exponent bits set
// (x & 0x7f800000 == 0x7f800000)? Returns the block's first index or -1.
TEXT ·nonFiniteBlock(SB), NOSPLIT, $0-24
	MOVQ         x+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVL         $0x7f800000, AX
	MOVQ         AX, X8
	VPBROADCASTD X8, Y8       // Y8 = the exponent mask
	XORQ         DX, DX       // DX = index of the block

	MOVQ         CX, BX
	ANDQ         $-32, BX     // BX = the values checked 32 at a time

wide:
	CMPQ      DX, BX
	JGE       loop
	VPAND     (SI)(DX*4), Y8, Y0
	VPAND     32(SI)(DX*4), Y8, Y1
	VPAND     64(SI)(DX*4), Y8, Y2
	VPAND     96(SI)(DX*4), Y8, Y3
	VPCMPEQD  Y8, Y0, Y0
	VPCMPEQD  Y8, Y1, Y1
	VPCMPEQD  Y8, Y2, Y2
	VPCMPEQD  Y8, Y3, Y3
	VPOR      Y1, Y0, Y0
	VPOR      Y3, Y2, Y2
	VPOR      Y2, Y0, Y0
	VPTEST    Y0, Y0
	JNZ       loop            // one of these 32: find its block of 8 below
	ADDQ      $32, DX
	JMP       wide

loop:
	CMPQ      DX, CX
	JGE       none
	VPAND     (SI)(DX*4), Y8, Y0
	VPCMPEQD  Y8, Y0, Y0      // all-ones where the exponent is all ones
	VPMOVMSKB Y0, AX
	TESTL     AX, AX
	JNZ       found
	ADDQ      $8, DX
	JMP       loop

found:
	MOVQ DX, ret+16(FP)
	VZEROUPPER
	RET

none:
	MOVQ $-1, ret+16(FP)
	VZEROUPPER
	RET

// func nonFinite16Block(b *byte, n int, mask uint16) int
// The same over n 16-bit values (n a multiple of 16) with exponent mask
// mask (0x7c00 for binary16, 0x7f80 for bfloat16).
TEXT ·nonFinite16Block(SB), NOSPLIT, $0-32
	MOVQ         b+0(FP), SI
	MOVQ         n+8(FP), CX
	MOVWLZX      mask+16(FP), AX
	MOVQ         AX, X8
	VPBROADCASTW X8, Y8       // Y8 = the exponent mask
	XORQ         DX, DX       // DX = index of the block, in values

	MOVQ         CX, BX
	ANDQ         $-64, BX     // BX = the values checked 64 at a time

wide:
	CMPQ      DX, BX
	JGE       loop
	VPAND     (SI)(DX*2), Y8, Y0
	VPAND     32(SI)(DX*2), Y8, Y1
	VPAND     64(SI)(DX*2), Y8, Y2
	VPAND     96(SI)(DX*2), Y8, Y3
	VPCMPEQW  Y8, Y0, Y0
	VPCMPEQW  Y8, Y1, Y1
	VPCMPEQW  Y8, Y2, Y2
	VPCMPEQW  Y8, Y3, Y3
	VPOR      Y1, Y0, Y0
	VPOR      Y3, Y2, Y2
	VPOR      Y2, Y0, Y0
	VPTEST    Y0, Y0
	JNZ       loop            // one of these 64: find its block of 16 below
	ADDQ      $64, DX
	JMP       wide

loop:
	CMPQ      DX, CX
	JGE       none
	VPAND     (SI)(DX*2), Y8, Y0
	VPCMPEQW  Y8, Y0, Y0
	VPMOVMSKB Y0, AX
	TESTL     AX, AX
	JNZ       found
	ADDQ      $16, DX
	JMP       loop

found:
	MOVQ DX, ret+24(FP)
	VZEROUPPER
	RET

none:
	MOVQ $-1, ret+24(FP)
	VZEROUPPER
	RET
