package quant

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shrinkml/shrink/gguf"
)

// This file is the type choice of llama.cpp's llama-quantize (release
// v0.5.0, src/llama-quant.cpp): which tensors are quantized at all, which
// type each gets under a recipe, and the fallback when a row does not fit
// the type's block. Golden plans made with that release check it.

// category is llama.cpp's tensor_category: a broad role read from the name.
type category uint8

const (
	catOther category = iota
	catTokenEmbd
	catAttnQ
	catAttnV
	catAttnK
	catAttnQKV
	catAttnKVB
	catAttnOutput
	catFFNUp
	catFFNGate
	catFFNDown
	catOutput
)

func categorize(name string) category {
	switch {
	case name == "output.weight":
		return catOutput
	case name == "token_embd.weight" || name == "per_layer_token_embd.weight":
		return catTokenEmbd
	case strings.Contains(name, "attn_qkv.weight"):
		return catAttnQKV
	case strings.Contains(name, "attn_kv_b.weight"):
		return catAttnKVB
	case strings.Contains(name, "attn_v.weight"):
		return catAttnV
	case strings.Contains(name, "attn_k.weight"):
		return catAttnK
	case strings.Contains(name, "attn_q.weight"):
		return catAttnQ
	case strings.Contains(name, "attn_output.weight"):
		return catAttnOutput
	case strings.Contains(name, "ffn_up"):
		return catFFNUp
	case strings.Contains(name, "ffn_gate"):
		return catFFNGate
	case strings.Contains(name, "ffn_down"):
		return catFFNDown
	}
	return catOther
}

// isAttnV covers the tensors llama.cpp treats as attn_v.
func (c category) isAttnV() bool { return c == catAttnV || c == catAttnQKV || c == catAttnKVB }

// notQuantized lists name fragments llama.cpp never quantizes: small or
// special 2-D tensors of various architectures.
var notQuantized = []string{
	"_norm.weight", "ffn_gate_inp.weight", "ffn_gate_tid2eid.weight", "altup", "laurel",
	"per_layer_model_proj", "ssm_conv1d", "shortconv.conv.weight",
	"indexer.k_proj.weight", "indexer.q_proj.weight",
	"time_mix_first.weight", "time_mix_w0.weight", "time_mix_w1.weight", "time_mix_w2.weight",
	"time_mix_v0.weight", "time_mix_v1.weight", "time_mix_v2.weight", "time_mix_a0.weight",
	"time_mix_a1.weight", "time_mix_a2.weight", "time_mix_g1.weight", "time_mix_g2.weight",
	"time_mix_decay_w1.weight", "time_mix_decay_w2.weight", "time_mix_lerp_fused.weight",
	"attn_rel_b.weight", ".position_embd", "sam.pos_embd", "sam.neck.", "sam.net_", ".rel_pos",
	".patch_embd", ".patch_merger", "a.rvq.codebook", "mm.a.code_embd",
}

// allowsQuantization is tensor_allows_quantization: 2-D and 3-D weights,
// not norms, not the few tensors llama.cpp keeps as they are.
func allowsQuantization(name string, dims int, opts *ModelOptions, copyOnly bool) bool {
	if copyOnly || dims < 2 || !strings.HasSuffix(name, "weight") {
		return false
	}
	if opts.LeaveOutputTensor && name == "output.weight" {
		return false
	}
	if name == "position_embd.weight" || name == "token_types.weight" {
		return false
	}
	for _, s := range notQuantized {
		if strings.Contains(name, s) {
			return false
		}
	}
	return true
}

// hparams are the model facts the rules read.
type hparams struct {
	arch     string
	nLayer   int
	nHead    int
	nHeadKV  int
	nExpert  int
	is70B    bool
	hasTied  bool // no output.weight: token_embd doubles as the output
	hasIm    bool
	nAttnV   int
	ftype    gguf.FileType
	fallback int
	iAttnV   int
	iFFNDown int
	iFFNGate int
	iFFNUp   int
}

