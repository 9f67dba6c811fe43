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

// deqhigh2<>: the shifts that bring iq4_xs block i's two high scale bits
// down. (The iq4_nl levels are ·iq4Levels, in iq4_amd64.s.)
DATA deqhigh2<>+0(SB)/4, $0
DATA deqhigh2<>+4(SB)/4, $2
DATA deqhigh2<>+8(SB)/4, $4
DATA deqhigh2<>+12(SB)/4, $6
DATA deqhigh2<>+16(SB)/4, $8
DATA deqhigh2<>+20(SB)/4, $10
DATA deqhigh2<>+24(SB)/4, $12
DATA deqhigh2<>+28(SB)/4, $14
GLOBL deqhigh2<>(SB), RODATA|NOPTR, $32

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

// Q2 expands 8 levels: bits SH of the 8 bytes at OFF(SI), times d·sc (Y8),
// minus dmin·m (Y9).
#define Q2(OFF, SH, DST) \
	VPMOVZXBD OFF(SI), Y0 \
	VPSRLD    $SH, Y0, Y0 \
	VPAND     Y14, Y0, Y0 \
	VCVTDQ2PS Y0, Y0      \
	VMULPS    Y8, Y0, Y0  \
	VSUBPS    Y9, Y0, Y0  \
	VMOVUPS   Y0, DST(DI)

// Q3 expands 8 levels: bits SH of the 8 bytes at OFF(SI) plus bit HB of the
// 8 hmask bytes at HM(SI) as 4, minus 4, times d·sc (Y8).
#define Q3(OFF, SH, HM, HB, DST) \
	VPMOVZXBD OFF(SI), Y0 \
	VPSRLD    $SH, Y0, Y0 \
	VPAND     Y14, Y0, Y0 \
	VPMOVZXBD HM(SI), Y1  \
	VPSRLD    $HB, Y1, Y1 \
	VPAND     Y13, Y1, Y1 \
	VPSLLD    $2, Y1, Y1  \
	VPOR      Y1, Y0, Y0  \
	VPSUBD    Y12, Y0, Y0 \
	VCVTDQ2PS Y0, Y0      \
	VMULPS    Y8, Y0, Y0  \
	VMOVUPS   Y0, DST(DI)

// IQ4CONSTS loads a 16-entry level table (TABLE: Y14, Y15), 7 (Y12), 3 (Y13) and the
// nibble mask (Y9) for IQ4.
#define IQ4CONSTS(TABLE) \
	VMOVUPS TABLE+0(SB), Y14  \
	VMOVUPS TABLE+32(SB), Y15 \
	MOVL $7, AX                  \
	MOVQ AX, X12                 \
	VPBROADCASTD X12, Y12        \
	MOVL $3, AX                  \
	MOVQ AX, X13                 \
	VPBROADCASTD X13, Y13        \
	MOVL $0x0f, AX               \
	MOVQ AX, X9                  \
	VPBROADCASTD X9, Y9

// IQ4 expands 8 indexes (nibbles SH of the 8 bytes at SRC) to their iq4_nl
// levels times the scale in Y8.
#define IQ4(SRC, SH, DST) \
	VPMOVZXBD SRC, Y0        \
	VPSRLD    $SH, Y0, Y0    \
	VPAND     Y9, Y0, Y0     \
	VPERMPS   Y14, Y0, Y1    \
	VPERMPS   Y15, Y0, Y2    \
	VPCMPGTD  Y12, Y0, Y3    \
	VBLENDVPS Y3, Y2, Y1, Y1 \
	VMULPS    Y8, Y1, Y1     \
	VMOVUPS   Y1, DST

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

// func dequantQ8_0Block(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ8_0Block(SB), NOSPLIT, $0-24
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

// func dequantLegacyBlock(dst *float32, src *byte, nblocks, size, qsOff, qhOff int, bias int32, affine bool)
//
// q4_0, q4_1, q5_0, q5_1: blocks of size bytes with fp16 d at 0, fp16 m at
// 2 when affine, a 32-bit high-bit mask at qhOff (< 0: none) and 16 bytes
// of nibbles at qsOff; y = (q − bias)·d, or q·d + m when affine.
TEXT ·dequantLegacyBlock(SB), NOSPLIT, $0-53
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

// func dequantQ4_KBlock(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ4_KBlock(SB), NOSPLIT, $64-24
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

// func dequantQ5_KBlock(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ5_KBlock(SB), NOSPLIT, $64-24
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

// func dequantQ6_KBlock(dst *float32, src *byte, nblocks int)
TEXT ·dequantQ6_KBlock(SB), NOSPLIT, $32-24
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

