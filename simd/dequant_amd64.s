//go:build amd64 && gc && !purego && !noasm

#include "textflag.h"

// Shift counts that move bit j of a broadcast 32-bit mask to bit 0 of lane
// j mod 8 (VPSRLVD), for levels 0–7, 8–15, 16–23 and 24–31.

DATA deqshifts<>+0(SB)/4, $0
DATA deqshifts<>+4(SB)/4, $1
DATA deqshifts<>+8(SB)/4, $2
DATA deqshifts<>+12(SB)/4, $3
DATA deqshifts<>+16(SB)/4, $4
DATA deqshifts<>+20(SB)/4, $5
DATA deqshifts<>+24(SB)/4, $6
DATA deqshifts<>+28(SB)/4, $7
DATA deqshifts<>+32(SB)/4, $8
DATA deqshifts<>+36(SB)/4, $9
DATA deqshifts<>+40(SB)/4, $10
DATA deqshifts<>+44(SB)/4, $11
DATA deqshifts<>+48(SB)/4, $12
DATA deqshifts<>+52(SB)/4, $13
DATA deqshifts<>+56(SB)/4, $14
DATA deqshifts<>+60(SB)/4, $15
DATA deqshifts<>+64(SB)/4, $16
DATA deqshifts<>+68(SB)/4, $17
DATA deqshifts<>+72(SB)/4, $18
DATA deqshifts<>+76(SB)/4, $19
DATA deqshifts<>+80(SB)/4, $20
DATA deqshifts<>+84(SB)/4, $21
DATA deqshifts<>+88(SB)/4, $22
DATA deqshifts<>+92(SB)/4, $23
DATA deqshifts<>+96(SB)/4, $24
DATA deqshifts<>+100(SB)/4, $25
DATA deqshifts<>+104(SB)/4, $26
DATA deqshifts<>+108(SB)/4, $27
DATA deqshifts<>+112(SB)/4, $28
DATA deqshifts<>+116(SB)/4, $29
DATA deqshifts<>+120(SB)/4, $30
DATA deqshifts<>+124(SB)/4, $31
GLOBL deqshifts<>(SB), RODATA|NOPTR, $128

// F16 loads the fp16 at SRC as a float32 into every lane of Y (via X).
#define F16(SRC, X, Y) \
	MOVWLZX SRC, AX     \
	VMOVD   AX, X       \
	VCVTPH2PS X, X      \
	VBROADCASTSS X, Y

// q8_0: y = q·d.
#define Q8(OFF, DST) \
	VPMOVSXBD OFF(SI), Y0 \
	VCVTDQ2PS Y0, Y0      \
	VMULPS    Y7, Y0, Y0  \
	VMOVUPS   Y0, DST(DI)

// LEGACY expands 8 levels of a q4_0 … q5_1 block: nibbles from 8 bytes at
// SRC shifted right by SH, bit 4 from the broadcast mask Y5 shifted by
// SHIFTS, minus the bias Y14, times d (Y7), plus m (Y6) when R11 is set.
#define LEGACY(SRC, SH, SHIFTS, DST) \
	VPMOVZXBD SRC, Y0       \
	VPSRLD    $SH, Y0, Y0   \
	VPAND     Y15, Y0, Y0   \
	VPSRLVD   SHIFTS, Y5, Y1 \
	VPAND     Y12, Y1, Y1   \
	VPSLLD    $4, Y1, Y1    \
	VPOR      Y1, Y0, Y0    \
	VPSUBD    Y14, Y0, Y0   \
	VCVTDQ2PS Y0, Y0        \
	VMULPS    Y7, Y0, Y0    \
	TESTQ     R11, R11      \
	JZ        2(PC)         \
	VADDPS    Y6, Y0, Y0    \
	VMOVUPS   Y0, DST

