package lora

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

// ReadGGUF reads a llama.cpp LoRA adapter: a GGUF file with general.type
// "adapter", adapter.type "lora", adapter.lora.alpha, and per adapted
// weight NAME the tensors NAME.lora_a (ggml [in, r]) and NAME.lora_b
// (ggml [r, out]). As in llama.cpp, the scale is alpha/r, or 1 when alpha
// is 0.
func ReadGGUF(path string) (*Adapter, error) {
	f, err := gguf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	bad := func(format string, args ...any) error {
		return fmt.Errorf("lora: %s: %w: %s", path, ErrFormat, fmt.Sprintf(format, args...))
	}
	if t, _ := gguf.Lookup[string](f.Metadata, "general.type"); t != "adapter" {
		return nil, bad("general.type is %q, not \"adapter\"", t)
	}
	if t, _ := gguf.Lookup[string](f.Metadata, "adapter.type"); t != "lora" {
		return nil, fmt.Errorf("lora: %s: %w: adapter.type is %q, not \"lora\"", path, ErrUnsupported, t)
	}
	var alpha float64
	if v, ok := f.Metadata.Get("adapter.lora.alpha"); ok {
		if alpha, err = v.Float(); err != nil {
			return nil, bad("adapter.lora.alpha: %v", err)
		}
	}
	type parts struct{ a, b *gguf.TensorInfo }
	mods := map[string]*parts{}
	for i := range f.Tensors {
		t := &f.Tensors[i]
		name, part := "", ""
		switch {
		case strings.HasSuffix(t.Name, ".lora_a"):
			name, part = strings.TrimSuffix(t.Name, ".lora_a"), "a"
		case strings.HasSuffix(t.Name, ".lora_b"):
			name, part = strings.TrimSuffix(t.Name, ".lora_b"), "b"
		default:
			return nil, fmt.Errorf("lora: %s: %w: tensor %s is not a lora_a or lora_b", path, ErrUnsupported, t.Name)
		}
		p := mods[name]
		if p == nil {
			p = &parts{}
			mods[name] = p
		}
		if part == "a" {
			p.a = t
		} else {
			p.b = t
		}
	}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	ad := &Adapter{Format: "gguf", Path: path}
	for _, name := range names {
		p := mods[name]
		if p.a == nil || p.b == nil {
			return nil, bad("%s lacks its lora_a or lora_b", name)
		}
		if len(p.a.Shape) != 2 || len(p.b.Shape) != 2 || p.a.Shape[1] != p.b.Shape[0] {
			return nil, bad("%s: lora_a %v and lora_b %v do not make a rank-r product", name, p.a.Shape, p.b.Shape)
		}
		m := &Module{Name: name, Rank: int(p.a.Shape[1]), In: int(p.a.Shape[0]), Out: int(p.b.Shape[1])}
		m.Scale = 1
		if alpha != 0 {
			m.Scale = alpha / float64(m.Rank)
		}
		if m.A, err = decode(f, p.a); err != nil {
			return nil, err
		}
		if m.B, err = decode(f, p.b); err != nil {
			return nil, err
		}
		if err := m.validate(); err != nil {
			return nil, err
		}
		ad.Modules = append(ad.Modules, m)
	}
	if len(ad.Modules) == 0 {
		return nil, bad("no LoRA tensors")
	}
	return ad, nil
}

// decode returns a tensor's values, row-major.
func decode(f *gguf.File, t *gguf.TensorInfo) ([]float32, error) {
	c, err := quant.For(t.Type)
	if err != nil {
		return nil, fmt.Errorf("lora: tensor %s: %w", t.Name, err)
	}
	raw, err := f.TensorBytes(t.Name)
	if err != nil {
		return nil, err
	}
	v := make([]float32, t.NumElements())
	if err := c.Dequantize(v, raw, int(t.Shape[0]), 1); err != nil {
		return nil, fmt.Errorf("lora: tensor %s: %w", t.Name, err)
	}
	return v, nil
}
