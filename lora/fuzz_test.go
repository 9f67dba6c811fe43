package lora

import (
	"os"
	"testing"
)

// FuzzParseConfig feeds arbitrary adapter_config.json contents to the PEFT
// config parser: no panic, and an accepted config has a positive rank.
func FuzzParseConfig(f *testing.F) {
	b, err := os.ReadFile("testdata/lora-qv/adapter_config.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"r": 4, "lora_alpha": 8, "rank_pattern": {"(": 2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parseConfig("adapter_config.json", data)
		if err != nil {
			return
		}
		if cfg.R <= 0 {
			t.Fatalf("accepted r = %d", cfg.R)
		}
	})
}
