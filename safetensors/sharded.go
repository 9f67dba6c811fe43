package safetensors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// IndexSuffix ends the name of a sharded checkpoint's index file
// (model.safetensors.index.json).
const IndexSuffix = ".safetensors.index.json"

// maxIndexSize bounds the index file read into memory.
const maxIndexSize = 256 << 20

func isIndex(path string) bool { return strings.HasSuffix(path, IndexSuffix) }

// openDir opens the checkpoint in a folder: its index when it has one, or
// its only .safetensors file.
func openDir(dir string, mapped bool) (*File, error) {
	indexes, _ := filepath.Glob(filepath.Join(dir, "*"+IndexSuffix))
	files, _ := filepath.Glob(filepath.Join(dir, "*.safetensors"))
	switch {
	case len(indexes) == 1:
		return openIndex(indexes[0], mapped)
	case len(indexes) > 1:
		return nil, fmt.Errorf("safetensors: %s: %w: %d index files; open one of them", dir, ErrFormat, len(indexes))
	case len(files) == 1:
		return open(files[0], mapped)
	case len(files) == 0:
		return nil, fmt.Errorf("safetensors: %s: %w: no .safetensors file or index", dir, ErrFormat)
	}
	return nil, fmt.Errorf("safetensors: %s: %w: %d .safetensors files and no index; open one of them", dir, ErrFormat, len(files))
}

// index is a sharded checkpoint's index file.
type index struct {
	total     int64
	weightMap []KV // tensor name → shard file, in file order
}

// readIndex parses an index, refusing names listed twice.
func readIndex(path string) (*index, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	if st.Size() > maxIndexSize {
		return nil, formatErr(path, "", "index is %d bytes, over the %d-byte limit", st.Size(), maxIndexSize)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	var raw struct {
		Metadata struct {
			TotalSize *float64 `json:"total_size"`
		} `json:"metadata"`
		WeightMap json.RawMessage `json:"weight_map"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, formatErr(path, "", "index is not valid JSON: %v", err)
	}
	if raw.WeightMap == nil {
		return nil, formatErr(path, "", "index has no weight_map")
	}
	// The weight map is read token by token to keep its order and catch
	// names listed twice, which a Go map would merge.
	dec := json.NewDecoder(bytes.NewReader(raw.WeightMap))
	m, err := parseMetadata(dec)
	if err != nil || m == nil {
		return nil, formatErr(path, "key weight_map", "want an object of tensor names to file names: %v", err)
	}
	ix := &index{weightMap: m}
	if raw.Metadata.TotalSize != nil {
		ix.total = int64(*raw.Metadata.TotalSize)
	}
	return ix, nil
}

// openIndex opens every shard an index names and checks that each tensor it
// lists is in its shard, and that no tensor is in two shards or missing
// from the index.
func openIndex(path string, mapped bool) (*File, error) {
	ix, err := readIndex(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	f := &File{byName: map[string]int{}, TotalSize: ix.total}
	listed := map[string]string{}
	var order []string
	for _, kv := range ix.weightMap {
		if strings.ContainsAny(kv.Value, `/\`) || kv.Value == ".." {
			return nil, formatErr(path, fmt.Sprintf("tensor %q", kv.Key), "shard name %q is not a file name in the index's folder", kv.Value)
		}
		if _, seen := listed[kv.Key]; !seen {
			listed[kv.Key] = kv.Value
		}
		if !slices.Contains(order, kv.Value) {
			order = append(order, kv.Value)
		}
	}
	for _, name := range order {
		shardPath := filepath.Join(dir, name)
		h, s, err := openShard(shardPath, mapped)
		if err != nil {
			f.Close()
			return nil, err
		}
		for _, t := range h.tensors {
			if _, dup := f.byName[t.Name]; dup {
				f.Close()
				s.Close()
				return nil, formatErr(shardPath, fmt.Sprintf("tensor %q", t.Name), "also in an earlier shard")
			}
			if listed[t.Name] != name {
				f.Close()
				s.Close()
				return nil, formatErr(path, fmt.Sprintf("tensor %q", t.Name), "is in %s, but the index says %q", name, listed[t.Name])
			}
		}
		f.add(h, s)
	}
	for _, kv := range ix.weightMap {
		if _, ok := f.byName[kv.Key]; !ok {
			f.Close()
			return nil, formatErr(path, fmt.Sprintf("tensor %q", kv.Key), "listed in the index but missing from %s", kv.Value)
		}
	}
	return f, nil
}
