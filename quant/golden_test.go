package quant

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// goldenFrom, when set, re-imports the golden vectors from a directory laid
// out as ../shared/golden/quant (manifest.json, inputs/, out/) into
// testdata/golden before the tests run.
var goldenFrom = flag.String("golden-from", "", "import golden vectors from this ggml golden/quant directory")

const goldenDir = "testdata/golden"

// goldenManifest is testdata/golden/manifest.json: the cases and, per type
// and case, the SHA-256 of ggml's quantized bytes and of its dequantization.
type goldenManifest struct {
	Source string         `json:"source"`
	Cases  []goldenCase   `json:"cases"`
	Result []goldenResult `json:"results"`
}

type goldenCase struct {
	Name  string `json:"name"`
	Rows  int    `json:"rows"`
	Ncols int    `json:"ncols"`
	About string `json:"about"`
}

type goldenResult struct {
	Type      string  `json:"type"`
	Case      string  `json:"case"`
	Imatrix   bool    `json:"imatrix"`
	Bin       string  `json:"bin"`                 // path under testdata/golden
	BinSHA    string  `json:"bin_sha256"`          // ggml's quantized bytes
	DeqSHA    string  `json:"dequant_sha256"`      // ggml's dequantized float32 values
	RMSE      float64 `json:"rmse,omitempty"`      // of ggml's round trip
	Reference bool    `json:"reference,omitempty"` // made by quantize_row_*_ref, not ggml_quantize_chunk
}

func TestMain(m *testing.M) {
	flag.Parse()
	if *goldenFrom != "" {
		if err := importGolden(*goldenFrom); err != nil {
			fmt.Fprintln(os.Stderr, "importing golden vectors:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// importGolden copies ggml's inputs and quantized rows and records the
// hashes of its dequantized rows, which are not copied (7 MB).
func importGolden(from string) error {
	var src struct {
		Cases []struct {
			Name, Input, Imatrix, About string
			Rows, Ncols                 int
		}
		Results []struct {
			Type, Case, File, Dequant, Path string
			Imatrix                         bool
			Rmse                            float64
		}
	}
	b, err := os.ReadFile(filepath.Join(from, "manifest.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &src); err != nil {
		return err
	}
	copyFile := func(rel string) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(from, rel))
		if err != nil {
			return nil, err
		}
		out := filepath.Join(goldenDir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, err
		}
		return data, os.WriteFile(out, data, 0o644)
	}
	m := goldenManifest{Source: "ggml d99724f2 (golden/quant of the shrink team's shared set)"}
	for _, c := range src.Cases {
		m.Cases = append(m.Cases, goldenCase{c.Name, c.Rows, c.Ncols, c.About})
		if _, err := copyFile(c.Input); err != nil {
			return err
		}
		if _, err := copyFile(c.Imatrix); err != nil {
			return err
		}
	}
	for _, r := range src.Results {
		bin, err := copyFile(r.File)
		if err != nil {
			return err
		}
		res := goldenResult{Type: r.Type, Case: r.Case, Imatrix: r.Imatrix, Bin: r.File,
			BinSHA: sha(bin), RMSE: r.Rmse, Reference: r.Path == "ref"}
		if r.Dequant != "" {
			deq, err := os.ReadFile(filepath.Join(from, r.Dequant))
			if err != nil {
				return err
			}
			res.DeqSHA = sha(deq)
		}
		m.Result = append(m.Result, res)
	}
	out, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(goldenDir, "manifest.json"), append(out, '\n'), 0o644)
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func loadManifest(t testing.TB) goldenManifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldenDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m goldenManifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func readF32(t testing.TB, path string) []float32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytesToF32(b)
}

func bytesToF32(b []byte) []float32 {
	f := make([]float32, len(b)/4)
	for i := range f {
		f[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return f
}

func f32ToBytes(f []float32) []byte {
	b := make([]byte, 4*len(f))
	for i, v := range f {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}

// TestGolden quantizes every golden case of every type and compares the
// bytes with ggml's, then dequantizes ggml's bytes and compares the values
// with ggml's dequantization.
func TestGolden(t *testing.T) {
	m := loadManifest(t)
	cases := map[string]goldenCase{}
	for _, c := range m.Cases {
		cases[c.Name] = c
	}
	for _, r := range m.Result {
		name := r.Type + "/" + r.Case
		if r.Imatrix {
			name += "/imatrix"
		}
		t.Run(name, func(t *testing.T) {
			typ, err := gguf.ParseType(r.Type)
			if err != nil {
				t.Fatal(err)
			}
			c, err := For(typ)
			if err != nil {
				t.Fatal(err)
			}
			gc := cases[r.Case]
			want, err := os.ReadFile(filepath.Join(goldenDir, r.Bin))
			if err != nil {
				t.Fatal(err)
			}
			if sha(want) != r.BinSHA {
				t.Fatalf("%s does not match its manifest hash", r.Bin)
			}
			if c.CanQuantize() {
				src := readF32(t, filepath.Join(goldenDir, "inputs", r.Case+".f32"))
				var im []float32
				if r.Imatrix {
					im = readF32(t, filepath.Join(goldenDir, "inputs", r.Case+".imatrix.f32"))
				}
				got := make([]byte, len(want))
				err := c.Quantize(got, src, gc.Ncols, Options{Imatrix: im})
				if c.Validate(want) != nil {
					// ggml wrote a block llama.cpp would refuse to load;
					// we refuse to write it.
					if !errors.Is(err, ErrValue) {
						t.Fatalf("ggml's output is invalid, so Quantize should fail with ErrValue; err = %v", err)
					}
					t.Log(err)
				} else if err != nil {
					t.Fatal(err)
				} else if !bytes.Equal(got, want) {
					bb := typ.BlockBytes()
					for i := 0; i < len(got); i += bb {
						if !bytes.Equal(got[i:i+bb], want[i:i+bb]) {
							t.Fatalf("block %d (of %d bytes) differs from ggml:\n got %x\nwant %x",
								i/bb, bb, got[i:i+bb], want[i:i+bb])
						}
					}
				}
			}
			if r.DeqSHA == "" {
				return
			}
			deq := make([]float32, gc.Rows*gc.Ncols)
			if err := c.Dequantize(deq, want, gc.Ncols, 1); err != nil {
				t.Fatal(err)
			}
			if got := sha(f32ToBytes(deq)); got != r.DeqSHA {
				src := readF32(t, filepath.Join(goldenDir, "inputs", r.Case+".f32"))
				t.Fatalf("dequantized values differ from ggml's (our round-trip RMSE %g, ggml's %g)",
					rmse(src, deq), r.RMSE)
			}
		})
	}
}

func rmse(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return math.Sqrt(s / float64(len(a)))
}

// TestGoldenCoverage fails when a type that can be quantized has no golden
// vectors, so a new codec cannot land untested.
func TestGoldenCoverage(t *testing.T) {
	m := loadManifest(t)
	seen := map[string]bool{}
	for _, r := range m.Result {
		seen[r.Type] = true
	}
	for _, typ := range Types() {
		if typ == gguf.TypeF32 {
			continue // a copy
		}
		if !seen[typ.String()] {
			t.Errorf("type %v has no golden vectors", typ)
		}
	}
	if !strings.Contains(m.Source, "d99724f2") {
		t.Errorf("golden vectors from %q, want ggml d99724f2", m.Source)
	}
}