// KSCALES unpacks the 8 6-bit scales and minimums of a q4_K/q5_K
// super-block at SI (ggml's get_scale_min_k4 for all j at once, bytewise in
// 32-bit registers) and stores d·sc at 0(SP) and dmin·m at 32(SP).
#define KSCALES \
	MOVL  4(SI), AX             \ // scale bytes 0–3
	MOVL  8(SI), BX             \ // 4–7
	MOVL  12(SI), DX            \ // 8–11
	MOVL  AX, R12               \
	ANDL  $0x3f3f3f3f, R12      \ // sc 0–3
	MOVL  DX, R13               \
	ANDL  $0x0f0f0f0f, R13      \
	MOVL  AX, R14               \
	SHRL  $2, R14               \
	ANDL  $0x30303030, R14      \
	ORL   R14, R13              \ // sc 4–7
	SHLQ  $32, R13              \
	ORQ   R13, R12              \
	MOVQ  R12, X0               \
	VPMOVZXBD X0, Y0            \
	VCVTDQ2PS Y0, Y0            \
	VMULPS Y7, Y0, Y0           \
	VMOVUPS Y0, 0(SP)           \ // d·sc
	MOVL  BX, R12               \
	ANDL  $0x3f3f3f3f, R12      \ // m 0–3
	MOVL  DX, R13               \
	SHRL  $4, R13               \
	ANDL  $0x0f0f0f0f, R13      \
	MOVL  BX, R14               \
	SHRL  $2, R14               \
	ANDL  $0x30303030, R14      \
	ORL   R14, R13              \ // m 4–7
	SHLQ  $32, R13              \
	ORQ   R13, R12              \
	MOVQ  R12, X0               \
	VPMOVZXBD X0, Y0            \
	VCVTDQ2PS Y0, Y0            \
	VMULPS Y6, Y0, Y0           \
	VMOVUPS Y0, 32(SP)            // dmin·m

// KPAIR broadcasts the scales and minimums of groups 2p and 2p+1.
#define KPAIR(SC0, SC1, M0, M1) \
	VBROADCASTSS SC0(SP), Y8 \
	VBROADCASTSS SC1(SP), Y9 \
	VBROADCASTSS M0(SP), Y10 \
	VBROADCASTSS M1(SP), Y11

// K4 expands 8 bytes of nibbles at QS: low nibbles into group 2p (at LO),
// high nibbles into group 2p+1 (at HI), y = (d·sc)·q − dmin·m.
#define K4(QS, LO, HI) \
	VPMOVZXBD QS(BX), Y0   \
	VPAND     Y15, Y0, Y1  \
	VPSRLD    $4, Y0, Y2   \
	VCVTDQ2PS Y1, Y1       \
	VMULPS    Y8, Y1, Y1   \
	VSUBPS    Y10, Y1, Y1  \
	VMOVUPS   Y1, LO(DI)   \
	VCVTDQ2PS Y2, Y2       \
	VMULPS    Y9, Y2, Y2   \
	VSUBPS    Y11, Y2, Y2  \
	VMOVUPS   Y2, HI(DI)

// K5 is K4 for q5_K, adding bit 2p (and 2p+1) of the 8 high-bit bytes at
// QH as bit 4 of the levels.
#define K5(QS, QH, B0, B1, LO, HI) \
	VPMOVZXBD QS(BX), Y0   \
	VPAND     Y15, Y0, Y1  \
	VPSRLD    $4, Y0, Y2   \
	VPMOVZXBD QH(SI), Y3   \
	VPSRLD    $B0, Y3, Y4  \
	VPAND     Y12, Y4, Y4  \
	VPSLLD    $4, Y4, Y4   \
	VPOR      Y4, Y1, Y1   \
	VPSRLD    $B1, Y3, Y4  \
	VPAND     Y12, Y4, Y4  \
	VPSLLD    $4, Y4, Y4   \
	VPOR      Y4, Y2, Y2   \
	VCVTDQ2PS Y1, Y1       \
	VMULPS    Y8, Y1, Y1   \
	VSUBPS    Y10, Y1, Y1  \
	VMOVUPS   Y1, LO(DI)   \
	VCVTDQ2PS Y2, Y2       \
	VMULPS    Y9, Y2, Y2   \
	VSUBPS    Y11, Y2, Y2  \
	VMOVUPS   Y2, HI(DI)

