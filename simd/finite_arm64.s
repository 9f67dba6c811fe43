//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// func nonFiniteBlock(x *float32, n int) int
// The index of the first block of 8 float32 in x[:n] (n a multiple of 8)
// holding a NaN or ±Inf (exponent bits all set), times 8, or −1.
TEXT ·nonFiniteBlock(SB), NOSPLIT, $0-24
	MOVD  x+0(FP), R0
	MOVD  n+8(FP), R1
	MOVD  $0, R2                   // index of the block
	MOVW  $0x7f800000, R3
	VDUP  R3, V4.S4                // exponent mask

loop:
	CMP   R1, R2
	BGE   none
	VLD1.P 32(R0), [V0.S4, V1.S4]  // 8 float32
	VAND  V4.B16, V0.B16, V0.B16   // their exponents
	VAND  V4.B16, V1.B16, V1.B16
	VCMEQ V4.S4, V0.S4, V0.S4      // all ones where the exponent is full
	VCMEQ V4.S4, V1.S4, V1.S4
	VORR  V1.B16, V0.B16, V0.B16
	VMOV  V0.D[0], R4
	VMOV  V0.D[1], R5
	ORR   R4, R5, R5
	CBNZ  R5, found
	ADD   $8, R2, R2
	B     loop

found:
	MOVD  R2, ret+16(FP)
	RET

none:
	MOVD  $-1, R2
	MOVD  R2, ret+16(FP)
	RET

// func nonFinite16Block(b *byte, n int, mask uint16) int
// The same for blocks of 16 16-bit values (n of them, a multiple of 16)
// whose exponent bits are mask.
TEXT ·nonFinite16Block(SB), NOSPLIT, $0-32
	MOVD  b+0(FP), R0
	MOVD  n+8(FP), R1
	MOVHU mask+16(FP), R3
	MOVD  $0, R2
	VDUP  R3, V4.H8                // exponent mask

loop:
	CMP   R1, R2
	BGE   none
	VLD1.P 32(R0), [V0.H8, V1.H8]  // 16 values
	VAND  V4.B16, V0.B16, V0.B16
	VAND  V4.B16, V1.B16, V1.B16
	VCMEQ V4.H8, V0.H8, V0.H8
	VCMEQ V4.H8, V1.H8, V1.H8
	VORR  V1.B16, V0.B16, V0.B16
	VMOV  V0.D[0], R4
	VMOV  V0.D[1], R5
	ORR   R4, R5, R5
	CBNZ  R5, found
	ADD   $16, R2, R2
	B     loop

found:
	MOVD  R2, ret+24(FP)
	RET

none:
	MOVD  $-1, R2
	MOVD  R2, ret+24(FP)
	RET
