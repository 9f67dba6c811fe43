package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestInspectText(t *testing.T) {
	code, out, stderr := runCLI(t, "inspect", "../../gguf/testdata/sample.gguf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	flat := strings.Join(strings.Fields(out), " ") // columns are padded: compare words
	for _, want := range []string{
		"version: 3",
		"data offset: 1216",
		`general.name str "qref \"sample\"\twith escapes\nand UTF-8: é€"`,
		"sample.arr_i32 arr[i32] n=10 [1, -2, 3, -4, 5, 2147483647, -2147483648, 0, ...]",
		"t.q4_K q4_K [256, 2] 288 384",
		"totals: 6 tensors, 917 parameters, 766 bytes, 6.683 bits per weight",
		"q4_K 1 512 288",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestInspectFull(t *testing.T) {
	_, out, _ := runCLI(t, "inspect", "--full", "../../gguf/testdata/sample.gguf")
	if !strings.Contains(out, "[1, -2, 3, -4, 5, 2147483647, -2147483648, 0, 42, 7]") {
		t.Errorf("--full did not print the whole array:\n%s", out)
	}
}

func TestInspectJSON(t *testing.T) {
	code, out, stderr := runCLI(t, "inspect", "--json", "../../gguf/testdata/ollama-llama-2-tiny-random.gguf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Version  int
		Metadata []struct {
			Key       string
			N         int
			Value     any
			Truncated bool
		}
		Tensors []struct {
			Name  string
			Type  string
			Shape []int64
			Bytes int64
		}
		Totals struct {
			Parameters    int64
			BitsPerWeight float64 `json:"bits_per_weight"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	tokens := r.Metadata[12]
	if tokens.Key != "tokenizer.ggml.tokens" || tokens.N != 32000 || !tokens.Truncated ||
		fmt.Sprint(tokens.Value) != "[<unk> <s> </s> <0x00> <0x01> <0x02> <0x03> <0x04>]" {
		t.Errorf("tokens entry: %+v", tokens)
	}
	if len(r.Tensors) != 12 || r.Tensors[0].Name != "token_embd.weight" || r.Tensors[0].Bytes != 512000 {
		t.Errorf("tensors: %+v", r.Tensors[:1])
	}
	if r.Totals.Parameters != 8*32000*2+4*64+3*256+3*8 {
		t.Errorf("parameters %d", r.Totals.Parameters)
	}
}

func TestInspectBundled(t *testing.T) {
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir("../..")
	code, out, stderr := runCLI(t, "inspect")
	if code != 0 || !strings.Contains(out, "tiny-llama") || !strings.Contains(out, "1836288 parameters") {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
}

func TestExitCodes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.gguf")
	os.WriteFile(bad, []byte("GGUF\x03\x00\x00\x00"), 0o644)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "usage: shrink"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"inspect", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"inspect", "a", "b"}, 2, "want one FILE"},
		{[]string{"inspect", bad}, 1, "bad.gguf: offset 8: file ends"},
		{[]string{"inspect", "/does/not/exist.gguf"}, 1, "no such file"},
		{[]string{"help"}, 0, "inspect"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
}

func TestInspectSafetensors(t *testing.T) {
	for _, path := range []string{
		"../../safetensors/testdata/sharded",
		"../../safetensors/testdata/sharded/model.safetensors.index.json",
	} {
		code, out, stderr := runCLI(t, "inspect", path)
		flat := strings.Join(strings.Fields(out), " ")
		if code != 0 || !strings.Contains(flat, "(safetensors, 6 files)") || !strings.Contains(flat, "totals: 36 tensors, 1476 parameters") ||
			!strings.Contains(flat, "float32_35 F32 [3, 5] 60") {
			t.Errorf("%s: exit %d\n%s%s", path, code, out, stderr)
		}
	}
	code, out, _ := runCLI(t, "inspect", "--json", "../../safetensors/testdata/coffeevampir3-model.safetensors")
	if code != 0 || !strings.Contains(out, `"format": "safetensors"`) || !strings.Contains(out, `"key": "git_tag"`) {
		t.Errorf("json: exit %d\n%s", code, out)
	}
}