// Q6 expands 8 levels l of one quarter of a q6_K half: the nibble (low
// or high per SH) of 8 bytes at QL with 2 high bits from the 8 bytes in Y2
// shifted right by HB, minus 32, times d·sc from DS(SP).
#define Q6(QL, SH, HB, DS, DST) \
	VPMOVZXBD QL(SI), Y0   \
	VPSRLD    $SH, Y0, Y0  \
	VPAND     Y15, Y0, Y0  \
	VPSRLD    $HB, Y2, Y1  \
	VPAND     Y14, Y1, Y1  \
	VPSLLD    $4, Y1, Y1   \
	VPOR      Y1, Y0, Y0   \
	VPSUBD    Y13, Y0, Y0  \
	VCVTDQ2PS Y0, Y0       \
	VBROADCASTSS DS(SP), Y1 \
	VMULPS    Y1, Y0, Y0   \
	VMOVUPS   Y0, DST(DI)

// func dequantQ8_0AVX2(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ8_0AVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX

q8block:
	F16((SI), X7, Y7)
	Q8(2, 0)
	Q8(10, 32)
	Q8(18, 64)
	Q8(26, 96)
	ADDQ $34, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  q8block
	VZEROUPPER
	RET

// func dequantLegacyAVX2(dst *float32, src *byte, nblocks, size, qsOff, qhOff int, bias int32, affine bool)
//
// q4_0, q4_1, q5_0, q5_1: blocks of size bytes with fp16 d at 0, fp16 m at
// 2 when affine, a 32-bit high-bit mask at qhOff (< 0: none) and 16 bytes
// of nibbles at qsOff; y = (q − bias)·d, or q·d + m when affine.
TEXT ·dequantLegacyAVX2(SB), NOSPLIT, $0-53
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVQ size+24(FP), R8
	MOVQ qsOff+32(FP), R9
	MOVQ qhOff+40(FP), R10
	MOVL bias+48(FP), AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14     // bias
	MOVBLZX affine+52(FP), R11
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $1, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // 1
	VMOVDQU deqshifts<>+0(SB), Y13
	VMOVDQU deqshifts<>+32(SB), Y10
	VMOVDQU deqshifts<>+64(SB), Y9
	VMOVDQU deqshifts<>+96(SB), Y8
	VPXOR   Y5, Y5, Y5        // no high bits

legblock:
	F16((SI), X7, Y7)
	TESTQ R11, R11
	JZ    legnom
	F16(2(SI), X6, Y6)
legnom:
	TESTQ R10, R10
	JS    legnoqh
	VPBROADCASTD (SI)(R10*1), Y5
legnoqh:
	LEAQ (SI)(R9*1), BX
	LEGACY((BX), 0, Y13, (DI))
	LEGACY(8(BX), 0, Y10, 32(DI))
	LEGACY((BX), 4, Y9, 64(DI))
	LEGACY(8(BX), 4, Y8, 96(DI))
	ADDQ R8, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  legblock
	VZEROUPPER
	RET

// func dequantQ4_KAVX2(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ4_KAVX2(SB), NOSPLIT, $64-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $1, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // 1

q4kblock:
	F16((SI), X7, Y7)         // d
	F16(2(SI), X6, Y6)        // dmin
	KSCALES
	LEAQ 16(SI), BX           // the nibbles
	KPAIR(0, 4, 32, 36)
	K4(0, 0, 128)
	K4(8, 32, 160)
	K4(16, 64, 192)
	K4(24, 96, 224)
	KPAIR(8, 12, 40, 44)
	K4(32, 256, 384)
	K4(40, 288, 416)
	K4(48, 320, 448)
	K4(56, 352, 480)
	KPAIR(16, 20, 48, 52)
	K4(64, 512, 640)
	K4(72, 544, 672)
	K4(80, 576, 704)
	K4(88, 608, 736)
	KPAIR(24, 28, 56, 60)
	K4(96, 768, 896)
	K4(104, 800, 928)
	K4(112, 832, 960)
	K4(120, 864, 992)
	ADDQ $144, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  q4kblock
	VZEROUPPER
	RET

// func dequantQ5_KAVX2(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ5_KAVX2(SB), NOSPLIT, $64-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $1, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // 1

