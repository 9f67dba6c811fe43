package quant

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant/imatrix"
)

// The golden plans of llama.cpp's llama-quantize (release v0.5.0), from the
// team's golden/recipes set, packed in testdata/recipes/plans.tar.gz: for
// each model and run, the type of every tensor in output order, the hash of
// its bytes, the output metadata, and the whole file's SHA-256.

type goldenPlan struct {
	model, run string
	flags      []string
	sha        string // of the whole output, "" for a dry run
	size       int64
	kvs        []goldenKV
	tensors    []goldenTensor
	dryRun     bool
}

type goldenKV struct{ key, typ, val string }

type goldenTensor struct {
	name  string
	typ   gguf.Type
	shape []int64
	fnv   string
}

func loadGoldenPlans(t testing.TB) []goldenPlan {
	t.Helper()
	f, err := os.Open("testdata/recipes/plans.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var plans []goldenPlan
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(h.Name, ".plan.txt") {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		p, err := parseGoldenPlan(h.Name, string(data))
		if err != nil {
			t.Fatalf("%s: %v", h.Name, err)
		}
		plans = append(plans, p)
	}
	sort.Slice(plans, func(i, j int) bool {
		return plans[i].model+"/"+plans[i].run < plans[j].model+"/"+plans[j].run
	})
	return plans
}

func parseGoldenPlan(name, text string) (goldenPlan, error) {
	p := goldenPlan{model: path.Dir(name), run: strings.TrimSuffix(path.Base(name), ".plan.txt")}
	p.dryRun = strings.HasSuffix(p.run, ".dryrun")
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		switch {
		case strings.HasPrefix(line, "# output: "):
			for _, f := range strings.Fields(strings.TrimPrefix(line, "# output: ")) {
				k, v, _ := strings.Cut(f, "=")
				switch k {
				case "size":
					p.size, _ = strconv.ParseInt(v, 10, 64)
				case "sha256":
					p.sha = v
				}
			}
		case strings.HasPrefix(line, "# flags: "):
			p.flags = strings.Fields(strings.TrimPrefix(line, "# flags: "))
		case strings.HasPrefix(line, "#   kv "):
			f := strings.SplitN(strings.TrimPrefix(line, "#   kv "), " ", 4)
			if len(f) == 4 {
				p.kvs = append(p.kvs, goldenKV{f[1], f[2], f[3]})
			}
		case strings.HasPrefix(line, "#"):
		default:
			f := strings.Split(line, "\t")
			if len(f) != 4 {
				return p, fmt.Errorf("bad tensor line %q", line)
			}
			typ, err := gguf.ParseType(f[1])
			if err != nil {
				return p, err
			}
			var shape []int64
			for _, d := range strings.Split(f[2], ",") {
				n, _ := strconv.ParseInt(d, 10, 64)
				shape = append(shape, n)
			}
			p.tensors = append(p.tensors, goldenTensor{f[0], typ, shape, f[3]})
		}
	}
	return p, nil
}

// options turns a plan's lq command line into ModelOptions; it returns the
// recipe's input file name and the imatrix file name.
func (p *goldenPlan) options(t testing.TB) (opts ModelOptions, input, im string) {
	args := p.flags[1:]
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "--threads":
			i++
		case "--imatrix":
			i++
			im = args[i]
			opts.ImatrixFile = im
		case "--pure":
			opts.Pure = true
		case "--leave-output-tensor":
			opts.LeaveOutputTensor = true
		case "--allow-requantize":
			opts.AllowRequantize = true
		case "--no-imatrix-kv":
			opts.NoImatrixMetadata = true
		case "--dry-run":
		case "--output-tensor-type", "--token-embedding-type":
			i++
			typ, err := gguf.ParseType(args[i])
			if err != nil {
				t.Fatal(err)
			}
			if a == "--output-tensor-type" {
				opts.OutputTensorType = Some(typ)
			} else {
				opts.TokenEmbeddingType = Some(typ)
			}
		case "--tensor-type":
			i++
			tt, err := ParseTensorType(args[i])
			if err != nil {
				t.Fatal(err)
			}
			opts.TensorTypes = append(opts.TensorTypes, tt)
		default:
			if strings.HasPrefix(a, "--") {
				t.Fatalf("unknown flag %s", a)
			}
			rest := args[i:]
			input = rest[0]
			r, err := ParseRecipe(rest[len(rest)-1])
			if err != nil {
				t.Fatal(err)
			}
			opts.Recipe = r
			i = len(args)
		}
	}
	return opts, input, im
}

