//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// func importanceBlock(w, x, qw *float32, n int, sigma2 float32)
//
// w = qw·√(σ² + x·x), 8 values per step, no fused multiply-add.
TEXT ·importanceBlock(SB), NOSPLIT, $0-36
	MOVQ w+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ qw+16(FP), DX
	MOVQ n+24(FP), CX
	SHRQ $3, CX
	VBROADCASTSS sigma2+32(FP), Y3

loop:
	VMOVUPS (SI), Y0
	VMULPS  Y0, Y0, Y0        // x·x
	VADDPS  Y3, Y0, Y0        // σ² + x·x
	VSQRTPS Y0, Y0
	VMULPS  (DX), Y0, Y0      // qw·√…
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, DI
	DECQ    CX
	JNZ     loop
	VZEROUPPER
	RET

// func sumSquaresLanes(xT *float32, n int, s *[8]float32)
//
// s = Σ x·x over n rows of 8 lanes, in row order, no fused multiply-add.
TEXT ·sumSquaresLanes(SB), NOSPLIT, $0-24
	MOVQ xT+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ s+16(FP), DI
	VXORPS Y0, Y0, Y0

loop:
	VMOVUPS (SI), Y1
	VMULPS  Y1, Y1, Y1
	VADDPS  Y1, Y0, Y0
	ADDQ    $32, SI
	DECQ    CX
	JNZ     loop
	VMOVUPS Y0, (DI)
	VZEROUPPER
	RET
