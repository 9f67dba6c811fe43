// Package quant converts float32 rows to and from ggml's tensor types: the
// legacy block quants (q4_0 … q8_0), the K-quants (q2_K … q6_K), the
// non-linear and microscaling types (iq4_nl, iq4_xs, mxfp4, nvfp4), the
// ternary types (tq1_0, tq2_0), the plain floats (f16, bf16, f32), and, for
// reading only, the lattice types (iq1_s … iq3_s).
//
// Quantized bytes are identical to those of ggml's reference quantizers
// (src/ggml-quants.c of ggml commit d99724f2, the functions
// ggml_quantize_chunk calls), with and without an importance matrix. The
// package's golden tests hold vectors made with ggml itself.
//
// A Codec does one type; For looks it up:
//
//	c, err := quant.For(gguf.TypeQ4_K)
//	err = c.Quantize(dst, src, ncols, quant.Options{Imatrix: weights, Workers: 8})
//
// Quantization is row-oriented: a row of ncols values (a multiple of the
// type's block size) becomes RowSize(ncols) bytes, independently of every
// other row, so results do not depend on the worker count.
//
// Importing the package also registers a decoder for each type with package
// tensor, so that gguf.File.ReadRows can read quantized tensors.
package quant
