package quant

import (
	"github.com/shrinkml/shrink/gguf"
)

// The keys llama-quantize adds when it quantizes with an importance matrix.
const (
	KeyImatrixFile    = "quantize.imatrix.file"
	KeyImatrixDataset = "quantize.imatrix.dataset"
	KeyImatrixEntries = "quantize.imatrix.entries_count"
	KeyImatrixChunks  = "quantize.imatrix.chunks_count"
)

// QuantizationVersion is the general.quantization_version ggml's quantized
// types have had since 2023.
const QuantizationVersion = 2

// outputMetadata is llama-quantize's output metadata: the input's keys in
// order without the split keys, general.quantization_version and
// general.file_type moved to the end, then the overrides and the
// quantize.imatrix.* keys, each moved to the end if present.
func outputMetadata(in *gguf.Metadata, ft gguf.FileType, opts *ModelOptions) (*gguf.Metadata, error) {
	out := in.Clone()
	set := func(key string, v gguf.Value) error {
		out.Delete(key)
		return out.Set(key, v)
	}
	if err := set(gguf.KeyQuantizationVersion, gguf.NewValue(uint32(QuantizationVersion))); err != nil {
		return nil, err
	}
	if err := set(gguf.KeyFileType, gguf.NewValue(uint32(ft))); err != nil {
		return nil, err
	}
	for _, k := range []string{gguf.KeySplitNo, gguf.KeySplitCount, gguf.KeySplitTensorsCount} {
		out.Delete(k)
	}
	kvs := append([]gguf.KV(nil), opts.Overrides...)
	if im := opts.Imatrix; im != nil && len(im.Entries) > 0 && !opts.NoImatrixMetadata {
		// llama-quantize passes these as overrides with 127-byte strings.
		kvs = append(kvs, gguf.KV{Key: KeyImatrixFile, Value: gguf.NewValue(truncate(opts.ImatrixFile, 127))})
		if len(im.Datasets) > 0 {
			kvs = append(kvs, gguf.KV{Key: KeyImatrixDataset, Value: gguf.NewValue(truncate(im.Datasets[0], 127))})
		}
		kvs = append(kvs, gguf.KV{Key: KeyImatrixEntries, Value: gguf.NewValue(uint32(len(im.Entries)))})
		if im.ChunkCount > 0 {
			kvs = append(kvs, gguf.KV{Key: KeyImatrixChunks, Value: gguf.NewValue(uint32(im.ChunkCount))})
		}
	}
	for _, kv := range kvs {
		if err := set(kv.Key, kv.Value); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
