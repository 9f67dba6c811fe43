package lora

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/shrinkml/shrink/safetensors"
)

// peftConfig is the part of adapter_config.json that changes the weights.
type peftConfig struct {
	PeftType      string             `json:"peft_type"`
	R             int                `json:"r"`
	LoraAlpha     float64            `json:"lora_alpha"`
	UseRSLoRA     bool               `json:"use_rslora"`
	FanInFanOut   bool               `json:"fan_in_fan_out"`
	RankPattern   map[string]int     `json:"rank_pattern"`
	AlphaPattern  map[string]float64 `json:"alpha_pattern"`
	UseDoRA       bool               `json:"use_dora"`
	ModulesToSave []string           `json:"modules_to_save"`
	Bias          string             `json:"bias"`
	LoraBias      bool               `json:"lora_bias"`
}

// tensorKey matches PEFT's saved parameter names: the module path after
// "base_model.model.", the part (lora_A, lora_B, lora_embedding_A/B), an
// optional adapter name, and ".weight" for Linear parts.
var tensorKey = regexp.MustCompile(`^base_model\.model\.(.+)\.(lora_A|lora_B|lora_embedding_A|lora_embedding_B)(\.[A-Za-z0-9_-]+)?(\.weight)?$`)

// ReadPEFT reads a Hugging Face PEFT LoRA adapter from dir, which holds
// adapter_config.json and adapter_model.safetensors.
func ReadPEFT(dir string) (*Adapter, error) {
	return ReadPEFTFiles(filepath.Join(dir, "adapter_config.json"), filepath.Join(dir, "adapter_model.safetensors"))
}

// ReadPEFTFiles reads a PEFT LoRA adapter from its config and weights files.
func ReadPEFTFiles(configPath, weightsPath string) (*Adapter, error) {
	data, err := os.ReadFile(configPath)
	if err != nil {
		return nil, err
	}
	cfg, err := parseConfig(configPath, data)
	if err != nil {
		return nil, err
	}
	f, err := safetensors.Open(weightsPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	type parts struct{ a, b *safetensors.TensorInfo }
	mods := map[string]*parts{}
	embedding := map[string]bool{}
	for i := range f.Tensors {
		t := &f.Tensors[i]
		m := tensorKey.FindStringSubmatch(t.Name)
		if m == nil {
			why := "is not a LoRA A or B matrix"
			switch {
			case strings.Contains(t.Name, "lora_magnitude_vector"):
				why = "is a DoRA magnitude, and DoRA is not supported"
			case strings.Contains(t.Name, "modules_to_save"):
				why = "is a full replacement weight (modules_to_save), which is not supported"
			case strings.HasSuffix(t.Name, ".bias"):
				why = "is a bias, which is not supported"
			}
			return nil, fmt.Errorf("lora: %s: %w: tensor %s %s", weightsPath, ErrUnsupported, t.Name, why)
		}
		p := mods[m[1]]
		if p == nil {
			p = &parts{}
			mods[m[1]] = p
		}
		switch m[2] {
		case "lora_A", "lora_embedding_A":
			p.a = t
		default:
			p.b = t
		}
		if strings.HasPrefix(m[2], "lora_embedding") {
			embedding[m[1]] = true
		}
	}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	ad := &Adapter{Format: "peft", Path: filepath.Dir(weightsPath)}
	for _, name := range names {
		p := mods[name]
		if p.a == nil || p.b == nil {
			return nil, fmt.Errorf("lora: %s: %w: module %s lacks its lora_A or lora_B", weightsPath, ErrFormat, name)
		}
		if len(p.a.Shape) != 2 || len(p.b.Shape) != 2 {
			return nil, fmt.Errorf("lora: %s: %w: module %s: A %v and B %v are not matrices", weightsPath, ErrFormat, name, p.a.Shape, p.b.Shape)
		}
		mod := &Module{Name: name, Transposed: cfg.FanInFanOut || embedding[name]}
		// Linear: A is [r, in], B [out, r]. Embedding: A is [r, vocab], B [dim, r].
		mod.Rank, mod.In = int(p.a.Shape[0]), int(p.a.Shape[1])
		mod.Out = int(p.b.Shape[0])
		if int(p.b.Shape[1]) != mod.Rank {
			return nil, fmt.Errorf("lora: %s: %w: module %s: A has rank %d, B %d", weightsPath, ErrFormat, name, mod.Rank, p.b.Shape[1])
		}
		r, alpha := cfg.R, cfg.LoraAlpha
		if k, ok := patternKey(cfg.RankPattern, name); ok {
			r = cfg.RankPattern[k]
		}
		if k, ok := patternKeyF(cfg.AlphaPattern, name); ok {
			alpha = cfg.AlphaPattern[k]
		}
		if r != mod.Rank {
			return nil, fmt.Errorf("lora: %s: %w: module %s has rank %d, the config says %d", weightsPath, ErrFormat, name, mod.Rank, r)
		}
		if cfg.UseRSLoRA {
			mod.Scale = alpha / math.Sqrt(float64(r))
		} else {
			mod.Scale = alpha / float64(r)
		}
		if mod.A, err = float32s(f, p.a); err != nil {
			return nil, err
		}
		if mod.B, err = float32s(f, p.b); err != nil {
			return nil, err
		}
		if err := mod.validate(); err != nil {
			return nil, err
		}
		ad.Modules = append(ad.Modules, mod)
	}
	if len(ad.Modules) == 0 {
		return nil, fmt.Errorf("lora: %s: %w: no LoRA modules", weightsPath, ErrFormat)
	}
	return ad, nil
}

// parseConfig reads and checks adapter_config.json.
func parseConfig(path string, data []byte) (*peftConfig, error) {
	var cfg peftConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("lora: %s: %w: %v", path, ErrFormat, err)
	}
	if err := cfg.check(path); err != nil {
		return nil, err
	}
	if len(cfg.RankPattern)+len(cfg.AlphaPattern) > maxPatterns {
		return nil, fmt.Errorf("lora: %s: %w: %d rank and alpha patterns", path, ErrFormat, len(cfg.RankPattern)+len(cfg.AlphaPattern))
	}
	for k := range cfg.RankPattern {
		if _, err := compilePattern(k); err != nil || cfg.RankPattern[k] <= 0 {
			return nil, fmt.Errorf("lora: %s: %w: rank_pattern %q: %d", path, ErrFormat, k, cfg.RankPattern[k])
		}
	}
	for k := range cfg.AlphaPattern {
		if _, err := compilePattern(k); err != nil {
			return nil, fmt.Errorf("lora: %s: %w: alpha_pattern %q", path, ErrFormat, k)
		}
	}
	return &cfg, nil
}

