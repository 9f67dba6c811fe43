// Package tinyllama builds the small llama model bundled with the repository
// (testdata/tiny-llama-f32.gguf): 2 blocks, embedding 256, feed-forward 768,
// 4 query heads and 2 key/value heads of 64, a 512-token SPM-style
// vocabulary, all tensors F32. Every matrix row is a multiple of 256 values,
// so every quant type applies to every matrix, K-quants included.
//
// The weights are synthetic but shaped like trained ones: roughly normal
// with a standard deviation of 1/√fan-in, two outliers of about ten times
// that in every row, and RMS-norm weights near 1. They are a pure function
// of the tensor name (seeded PCG, sums of uniforms: no transcendental
// functions), so the file is the same on every platform.
package tinyllama

//go:generate go run ./gen -o ../../testdata/tiny-llama-f32.gguf

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"

	"github.com/shrinkml/shrink/gguf"
)

// The model's dimensions.
const (
	Blocks      = 2
	Embedding   = 256
	FeedForward = 768
	Heads       = 4
	HeadsKV     = 2
	HeadDim     = Embedding / Heads
	Vocab       = 512
	Context     = 256
)

// Metadata returns the model's metadata, with the keys llama.cpp needs to
// load a llama model.
func Metadata() *gguf.Metadata {
	tokens, scores, types := vocabulary()
	m, err := gguf.NewMetadata(
		gguf.KV{Key: gguf.KeyArchitecture, Value: gguf.NewValue("llama")},
		gguf.KV{Key: gguf.KeyName, Value: gguf.NewValue("tiny-llama")},
		gguf.KV{Key: "llama.block_count", Value: gguf.NewValue(uint32(Blocks))},
		gguf.KV{Key: "llama.context_length", Value: gguf.NewValue(uint32(Context))},
		gguf.KV{Key: "llama.embedding_length", Value: gguf.NewValue(uint32(Embedding))},
		gguf.KV{Key: "llama.feed_forward_length", Value: gguf.NewValue(uint32(FeedForward))},
		gguf.KV{Key: "llama.attention.head_count", Value: gguf.NewValue(uint32(Heads))},
		gguf.KV{Key: "llama.attention.head_count_kv", Value: gguf.NewValue(uint32(HeadsKV))},
		gguf.KV{Key: "llama.rope.freq_base", Value: gguf.NewValue(float32(10000))},
		gguf.KV{Key: "llama.attention.layer_norm_rms_epsilon", Value: gguf.NewValue(float32(1e-5))},
		gguf.KV{Key: "llama.rope.dimension_count", Value: gguf.NewValue(uint32(HeadDim))},
		gguf.KV{Key: "llama.vocab_size", Value: gguf.NewValue(uint32(Vocab))},
		gguf.KV{Key: gguf.KeyFileType, Value: gguf.NewValue(uint32(gguf.FileTypeAllF32))},
		gguf.KV{Key: "tokenizer.ggml.model", Value: gguf.NewValue("llama")},
		gguf.KV{Key: "tokenizer.ggml.pre", Value: gguf.NewValue("default")},
		gguf.KV{Key: "tokenizer.ggml.tokens", Value: gguf.NewArray(tokens)},
		gguf.KV{Key: "tokenizer.ggml.scores", Value: gguf.NewArray(scores)},
		gguf.KV{Key: "tokenizer.ggml.token_type", Value: gguf.NewArray(types)},
		gguf.KV{Key: "tokenizer.ggml.bos_token_id", Value: gguf.NewValue(uint32(1))},
		gguf.KV{Key: "tokenizer.ggml.eos_token_id", Value: gguf.NewValue(uint32(2))},
		gguf.KV{Key: "tokenizer.ggml.unknown_token_id", Value: gguf.NewValue(uint32(0))},
		gguf.KV{Key: "tokenizer.ggml.add_bos_token", Value: gguf.NewValue(true)},
		gguf.KV{Key: "tokenizer.ggml.add_eos_token", Value: gguf.NewValue(false)},
	)
	if err != nil {
		panic("tinyllama: metadata: " + err.Error()) // constant keys: cannot happen
	}
	return m
}

// SentencePiece token types, as llama.cpp numbers them.
const (
	tokenNormal  = 1
	tokenUnknown = 2
	tokenControl = 3
	tokenByte    = 6
)

