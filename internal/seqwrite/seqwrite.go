// Package seqwrite streams a fixed sequence of items of known sizes — the
// tensors of a container — to an io.Writer. It counts the bytes of each item,
// writes the zero padding that follows an item, refuses data past the end,
// and reports an item cut short. Errors use the calling package's prefix and
// sentinels.
package seqwrite

import (
	"fmt"
	"io"
)

// Item is one entry of the sequence: Size bytes of data, then Pad zero bytes.
type Item struct {
	Name      string
	Size, Pad int64
}

// Errors says how errors read: the message prefix ("gguf") and the
// sentinels to wrap for data of the wrong length and for misuse.
type Errors struct {
	Prefix     string
	DataLength error
	Invalid    error
}

// Writer writes the items' data in order.
type Writer struct {
	w     io.Writer
	items []Item
	e     Errors
	cur   int   // item being written
	done  int64 // bytes of item cur written
	left  int64 // data bytes not yet written, all items together
	err   error // sticky write error
}

// New returns a Writer of items to w.
func New(w io.Writer, items []Item, e Errors) *Writer {
	sw := &Writer{w: w, items: items, e: e}
	for _, it := range items {
		sw.left += it.Size
	}
	sw.err = sw.finishItems()
	return sw
}

// Remaining returns the number of data bytes still to be written.
func (w *Writer) Remaining() int64 { return w.left }

// Write writes data as one stream through the items. Bytes beyond the end
// of the last item are refused.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := 0
	for len(p) > 0 {
		if w.cur == len(w.items) {
			return n, fmt.Errorf("%s: %w: %d bytes past the end of the last tensor", w.e.Prefix, w.e.DataLength, len(p))
		}
		k := int(min(int64(len(p)), w.items[w.cur].Size-w.done))
		m, err := w.w.Write(p[:k])
		n += m
		w.done += int64(m)
		w.left -= int64(m)
		if err != nil {
			w.err = fmt.Errorf("%s: writing tensor %q: %w", w.e.Prefix, w.items[w.cur].Name, err)
			return n, w.err
		}
		p = p[k:]
		if w.err = w.finishItems(); w.err != nil {
			return n, w.err
		}
	}
	return n, nil
}

// WriteItem writes all the data of the named item, which must be the next
// one and not yet begun.
func (w *Writer) WriteItem(name string, data []byte) error {
	if w.cur == len(w.items) || w.items[w.cur].Name != name || w.done != 0 {
		next := "none: every tensor is written"
		if w.cur < len(w.items) {
			next = fmt.Sprintf("tensor %q (%d of %d bytes written)", w.items[w.cur].Name, w.done, w.items[w.cur].Size)
		}
		return fmt.Errorf("%s: tensor %q: %w: the next data is for %s", w.e.Prefix, name, w.e.Invalid, next)
	}
	if size := w.items[w.cur].Size; int64(len(data)) != size {
		return fmt.Errorf("%s: tensor %q: %w: %d bytes, want %d", w.e.Prefix, name, w.e.DataLength, len(data), size)
	}
	_, err := w.Write(data)
	return err
}

// Close reports an error if some item did not get all its data. It does
// not close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.cur < len(w.items) {
		it := w.items[w.cur]
		return fmt.Errorf("%s: tensor %q: %w: %d of %d bytes written, %d tensors left",
			w.e.Prefix, it.Name, w.e.DataLength, w.done, it.Size, len(w.items)-w.cur)
	}
	return nil
}

var zeros [4096]byte

// finishItems writes the padding of every complete item from cur on (items
// of size 0 are complete from the start) and moves past them.
func (w *Writer) finishItems() error {
	for w.cur < len(w.items) && w.done == w.items[w.cur].Size {
		for pad := w.items[w.cur].Pad; pad > 0; {
			k := min(pad, int64(len(zeros)))
			if _, err := w.w.Write(zeros[:k]); err != nil {
				return fmt.Errorf("%s: writing padding after tensor %q: %w", w.e.Prefix, w.items[w.cur].Name, err)
			}
			pad -= k
		}
		w.cur++
		w.done = 0
	}
	return nil
}
