//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// The NEON instructions Go's assembler lacks are WORD-encoded; each one
// names the instruction it encodes. Products and sums are single IEEE
// operations under the default FPCR (round to nearest even, no flush to
// zero), in Generic's order, so the values are Generic's.

// qhbytes<>: for TBL, the byte of a 32-bit high-bit mask that holds bit j
// of levels 0–31; qhbits<>: bit j's place within that byte.
DATA qhbytes<>+0(SB)/8, $0x0000000000000000
DATA qhbytes<>+8(SB)/8, $0x0101010101010101
DATA qhbytes<>+16(SB)/8, $0x0202020202020202
DATA qhbytes<>+24(SB)/8, $0x0303030303030303
GLOBL qhbytes<>(SB), RODATA|NOPTR, $32
DATA qhbits<>+0(SB)/8, $0x8040201008040201
DATA qhbits<>+8(SB)/8, $0x8040201008040201
DATA qhbits<>+16(SB)/8, $0x8040201008040201
DATA qhbits<>+24(SB)/8, $0x8040201008040201
GLOBL qhbits<>(SB), RODATA|NOPTR, $32

// CONVERT32 turns the 32 signed bytes in V2 (levels 0–15) and V3 (16–31)
// into float32 times d (every lane of V1), in V16–V23. Uses V4–V7.
#define CONVERT32 \
	WORD $0x0f08a444 /* SXTL v4.8h, v2.8b; levels 0–7 to 16 bits */ \
	WORD $0x4f08a445 /* SXTL2 v5.8h, v2.16b; 8–15 */ \
	WORD $0x0f08a466 /* SXTL v6.8h, v3.8b; 16–23 */ \
	WORD $0x4f08a467 /* SXTL2 v7.8h, v3.16b; 24–31 */ \
	WORD $0x0f10a490 /* SXTL v16.4s, v4.4h; to 32 bits */ \
	WORD $0x4f10a491 /* SXTL2 v17.4s, v4.8h */ \
	WORD $0x0f10a4b2 /* SXTL v18.4s, v5.4h */ \
	WORD $0x4f10a4b3 /* SXTL2 v19.4s, v5.8h */ \
	WORD $0x0f10a4d4 /* SXTL v20.4s, v6.4h */ \
	WORD $0x4f10a4d5 /* SXTL2 v21.4s, v6.8h */ \
	WORD $0x0f10a4f6 /* SXTL v22.4s, v7.4h */ \
	WORD $0x4f10a4f7 /* SXTL2 v23.4s, v7.8h */ \
	WORD $0x4e21da10 /* SCVTF v16.4s, v16.4s; to float */ \
	WORD $0x4e21da31 /* SCVTF v17.4s, v17.4s */ \
	WORD $0x4e21da52 /* SCVTF v18.4s, v18.4s */ \
	WORD $0x4e21da73 /* SCVTF v19.4s, v19.4s */ \
	WORD $0x4e21da94 /* SCVTF v20.4s, v20.4s */ \
	WORD $0x4e21dab5 /* SCVTF v21.4s, v21.4s */ \
	WORD $0x4e21dad6 /* SCVTF v22.4s, v22.4s */ \
	WORD $0x4e21daf7 /* SCVTF v23.4s, v23.4s */ \
	WORD $0x6e21de10 /* FMUL v16.4s, v16.4s, v1.4s; times d */ \
	WORD $0x6e21de31 /* FMUL v17.4s, v17.4s, v1.4s */ \
	WORD $0x6e21de52 /* FMUL v18.4s, v18.4s, v1.4s */ \
	WORD $0x6e21de73 /* FMUL v19.4s, v19.4s, v1.4s */ \
	WORD $0x6e21de94 /* FMUL v20.4s, v20.4s, v1.4s */ \
	WORD $0x6e21deb5 /* FMUL v21.4s, v21.4s, v1.4s */ \
	WORD $0x6e21ded6 /* FMUL v22.4s, v22.4s, v1.4s */ \
	WORD $0x6e21def7 /* FMUL v23.4s, v23.4s, v1.4s */

// ADDM adds m (every lane of V11) to V16–V23.
#define ADDM \
	WORD $0x4e2bd610 /* FADD v16.4s, v16.4s, v11.4s; + m */ \
	WORD $0x4e2bd631 /* FADD v17.4s, v17.4s, v11.4s */ \
	WORD $0x4e2bd652 /* FADD v18.4s, v18.4s, v11.4s */ \
	WORD $0x4e2bd673 /* FADD v19.4s, v19.4s, v11.4s */ \
	WORD $0x4e2bd694 /* FADD v20.4s, v20.4s, v11.4s */ \
	WORD $0x4e2bd6b5 /* FADD v21.4s, v21.4s, v11.4s */ \
	WORD $0x4e2bd6d6 /* FADD v22.4s, v22.4s, v11.4s */ \
	WORD $0x4e2bd6f7 /* FADD v23.4s, v23.4s, v11.4s */

