package quant

import (
	"testing"
)

// TestGridChecksums pins the embedded codebooks to the SHA-256 of ggml's
// tables (src/ggml-common.h, ggml d99724f2, stored little-endian).
func TestGridChecksums(t *testing.T) {
	for name, want := range map[string]string{
		"iq1s":   "07540ffc1aeaf6ad4d97e96b0fcc765aae39671d4ae4a27bbd0e796fde167c6a",
		"iq2xxs": "05826b5d3e472a3a78f196be62ac78acf81df0f909626e12ab9fa2a5d490dd54",
		"iq2xs":  "06e47aaca60b4dc1d9b5a3f34540437058a6b142b4d7a59d5ded769b4d1bf1de",
		"iq2s":   "e1aa1473412b0552c2174c30ef22ab4073f6a181b85a17056e8249bd2932fd88",
		"iq3xxs": "46e35f5a997efdee6c99ce57854c8a0d4f0ff8ca57e5e8a60c0793ea580acf5d",
		"iq3s":   "bd1af4945a1717c65610b0284e4628b9a1ba3b306fae3a06f6e5f597356e349f",
	} {
		b, err := gridFiles.ReadFile("grids/" + name + ".bin")
		if err != nil {
			t.Fatal(err)
		}
		if got := sha(b); got != want {
			t.Errorf("grid %s: sha256 %s, want %s", name, got, want)
		}
	}
}

// TestSigns7 checks the computed sign table against ggml's ksigns_iq2xs,
// whose SHA-256 over its 128 bytes is pinned here.
func TestSigns7(t *testing.T) {
	b := make([]byte, 128)
	for i := range b {
		b[i] = signs7(uint32(i))
	}
	if got, want := sha(b), "a76742a603f8beca5212ecce0f1f02f11a4887fd2f7c8b15aca0ea3eb3380c31"; got != want {
		t.Errorf("signs table sha256 %s, want %s", got, want)
	}
}
