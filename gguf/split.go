package gguf

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
)

// splitName matches llama.cpp's split file names: NAME-00001-of-00003.gguf.
var splitName = regexp.MustCompile(`^(.*)-(\d{5})-of-(\d{5})\.gguf$`)

// SplitPath returns the path of split i (0-based) of n for the model prefix,
// as llama.cpp names them: prefix-0000(i+1)-of-0000n.gguf.
func SplitPath(prefix string, i, n int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.gguf", prefix, i+1, n)
}

// openSplits completes f, opened from path, into the whole model when f is
// one split of several. It opens the other splits and checks that each one
// says it is split i of n, that the tensor count adds up, and that no tensor
// name appears twice.
func (f *File) openSplits(path string, mapped bool) error {
	count, err := splitKey(path, f.Metadata, KeySplitCount)
	if err != nil || count <= 1 {
		return err
	}
	no, err := splitKey(path, f.Metadata, KeySplitNo)
	if err != nil {
		return err
	}
	m := splitName.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return fmt.Errorf("gguf: %s: %w: split %d of %d, but the name does not follow NAME-00001-of-%05d.gguf",
			path, ErrFormat, no+1, count, count)
	}
	if n, _ := strconv.Atoi(m[3]); int64(n) != count {
		return fmt.Errorf("gguf: %s: %w: %s is %d, the name says %d splits", path, ErrFormat, KeySplitCount, count, n)
	}
	prefix := filepath.Join(filepath.Dir(path), m[1])

	// Start from the first split, so that Metadata is the first split's and
	// Tensors are in model order.
	if no != 0 {
		s, h, err := openSplit(SplitPath(prefix, 0, int(count)), mapped)
		if err != nil {
			return err
		}
		f.Close()
		*f = *newFile(h, s)
	}
	if err := checkSplit(f.splits[0].Path, f.Metadata, 0, count); err != nil {
		return err
	}
	for i := 1; i < int(count); i++ {
		p := SplitPath(prefix, i, int(count))
		s, h, err := openSplit(p, mapped)
		if err != nil {
			return err
		}
		f.splits = append(f.splits, s)
		if err := checkSplit(p, h.meta, i, count); err != nil {
			return err
		}
		for _, t := range h.tensors {
			if _, dup := f.byName[t.Name]; dup {
				return fmt.Errorf("gguf: %s: tensor %q: %w: already in an earlier split", p, t.Name, ErrFormat)
			}
			t.Split = i
			f.byName[t.Name] = len(f.Tensors)
			f.Tensors = append(f.Tensors, t)
		}
	}
	if _, ok := f.Metadata.Get(KeySplitTensorsCount); ok {
		total, err := splitKey(f.splits[0].Path, f.Metadata, KeySplitTensorsCount)
		if err != nil {
			return err
		}
		if total != int64(len(f.Tensors)) {
			return fmt.Errorf("gguf: %s: %w: %s is %d, the splits hold %d tensors",
				f.splits[0].Path, ErrFormat, KeySplitTensorsCount, total, len(f.Tensors))
		}
	}
	return nil
}

// checkSplit checks that the metadata m of the file at path says it is split
// i of count.
func checkSplit(path string, m *Metadata, i int, count int64) error {
	no, err := splitKey(path, m, KeySplitNo)
	if err != nil {
		return err
	}
	c, err := splitKey(path, m, KeySplitCount)
	if err != nil {
		return err
	}
	if no != int64(i) || c != count {
		return fmt.Errorf("gguf: %s: %w: expected split %d of %d, the file says split %d of %d",
			path, ErrFormat, i, count, no, c)
	}
	return nil
}

// splitKey returns the value of an integer split key, 0 when it is absent,
// and an error when it is present but not a non-negative integer.
func splitKey(path string, m *Metadata, key string) (int64, error) {
	v, ok := m.Get(key)
	if !ok {
		return 0, nil
	}
	n, err := v.Int()
	if err != nil || n < 0 || n > math.MaxInt32 {
		return 0, fmt.Errorf("gguf: %s: key %q: %w: value %v is not a split number", path, key, ErrFormat, v)
	}
	return n, nil
}
