package quant

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shrinkml/shrink/gguf"
)

// A Recipe is one of llama-quantize's file types: a default tensor type and
// the rules that give some tensors more bits (Q4_K_M puts attn_v and
// ffn_down of chosen layers in q6_K, …), or COPY.
type Recipe struct {
	Name     string        // llama-quantize's spelling: "Q4_K_M", "IQ4_XS", "COPY"
	FileType gguf.FileType // general.file_type written (for COPY, the input's)
	Copy     bool          // COPY: every tensor copied unchanged
}

// recipes lists llama-quantize's QUANT_OPTIONS in its order, aliases
// included (Q3_K is Q3_K_M, Q4_K is Q4_K_M, Q5_K is Q5_K_M).
var recipes = []Recipe{
	{"Q1_0", gguf.FileTypeMostlyQ1_0, false},
	{"Q2_0", gguf.FileTypeMostlyQ2_0, false},
	{"Q4_0", gguf.FileTypeMostlyQ4_0, false},
	{"Q4_1", gguf.FileTypeMostlyQ4_1, false},
	{"MXFP4_MOE", gguf.FileTypeMostlyMXFP4_MOE, false},
	{"Q5_0", gguf.FileTypeMostlyQ5_0, false},
	{"Q5_1", gguf.FileTypeMostlyQ5_1, false},
	{"IQ2_XXS", gguf.FileTypeMostlyIQ2_XXS, false},
	{"IQ2_XS", gguf.FileTypeMostlyIQ2_XS, false},
	{"IQ2_S", gguf.FileTypeMostlyIQ2_S, false},
	{"IQ2_M", gguf.FileTypeMostlyIQ2_M, false},
	{"IQ1_S", gguf.FileTypeMostlyIQ1_S, false},
	{"IQ1_M", gguf.FileTypeMostlyIQ1_M, false},
	{"TQ1_0", gguf.FileTypeMostlyTQ1_0, false},
	{"TQ2_0", gguf.FileTypeMostlyTQ2_0, false},
	{"Q2_K", gguf.FileTypeMostlyQ2_K, false},
	{"Q2_K_S", gguf.FileTypeMostlyQ2_K_S, false},
	{"IQ3_XXS", gguf.FileTypeMostlyIQ3_XXS, false},
	{"IQ3_S", gguf.FileTypeMostlyIQ3_S, false},
	{"IQ3_M", gguf.FileTypeMostlyIQ3_M, false},
	{"Q3_K", gguf.FileTypeMostlyQ3_K_M, false},
	{"IQ3_XS", gguf.FileTypeMostlyIQ3_XS, false},
	{"Q3_K_S", gguf.FileTypeMostlyQ3_K_S, false},
	{"Q3_K_M", gguf.FileTypeMostlyQ3_K_M, false},
	{"Q3_K_L", gguf.FileTypeMostlyQ3_K_L, false},
	{"IQ4_NL", gguf.FileTypeMostlyIQ4_NL, false},
	{"IQ4_XS", gguf.FileTypeMostlyIQ4_XS, false},
	{"Q4_K", gguf.FileTypeMostlyQ4_K_M, false},
	{"Q4_K_S", gguf.FileTypeMostlyQ4_K_S, false},
	{"Q4_K_M", gguf.FileTypeMostlyQ4_K_M, false},
	{"Q5_K", gguf.FileTypeMostlyQ5_K_M, false},
	{"Q5_K_S", gguf.FileTypeMostlyQ5_K_S, false},
	{"Q5_K_M", gguf.FileTypeMostlyQ5_K_M, false},
	{"Q6_K", gguf.FileTypeMostlyQ6_K, false},
	{"Q8_0", gguf.FileTypeMostlyQ8_0, false},
	{"F16", gguf.FileTypeMostlyF16, false},
	{"BF16", gguf.FileTypeMostlyBF16, false},
	{"F32", gguf.FileTypeAllF32, false},
	{"COPY", gguf.FileTypeAllF32, true},
}

// Recipes returns llama-quantize's recipes in its order (aliases included).
func Recipes() []Recipe { return append([]Recipe(nil), recipes...) }