// STORE32 stores V16–V23 at R0, advancing it.
#define STORE32 \
	VST1.P [V16.S4, V17.S4, V18.S4, V19.S4], 64(R0) \
	VST1.P [V20.S4, V21.S4, V22.S4, V23.S4], 64(R0)

// F16D loads the fp16 at OFF(R1) as float32 into every lane of VD (via FD).
#define F16D(OFF, FD, VD, FCVT) \
	MOVHU OFF(R1), R3 \
	FMOVS R3, FD      \
	FCVT              \
	VDUP  VD.S[0], VD.S4

// func dequantQ8_0Block(dst *float32, src *byte, nblocks int)
// q8_0: y = q·d for 32 int8 levels after an fp16 d.
TEXT ·dequantQ8_0Block(SB), NOSPLIT, $0-24
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2

q8loop:
	MOVHU.P 2(R1), R3              // fp16 d
	FMOVS   R3, F1
	WORD $0x1ee24021 // FCVT s1, h1; d as float32
	VDUP    V1.S[0], V1.S4         // in every lane
	VLD1.P  32(R1), [V2.B16, V3.B16] // the 32 levels
	CONVERT32
	STORE32
	SUBS    $1, R2, R2
	BNE     q8loop
	RET

// func dequantLegacyBlock(dst *float32, src *byte, nblocks, size, qsOff, qhOff int, bias int32, affine bool)
// q4_0, q4_1, q5_0, q5_1 as on amd64: blocks of size bytes with
// fp16 d at 0, fp16 m at 2 when affine, a 32-bit high-bit mask at qhOff
// (< 0: none) and 16 bytes of nibbles at qsOff (levels j and j+16 share
// byte j); y = (q − bias)·d, or q·d + m when affine.
TEXT ·dequantLegacyBlock(SB), NOSPLIT, $0-53
	MOVD dst+0(FP), R0
	MOVD src+8(FP), R1
	MOVD nblocks+16(FP), R2
	MOVD size+24(FP), R5
	MOVD qsOff+32(FP), R6
	MOVD qhOff+40(FP), R7
	MOVW bias+48(FP), R4
	VDUP R4, V29.B16               // the level offset
	MOVBU affine+52(FP), R8
	MOVW $0x0f, R4
	VDUP R4, V30.B16               // nibble mask
	MOVW $0x10, R4
	VDUP R4, V28.B16               // bit 4
	MOVD $qhbytes<>(SB), R4
	VLD1 (R4), [V26.B16, V27.B16]  // which mask byte each level reads
	MOVD $qhbits<>(SB), R4
	VLD1 (R4), [V24.B16, V25.B16]  // and which bit of it

legloop:
	MOVHU   (R1), R3               // fp16 d
	FMOVS   R3, F1
	WORD $0x1ee24021 // FCVT s1, h1; d as float32
	VDUP    V1.S[0], V1.S4
	ADD     R6, R1, R3
	VLD1    (R3), [V3.B16]         // the nibbles
	VAND    V30.B16, V3.B16, V2.B16 // levels 0–15
	VUSHR   $4, V3.B16, V3.B16     // levels 16–31
	TBZ     $63, R7, high          // a high-bit mask?
	B       offset

high:
	ADD     R7, R1, R3
	MOVWU   (R3), R4
	VMOV    R4, V8.S[0]            // the mask
	VTBL    V26.B16, [V8.B16], V9.B16  // byte j/8 of the mask for levels 0–15
	VTBL    V27.B16, [V8.B16], V10.B16 // 16–31
	VCMTST  V24.B16, V9.B16, V9.B16    // all ones where bit j is set
	VCMTST  V25.B16, V10.B16, V10.B16
	VAND    V28.B16, V9.B16, V9.B16    // 16 there
	VAND    V28.B16, V10.B16, V10.B16
	VORR    V9.B16, V2.B16, V2.B16
	VORR    V10.B16, V3.B16, V3.B16

offset:
	VSUB    V29.B16, V2.B16, V2.B16 // minus the bias: signed bytes
	VSUB    V29.B16, V3.B16, V3.B16
	CONVERT32
	CBZ     R8, stored
	MOVHU   2(R1), R3              // fp16 m
	FMOVS   R3, F11
	WORD $0x1ee2416b // FCVT s11, h11; m as float32
	VDUP    V11.S[0], V11.S4
	ADDM

stored:
	STORE32
	ADD     R5, R1, R1
	SUBS    $1, R2, R2
	BNE     legloop
	RET

