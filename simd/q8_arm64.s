//go:build arm64 && gc && !purego && !noasm

#include "textflag.h"

// The NEON instructions Go's assembler lacks are WORD-encoded; each line
// names the instruction it encodes.

// func quantizeQ8_0NEON(dst *byte, src *float32, nblocks int)
// quantizeQ8_0Generic, bit for bit: amax by FMAX (exact in any order),
// d = amax/127 rounded to fp16 by FCVT (nearest even), levels by FRINTA
// (half away from zero, as roundf) and FCVTZS, whose saturation to
// 0x7fffffff is turned into x86's 0x80000000 so the low bytes agree.
TEXT ·quantizeQ8_0NEON(SB), NOSPLIT, $0-24
	MOVD  dst+0(FP), R0
	MOVD  src+8(FP), R1
	MOVD  nblocks+16(FP), R2
	MOVW  $0x42fe0000, R4
	FMOVS R4, F30                   // 127.0
	MOVW  $0x3f800000, R4
	FMOVS R4, F29                   // 1.0
	MOVW  $0x7fffffff, R4
	VDUP  R4, V27.S4                // what FCVTZS saturates to

loop:
	VLD1.P 64(R1), [V0.S4, V1.S4, V2.S4, V3.S4] // the block's 32 values
	VLD1.P 64(R1), [V4.S4, V5.S4, V6.S4, V7.S4]
	WORD $0x4ea0f810 // FABS v16.4s, v0.4s; |x|
	WORD $0x4ea0f831 // FABS v17.4s, v1.4s
	WORD $0x4ea0f852 // FABS v18.4s, v2.4s
	WORD $0x4ea0f873 // FABS v19.4s, v3.4s
	WORD $0x4ea0f894 // FABS v20.4s, v4.4s
	WORD $0x4ea0f8b5 // FABS v21.4s, v5.4s
	WORD $0x4ea0f8d6 // FABS v22.4s, v6.4s
	WORD $0x4ea0f8f7 // FABS v23.4s, v7.4s
	WORD $0x4e31f610 // FMAX v16.4s, v16.4s, v17.4s; pairwise maxima …
	WORD $0x4e33f652 // FMAX v18.4s, v18.4s, v19.4s
	WORD $0x4e35f694 // FMAX v20.4s, v20.4s, v21.4s
	WORD $0x4e37f6d6 // FMAX v22.4s, v22.4s, v23.4s
	WORD $0x4e32f610 // FMAX v16.4s, v16.4s, v18.4s
	WORD $0x4e36f694 // FMAX v20.4s, v20.4s, v22.4s
	WORD $0x4e34f610 // FMAX v16.4s, v16.4s, v20.4s
	WORD $0x6e30fa10 // FMAXV s16, v16.4s; … amax
	FDIVS  F30, F16, F17            // d = amax/127
	WORD $0x1e23c232 // FCVT h18, s17; fp16(d), to nearest even
	FMOVS  F18, R5
	MOVH.P R5, 2(R0)                // the scale
	VEOR   V19.B16, V19.B16, V19.B16 // id = 0 …
	FCMPS  $(0.0), F17
	BEQ    scaled
	FDIVS  F17, F29, F19            // … or 1/d

