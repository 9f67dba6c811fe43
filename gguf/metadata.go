package gguf

import "fmt"

// Well-known metadata keys.
const (
	KeyArchitecture        = "general.architecture"
	KeyName                = "general.name"
	KeyAlignment           = "general.alignment"
	KeyFileType            = "general.file_type"
	KeyQuantizationVersion = "general.quantization_version"
	KeySplitNo             = "split.no"
	KeySplitCount          = "split.count"
	KeySplitTensorsCount   = "split.tensors.count"
)

// DefaultAlignment is the alignment of tensor data when a file has no
// general.alignment key.
const DefaultAlignment = 32

// KV is one metadata key and its value.
type KV struct {
	Key   string
	Value Value
}

// Metadata is the ordered list of a file's key–value pairs. The zero value
// is empty and ready to use. Keys are unique; order is kept as read or set.
type Metadata struct {
	kvs   []KV
	index map[string]int
}

// NewMetadata returns metadata holding kvs in order. It fails when a key is
// empty or repeated.
func NewMetadata(kvs ...KV) (*Metadata, error) {
	m := &Metadata{}
	for _, kv := range kvs {
		if _, dup := m.Get(kv.Key); dup {
			return nil, fmt.Errorf("gguf: %w: duplicate metadata key %q", ErrInvalid, kv.Key)
		}
		if err := m.Set(kv.Key, kv.Value); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Len returns the number of keys.
func (m *Metadata) Len() int { return len(m.kvs) }

// All returns the key–value pairs in order. The slice must not be modified.
func (m *Metadata) All() []KV { return m.kvs }

// Get returns the value of key, and whether it is present.
func (m *Metadata) Get(key string) (Value, bool) {
	i, ok := m.index[key]
	if !ok {
		return Value{}, false
	}
	return m.kvs[i].Value, true
}

// Set gives key the value v: in place when key is present, appended at the
// end otherwise. It fails when key is empty.
func (m *Metadata) Set(key string, v Value) error {
	if key == "" {
		return fmt.Errorf("gguf: %w: empty metadata key", ErrInvalid)
	}
	if i, ok := m.index[key]; ok {
		m.kvs[i].Value = v
		return nil
	}
	if m.index == nil {
		m.index = make(map[string]int)
	}
	m.index[key] = len(m.kvs)
	m.kvs = append(m.kvs, KV{key, v})
	return nil
}

// Delete removes key, keeping the order of the others. It reports whether
// the key was present.
func (m *Metadata) Delete(key string) bool {
	i, ok := m.index[key]
	if !ok {
		return false
	}
	m.kvs = append(m.kvs[:i], m.kvs[i+1:]...)
	delete(m.index, key)
	for j := i; j < len(m.kvs); j++ {
		m.index[m.kvs[j].Key] = j
	}
	return true
}

// Clone returns a copy of m that can be changed without changing m. Values
// are shared, which is safe because they are immutable.
func (m *Metadata) Clone() *Metadata {
	c := &Metadata{kvs: append([]KV(nil), m.kvs...), index: make(map[string]int, len(m.kvs))}
	for i, kv := range c.kvs {
		c.index[kv.Key] = i
	}
	return c
}

// Lookup returns the value of key as a T. It fails with ErrNotFound when key
// is absent and ErrType when its value is not a T; the error names the key.
func Lookup[T Scalar](m *Metadata, key string) (T, error) {
	var zero T
	v, ok := m.Get(key)
	if !ok {
		return zero, fmt.Errorf("gguf: metadata key %q: %w", key, ErrNotFound)
	}
	x, err := As[T](v)
	if err != nil {
		return zero, fmt.Errorf("gguf: metadata key %q: %w", key, err)
	}
	return x, nil
}

// LookupInt returns the value of key, of any integer type, as an int64.
func LookupInt(m *Metadata, key string) (int64, error) {
	v, ok := m.Get(key)
	if !ok {
		return 0, fmt.Errorf("gguf: metadata key %q: %w", key, ErrNotFound)
	}
	n, err := v.Int()
	if err != nil {
		return 0, fmt.Errorf("gguf: metadata key %q: %w", key, err)
	}
	return n, nil
}