func (h *hparams) gqa() int {
	if h.nHeadKV == 0 {
		return 0
	}
	return h.nHead / h.nHeadKV
}

// readHparams reads the rules' inputs from a model's metadata.
func readHparams(meta *gguf.Metadata) (*hparams, error) {
	h := &hparams{}
	h.arch, _ = gguf.Lookup[string](meta, "general.architecture")
	first := func(key string) (int, bool) {
		v, ok := meta.Get(key)
		if !ok {
			return 0, false
		}
		if e, err := v.Index(0); err == nil { // a per-layer array: layer 0, as n_gqa() reads it
			v = e
		}
		if n, err := v.Int(); err == nil {
			return int(n), true
		}
		return 0, false
	}
	var ok bool
	if h.nLayer, ok = first(h.arch + ".block_count"); !ok && h.arch != "" {
		return nil, fmt.Errorf("quant: %w: %s.block_count is missing", ErrUnsupported, h.arch)
	}
	h.nHead, _ = first(h.arch + ".attention.head_count")
	if h.nHeadKV, ok = first(h.arch + ".attention.head_count_kv"); !ok {
		h.nHeadKV = h.nHead
	}
	h.nExpert, _ = first(h.arch + ".expert_count")
	h.is70B = h.arch == "llama" && h.nLayer == 80 && h.nHead != h.nHeadKV
	return h, nil
}

// useMoreBits is llama.cpp's use_more_bits: the first and last eighth of
// the layers and every third one between.
func useMoreBits(i, n int) bool { return i < n/8 || i >= 7*n/8 || (i-n/8)%3 == 2 }

// layerOf is llama.cpp's layer_info: the running counter i for dense
// models, the number in the name ("blk.N.") for mixtures of experts.
func (h *hparams) layerOf(i int, name string) (int, error) {
	if h.nExpert <= 1 {
		return i, nil
	}
	l, ok := blockIndex(name)
	if !ok {
		return 0, fmt.Errorf("quant: failed to determine the layer of tensor %s", name)
	}
	if l < 0 || l >= h.nLayer {
		return 0, fmt.Errorf("quant: bad layer %d for tensor %s, must be in [0, %d)", l, name, h.nLayer)
	}
	return l, nil
}

// blockIndex reads N from a name starting "blk.N", as sscanf("blk.%d.")
// does; ok is false for names outside the blocks.
func blockIndex(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "blk.")
	if !ok {
		return 0, false
	}
	end := 0
	if end < len(rest) && (rest[end] == '-' || rest[end] == '+') {
		end++
	}
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil {
		return 0, false
	}
	return n, true
}

