package safetensors

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/shrinkml/shrink/internal/atomicfile"
)

// ShardedWriter writes a checkpoint as Hugging Face does when given a
// maximum shard size: tensors in reference order, packed greedily into
// files model-00001-of-0000N.safetensors of at most maxShardBytes of data
// each (a larger tensor gets a file of its own), and a
// model.safetensors.index.json with metadata.total_size and the weight_map.
// When everything fits in one shard it writes model.safetensors and no
// index. Nothing appears under the final names until Close succeeds.
type ShardedWriter struct {
	dir    string
	meta   Metadata
	shards [][]TensorInfo
	files  []*atomicfile.File
	w      *Writer // writer of the current shard
	done   bool
}

// NewShardedWriter plans the shards of tensors in dir.
func NewShardedWriter(dir string, meta Metadata, tensors []TensorInfo, maxShardBytes int64) (*ShardedWriter, error) {
	if maxShardBytes <= 0 {
		return nil, fmt.Errorf("safetensors: %w: maximum shard size %d", ErrInvalid, maxShardBytes)
	}
	laid, err := arrange(tensors, false)
	if err != nil {
		return nil, err
	}
	s := &ShardedWriter{dir: dir, meta: meta}
	var size int64
	for _, t := range laid {
		if n := len(s.shards); n == 0 || (size+t.Size() > maxShardBytes && len(s.shards[n-1]) > 0) {
			s.shards = append(s.shards, nil)
			size = 0
		}
		s.shards[len(s.shards)-1] = append(s.shards[len(s.shards)-1], t)
		size += t.Size()
	}
	if len(s.shards) == 0 {
		s.shards = [][]TensorInfo{nil}
	}
	if err := s.startShard(); err != nil {
		return nil, err
	}
	return s, nil
}

// shardName returns the file name of shard i.
func (s *ShardedWriter) shardName(i int) string {
	if len(s.shards) == 1 {
		return "model.safetensors"
	}
	return fmt.Sprintf("model-%05d-of-%05d.safetensors", i+1, len(s.shards))
}

// Tensors returns the tensors in the order their data must be written.
func (s *ShardedWriter) Tensors() []TensorInfo {
	var all []TensorInfo
	for _, sh := range s.shards {
		all = append(all, sh...)
	}
	return all
}

// startShard opens the next shard's file and writes its header.
func (s *ShardedWriter) startShard() error {
	i := len(s.files)
	f, err := atomicfile.Create(filepath.Join(s.dir, s.shardName(i)))
	if err != nil {
		s.Abort()
		return err
	}
	s.files = append(s.files, f)
	if s.w, err = NewWriter(f, s.meta, s.shards[i]); err != nil {
		s.Abort()
		return err
	}
	return s.advance()
}

// advance moves to the next shard when the current one is complete.
func (s *ShardedWriter) advance() error {
	if s.w.data.Remaining() == 0 && len(s.files) < len(s.shards) {
		return s.startShard()
	}
	return nil
}

// WriteTensor writes all the data of the named tensor, the next in
// Tensors() order.
func (s *ShardedWriter) WriteTensor(name string, data []byte) error {
	if err := s.w.WriteTensor(name, data); err != nil {
		return err
	}
	return s.advance()
}

// Write writes tensor data as one stream, in Tensors() order, across shards.
func (s *ShardedWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		k := len(p)
		if left := s.w.data.Remaining(); left > 0 {
			k = int(min(int64(k), left))
		}
		m, err := s.w.Write(p[:k])
		n += m
		if err != nil {
			return n, err
		}
		p = p[k:]
		if err := s.advance(); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Close checks that all data was written, then moves every shard to its
// final name and writes the index (for more than one shard).
func (s *ShardedWriter) Close() error {
	if err := s.w.Close(); err != nil {
		s.Abort()
		return err
	}
	if len(s.files) < len(s.shards) {
		s.Abort()
		return fmt.Errorf("safetensors: %w: %d of %d shards written", ErrDataLength, len(s.files), len(s.shards))
	}
	for _, f := range s.files {
		if err := f.Commit(); err != nil {
			s.Abort()
			return err
		}
	}
	s.done = true
	if len(s.shards) == 1 {
		return nil
	}
	return atomicfile.Write(context.Background(), filepath.Join(s.dir, "model"+IndexSuffix), s.writeIndex)
}

// writeIndex writes the index as transformers does: sorted keys, two-space
// indent, a final newline.
func (s *ShardedWriter) writeIndex(w io.Writer) error {
	var total int64
	weights := map[string]string{}
	for i, sh := range s.shards {
		for _, t := range sh {
			total += t.Size()
			weights[t.Name] = s.shardName(i)
		}
	}
	type meta struct {
		TotalSize int64 `json:"total_size"`
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Metadata  meta              `json:"metadata"`
		WeightMap map[string]string `json:"weight_map"`
	}{meta{total}, weights})
}

// Abort removes every file written so far. It does nothing after a
// successful Close.
func (s *ShardedWriter) Abort() {
	if s.done {
		return
	}
	for _, f := range s.files {
		f.Abort()
	}
}
