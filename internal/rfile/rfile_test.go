package rfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestPlainAndMapped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	data := []byte("0123456789abcdef")
	os.WriteFile(path, data, 0o644)
	for _, mapped := range []bool{false, true} {
		f, err := Open(path, mapped)
		if err != nil {
			t.Fatal(err)
		}
		if f.Size != 16 || f.Path != path {
			t.Fatalf("size %d path %q", f.Size, f.Path)
		}
		b, err := f.Bytes(4, 3)
		if err != nil || string(b) != "456" {
			t.Fatalf("mapped=%v: Bytes %q %v", mapped, b, err)
		}
		err = f.With(10, 6, func(b []byte) error {
			if string(b) != "abcdef" {
				t.Errorf("mapped=%v: With %q", mapped, b)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if allocs := testing.AllocsPerRun(100, func() { f.With(0, 8, func([]byte) error { return nil }) }); allocs > 0 && !raceEnabled {
			t.Errorf("mapped=%v: With allocates %v times", mapped, allocs)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	r := FromReaderAt(bytes.NewReader(data), 16)
	if b, _ := r.Bytes(0, 2); string(b) != "01" || r.Close() != nil {
		t.Fatal("FromReaderAt")
	}
	if _, err := Open(filepath.Join(t.TempDir(), "absent"), false); err == nil {
		t.Fatal("opened an absent file")
	}
}