func (c *peftConfig) check(path string) error {
	bad := func(what string) error {
		return fmt.Errorf("lora: %s: %w: %s", path, ErrUnsupported, what)
	}
	switch {
	case c.PeftType != "" && !strings.EqualFold(c.PeftType, "LORA"):
		return bad("peft_type " + c.PeftType + " is not LORA")
	case c.UseDoRA:
		return bad("use_dora: DoRA adapters are not supported")
	case len(c.ModulesToSave) > 0:
		return bad("modules_to_save: full replacement weights are not supported")
	case c.Bias != "" && c.Bias != "none" || c.LoraBias:
		return bad("the adapter trains biases, which are not supported")
	case c.R <= 0:
		return fmt.Errorf("lora: %s: %w: r is %d", path, ErrFormat, c.R)
	}
	return nil
}

// patternKey returns the first key of a rank or alpha pattern (in sorted
// order) matching the module name as PEFT matches them: the key is a
// regular expression that must match a dotted suffix of the name.
func patternKey(p map[string]int, name string) (string, bool) {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	return firstMatch(keys, name)
}

func patternKeyF(p map[string]float64, name string) (string, bool) {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	return firstMatch(keys, name)
}

func firstMatch(keys []string, name string) (string, bool) {
	sort.Strings(keys)
	for _, k := range keys {
		if re, err := compilePattern(k); err == nil && re.MatchString(name) {
			return k, true
		}
	}
	return "", false
}

// Bounds on what a config may ask of the pattern matcher: real configs
// have a few short patterns.
const (
	maxPatterns   = 4096
	maxPatternLen = 1024
)

// compilePattern compiles a rank or alpha pattern as PEFT matches it:
// against a dotted suffix of the module name.
func compilePattern(k string) (*regexp.Regexp, error) {
	if len(k) > maxPatternLen {
		return nil, fmt.Errorf("pattern of %d bytes", len(k))
	}
	return regexp.Compile(`^(.*\.)?(` + k + `)$`)
}

func float32s(f *safetensors.File, t *safetensors.TensorInfo) ([]float32, error) {
	raw, err := f.TensorBytes(t.Name)
	if err != nil {
		return nil, err
	}
	n := int64(1)
	for _, d := range t.Shape {
		n *= d
	}
	v := make([]float32, n)
	if err := safetensors.Float32s(v, raw, t.Dtype); err != nil {
		return nil, fmt.Errorf("lora: tensor %s: %w", t.Name, err)
	}
	return v, nil
}
