package main

import (
	"strings"
	"testing"
)

func TestBenchPrintsGGMLBeside(t *testing.T) {
	code, out, stderr := runCLI(t, "bench", "-types", "q8_0,q4_K,tq1_0", "-imatrix", "-rows", "2", "-cols", "256", "-time", "1ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		var f []string
		for _, w := range strings.Fields(line) {
			if w != "✓" { // a met target
				f = append(f, w)
			}
		}
		if len(f) > 2 && f[1] == "+imatrix" {
			f = append([]string{f[0] + " +imatrix"}, f[2:]...)
		}
		if len(f) > 0 {
			rows[f[0]] = f
		}
	}
	// type, bits/weight, quantize, ggml, ×ggml, target, quantize with
	// threads, ratio, dequantize, ggml, …
	for name, want := range map[string][3]string{
		"q8_0":          {"1200–1600", "2400", "28800"},
		"q4_K":          {"83", "330", "29000"},
		"q4_K +imatrix": {"48", "190", "-"},
		"tq1_0":         {"-", "-", "-"},
	} {
		f := rows[name]
		if len(f) < 10 {
			t.Fatalf("no row for %s in:\n%s", name, out)
		}
		if f[3] != want[0] || f[5] != want[1] || f[9] != want[2] {
			t.Errorf("%s: row %q; want ggml %s, target %s, dequantize ggml %s", name, f, want[0], want[1], want[2])
		}
	}
	if !strings.Contains(out, "ggml d99724f") {
		t.Errorf("the figures' source is missing:\n%s", out)
	}
}