scaled:
	VDUP   V19.S[0], V20.S4
	WORD $0x6e34dc00 // FMUL v0.4s, v0.4s, v20.4s; x·id
	WORD $0x6e34dc21 // FMUL v1.4s, v1.4s, v20.4s
	WORD $0x6e34dc42 // FMUL v2.4s, v2.4s, v20.4s
	WORD $0x6e34dc63 // FMUL v3.4s, v3.4s, v20.4s
	WORD $0x6e34dc84 // FMUL v4.4s, v4.4s, v20.4s
	WORD $0x6e34dca5 // FMUL v5.4s, v5.4s, v20.4s
	WORD $0x6e34dcc6 // FMUL v6.4s, v6.4s, v20.4s
	WORD $0x6e34dce7 // FMUL v7.4s, v7.4s, v20.4s
	WORD $0x6e218800 // FRINTA v0.4s, v0.4s; roundf
	WORD $0x6e218821 // FRINTA v1.4s, v1.4s
	WORD $0x6e218842 // FRINTA v2.4s, v2.4s
	WORD $0x6e218863 // FRINTA v3.4s, v3.4s
	WORD $0x6e218884 // FRINTA v4.4s, v4.4s
	WORD $0x6e2188a5 // FRINTA v5.4s, v5.4s
	WORD $0x6e2188c6 // FRINTA v6.4s, v6.4s
	WORD $0x6e2188e7 // FRINTA v7.4s, v7.4s
	WORD $0x4ea1b800 // FCVTZS v0.4s, v0.4s; to int32, saturating
	WORD $0x4ea1b821 // FCVTZS v1.4s, v1.4s
	WORD $0x4ea1b842 // FCVTZS v2.4s, v2.4s
	WORD $0x4ea1b863 // FCVTZS v3.4s, v3.4s
	WORD $0x4ea1b884 // FCVTZS v4.4s, v4.4s
	WORD $0x4ea1b8a5 // FCVTZS v5.4s, v5.4s
	WORD $0x4ea1b8c6 // FCVTZS v6.4s, v6.4s
	WORD $0x4ea1b8e7 // FCVTZS v7.4s, v7.4s
	WORD $0x6ebb8c10 // CMEQ v16.4s, v0.4s, v27.4s; lanes saturated high …
	WORD $0x6ebb8c31 // CMEQ v17.4s, v1.4s, v27.4s
	WORD $0x6ebb8c52 // CMEQ v18.4s, v2.4s, v27.4s
	WORD $0x6ebb8c73 // CMEQ v19.4s, v3.4s, v27.4s
	WORD $0x6ebb8c94 // CMEQ v20.4s, v4.4s, v27.4s
	WORD $0x6ebb8cb5 // CMEQ v21.4s, v5.4s, v27.4s
	WORD $0x6ebb8cd6 // CMEQ v22.4s, v6.4s, v27.4s
	WORD $0x6ebb8cf7 // CMEQ v23.4s, v7.4s, v27.4s
	WORD $0x4e701c00 // BIC v0.16b, v0.16b, v16.16b; … lose their low byte, as on x86
	WORD $0x4e711c21 // BIC v1.16b, v1.16b, v17.16b
	WORD $0x4e721c42 // BIC v2.16b, v2.16b, v18.16b
	WORD $0x4e731c63 // BIC v3.16b, v3.16b, v19.16b
	WORD $0x4e741c84 // BIC v4.16b, v4.16b, v20.16b
	WORD $0x4e751ca5 // BIC v5.16b, v5.16b, v21.16b
	WORD $0x4e761cc6 // BIC v6.16b, v6.16b, v22.16b
	WORD $0x4e771ce7 // BIC v7.16b, v7.16b, v23.16b
	WORD $0x0e612818 // XTN v24.4h, v0.4s; low halves of levels 0–7
	WORD $0x4e612838 // XTN2 v24.8h, v1.4s
	WORD $0x0e612859 // XTN v25.4h, v2.4s; 8–15
	WORD $0x4e612879 // XTN2 v25.8h, v3.4s
	WORD $0x0e61289a // XTN v26.4h, v4.4s; 16–23
	WORD $0x4e6128ba // XTN2 v26.8h, v5.4s
	WORD $0x0e6128d6 // XTN v22.4h, v6.4s; 24–31
	WORD $0x4e6128f6 // XTN2 v22.8h, v7.4s
	WORD $0x0e212b1c // XTN v28.8b, v24.8h; low bytes of levels 0–15
	WORD $0x4e212b3c // XTN2 v28.16b, v25.8h
	WORD $0x0e212b5f // XTN v31.8b, v26.8h; 16–31
	WORD $0x4e212adf // XTN2 v31.16b, v22.8h
	VST1.P [V28.B16], 16(R0)
	VST1.P [V31.B16], 16(R0)
	SUBS   $1, R2, R2
	BNE    loop
	RET
