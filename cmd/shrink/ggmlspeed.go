package main

import "github.com/shrinkml/shrink/gguf"

// ggmlSpeed is what ggml's own C does per type on one thread, with the
// speed the simd work set out to reach, in MB/s of float32 (in for
// quantize, out for dequantize): measured on the machine the project is
// built on (an AMD EPYC, AVX2 without AVX-512 visible) with ggml commit
// d99724f2b141fed9e1a9f402213506c081433465 (version 0.21.0, gcc 12.2 -O3,
// baseline x86-64: scalar C, the build the golden vectors come from), as
// the simd issue records them. Zero means not measured. They are fixed
// figures for comparison, not re-measured: on another machine only the
// ratios between the columns carry over.
type ggmlSpeed struct {
	quantLo, quantHi float64 // a range where runs differed
	dequant          float64
	target           float64 // shrink's goal, one thread, same bytes
}

// ggmlSpeeds are keyed by type; ggmlSpeedsImatrix for quantizing with an
// importance matrix.
var (
	ggmlSpeeds = map[gguf.Type]ggmlSpeed{
		gguf.TypeF16:    {2850, 2850, 5300, 20000},
		gguf.TypeBF16:   {14100, 14100, 25700, 20000},
		gguf.TypeQ8_0:   {1200, 1600, 28800, 2400},
		gguf.TypeQ4_0:   {3300, 3300, 13000, 5000},
		gguf.TypeQ4_1:   {5000, 5000, 12500, 7500},
		gguf.TypeQ5_0:   {2000, 2000, 7400, 3000},
		gguf.TypeQ5_1:   {3100, 3100, 7700, 4600},
		gguf.TypeQ2_K:   {91, 91, 6200, 360},
		gguf.TypeQ3_K:   {373, 373, 4300, 1500},
		gguf.TypeQ4_K:   {83, 83, 29000, 330},
		gguf.TypeQ5_K:   {96, 96, 24600, 380},
		gguf.TypeQ6_K:   {161, 161, 5900, 640},
		gguf.TypeIQ4_NL: {24, 24, 5500, 100},
		gguf.TypeIQ4_XS: {24, 24, 5700, 100},
	}
	ggmlSpeedsImatrix = map[gguf.Type]ggmlSpeed{
		gguf.TypeQ4_K: {48, 48, 0, 190},
		gguf.TypeQ6_K: {163, 163, 0, 650},
	}
)
