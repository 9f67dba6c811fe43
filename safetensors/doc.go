// Package safetensors reads and writes Hugging Face safetensors files and
// sharded checkpoints, following the format of huggingface/safetensors: an
// 8-byte little-endian header length, a JSON header (tensor name → dtype,
// shape, data_offsets, plus a string → string __metadata__), and the data.
//
// Open takes a .safetensors file, a *.safetensors.index.json, or a folder
// holding either, and returns one File; Read takes any io.ReaderAt. Tensor
// data is read lazily (TensorData, TensorBytes; zero-copy with OpenMmap).
// Every float dtype but the packed F4/F6 converts exactly to float32 with
// Float32s, and File implements tensor.Model, so the transforms read rows of
// any checkpoint the same way.
//
// Files are validated as the reference implementation validates them:
// header at most 100 MB and inside the file, UTF-8 JSON, known dtypes,
// shape × dtype size equal to the data range (overflow-checked), ranges that
// cover the data section exactly with no gap or overlap. It is stricter in
// one way: a name that appears twice is refused, not silently merged.
//
// Writer streams a file with the reference writer's header: __metadata__
// first, tensors sorted by dtype (largest first) and name, serde_json string
// escapes, spaces up to a multiple of 8. A file written by the reference
// library and written back by this package is byte-identical.
package safetensors
