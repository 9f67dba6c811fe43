package imatrix

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"
)

func TestBothFormatsAgree(t *testing.T) {
	dat, err := Open("testdata/shakes-a.imatrix.dat")
	if err != nil {
		t.Fatal(err)
	}
	gg, err := Open("testdata/shakes-a.imatrix.gguf")
	if err != nil {
		t.Fatal(err)
	}
	if !dat.Legacy || gg.Legacy {
		t.Error("Legacy flags wrong")
	}
	if len(dat.Entries) != 29 || len(gg.Entries) != 29 {
		t.Fatalf("%d and %d entries, want 29", len(dat.Entries), len(gg.Entries))
	}
	if dat.ChunkCount != 64 || gg.ChunkCount != 64 || gg.ChunkSize != 256 || dat.ChunkSize != 0 {
		t.Errorf("chunks: dat %d/%d, gguf %d/%d", dat.ChunkCount, dat.ChunkSize, gg.ChunkCount, gg.ChunkSize)
	}
	if len(dat.Datasets) != 1 || len(gg.Datasets) != 1 || dat.Datasets[0] != gg.Datasets[0] ||
		!strings.HasPrefix(dat.Datasets[0], "tinyshakespeare") {
		t.Errorf("datasets %q and %q", dat.Datasets, gg.Datasets)
	}
	for name, a := range dat.Entries {
		b := gg.Entries[name]
		if len(a) != len(b) {
			t.Fatalf("%s: %d and %d values", name, len(a), len(b))
		}
		for j := range a {
			if math.Float32bits(a[j]) != math.Float32bits(b[j]) {
				t.Fatalf("%s[%d]: %g and %g", name, j, a[j], b[j])
			}
		}
	}
	if n := len(dat.Entries["blk.3.ffn_down.weight"]); n != 768 {
		t.Errorf("blk.3.ffn_down has %d values, want 768", n)
	}
	// The README's table: blk.0.attn_output ranges 0.001948 … 0.1661.
	lo, hi := float32(math.Inf(1)), float32(0)
	for _, v := range dat.Entries["blk.0.attn_output.weight"] {
		lo, hi = min(lo, v), max(hi, v)
	}
	if math.Abs(float64(lo)-0.001948) > 1e-6 || math.Abs(float64(hi)-0.1661) > 1e-4 {
		t.Errorf("blk.0.attn_output range %g … %g", lo, hi)
	}
	names := dat.Names()
	if names[0] != "blk.0.attn_k.weight" || names[len(names)-1] != "output.weight" {
		t.Errorf("names %v", names)
	}
}

func TestFilter(t *testing.T) {
	m, err := Open("testdata/shakes-a.imatrix.dat")
	if err != nil {
		t.Fatal(err)
	}
	m.Filter(nil, []string{"ffn_"})
	if len(m.Entries) != 29-12 {
		t.Errorf("exclude ffn_: %d entries", len(m.Entries))
	}
	m.Filter([]string{"blk.0.", "output.weight"}, nil)
	// Substrings, as llama-quantize matches: "output.weight" also keeps
	// every attn_output.weight.
	if len(m.Entries) != 8 {
		t.Errorf("include: %d entries: %v", len(m.Entries), m.Names())
	}
}

func TestMalformed(t *testing.T) {
	good, _ := os.ReadFile("testdata/shakes-a.imatrix.dat")
	for name, data := range map[string][]byte{
		"empty":            {},
		"negative count":   {0xff, 0xff, 0xff, 0xff},
		"huge count":       {0xff, 0xff, 0xff, 0x7f},
		"truncated entry":  good[:100],
		"huge name length": append([]byte{1, 0, 0, 0}, 0xff, 0xff, 0xff, 0x7f),
		"not imatrix gguf": []byte("GGUF\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "not imatrix gguf" && !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v does not wrap ErrFormat", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/shakes-a.imatrix.dat", "testdata/shakes-a.imatrix.gguf"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 4096)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		for name, v := range m.Entries {
			if name == "" || len(v) == 0 {
				t.Fatalf("accepted entry %q with %d values", name, len(v))
			}
		}
	})
}
