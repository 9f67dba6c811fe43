//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// func importanceBlock(w, x, qw *float32, n int, sigma2 float32)
//
// w = qw·√(σ² + x·x), 8 values per step as a register pair, no fused
// multiply-add (every vector instruction WORD-encoded with llvm-mc and
// named).
TEXT ·importanceBlock(SB), NOSPLIT, $0-36
	MOVD  w+0(FP), R0
	MOVD  x+8(FP), R1
	MOVD  qw+16(FP), R2
	MOVD  n+24(FP), R3
	LSR   $3, R3, R3
	MOVWU sigma2+32(FP), R12
	WORD $0x4e040d86 // DUP v6.4s, w12; σ²

loop:
	WORD $0xacc10420 // LDP q0, q1, [x1], #32
	WORD $0x6e20dc00 // FMUL v0.4s, v0.4s, v0.4s; x·x
	WORD $0x6e21dc21 // FMUL v1.4s, v1.4s, v1.4s
	WORD $0x4e26d400 // FADD v0.4s, v0.4s, v6.4s; σ² + x·x
	WORD $0x4e26d421 // FADD v1.4s, v1.4s, v6.4s
	WORD $0x6ea1f800 // FSQRT v0.4s, v0.4s
	WORD $0x6ea1f821 // FSQRT v1.4s, v1.4s
	WORD $0xacc10c42 // LDP q2, q3, [x2], #32
	WORD $0x6e20dc40 // FMUL v0.4s, v2.4s, v0.4s; qw·√…
	WORD $0x6e21dc61 // FMUL v1.4s, v3.4s, v1.4s
	WORD $0xac810400 // STP q0, q1, [x0], #32
	SUBS $1, R3, R3
	BNE  loop
	RET

// func sumSquaresLanes(xT *float32, n int, s *[8]float32)
//
// s = Σ x·x over n rows of 8 lanes (a register pair), in row order, no
// fused multiply-add.
TEXT ·sumSquaresLanes(SB), NOSPLIT, $0-24
	MOVD xT+0(FP), R0
	MOVD n+8(FP), R1
	MOVD s+16(FP), R2
	WORD $0x6f00e400 // MOVI v0.2d, #0
	WORD $0x6f00e401 // MOVI v1.2d, #0

loop:
	WORD $0xacc10c02 // LDP q2, q3, [x0], #32
	WORD $0x6e22dc42 // FMUL v2.4s, v2.4s, v2.4s
	WORD $0x6e23dc63 // FMUL v3.4s, v3.4s, v3.4s
	WORD $0x4e22d400 // FADD v0.4s, v0.4s, v2.4s
	WORD $0x4e23d421 // FADD v1.4s, v1.4s, v3.4s
	SUBS $1, R1, R1
	BNE  loop
	WORD $0xad000440 // STP q0, q1, [x2]
	RET