// func dequantQ2_KBlock(dst *float32, src *byte, nblocks int)
// q2_K: 16 groups of 16; group 8n+j takes bits 2(j/2) of bytes
// 32n + 16(j%2) … of the levels; y = (d·sc)·q − dmin·m.
TEXT ·dequantQ2_KBlock(SB), NOSPLIT, $128-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $3, AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14     // 2-bit mask

q2block:
	F16(80(SI), X7, Y7)       // d
	F16(82(SI), X6, Y6)       // dmin
	VPMOVZXBD 0(SI), Y0     // scale bytes 0–7
	VPAND     Y15, Y0, Y1
	VCVTDQ2PS Y1, Y1
	VMULPS    Y7, Y1, Y1
	VMOVUPS   Y1, 0(SP)        // d·sc
	VPSRLD    $4, Y0, Y0
	VCVTDQ2PS Y0, Y0
	VMULPS    Y6, Y0, Y0
	VMOVUPS   Y0, 64(SP)       // dmin·m
	VPMOVZXBD 8(SI), Y0     // scale bytes 8–15
	VPAND     Y15, Y0, Y1
	VCVTDQ2PS Y1, Y1
	VMULPS    Y7, Y1, Y1
	VMOVUPS   Y1, 32(SP)        // d·sc
	VPSRLD    $4, Y0, Y0
	VCVTDQ2PS Y0, Y0
	VMULPS    Y6, Y0, Y0
	VMOVUPS   Y0, 96(SP)       // dmin·m
	VBROADCASTSS 0(SP), Y8
	VBROADCASTSS 64(SP), Y9
	Q2(16, 0, 0)
	Q2(24, 0, 32)
	VBROADCASTSS 4(SP), Y8
	VBROADCASTSS 68(SP), Y9
	Q2(32, 0, 64)
	Q2(40, 0, 96)
	VBROADCASTSS 8(SP), Y8
	VBROADCASTSS 72(SP), Y9
	Q2(16, 2, 128)
	Q2(24, 2, 160)
	VBROADCASTSS 12(SP), Y8
	VBROADCASTSS 76(SP), Y9
	Q2(32, 2, 192)
	Q2(40, 2, 224)
	VBROADCASTSS 16(SP), Y8
	VBROADCASTSS 80(SP), Y9
	Q2(16, 4, 256)
	Q2(24, 4, 288)
	VBROADCASTSS 20(SP), Y8
	VBROADCASTSS 84(SP), Y9
	Q2(32, 4, 320)
	Q2(40, 4, 352)
	VBROADCASTSS 24(SP), Y8
	VBROADCASTSS 88(SP), Y9
	Q2(16, 6, 384)
	Q2(24, 6, 416)
	VBROADCASTSS 28(SP), Y8
	VBROADCASTSS 92(SP), Y9
	Q2(32, 6, 448)
	Q2(40, 6, 480)
	VBROADCASTSS 32(SP), Y8
	VBROADCASTSS 96(SP), Y9
	Q2(48, 0, 512)
	Q2(56, 0, 544)
	VBROADCASTSS 36(SP), Y8
	VBROADCASTSS 100(SP), Y9
	Q2(64, 0, 576)
	Q2(72, 0, 608)
	VBROADCASTSS 40(SP), Y8
	VBROADCASTSS 104(SP), Y9
	Q2(48, 2, 640)
	Q2(56, 2, 672)
	VBROADCASTSS 44(SP), Y8
	VBROADCASTSS 108(SP), Y9
	Q2(64, 2, 704)
	Q2(72, 2, 736)
	VBROADCASTSS 48(SP), Y8
	VBROADCASTSS 112(SP), Y9
	Q2(48, 4, 768)
	Q2(56, 4, 800)
	VBROADCASTSS 52(SP), Y8
	VBROADCASTSS 116(SP), Y9
	Q2(64, 4, 832)
	Q2(72, 4, 864)
	VBROADCASTSS 56(SP), Y8
	VBROADCASTSS 120(SP), Y9
	Q2(48, 6, 896)
	Q2(56, 6, 928)
	VBROADCASTSS 60(SP), Y8
	VBROADCASTSS 124(SP), Y9
	Q2(64, 6, 960)
	Q2(72, 6, 992)
	ADDQ $84, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  q2block
	VZEROUPPER
	RET

