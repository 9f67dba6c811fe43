package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/safetensors"
)

// summaryElems is how many elements of a metadata array inspect shows
// without --full.
const summaryElems = 8

func runInspect(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("inspect", "[FILE.gguf | FILE.safetensors | FOLDER | INDEX.json]", stderr)
	full := fs.Bool("full", false, "print every element of metadata arrays")
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path := bundledModel
	switch fs.NArg() {
	case 0:
		if _, err := os.Stat(path); err != nil {
			return &usageError{fmt.Sprintf("no FILE given and the bundled model %s is not here (run from the repository root)", path)}
		}
	case 1:
		path = fs.Arg(0)
	default:
		return &usageError{"want one FILE, got " + strings.Join(fs.Args(), " ")}
	}
	r, err := inspectPath(path, *full)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	return r.print(stdout)
}

// inspectPath opens a GGUF file or a safetensors checkpoint and reports on it.
func inspectPath(path string, full bool) (*report, error) {
	if isSafetensors(path) {
		f, err := safetensors.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return newSafetensorsReport(path, f)
	}
	f, err := gguf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return newReport(path, f, full)
}

// isSafetensors tells a safetensors checkpoint (a folder, an index, a
// .safetensors file, or any file not starting with the GGUF magic) from a
// GGUF file.
func isSafetensors(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false // let the GGUF reader report it
	}
	if st.IsDir() || strings.HasSuffix(path, ".safetensors") || strings.HasSuffix(path, safetensors.IndexSuffix) {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, 4)
	_, err = io.ReadFull(f, magic)
	return err == nil && string(magic) != gguf.Magic
}

// report is what inspect prints, as text or JSON.
type report struct {
	Format     string         `json:"format"`
	Path       string         `json:"path"`
	FileBytes  int64          `json:"file_bytes"`
	Splits     int            `json:"splits"`
	Version    uint32         `json:"version,omitempty"`
	Alignment  int64          `json:"alignment,omitempty"`
	DataOffset int64          `json:"data_offset,omitempty"`
	Metadata   []metaEntry    `json:"metadata"`
	Tensors    []tensorEntry  `json:"tensors"`
	Totals     totals         `json:"totals"`
	ByType     []typeCount    `json:"by_type"`
	fileType   *gguf.FileType // for the text header
	maxElems   int            // array elements the text shows; -1 for all
}

type metaEntry struct {
	Key       string     `json:"key"`
	Type      string     `json:"type"`
	Len       *int       `json:"n,omitempty"`         // arrays only
	Value     gguf.Value `json:"value"`               // arrays cut to summaryElems unless --full
	Truncated bool       `json:"truncated,omitempty"` // the array was cut
	whole     gguf.Value // the uncut value, for the text
}

type tensorEntry struct {
	Name   string  `json:"name"`
	Type   string  `json:"type"`
	Shape  []int64 `json:"shape"`
	Bytes  int64   `json:"bytes"`
	Offset int64   `json:"offset"`
	Split  int     `json:"split"`
}

type totals struct {
	Tensors       int     `json:"tensors"`
	Parameters    int64   `json:"parameters"`
	Bytes         int64   `json:"bytes"`
	BitsPerWeight float64 `json:"bits_per_weight"`
}

type typeCount struct {
	Type       string `json:"type"`
	Tensors    int    `json:"tensors"`
	Parameters int64  `json:"parameters"`
	Bytes      int64  `json:"bytes"`
}

func newReport(path string, f *gguf.File, full bool) (*report, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	r := &report{Format: "gguf", Path: path, FileBytes: st.Size(), Splits: f.Splits(), Version: f.Version,
		Alignment: f.Alignment, DataOffset: f.DataOffset, maxElems: summaryElems}
	if full {
		r.maxElems = -1
	}
	for _, kv := range f.Metadata.All() {
		e := metaEntry{Key: kv.Key, Type: kv.Value.TypeName(), Value: kv.Value, whole: kv.Value}
		if kv.Value.Type() == gguf.ValueArray {
			n := kv.Value.Len()
			e.Len = &n
			if !full && n > summaryElems {
				e.Value, _ = kv.Value.Slice(0, summaryElems)
				e.Truncated = true
			}
		}
		r.Metadata = append(r.Metadata, e)
	}
	if n, err := gguf.LookupInt(f.Metadata, gguf.KeyFileType); err == nil {
		ft := gguf.FileType(n)
		r.fileType = &ft
	}
	for _, t := range f.Tensors {
		r.Tensors = append(r.Tensors, tensorEntry{t.Name, t.Type.String(), t.Shape, t.Size(), t.Offset, t.Split})
	}
	r.total()
	return r, nil
}

