//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

DATA diffabs<>+0(SB)/8, $0x7fffffffffffffff
DATA diffabs<>+8(SB)/8, $0x7fffffffffffffff
DATA diffabs<>+16(SB)/8, $0x7fffffffffffffff
DATA diffabs<>+24(SB)/8, $0x7fffffffffffffff
GLOBL diffabs<>(SB), RODATA|NOPTR, $32

// HALF adds 4 pairs (x at OFF(SI), y at OFF(DI)) to the lanes of one half:
// sums X2, Y2, XY, E2 and the maximum MAX, UNORD collecting the lanes
// whose difference was NaN (VMAXPD would drop it; Go's max keeps it).
#define HALF(OFF, X2, Y2, XY, E2, MAX, UNORD) \
	VCVTPS2PD OFF(SI), Y12            \
	VCVTPS2PD OFF(DI), Y13            \
	VSUBPD    Y13, Y12, Y14           \
	VMULPD    Y12, Y12, Y15           \
	VADDPD    Y15, X2, X2             \
	VMULPD    Y13, Y13, Y15           \
	VADDPD    Y15, Y2, Y2             \
	VMULPD    Y13, Y12, Y15           \
	VADDPD    Y15, XY, XY             \
	VMULPD    Y14, Y14, Y15           \
	VADDPD    Y15, E2, E2             \
	VCMPPD    $3, Y14, Y14, Y15       \
	VORPD     Y15, UNORD, UNORD       \
	VANDPD    diffabs<>(SB), Y14, Y14 \
	VMAXPD    Y14, MAX, MAX

// func diffSumsBlock(s *DiffSums, x, y *float32, n int)
//
// diffSumsGeneric for n a multiple of 8: each product rounded, then added
// to its lane (value i to lane i mod 8: lanes 0–3 in the first register
// of each pair, 4–7 in the second), no fused multiply-add.
// s layout: X2 0, Y2 64, XY 128, E2 192, MaxAbs 256.
TEXT ·diffSumsBlock(SB), NOSPLIT, $0-32
	MOVQ    s+0(FP), DX
	MOVQ    x+8(FP), SI
	MOVQ    y+16(FP), DI
	MOVQ    n+24(FP), CX
	SHRQ    $3, CX
	VMOVUPD 0(DX), Y0
	VMOVUPD 32(DX), Y1
	VMOVUPD 64(DX), Y2
	VMOVUPD 96(DX), Y3
	VMOVUPD 128(DX), Y4
	VMOVUPD 160(DX), Y5
	VMOVUPD 192(DX), Y6
	VMOVUPD 224(DX), Y7
	VMOVUPD 256(DX), Y8
	VMOVUPD 288(DX), Y9
	VCMPPD  $3, Y8, Y8, Y10   // lanes already NaN stay NaN
	VCMPPD  $3, Y9, Y9, Y11

loop:
	HALF(0, Y0, Y2, Y4, Y6, Y8, Y10)
	HALF(16, Y1, Y3, Y5, Y7, Y9, Y11)
	ADDQ $32, SI
	ADDQ $32, DI
	DECQ CX
	JNZ  loop

	VBLENDVPD Y10, Y10, Y8, Y8 // NaN (all ones) in the lanes that saw one
	VBLENDVPD Y11, Y11, Y9, Y9
	VMOVUPD Y0, 0(DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	VMOVUPD Y4, 128(DX)
	VMOVUPD Y5, 160(DX)
	VMOVUPD Y6, 192(DX)
	VMOVUPD Y7, 224(DX)
	VMOVUPD Y8, 256(DX)
	VMOVUPD Y9, 288(DX)
	VZEROUPPER
	RET
