package seqwrite

import (
	"bytes"
	"errors"
	"testing"
)

var (
	errLen = errors.New("len")
	errInv = errors.New("inv")
	errs   = Errors{Prefix: "t", DataLength: errLen, Invalid: errInv}
)

func TestPaddingAndEmptyItems(t *testing.T) {
	var buf bytes.Buffer
	w := New(&buf, []Item{{"z", 0, 0}, {"a", 3, 1}, {"e", 0, 0}, {"b", 2, 2}}, errs)
	if w.Remaining() != 5 {
		t.Fatalf("remaining %d", w.Remaining())
	}
	if _, err := w.Write([]byte{1, 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte{3, 4}); err != nil { // crosses from a to b
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, errLen) {
		t.Fatalf("Close with b short: %v", err)
	}
	if _, err := w.Write([]byte{5}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := []byte{1, 2, 3, 0, 4, 5, 0, 0}; !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("wrote %v, want %v", buf.Bytes(), want)
	}
	if _, err := w.Write([]byte{6}); !errors.Is(err, errLen) {
		t.Fatalf("past the end: %v", err)
	}
}

func TestWriteItem(t *testing.T) {
	w := New(&bytes.Buffer{}, []Item{{"a", 2, 0}, {"b", 1, 0}}, errs)
	if err := w.WriteItem("b", []byte{1}); !errors.Is(err, errInv) {
		t.Errorf("out of order: %v", err)
	}
	if err := w.WriteItem("a", []byte{1}); !errors.Is(err, errLen) {
		t.Errorf("short: %v", err)
	}
	if err := w.WriteItem("a", []byte{1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteItem("b", []byte{3}); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteItem("b", []byte{3}); !errors.Is(err, errInv) {
		t.Errorf("after the last: %v", err)
	}
}