// func dequantQ3_KBlock(dst *float32, src *byte, nblocks int)
// q3_K: group g = 8n + 2k + h takes bits 2k of bytes 32 + 32n + 16h … and
// bit 4n + k of hmask bytes 16h …; y = (d·sc)·(q − 4).
TEXT ·dequantQ3_KBlock(SB), NOSPLIT, $64-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	MOVL $0x0f, AX
	MOVQ AX, X15
	VPBROADCASTD X15, Y15     // nibble mask
	MOVL $3, AX
	MOVQ AX, X14
	VPBROADCASTD X14, Y14     // 2-bit mask
	MOVL $1, AX
	MOVQ AX, X13
	VPBROADCASTD X13, Y13     // 1
	MOVL $4, AX
	MOVQ AX, X12
	VPBROADCASTD X12, Y12     // the level offset
	MOVL $32, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // the scale offset

q3block:
	F16(108(SI), X7, Y7)      // d
	MOVL 104(SI), AX          // scale bytes 8–11: the high 2 bits
	MOVL AX, BX
	ANDL $0x03030303, BX      // groups 0–3
	MOVL AX, DX
	SHRL $2, DX
	ANDL $0x03030303, DX      // groups 4–7
	SHLQ $32, DX
	ORQ  DX, BX
	MOVQ BX, X0
	VPMOVZXBD X0, Y0
	VPSLLD    $4, Y0, Y0
	VPMOVZXBD 96(SI), Y1      // scale bytes 0–7
	VPAND     Y15, Y1, Y2     // low 4 bits of groups 0–7
	VPOR      Y2, Y0, Y0
	VPSUBD    Y11, Y0, Y0
	VCVTDQ2PS Y0, Y0
	VMULPS    Y7, Y0, Y0
	VMOVUPS   Y0, 0(SP)       // d·sc, groups 0–7
	MOVL AX, BX
	SHRL $4, BX
	ANDL $0x03030303, BX      // groups 8–11
	SHRL $6, AX
	ANDL $0x03030303, AX      // groups 12–15
	SHLQ $32, AX
	ORQ  AX, BX
	MOVQ BX, X0
	VPMOVZXBD X0, Y0
	VPSLLD    $4, Y0, Y0
	VPSRLD    $4, Y1, Y2      // low 4 bits of groups 8–15
	VPOR      Y2, Y0, Y0
	VPSUBD    Y11, Y0, Y0
	VCVTDQ2PS Y0, Y0
	VMULPS    Y7, Y0, Y0
	VMOVUPS   Y0, 32(SP)      // groups 8–15
	VBROADCASTSS 0(SP), Y8
	Q3(32, 0, 0, 0, 0)
	Q3(40, 0, 8, 0, 32)
	VBROADCASTSS 4(SP), Y8
	Q3(48, 0, 16, 0, 64)
	Q3(56, 0, 24, 0, 96)
	VBROADCASTSS 8(SP), Y8
	Q3(32, 2, 0, 1, 128)
	Q3(40, 2, 8, 1, 160)
	VBROADCASTSS 12(SP), Y8
	Q3(48, 2, 16, 1, 192)
	Q3(56, 2, 24, 1, 224)
	VBROADCASTSS 16(SP), Y8
	Q3(32, 4, 0, 2, 256)
	Q3(40, 4, 8, 2, 288)
	VBROADCASTSS 20(SP), Y8
	Q3(48, 4, 16, 2, 320)
	Q3(56, 4, 24, 2, 352)
	VBROADCASTSS 24(SP), Y8
	Q3(32, 6, 0, 3, 384)
	Q3(40, 6, 8, 3, 416)
	VBROADCASTSS 28(SP), Y8
	Q3(48, 6, 16, 3, 448)
	Q3(56, 6, 24, 3, 480)
	VBROADCASTSS 32(SP), Y8
	Q3(64, 0, 0, 4, 512)
	Q3(72, 0, 8, 4, 544)
	VBROADCASTSS 36(SP), Y8
	Q3(80, 0, 16, 4, 576)
	Q3(88, 0, 24, 4, 608)
	VBROADCASTSS 40(SP), Y8
	Q3(64, 2, 0, 5, 640)
	Q3(72, 2, 8, 5, 672)
	VBROADCASTSS 44(SP), Y8
	Q3(80, 2, 16, 5, 704)
	Q3(88, 2, 24, 5, 736)
	VBROADCASTSS 48(SP), Y8
	Q3(64, 4, 0, 6, 768)
	Q3(72, 4, 8, 6, 800)
	VBROADCASTSS 52(SP), Y8
	Q3(80, 4, 16, 6, 832)
	Q3(88, 4, 24, 6, 864)
	VBROADCASTSS 56(SP), Y8
	Q3(64, 6, 0, 7, 896)
	Q3(72, 6, 8, 7, 928)
	VBROADCASTSS 60(SP), Y8
	Q3(80, 6, 16, 7, 960)
	Q3(88, 6, 24, 7, 992)
	ADDQ $110, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  q3block
	VZEROUPPER
	RET