// recipeType is llama_tensor_get_type_impl: the type the recipe's rules
// give a quantizable tensor whose default is t. It advances the counters.
func (h *hparams) recipeType(t gguf.Type, name string, ne0, ne2 int64, cat category) (gguf.Type, error) {
	ft := h.ftype
	is := func(fts ...gguf.FileType) bool {
		for _, f := range fts {
			if ft == f {
				return true
			}
		}
		return false
	}
	const (
		iq2xxs = gguf.FileTypeMostlyIQ2_XXS
		iq2xs  = gguf.FileTypeMostlyIQ2_XS
		iq2s   = gguf.FileTypeMostlyIQ2_S
		iq2m   = gguf.FileTypeMostlyIQ2_M
		iq1s   = gguf.FileTypeMostlyIQ1_S
		iq1m   = gguf.FileTypeMostlyIQ1_M
		iq3xxs = gguf.FileTypeMostlyIQ3_XXS
		iq3xs  = gguf.FileTypeMostlyIQ3_XS
		iq3s   = gguf.FileTypeMostlyIQ3_S
		iq3m   = gguf.FileTypeMostlyIQ3_M
		iq4nl  = gguf.FileTypeMostlyIQ4_NL
		iq4xs  = gguf.FileTypeMostlyIQ4_XS
		q2k    = gguf.FileTypeMostlyQ2_K
		q2ks   = gguf.FileTypeMostlyQ2_K_S
		q3ks   = gguf.FileTypeMostlyQ3_K_S
		q3km   = gguf.FileTypeMostlyQ3_K_M
		q3kl   = gguf.FileTypeMostlyQ3_K_L
		q4ks   = gguf.FileTypeMostlyQ4_K_S
		q4km   = gguf.FileTypeMostlyQ4_K_M
		q5km   = gguf.FileTypeMostlyQ5_K_M
		q40    = gguf.FileTypeMostlyQ4_0
		q50    = gguf.FileTypeMostlyQ5_0
		mxfp4  = gguf.FileTypeMostlyMXFP4_MOE
	)
	falcon := h.arch == "falcon"
	iq2s2m := func(a, b gguf.Type) gguf.Type { // a for IQ2_S/IQ2_M, b otherwise
		if is(iq2s, iq2m) {
			return a
		}
		return b
	}

	switch {
	case cat == catOutput || h.hasTied && cat == catTokenEmbd:
		switch {
		case ft == mxfp4:
			t = gguf.TypeQ8_0
		case falcon || ne0%int64(t.BlockSize()) != 0:
			t = gguf.TypeQ8_0
		case is(iq2xxs, iq2xs, iq3xxs, iq1s, iq2s, iq2m, iq1m):
			t = gguf.TypeQ5_K
		case t != gguf.TypeQ8_0:
			t = gguf.TypeQ6_K
		}
	case ft == mxfp4:
		if ne2 > 1 && (h.arch != "bailingmoe3" || cat == catFFNUp || cat == catFFNGate || cat == catFFNDown) {
			t = gguf.TypeMXFP4
		} else {
			t = gguf.TypeQ8_0
		}
	case cat == catTokenEmbd:
		switch {
		case is(iq2xxs, iq2xs, iq1s, iq1m):
			t = gguf.TypeQ2_K
		case is(iq2s, iq2m, iq3xxs):
			t = gguf.TypeIQ3_S
		case is(gguf.FileTypeMostlyTQ1_0, gguf.FileTypeMostlyTQ2_0, gguf.FileTypeMostlyQ2_0):
			t = gguf.TypeQ4_K
		}
	case is(iq2xxs, iq2xs, iq1s, iq2s, iq2m, iq1m):
		switch {
		case cat.isAttnV():
			if h.gqa() >= 4 || h.nExpert >= 4 {
				t = gguf.TypeQ4_K
			} else {
				t = iq2s2m(gguf.TypeIQ3_S, gguf.TypeQ2_K)
			}
			h.iAttnV++
		case h.nExpert == 8 && cat == catAttnK:
			t = gguf.TypeQ4_K
		case cat == catFFNDown:
			if h.iFFNDown < h.nLayer/8 {
				t = iq2s2m(gguf.TypeIQ3_S, gguf.TypeQ2_K)
			}
			h.iFFNDown++
		case cat == catAttnOutput:
			if h.nExpert == 8 {
				t = gguf.TypeQ5_K
			} else if is(iq1s, iq1m) {
				t = gguf.TypeIQ2_XXS
			} else if is(iq2s, iq2m) {
				t = gguf.TypeIQ3_S
			}
		}
	case cat.isAttnV():
		switch {
		case ft == q2k:
			t = gguf.TypeQ3_K
			if h.gqa() >= 4 {
				t = gguf.TypeQ4_K
			}
		case ft == q2ks && h.gqa() >= 4:
			t = gguf.TypeQ4_K
		case ft == iq3xxs:
			switch {
			case h.gqa() >= 4:
				t = gguf.TypeQ4_K
			case !h.hasIm:
				t = gguf.TypeIQ3_S
			default:
				t = gguf.TypeIQ3_XXS
			}
		case is(iq3xs, iq3s) && h.gqa() >= 4:
			t = gguf.TypeQ4_K
		case ft == iq3m:
			t = gguf.TypeQ4_K
		case ft == q3km:
			t = gguf.TypeQ4_K
			if h.iAttnV < 2 {
				t = gguf.TypeQ5_K
			}
		case ft == q3kl:
			t = gguf.TypeQ5_K
		case is(iq4nl, iq4xs) && h.gqa() >= 4:
			t = gguf.TypeQ5_K
		case is(q4km, gguf.FileTypeMostlyQ5_K_M) && useMoreBits(h.iAttnV, h.nAttnV):
			t = gguf.TypeQ6_K
		case ft == q4ks && h.iAttnV < 4:
			t = gguf.TypeQ5_K
		}
		if h.is70B && (t == gguf.TypeQ3_K || t == gguf.TypeQ4_K) {
			t = gguf.TypeQ5_K
		}
		if h.nExpert == 8 {
			t = gguf.TypeQ8_0
		}
		h.iAttnV++
	case cat == catAttnK:
		switch {
		case h.nExpert == 8:
			t = gguf.TypeQ8_0
		case ft == iq3xs:
			t = gguf.TypeIQ3_XXS
		case ft == iq3xxs:
			t = gguf.TypeIQ2_S
		}
	case cat == catAttnQ:
		switch ft {
		case iq3xs:
			t = gguf.TypeIQ3_XXS
		case iq3xxs:
			t = gguf.TypeIQ2_S
		}
	case cat == catFFNDown:
		i, err := h.layerOf(h.iFFNDown, name)
		if err != nil {
			return 0, err
		}
		n := h.nLayer
		switch {
		case ft == q2k:
			t = gguf.TypeQ3_K
		case ft == q2ks:
			if i < n/8 {
				t = gguf.TypeQ4_K
			}
		case ft == iq3xxs && !h.hasIm:
			t = gguf.TypeQ3_K
			if i < n/8 {
				t = gguf.TypeQ4_K
			}
		case ft == q3km:
			switch {
			case i < n/16:
				t = gguf.TypeQ5_K
			case !falcon || useMoreBits(i, n):
				t = gguf.TypeQ4_K
			default:
				t = gguf.TypeQ3_K
			}
		case ft == iq3m && (i < n/8 || h.nExpert == 8 && useMoreBits(i, n)):
			t = gguf.TypeQ4_K
		case ft == q3kl:
			t = gguf.TypeQ5_K
			if falcon {
				t = gguf.TypeQ4_K
			}
		case ft == q4km:
			if falcon {
				switch {
				case i < n/16:
					t = gguf.TypeQ6_K
				case useMoreBits(i, n):
					t = gguf.TypeQ5_K
				default:
					t = gguf.TypeQ4_K
				}
			} else if useMoreBits(i, n) {
				t = gguf.TypeQ6_K
			}
		case i < n/8 && is(iq4nl, iq4xs) && !h.hasIm:
			t = gguf.TypeQ5_K
		case ft == q5km && useMoreBits(i, n):
			t = gguf.TypeQ6_K
		case ft == q4ks && !falcon && i < n/8:
			t = gguf.TypeQ5_K
		case is(q40, q50) && h.hasIm && i < n/8:
			t = gguf.TypeQ5_1
			if ft == q40 {
				t = gguf.TypeQ4_1
			}
		}
		h.iFFNDown++
	case cat == catAttnOutput:
		if !falcon {
			if h.nExpert == 8 {
				if is(q2k, iq3xs, iq3xxs, q3ks, q3km, iq4nl, q4ks, q4km, iq3s, iq3m, iq4xs) {
					t = gguf.TypeQ5_K
				}
			} else {
				switch ft {
				case q2k:
					t = gguf.TypeQ3_K
				case iq3xxs:
					t = gguf.TypeIQ3_S
				case q3km, iq3m:
					t = gguf.TypeQ4_K
				case q3kl:
					t = gguf.TypeQ5_K
				}
			}
		} else if ft == q3kl {
			t = gguf.TypeQ4_K
		}
	case cat == catAttnQKV:
		switch ft {
		case q3km, q3kl, iq3m:
			t = gguf.TypeQ4_K
		case q4km:
			t = gguf.TypeQ5_K
		case q5km:
			t = gguf.TypeQ6_K
		}
	case cat == catFFNGate, cat == catFFNUp:
		ctr := &h.iFFNGate
		if cat == catFFNUp {
			ctr = &h.iFFNUp
		}
		i, err := h.layerOf(*ctr, name)
		if err != nil {
			return 0, err
		}
		if ft == iq3xs && i >= h.nLayer/8 && i < 7*h.nLayer/8 {
			t = gguf.TypeIQ3_XXS
		}
		*ctr++
	}
	return t, nil
}