// newSafetensorsReport reports on a safetensors checkpoint. Shapes are
// row-major, as the format writes them; offsets are data_offsets.
func newSafetensorsReport(path string, f *safetensors.File) (*report, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	r := &report{Format: "safetensors", Path: path, FileBytes: st.Size(), Splits: f.Shards()}
	if st.IsDir() || f.Shards() > 1 {
		r.FileBytes = 0 // a folder or an index: its own size says nothing
	}
	for _, kv := range f.Metadata {
		v := gguf.NewValue(kv.Value)
		r.Metadata = append(r.Metadata, metaEntry{Key: kv.Key, Type: "str", Value: v, whole: v})
	}
	for _, t := range f.Tensors {
		r.Tensors = append(r.Tensors, tensorEntry{t.Name, t.Dtype.String(), t.Shape, t.Size(), t.Begin, t.Shard})
	}
	r.total()
	return r, nil
}

// total fills Totals and ByType from Tensors.
func (r *report) total() {
	byType := map[string]*typeCount{}
	for _, t := range r.Tensors {
		n := int64(1)
		for _, d := range t.Shape {
			n *= d
		}
		r.Totals.Parameters += n
		r.Totals.Bytes += t.Bytes
		c := byType[t.Type]
		if c == nil {
			c = &typeCount{Type: t.Type}
			byType[t.Type] = c
		}
		c.Tensors++
		c.Parameters += n
		c.Bytes += t.Bytes
	}
	r.Totals.Tensors = len(r.Tensors)
	if r.Totals.Parameters > 0 {
		r.Totals.BitsPerWeight = float64(8*r.Totals.Bytes) / float64(r.Totals.Parameters)
	}
	for _, c := range byType {
		r.ByType = append(r.ByType, *c)
	}
	slices.SortFunc(r.ByType, func(a, b typeCount) int {
		return cmp.Or(cmp.Compare(b.Parameters, a.Parameters), cmp.Compare(a.Type, b.Type))
	})
}

func (r *report) print(w io.Writer) error {
	fmt.Fprintf(w, "file:        %s (%s", r.Path, r.Format)
	if r.FileBytes > 0 {
		fmt.Fprintf(w, ", %s", humanBytes(r.FileBytes))
	}
	if r.Splits > 1 {
		fmt.Fprintf(w, ", %d files", r.Splits)
	}
	fmt.Fprintln(w, ")")
	if r.Format == "gguf" {
		fmt.Fprintf(w, "version:     %d\nalignment:   %d\ndata offset: %d\n", r.Version, r.Alignment, r.DataOffset)
	}
	if r.fileType != nil {
		fmt.Fprintf(w, "file type:   %v\n", *r.fileType)
	}

	fmt.Fprintf(w, "\nmetadata (%d keys):\n", len(r.Metadata))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range r.Metadata {
		typ := e.Type
		if e.Len != nil {
			typ = fmt.Sprintf("%s n=%d", e.Type, *e.Len)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", e.Key, typ, e.whole.Summary(r.maxElems))
	}
	tw.Flush()

	fmt.Fprintf(w, "\ntensors (%d):\n", len(r.Tensors))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	split := ""
	if r.Splits > 1 {
		split = "split\t"
	}
	fmt.Fprintf(tw, "  name\ttype\tshape\tbytes\toffset\t%s\n", split)
	for _, t := range r.Tensors {
		if r.Splits > 1 {
			split = fmt.Sprintf("%d\t", t.Split)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d\t%s\n", t.Name, t.Type, shapeString(t.Shape), t.Bytes, t.Offset, split)
	}
	tw.Flush()

	fmt.Fprintf(w, "\ntotals: %d tensors, %d parameters, %s, %.3f bits per weight\n",
		r.Totals.Tensors, r.Totals.Parameters, humanBytes(r.Totals.Bytes), r.Totals.BitsPerWeight)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  type\ttensors\tparameters\tbytes\t\n")
	for _, c := range r.ByType {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t\n", c.Type, c.Tensors, c.Parameters, c.Bytes)
	}
	return tw.Flush()
}

func shapeString(shape []int64) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.2f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