// func dequantIQ4_NLBlock(dst *float32, src *byte, nblocks int)
// iq4_nl: y = d·level for 32 nibble indexes (j and j+16 share byte j).
TEXT ·dequantIQ4_NLBlock(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	IQ4CONSTS(·iq4Levels)

nlblock:
	F16((SI), X8, Y8)
	IQ4(2(SI), 0, 0(DI))
	IQ4(10(SI), 0, 32(DI))
	IQ4(2(SI), 4, 64(DI))
	IQ4(10(SI), 4, 96(DI))
	ADDQ $18, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  nlblock
	VZEROUPPER
	RET

// IQ4XSBLOCK expands iq4_xs block b: its 16 bytes of nibbles at QS(SI),
// low nibbles then high, as 32 floats at OUT(DI), times the scale at
// SC(SP).
#define IQ4XSBLOCK(SC, QS, OUT) \
	VBROADCASTSS SC(SP), Y8                 \
	IQ4((QS)(SI), 0, (OUT)(DI))             \
	IQ4((QS+8)(SI), 0, (OUT+32)(DI))        \
	IQ4((QS)(SI), 4, (OUT+64)(DI))          \
	IQ4((QS+8)(SI), 4, (OUT+96)(DI))

// func dequantIQ4_XSBlock(dst *float32, src *byte, nblocks int)
// iq4_xs: 8 blocks of 32 with 6-bit scales ls (4 low bits in bytes 4–7,
// 2 high bits in the u16 at 2); y = (d·(ls − 32))·level.
TEXT ·dequantIQ4_XSBlock(SB), NOSPLIT, $32-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	IQ4CONSTS(·iq4Levels)
	MOVL $32, AX
	MOVQ AX, X11
	VPBROADCASTD X11, Y11     // the scale offset

xsblock:
	F16((SI), X7, Y7)         // d
	MOVL 4(SI), AX            // low nibbles: block 2i in byte i's low half
	MOVL AX, BX
	ANDL $0x0f0f0f0f, BX      // blocks 0, 2, 4, 6
	SHRL $4, AX
	ANDL $0x0f0f0f0f, AX      // blocks 1, 3, 5, 7
	MOVQ BX, X0
	MOVQ AX, X1
	VPUNPCKLBW X1, X0, X0     // blocks 0–7 in order
	VPMOVZXBD  X0, Y0
	MOVWLZX 2(SI), AX         // high bits: 2 per block
	MOVQ AX, X1
	VPBROADCASTD X1, Y1
	VPSRLVD deqhigh2<>(SB), Y1, Y1
	VPAND     Y13, Y1, Y1     // 3
	VPSLLD    $4, Y1, Y1
	VPOR      Y1, Y0, Y0
	VPSUBD    Y11, Y0, Y0
	VCVTDQ2PS Y0, Y0
	VMULPS    Y7, Y0, Y0
	VMOVUPS   Y0, (SP)        // d·(ls − 32)
	IQ4XSBLOCK(0, 8, 0)
	IQ4XSBLOCK(4, 24, 128)
	IQ4XSBLOCK(8, 40, 256)
	IQ4XSBLOCK(12, 56, 384)
	IQ4XSBLOCK(16, 72, 512)
	IQ4XSBLOCK(20, 88, 640)
	IQ4XSBLOCK(24, 104, 768)
	IQ4XSBLOCK(28, 120, 896)
	ADDQ $136, SI
	ADDQ $1024, DI
	DECQ CX
	JNZ  xsblock
	VZEROUPPER
	RET


// func dequantMXFP4Block(dst *float32, src *byte, nblocks int)
// mxfp4: y = v·d for 32 E2M1 codes (j and j+16 share byte j) under the
// E8M0 scale e of the block's first byte, d = 2^(e−128) (the values are
// doubled): e < 2 gives the subnormal 0x00200000 << e, else (e − 1) << 23.
TEXT ·dequantMXFP4Block(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ nblocks+16(FP), CX
	IQ4CONSTS(·fp4Levels)

fp4block:
	MOVBLZX (SI), AX          // e
	CMPL    AX, $2
	JB      fp4subnormal
	DECL    AX
	SHLL    $23, AX
	JMP     fp4scaled
fp4subnormal:
	INCL    AX
	SHLL    $21, AX           // (e + 1) << 21 = 0x00200000 << e for e < 2
fp4scaled:
	MOVQ    AX, X8
	VBROADCASTSS X8, Y8
	IQ4(1(SI), 0, 0(DI))
	IQ4(9(SI), 0, 32(DI))
	IQ4(1(SI), 4, 64(DI))
	IQ4(9(SI), 4, 96(DI))
	ADDQ $17, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  fp4block
	VZEROUPPER
	RET