// inputHeader rebuilds the metadata and tensor list of a plan's input from
// the plan (for the rules only the names, shapes, scalar keys and the input
// types of tensors that stay as they are matter).
func (p *goldenPlan) inputHeader(t testing.TB, inputTypes map[string]gguf.Type, inputFileType uint32) (*gguf.Metadata, []gguf.TensorInfo) {
	meta := &gguf.Metadata{}
	for _, kv := range p.kvs {
		var v gguf.Value
		switch kv.typ {
		case "str":
			s, err := strconv.Unquote(kv.val)
			if err != nil {
				continue
			}
			v = gguf.NewValue(s)
		case "u32":
			n, _ := strconv.ParseUint(kv.val, 10, 32)
			v = gguf.NewValue(uint32(n))
		case "f32":
			x, _ := strconv.ParseFloat(kv.val, 32)
			v = gguf.NewValue(float32(x))
		case "bool":
			v = gguf.NewValue(kv.val == "true")
		default:
			if !strings.HasPrefix(kv.typ, "arr[") {
				continue
			}
			v = gguf.NewArray([]int32{}) // a stand-in: only the key's place matters here
		}
		if strings.HasPrefix(kv.key, "quantize.") || kv.key == gguf.KeyQuantizationVersion {
			continue
		}
		if kv.key == gguf.KeyFileType {
			v = gguf.NewValue(inputFileType)
		}
		if err := meta.Set(kv.key, v); err != nil {
			t.Fatal(err)
		}
	}
	var ts []gguf.TensorInfo
	for _, gt := range p.tensors {
		typ, ok := inputTypes[gt.name]
		if !ok {
			typ = gguf.TypeF32
		}
		ts = append(ts, gguf.TensorInfo{Name: gt.name, Type: typ, Shape: gt.shape})
	}
	return meta, ts
}

// fakeImatrix has an entry of the right length for every tensor llama.cpp's
// imatrix tool collects: the 2-D blk.* weights and output.weight.
func fakeImatrix(ts []gguf.TensorInfo) *imatrix.Matrix {
	m := &imatrix.Matrix{Entries: map[string][]float32{}, Datasets: []string{"fake"}, ChunkCount: 1}
	for _, t := range ts {
		if len(t.Shape) >= 2 && (strings.HasPrefix(t.Name, "blk.") || t.Name == "output.weight") &&
			!strings.Contains(t.Name, "_norm") {
			n := t.Shape[0]
			if len(t.Shape) > 2 {
				n *= t.Shape[2]
			}
			v := make([]float32, n)
			for i := range v {
				v[i] = 1
			}
			m.Entries[t.Name] = v
		}
	}
	return m
}