// NIBBLES16 looks up the 32 nibbles of the 16 bytes in V2 in the 16-entry
// int8 table V27: low nibbles (levels 0–15) to V2, high (16–31) to V3.
// Uses V4.
#define NIBBLES16 \
	WORD $0x6f0c0443 /* USHR v3.16b, v2.16b, #4; high nibbles */ \
	WORD $0x4e3e1c42 /* AND v2.16b, v2.16b, v30.16b; low nibbles */ \
	WORD $0x4e020362 /* TBL v2.16b, {v27.16b}, v2.16b; their levels */ \
	WORD $0x4e030363 /* TBL v3.16b, {v27.16b}, v3.16b */

// NIBBLESTART loads the arguments of a nibble-table dequantizer (dst in
// R0, src in R1, nblocks in R2), its 16-entry int8 table into V27 and the
// nibble mask into V30.
#define NIBBLESTART(TABLE) \
	MOVD dst+0(FP), R0        \
	MOVD src+8(FP), R1        \
	MOVD nblocks+16(FP), R2   \
	MOVD $TABLE(SB), R4       \
	VLD1 (R4), [V27.B16]      \
	MOVW $0x0f, R4            \
	VDUP R4, V30.B16

// func dequantIQ4_NLBlock(dst *float32, src *byte, nblocks int)
// iq4_nl: y = d·IQ4Levels[q] for 32 nibbles after an fp16 d.
TEXT ·dequantIQ4_NLBlock(SB), NOSPLIT, $0-24
	NIBBLESTART(·IQ4Levels)

iq4nlloop:
	MOVHU.P 2(R1), R3              // fp16 d
	FMOVS   R3, F1
	WORD $0x1ee24021 // FCVT s1, h1; d as float32
	VDUP    V1.S[0], V1.S4         // in every lane
	VLD1.P  16(R1), [V2.B16]       // 32 nibbles
	NIBBLES16
	CONVERT32
	STORE32
	SUBS    $1, R2, R2
	BNE     iq4nlloop
	RET

// func dequantIQ4_XSBlock(dst *float32, src *byte, nblocks int)
// iq4_xs: super-blocks of fp16 d, 16 bits of high scale bits, 4 bytes of
// low scale nibbles and 8 blocks of 16 bytes of nibbles; block ib's scale
// is dl = d·(ls − 32), ls = low nibble | 2 high bits << 4, and
// y = dl·IQ4Levels[q].
TEXT ·dequantIQ4_XSBlock(SB), NOSPLIT, $0-24
	NIBBLESTART(·IQ4Levels)

iq4xsloop:
	MOVHU   (R1), R3               // fp16 d
	FMOVS   R3, F0
	WORD $0x1ee24000 // FCVT s0, h0; d as float32
	MOVHU   2(R1), R5              // the scales' high bits
	MOVWU   4(R1), R6              // their low nibbles
	ADD     $8, R1, R1
	MOVD    $8, R7

iq4xsblock:
	AND     $0x0f, R6, R3          // this block's low nibble …
	AND     $3, R5, R4
	ORR     R4<<4, R3, R3          // … and high bits: ls
	SUB     $32, R3, R3
	SCVTFWS R3, F1
	FMULS   F1, F0, F1             // dl = d·(ls − 32)
	VDUP    V1.S[0], V1.S4
	LSRW    $4, R6, R6             // the next block's scale bits
	LSRW    $2, R5, R5
	VLD1.P  16(R1), [V2.B16]       // 32 nibbles
	NIBBLES16
	CONVERT32
	STORE32
	SUBS    $1, R7, R7
	BNE     iq4xsblock
	SUBS    $1, R2, R2
	BNE     iq4xsloop
	RET

// func dequantMXFP4Block(dst *float32, src *byte, nblocks int)
// mxfp4: y = FP4Values[q]·E8M0Half(e) for 32 nibbles after an E8M0 e
// (E8M0Half: 2^(e−128) as bits (e−1)<<23, or 0x00200000<<e for e < 2).
TEXT ·dequantMXFP4Block(SB), NOSPLIT, $0-24
	NIBBLESTART(·FP4Values)

mxfp4loop:
	MOVBU.P 1(R1), R4              // e
	MOVW    $0x00200000, R3
	LSLW    R4, R3, R3             // subnormal scales: 0x00200000 << e …
	SUBW    $1, R4, R5
	LSLW    $23, R5, R5            // … normal ones: (e − 1) << 23
	CMPW    $2, R4
	CSELW   LO, R3, R5, R3
	FMOVS   R3, F1
	VDUP    V1.S[0], V1.S4
	VLD1.P  16(R1), [V2.B16]       // 32 nibbles
	NIBBLES16
	CONVERT32
	STORE32
	SUBS    $1, R2, R2
	BNE     mxfp4loop
	RET
