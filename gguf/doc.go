// Package gguf reads and writes GGUF files, the model container of ggml,
// llama.cpp and ollama, as the spec in ggml-org/ggml docs/gguf.md defines it.
//
// A File is opened from a path (Open, OpenMmap) or from any io.ReaderAt
// (Read). Its metadata keeps the file's order; values are typed, and typed
// getters (Lookup, As, AsSlice) fail with ErrType on a mismatch. Tensor data
// is read lazily, one tensor at a time (File.TensorData, File.TensorBytes).
// Versions 1 to 3 are read; the split models of llama.cpp's gguf-split
// (NAME-00001-of-0000N.gguf) open as one File.
//
// Files may come from anywhere: the reader checks every count and length
// against the bytes left before it allocates, every shape for overflow,
// every tensor for type, alignment, bounds and overlap. Malformed input
// gives a *FormatError naming the file, the byte offset and the key or
// tensor, wrapping ErrFormat (or ErrUnsupported for well-formed files this
// package does not handle, such as big-endian ones).
//
// A Writer streams a file: metadata and tensor infos first (the sizes follow
// from type and shape), then each tensor's data in order. Reading a version
// 2 or 3 file and writing it back gives the same bytes.
//
// The package knows the container only: the Type table gives block sizes
// and byte counts, not the arithmetic of the quant types, which lives in
// package quant.
package gguf