// ParseRecipe returns the recipe named s, ignoring case, as llama-quantize
// accepts it: a name ("q4_k_m", "Q4_K", "COPY") or a file-type number ("15").
func ParseRecipe(s string) (Recipe, error) {
	for _, r := range recipes {
		if strings.EqualFold(r.Name, s) {
			return r, nil
		}
	}
	if n, err := strconv.Atoi(s); err == nil {
		for _, r := range recipes {
			if int(r.FileType) == n && !r.Copy {
				return r, nil
			}
		}
	}
	return Recipe{}, fmt.Errorf("quant: %w: unknown recipe %q (want one of llama-quantize's types, as Q4_K_M)", ErrUnsupported, s)
}

// DefaultType is llama_ftype_get_default_type: the type a recipe gives the
// tensors no rule singles out.
func (r Recipe) DefaultType() (gguf.Type, error) {
	switch r.FileType {
	case gguf.FileTypeMostlyQ4_0:
		return gguf.TypeQ4_0, nil
	case gguf.FileTypeMostlyQ4_1:
		return gguf.TypeQ4_1, nil
	case gguf.FileTypeMostlyQ5_0:
		return gguf.TypeQ5_0, nil
	case gguf.FileTypeMostlyQ5_1:
		return gguf.TypeQ5_1, nil
	case gguf.FileTypeMostlyQ8_0:
		return gguf.TypeQ8_0, nil
	case gguf.FileTypeMostlyF16:
		return gguf.TypeF16, nil
	case gguf.FileTypeMostlyBF16:
		return gguf.TypeBF16, nil
	case gguf.FileTypeAllF32:
		return gguf.TypeF32, nil
	case gguf.FileTypeMostlyQ1_0:
		return gguf.TypeQ1_0, nil
	case gguf.FileTypeMostlyQ2_0:
		return gguf.TypeQ2_0, nil
	case gguf.FileTypeMostlyMXFP4_MOE:
		return gguf.TypeMXFP4, nil
	case gguf.FileTypeMostlyQ2_K_S, gguf.FileTypeMostlyQ2_K:
		return gguf.TypeQ2_K, nil
	case gguf.FileTypeMostlyIQ3_XS, gguf.FileTypeMostlyIQ3_S, gguf.FileTypeMostlyIQ3_M:
		return gguf.TypeIQ3_S, nil
	case gguf.FileTypeMostlyQ3_K_S, gguf.FileTypeMostlyQ3_K_M, gguf.FileTypeMostlyQ3_K_L:
		return gguf.TypeQ3_K, nil
	case gguf.FileTypeMostlyQ4_K_S, gguf.FileTypeMostlyQ4_K_M:
		return gguf.TypeQ4_K, nil
	case gguf.FileTypeMostlyQ5_K_S, gguf.FileTypeMostlyQ5_K_M:
		return gguf.TypeQ5_K, nil
	case gguf.FileTypeMostlyQ6_K:
		return gguf.TypeQ6_K, nil
	case gguf.FileTypeMostlyTQ1_0:
		return gguf.TypeTQ1_0, nil
	case gguf.FileTypeMostlyTQ2_0:
		return gguf.TypeTQ2_0, nil
	case gguf.FileTypeMostlyIQ2_XXS:
		return gguf.TypeIQ2_XXS, nil
	case gguf.FileTypeMostlyIQ2_XS, gguf.FileTypeMostlyIQ2_S:
		return gguf.TypeIQ2_XS, nil
	case gguf.FileTypeMostlyIQ2_M:
		return gguf.TypeIQ2_S, nil
	case gguf.FileTypeMostlyIQ3_XXS:
		return gguf.TypeIQ3_XXS, nil
	case gguf.FileTypeMostlyIQ1_S:
		return gguf.TypeIQ1_S, nil
	case gguf.FileTypeMostlyIQ1_M:
		return gguf.TypeIQ1_M, nil
	case gguf.FileTypeMostlyIQ4_NL:
		return gguf.TypeIQ4_NL, nil
	case gguf.FileTypeMostlyIQ4_XS:
		return gguf.TypeIQ4_XS, nil
	}
	return 0, fmt.Errorf("quant: %w: invalid output file type %d", ErrUnsupported, uint32(r.FileType))
}