// fallbackType is tensor_type_fallback: a type whose block fits rows of
// ne0 values, when t's does not. ok is false when ne0 fits t.
func fallbackType(t gguf.Type, ne0 int64, name string) (gguf.Type, bool, error) {
	if ne0%int64(t.BlockSize()) == 0 {
		return t, false, nil
	}
	var f gguf.Type
	switch t {
	case gguf.TypeIQ1_S, gguf.TypeIQ1_M, gguf.TypeIQ2_XXS, gguf.TypeIQ2_XS, gguf.TypeIQ2_S,
		gguf.TypeIQ3_XXS, gguf.TypeIQ3_S, gguf.TypeIQ4_XS:
		f = gguf.TypeIQ4_NL
	case gguf.TypeQ2_0, gguf.TypeQ2_K, gguf.TypeQ3_K, gguf.TypeTQ1_0, gguf.TypeTQ2_0:
		f = gguf.TypeQ4_0
	case gguf.TypeQ4_K:
		f = gguf.TypeQ5_0
	case gguf.TypeQ5_K:
		f = gguf.TypeQ5_1
	case gguf.TypeQ6_K:
		f = gguf.TypeQ8_0
	default:
		// llama.cpp v0.5.0 sends the 32-value block types straight to f16
		// (its golden plans show q8_0, q4_0 … iq4_nl tensors with rows of
		// 172 stored as f16) and refuses the rest (q1_0).
		if t.BlockSize() != 32 {
			return 0, false, fmt.Errorf("quant: %s: %w: rows of %d values do not fit %v blocks, and no tensor type fallback is defined for %v",
				name, ErrShape, ne0, t, t)
		}
		f = gguf.TypeF16
	}
	if ne0%int64(f.BlockSize()) != 0 {
		f = gguf.TypeF16 // "must use F16 due to unusual shape"
	}
	return f, true, nil
}

// TensorType forces tensors whose name matches Pattern to Type, as
// llama-quantize's --tensor-type PATTERN=TYPE: the first matching override
// wins, over the recipe's rules (but not over the fallback).
type TensorType struct {
	Pattern *regexp.Regexp
	Type    gguf.Type
}

// ParseTensorType parses "PATTERN=TYPE" as llama-quantize does: the pattern
// is lower-cased and searched in the tensor name as a regular expression.
func ParseTensorType(s string) (TensorType, error) {
	pat, typ, ok := strings.Cut(s, "=")
	if !ok || pat == "" || typ == "" {
		return TensorType{}, fmt.Errorf("quant: %w: tensor type %q is not PATTERN=TYPE", ErrUnsupported, s)
	}
	re, err := regexp.Compile(strings.ToLower(pat))
	if err != nil {
		return TensorType{}, fmt.Errorf("quant: tensor type %q: %w", s, err)
	}
	t, err := gguf.ParseType(typ)
	if err != nil {
		return TensorType{}, fmt.Errorf("quant: tensor type %q: %w", s, err)
	}
	return TensorType{Pattern: re, Type: t}, nil
}