q5kblock:
	F16((SI), X7, Y7)         // d
	F16(2(SI), X6, Y6)        // dmin
	KSCALES
	LEAQ 48(SI), BX           // the nibbles
	KPAIR(0, 4, 32, 36)
	K5(0, 16, 0, 1, 0, 128)
	K5(8, 24, 0, 1, 32, 160)
	K5(16, 32, 0, 1, 64, 192)
	K5(24, 40, 0, 1, 96, 224)
	KPAIR(8, 12, 40, 44)
	K5(32, 16, 2, 3, 256, 384)
	K5(40, 24, 2, 3, 288, 416)
	K5(48, 32, 2, 3, 320, 448)
	K5(56, 40, 2, 3, 352, 480)
	KPAIR(16, 20, 48, 52)
	K5(64, 16, 4, 5, 512, 640)
	K5(72, 24, 4, 5, 544, 672)
	K5(80, 32, 4, 5, 576, 704)
	K5(88, 40, 4, 5, 608, 736)
	KPAIR(24, 28, 56, 60)
	K5(96, 16, 6, 7, 768, 896)
	K5(104, 24, 6, 7, 800, 928)
	K5(112, 32, 6, 7, 832, 960)
	K5(120, 40, 6, 7, 864, 992)
	ADDQ $176, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  q5kblock
	VZEROUPPER
	RET

// func dequantQ6_KAVX2(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ6_KAVX2(SB), NOSPLIT, $32-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $3, AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14     // 2-bit mask
	MOVL $32, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13     // the level offset

q6block:
	F16(208(SI), X7, Y7)      // d
	VPMOVSXBD 192(SI), Y0    // this half's 8 scales
	VCVTDQ2PS Y0, Y0
	VMULPS    Y7, Y0, Y0
	VMOVUPS   Y0, 0(SP)         // d·sc
	VPMOVZXBD 128(SI), Y2
	Q6(0, 0, 0, 0, 0)
	Q6(32, 0, 2, 8, 128)
	Q6(0, 4, 4, 16, 256)
	Q6(32, 4, 6, 24, 384)
	VPMOVZXBD 136(SI), Y2
	Q6(8, 0, 0, 0, 32)
	Q6(40, 0, 2, 8, 160)
	Q6(8, 4, 4, 16, 288)
	Q6(40, 4, 6, 24, 416)
	VPMOVZXBD 144(SI), Y2
	Q6(16, 0, 0, 4, 64)
	Q6(48, 0, 2, 12, 192)
	Q6(16, 4, 4, 20, 320)
	Q6(48, 4, 6, 28, 448)
	VPMOVZXBD 152(SI), Y2
	Q6(24, 0, 0, 4, 96)
	Q6(56, 0, 2, 12, 224)
	Q6(24, 4, 4, 20, 352)
	Q6(56, 4, 6, 28, 480)
	VPMOVSXBD 200(SI), Y0    // this half's 8 scales
	VCVTDQ2PS Y0, Y0
	VMULPS    Y7, Y0, Y0
	VMOVUPS   Y0, 0(SP)         // d·sc
	VPMOVZXBD 160(SI), Y2
	Q6(64, 0, 0, 0, 512)
	Q6(96, 0, 2, 8, 640)
	Q6(64, 4, 4, 16, 768)
	Q6(96, 4, 6, 24, 896)
	VPMOVZXBD 168(SI), Y2
	Q6(72, 0, 0, 0, 544)
	Q6(104, 0, 2, 8, 672)
	Q6(72, 4, 4, 16, 800)
	Q6(104, 4, 6, 24, 928)
	VPMOVZXBD 176(SI), Y2
	Q6(80, 0, 0, 4, 576)
	Q6(112, 0, 2, 12, 704)
	Q6(80, 4, 4, 20, 832)
	Q6(112, 4, 6, 28, 960)
	VPMOVZXBD 184(SI), Y2
	Q6(88, 0, 0, 4, 608)
	Q6(120, 0, 2, 12, 736)
	Q6(88, 4, 4, 20, 864)
	Q6(120, 4, 6, 28, 992)
	ADDQ $210, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  q6block
	VZEROUPPER
	RET

