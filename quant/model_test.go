package quant

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant/imatrix"
)

const tinyModel = "../testdata/tiny-llama-f32.gguf"

// writableRecipes are the recipes whose every type this package can write
// for a model without an importance matrix.
var writableRecipes = []string{
	"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_K_S", "Q4_K_M",
	"Q5_K_S", "Q5_K_M", "Q6_K", "IQ4_NL", "IQ4_XS", "TQ1_0", "TQ2_0", "MXFP4_MOE", "Q1_0", "Q2_0",
	"F16", "BF16", "F32", "COPY",
}

// TestQuantizeTinyModel quantizes the bundled model with every writable
// recipe and checks the file: it reads back, every tensor has its planned
// type and holds exactly what the codec makes of the input, the metadata is
// the input's plus the quantization keys, and the file type is right.
func TestQuantizeTinyModel(t *testing.T) {
	in, err := gguf.Open(tinyModel)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	for _, name := range writableRecipes {
		t.Run(name, func(t *testing.T) {
			r, err := ParseRecipe(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			res, err := QuantizeModel(context.Background(), in, &buf, ModelOptions{Recipe: r, Measure: true})
			if err != nil {
				t.Fatal(err)
			}
			out, err := gguf.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			ft, _ := gguf.LookupInt(out.Metadata, gguf.KeyFileType)
			if gguf.FileType(ft) != res.Plan.FileType || (!r.Copy && res.Plan.FileType != r.FileType) {
				t.Errorf("file type %d, plan %v", ft, res.Plan.FileType)
			}
			if qv, _ := gguf.LookupInt(out.Metadata, gguf.KeyQuantizationVersion); qv != QuantizationVersion {
				t.Errorf("quantization version %d", qv)
			}
			for _, kv := range in.Metadata.All() {
				if kv.Key == gguf.KeyFileType {
					continue
				}
				v, ok := out.Metadata.Get(kv.Key)
				if !ok || v.String() != kv.Value.String() {
					t.Errorf("metadata %s not preserved", kv.Key)
				}
			}
			for i, tp := range res.Plan.Tensors {
				ot := out.Tensors[i]
				if ot.Name != tp.Name || ot.Type != tp.To {
					t.Fatalf("tensor %d is %s %v, planned %s %v", i, ot.Name, ot.Type, tp.Name, tp.To)
				}
				got, _ := out.TensorBytes(ot.Name)
				raw, _ := in.TensorBytes(tp.Name)
				if !tp.Converted() {
					if !bytes.Equal(got, raw) {
						t.Errorf("%s was to be copied but differs", tp.Name)
					}
					continue
				}
				ncols := int(tp.Shape[0])
				vals := make([]float32, tp.Elements())
				if err := codecs[tp.From].Dequantize(vals, raw, ncols, 1); err != nil {
					t.Fatal(err)
				}
				want := make([]byte, tp.Size)
				if err := codecs[tp.To].Quantize(want, vals, ncols, Options{Workers: 1}); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: bytes differ from the codec's", tp.Name)
				}
				if st := res.Stats[i]; st.N != len(vals) || st.Cosine < 0.5 {
					t.Errorf("%s (%v): stats %+v", tp.Name, tp.To, st)
				}
			}
		})
	}
}

func TestQuantizeThreadsIndependent(t *testing.T) {
	in, err := gguf.Open(tinyModel)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	im := fakeImatrix(in.Tensors)
	var outs [][]byte
	for _, w := range []int{1, 4} {
		var buf bytes.Buffer
		r, _ := ParseRecipe("Q4_K_M")
		if _, err := QuantizeModel(context.Background(), in, &buf, ModelOptions{Recipe: r, Workers: w, Imatrix: im, ImatrixFile: "x.dat"}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, buf.Bytes())
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("1 and 4 threads write different files")
	}
}

// TestQuantizeFileLeavesNothing checks the paths that must not leave an
// output or a temporary file: a cancelled context, a plan that cannot be
// done, and the output naming the input.
func TestQuantizeFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.gguf")
	q4km, _ := ParseRecipe("Q4_K_M")
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := QuantizeFile(ctx, tinyModel, out, ModelOptions{Recipe: q4km, Progress: func(Progress) {
		if calls++; calls == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	q2ks, _ := ParseRecipe("Q2_K_S")
	if _, err := QuantizeFile(context.Background(), tinyModel, out, ModelOptions{Recipe: q2ks}); !errors.Is(err, ErrImatrix) {
		t.Errorf("Q2_K_S without an imatrix: err = %v", err)
	}
	iq2, _ := ParseRecipe("IQ2_XXS")
	in, _ := gguf.Open(tinyModel)
	im := fakeImatrix(in.Tensors)
	in.Close()
	if _, err := QuantizeFile(context.Background(), tinyModel, out, ModelOptions{Recipe: iq2, Imatrix: im}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("IQ2_XXS: err = %v", err)
	}
	bad := &imatrix.Matrix{Entries: map[string][]float32{"blk.0.attn_q.weight": make([]float32, 3)}}
	if _, err := QuantizeFile(context.Background(), tinyModel, out, ModelOptions{Recipe: q4km, Imatrix: bad}); !errors.Is(err, ErrImatrix) {
		t.Errorf("wrong-length imatrix entry: err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
	copyPath := filepath.Join(dir, "in.gguf")
	data, _ := os.ReadFile(tinyModel)
	os.WriteFile(copyPath, data, 0o644)
	if _, err := QuantizeFile(context.Background(), copyPath, copyPath, ModelOptions{Recipe: q4km}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("output = input: err = %v", err)
	}
	if after, _ := os.ReadFile(copyPath); !bytes.Equal(after, data) {
		t.Error("the input was modified")
	}
}

func TestRequantizeNeedsPermission(t *testing.T) {
	var buf bytes.Buffer
	in, _ := gguf.Open(tinyModel)
	defer in.Close()
	q4km, _ := ParseRecipe("Q4_K_M")
	if _, err := QuantizeModel(context.Background(), in, &buf, ModelOptions{Recipe: q4km}); err != nil {
		t.Fatal(err)
	}
	q, err := gguf.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	q40, _ := ParseRecipe("Q4_0")
	if _, err := QuantizeModel(context.Background(), q, io.Discard, ModelOptions{Recipe: q40}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("requantize without permission: err = %v", err)
	}
	if _, err := QuantizeModel(context.Background(), q, io.Discard, ModelOptions{Recipe: q40, AllowRequantize: true}); err != nil {
		t.Errorf("requantize with permission: %v", err)
	}
	// The same recipe again copies every tensor: the file comes out unchanged.
	var again bytes.Buffer
	if _, err := QuantizeModel(context.Background(), q, &again, ModelOptions{Recipe: q4km}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("Q4_K_M of a Q4_K_M file is not the same file")
	}
}