// vocabulary returns an SPM-style vocabulary: <unk>, <s>, </s>, the 256
// byte-fallback tokens, then word pieces with decreasing scores.
func vocabulary() ([]string, []float32, []int32) {
	tokens := []string{"<unk>", "<s>", "</s>"}
	types := []int32{tokenUnknown, tokenControl, tokenControl}
	for b := range 256 {
		tokens = append(tokens, fmt.Sprintf("<0x%02X>", b))
		types = append(types, tokenByte)
	}
	const letters = "etaoinshrdlucmfwypvbgkjqxz"
	pieces := []string{"▁"}
	for _, c := range letters {
		pieces = append(pieces, string(c), "▁"+string(c))
	}
	for _, a := range letters[:16] {
		for _, b := range letters[:16] {
			pieces = append(pieces, "▁"+string(a)+string(b))
		}
	}
	for _, p := range pieces[:Vocab-len(tokens)] {
		tokens = append(tokens, p)
		types = append(types, tokenNormal)
	}
	scores := make([]float32, len(tokens))
	for i, t := range types {
		if t == tokenNormal {
			scores[i] = -float32(i - 259)
		}
	}
	return tokens, scores, types
}

// Tensors returns the model's tensor infos in file order. Matrices are
// [in, out] in ggml order: rows of in values.
func Tensors() []gguf.TensorInfo {
	f32 := func(name string, shape ...int64) gguf.TensorInfo {
		return gguf.TensorInfo{Name: name, Type: gguf.TypeF32, Shape: shape}
	}
	ts := []gguf.TensorInfo{f32("token_embd.weight", Embedding, Vocab)}
	for b := range Blocks {
		p := fmt.Sprintf("blk.%d.", b)
		ts = append(ts,
			f32(p+"attn_norm.weight", Embedding),
			f32(p+"attn_q.weight", Embedding, Heads*HeadDim),
			f32(p+"attn_k.weight", Embedding, HeadsKV*HeadDim),
			f32(p+"attn_v.weight", Embedding, HeadsKV*HeadDim),
			f32(p+"attn_output.weight", Heads*HeadDim, Embedding),
			f32(p+"ffn_norm.weight", Embedding),
			f32(p+"ffn_gate.weight", Embedding, FeedForward),
			f32(p+"ffn_up.weight", Embedding, FeedForward),
			f32(p+"ffn_down.weight", FeedForward, Embedding),
		)
	}
	return append(ts, f32("output_norm.weight", Embedding), f32("output.weight", Embedding, Vocab))
}

// Values returns the weights of tensor t, row after row.
func Values(t gguf.TensorInfo) []float32 {
	h := fnv.New64a()
	h.Write([]byte(t.Name))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x7e57))
	out := make([]float32, t.NumElements())
	if len(t.Shape) == 1 { // RMS-norm weights near 1
		for i := range out {
			out[i] = float32(1 + 0.05*normal(rng))
		}
		return out
	}
	cols := int(t.Shape[0])
	sigma := 1 / math.Sqrt(float64(cols))
	for r := 0; r < len(out); r += cols {
		row := out[r : r+cols]
		for i := range row {
			row[i] = float32(sigma * normal(rng))
		}
		for range 2 {
			i := rng.IntN(cols)
			row[i] = float32(sigma * (8 + 4*rng.Float64()) * sign(row[i]))
		}
	}
	return out
}

// normal returns an approximately standard normal number: the sum of 12
// uniforms minus 6 (Irwin–Hall), exact in float64 on every platform.
func normal(rng *rand.Rand) float64 {
	s := 0.0
	for range 12 {
		s += rng.Float64()
	}
	return s - 6
}

func sign(x float32) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

// Write writes the whole model as GGUF to w.
func Write(w io.Writer) error {
	tensors := Tensors()
	gw, err := gguf.NewWriter(w, Metadata(), tensors)
	if err != nil {
		return err
	}
	var buf []byte
	for _, t := range tensors {
		vals := Values(t)
		buf = buf[:0]
		for _, v := range vals {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		}
		if err := gw.WriteTensor(t.Name, buf); err != nil {
			return err
		}
	}
	return gw.Close()
}
