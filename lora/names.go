package lora

import (
	"fmt"
	"regexp"
)

// Hugging Face module paths of llama-family models and the GGUF tensors
// llama.cpp's converter makes of them.
var (
	hfLayer = regexp.MustCompile(`^(?:model\.)?layers\.(\d+)\.(self_attn|mlp)\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)$`)
	hfParts = map[string]string{
		"q_proj": "attn_q", "k_proj": "attn_k", "v_proj": "attn_v", "o_proj": "attn_output",
		"gate_proj": "ffn_gate", "up_proj": "ffn_up", "down_proj": "ffn_down",
	}
	hfTop = map[string]string{
		"model.embed_tokens": "token_embd.weight", "embed_tokens": "token_embd.weight",
		"lm_head": "output.weight",
	}
)

// GGUFName returns the GGUF tensor name of a llama-family Hugging Face
// module ("model.layers.3.self_attn.q_proj" → "blk.3.attn_q.weight"), and
// whether the module is one it knows.
func GGUFName(module string) (string, bool) {
	if n, ok := hfTop[module]; ok {
		return n, true
	}
	m := hfLayer.FindStringSubmatch(module)
	if m == nil {
		return "", false
	}
	return fmt.Sprintf("blk.%s.%s.weight", m[1], hfParts[m[3]]), true
}

// permuteRows reorders the rows of a [heads·headDim × cols] matrix from
// Hugging Face's rotate_half layout to llama.cpp's adjacent pairs, as
// convert_hf_to_gguf.py permutes q_proj and k_proj: row h·d + 2i takes row
// h·d + i, row h·d + 2i + 1 takes row h·d + d/2 + i.
func permuteRows(m []float64, rows, cols, heads int) ([]float64, error) {
	if heads <= 0 || rows%heads != 0 || (rows/heads)%2 != 0 {
		return nil, fmt.Errorf("lora: %w: %d rows cannot be split into %d heads of pairs", ErrMismatch, rows, heads)
	}
	d := rows / heads
	out := make([]float64, len(m))
	for h := range heads {
		for i := range d / 2 {
			copy(out[(h*d+2*i)*cols:(h*d+2*i+1)*cols], m[(h*d+i)*cols:(h*d+i+1)*cols])
			copy(out[(h*d+2*i+1)*cols:(h*d+2*i+2)*cols], m[(h*d+d/2+i)*cols:(h*d+d/2+i+1)*cols])
		}
	}
	return out, nil
}