// TestRecipePlans checks every golden plan (every model, recipe and flag
// variant llama-quantize was run with) against PlanModel: the same tensors
// in the same order with the same types, and the same metadata keys.
func TestRecipePlans(t *testing.T) {
	plans := loadGoldenPlans(t)
	q4km := map[string]gguf.Type{}
	for _, p := range plans {
		if p.model == "deep32" && p.run == "Q4_K_M" {
			for _, gt := range p.tensors {
				q4km[gt.name] = gt.typ
			}
		}
	}
	// Dry runs wrote no file, so their plans have no metadata: take the
	// model's from one of its real runs.
	modelKVs := map[string][]goldenKV{}
	for _, p := range plans {
		if !p.dryRun && len(p.kvs) > 0 && modelKVs[p.model] == nil {
			modelKVs[p.model] = p.kvs
		}
	}
	checked := 0
	for _, p := range plans {
		if p.dryRun {
			p.kvs = modelKVs[p.model]
		}
		t.Run(p.model+"/"+p.run, func(t *testing.T) {
			inputTypes := map[string]gguf.Type{}
			var ft uint32
			switch {
			case strings.HasSuffix(p.model, "-f16"):
				ft = 1
				for _, gt := range p.tensors {
					if len(gt.shape) > 1 {
						inputTypes[gt.name] = gguf.TypeF16
					}
				}
			case p.model == "deep32-requant":
				ft = 15
				inputTypes = q4km
			}
			opts, _, im := p.options(t)
			meta, ts := p.inputHeader(t, inputTypes, ft)
			if im != "" {
				opts.Imatrix = fakeImatrix(ts)
			}
			plan, err := PlanModel(meta, ts, &opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Tensors) != len(p.tensors) {
				t.Fatalf("%d tensors, llama.cpp has %d", len(plan.Tensors), len(p.tensors))
			}
			for i, gt := range p.tensors {
				got := plan.Tensors[i]
				if got.Name != gt.name || got.To != gt.typ {
					t.Errorf("tensor %d: %s %v, llama.cpp %s %v", i, got.Name, got.To, gt.name, gt.typ)
				}
			}
			var keys, want []string
			for _, kv := range plan.Metadata.All() {
				keys = append(keys, kv.Key)
			}
			for _, kv := range p.kvs {
				want = append(want, kv.key)
			}
			if strings.Join(keys, " ") != strings.Join(want, " ") && !p.dryRun {
				t.Errorf("metadata keys\n got %v\nwant %v", keys, want)
			}
			checked++
		})
	}
	if checked < 400 {
		t.Errorf("only %d plans checked", checked)
	}
}

// TestRecipeOutputs quantizes the stories260K model (in testdata) with every
// recipe llama.cpp ran on it and compares the whole output file with
// llama.cpp's by SHA-256; on a mismatch it names the first tensor whose
// bytes differ.
func TestRecipeOutputs(t *testing.T) {
	dir := filepath.Join("testdata", "recipes")
	runGoldenOutputs(t, "stories260K", func(name string) string { return filepath.Join(dir, name) },
		func(string) bool { return true })
}

// runGoldenOutputs quantizes model's input for every non-dry-run plan that
// keep accepts; file maps the names in the plan's command line to paths.
func runGoldenOutputs(t *testing.T, model string, file func(name string) string, keep func(run string) bool) {
	plans := loadGoldenPlans(t)
	n := 0
	for _, p := range plans {
		if p.model != model || p.dryRun || !keep(p.run) {
			continue
		}
		n++
		t.Run(p.model+"/"+p.run, func(t *testing.T) {
			opts, input, im := p.options(t)
			f, err := gguf.Open(file(input))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if im != "" {
				if opts.Imatrix, err = imatrix.Open(file(im)); err != nil {
					t.Fatal(err)
				}
			}
			var buf bytes.Buffer
			_, err = QuantizeModel(context.Background(), f, &buf, opts)
			if errors.Is(err, ErrUnsupported) && strings.Contains(err.Error(), "not implemented") {
				t.Skip(err) // the plan needs a lattice quantizer (iq1_s … iq3_s)
			}
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(buf.Bytes())
			if hex.EncodeToString(sum[:]) == p.sha && int64(buf.Len()) == p.size {
				return
			}
			out, err := gguf.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatalf("output (%d bytes, llama.cpp %d) does not read back: %v", buf.Len(), p.size, err)
			}
			for i, gt := range p.tensors {
				raw, err := out.TensorBytes(out.Tensors[i].Name)
				if err != nil {
					t.Fatal(err)
				}
				h := fnv.New64a()
				h.Write(raw)
				if got := fmt.Sprintf("%016x", h.Sum64()); got != gt.fnv {
					t.Fatalf("tensor %s (%v) differs from llama.cpp's", gt.name, gt.typ)
				}
			}
			t.Fatalf("output differs from llama.cpp's (%d bytes, llama.cpp %d) though every tensor matches: metadata?", buf.Len(), p.size)
		})
	}
	if n == 0 {
		t.Fatalf("no golden runs for %s", model)
	}
}
