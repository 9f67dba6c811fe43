//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// func divLevelsBlock(L *byte, x *float32, groups, n int, m *float32, mstep int, d *float32, lo, hi, bias int32)
//
// divLevelsGeneric for n a multiple of 8, on NEON (every vector instruction
// WORD-encoded with llvm-mc and named): per group, m and d broadcast (a
// group with d = ±0 skipped), then 8 values per step as a register pair,
// (x + m)/d, ggml's nearest_int (add 1.5·2²³, keep the mantissa, subtract
// 2²²), clamp to [lo, hi], add bias, narrow to bytes.
TEXT ·divLevelsBlock(SB), NOSPLIT, $0-68
	MOVD  L+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  groups+16(FP), R2
	MOVD  n+24(FP), R3
	LSR   $3, R3, R3          // steps of 8 per group
	MOVD  m+32(FP), R4
	MOVD  mstep+40(FP), R5
	MOVD  d+48(FP), R6
	MOVW  lo+56(FP), R12
	WORD $0x4e040d8a // DUP v10.4s, w12; lo
	MOVW  hi+60(FP), R12
	WORD $0x4e040d8b // DUP v11.4s, w12; hi
	MOVW  bias+64(FP), R12
	WORD $0x4e040d8c // DUP v12.4s, w12; bias
	MOVW  $0x4b400000, R12
	WORD $0x4e040d98 // DUP v24.4s, w12; 1.5·2²³
	MOVW  $0x7fffff, R12
	WORD $0x4e040d99 // DUP v25.4s, w12; mantissa mask
	MOVW  $0x400000, R12
	WORD $0x4e040d9a // DUP v26.4s, w12; 2²²

group:
	MOVWU (R6), R12
	ANDW  $0x7fffffff, R12, R13
	CBZW  R13, skip           // d = ±0: ggml keeps the levels
	WORD $0x4e040d89 // DUP v9.4s, w12; d
	MOVWU (R4), R12
	WORD $0x4e040d88 // DUP v8.4s, w12; m
	MOVD  R3, R7

loop:
	WORD $0xacc10420 // LDP q0, q1, [x1], #32
	WORD $0x4e28d400 // FADD v0.4s, v0.4s, v8.4s; x + m
	WORD $0x4e28d421 // FADD v1.4s, v1.4s, v8.4s
	WORD $0x6e29fc00 // FDIV v0.4s, v0.4s, v9.4s; / d
	WORD $0x6e29fc21 // FDIV v1.4s, v1.4s, v9.4s
	WORD $0x4e38d400 // FADD v0.4s, v0.4s, v24.4s; nearest_int
	WORD $0x4e38d421 // FADD v1.4s, v1.4s, v24.4s
	WORD $0x4e391c00 // AND v0.16b, v0.16b, v25.16b
	WORD $0x4e391c21 // AND v1.16b, v1.16b, v25.16b
	WORD $0x6eba8400 // SUB v0.4s, v0.4s, v26.4s
	WORD $0x6eba8421 // SUB v1.4s, v1.4s, v26.4s
	WORD $0x4eaa6400 // SMAX v0.4s, v0.4s, v10.4s; clamp
	WORD $0x4eaa6421 // SMAX v1.4s, v1.4s, v10.4s
	WORD $0x4eab6c00 // SMIN v0.4s, v0.4s, v11.4s
	WORD $0x4eab6c21 // SMIN v1.4s, v1.4s, v11.4s
	WORD $0x4eac8400 // ADD v0.4s, v0.4s, v12.4s; + bias: 0 … 255
	WORD $0x4eac8421 // ADD v1.4s, v1.4s, v12.4s
	WORD $0x0e612800 // XTN v0.4h, v0.4s
	WORD $0x4e612820 // XTN2 v0.8h, v1.4s
	WORD $0x0e212800 // XTN v0.8b, v0.8h
	WORD $0xfc008400 // STR d0, [x0], #8
	SUBS $1, R7, R7
	BNE  loop
	B    next

skip:
	ADD  R3<<5, R1, R1
	ADD  R3<<3, R0, R0

next:
	ADD  $4, R6, R6
	ADD  R5, R4, R4
	SUBS $1, R2, R2
	BNE  group
	RET
