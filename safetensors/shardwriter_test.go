package safetensors

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestShardedWriter reshards the sharded fixture into 1000-byte shards and
// reads the result back as one checkpoint with the same tensors and bytes.
func TestShardedWriter(t *testing.T) {
	src, err := Open("testdata/sharded")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for _, max := range []int64{1000, 1 << 20} {
		dir := t.TempDir()
		w, err := NewShardedWriter(dir, Metadata{{"format", "pt"}}, src.Tensors, max)
		if err != nil {
			t.Fatal(err)
		}
		for i, ti := range w.Tensors() {
			b, _ := src.TensorBytes(ti.Name)
			if i%2 == 0 {
				err = w.WriteTensor(ti.Name, b)
			} else {
				_, err = w.Write(b)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		wantShards := 1
		if max == 1000 {
			wantShards = 5 // the largest tensors (F64, I64 [3,5,7]: 840 bytes) fill most of a shard
		}
		if got.Shards() != wantShards || len(got.Tensors) != 36 {
			t.Fatalf("max %d: %d shards, %d tensors", max, got.Shards(), len(got.Tensors))
		}
		if max == 1000 && got.TotalSize != 4305 {
			t.Errorf("total_size %d", got.TotalSize)
		}
		for _, ti := range src.Tensors {
			a, _ := src.TensorBytes(ti.Name)
			b, err := got.TensorBytes(ti.Name)
			if err != nil || !bytes.Equal(a, b) {
				t.Fatalf("%s differs: %v", ti.Name, err)
			}
		}
		got.Close()
	}
}

// TestShardedWriterIncomplete checks that a short write leaves no file.
func TestShardedWriterIncomplete(t *testing.T) {
	dir := t.TempDir()
	tensors := []TensorInfo{{Name: "a", Dtype: F32, Shape: []int64{100}}, {Name: "b", Dtype: F32, Shape: []int64{100}}}
	w, err := NewShardedWriter(dir, nil, tensors, 400)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteTensor("a", make([]byte, 400)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, ErrDataLength) {
		t.Fatalf("Close: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left %d files", len(entries))
	}
	if _, err := os.Stat(filepath.Join(dir, "model"+IndexSuffix)); err == nil {
		t.Fatal("index written")
	}
}
