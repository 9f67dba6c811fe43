package quant

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/internal/half"
)

var benchModelMB = flag.Int("model-mb", 1024, "size in MB of the generated F16 model BenchmarkQuantizeModel quantizes")

// BenchmarkQuantizeModel quantizes a generated llama-shaped F16 model of
// about -model-mb MB (1 GB by default, 64 MB with -short) with all cores,
// reporting MB/s of input and the peak Go heap, which must stay a few
// chunks of rows whatever the model's size.
func BenchmarkQuantizeModel(b *testing.B) {
	mb := *benchModelMB
	if testing.Short() {
		mb = 64
	}
	path := filepath.Join(b.TempDir(), "model-f16.gguf")
	size, err := writeBenchModel(path, int64(mb)<<20)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"Q8_0", "Q4_K_M"} {
		b.Run(fmt.Sprintf("%s/%dMB", name, size>>20), func(b *testing.B) {
			r, _ := ParseRecipe(name)
			out := filepath.Join(b.TempDir(), "out.gguf")
			b.SetBytes(size)
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			var peak atomic.Uint64
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() { // sample the heap while the benchmark runs
				defer close(done)
				var ms runtime.MemStats
				for {
					runtime.ReadMemStats(&ms)
					if ms.HeapAlloc > peak.Load() {
						peak.Store(ms.HeapAlloc)
					}
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
					}
				}
			}()
			for b.Loop() {
				if _, err := QuantizeFile(context.Background(), path, out, ModelOptions{Recipe: r}); err != nil {
					b.Fatal(err)
				}
			}
			close(stop)
			<-done
			b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapAlloc))/1e6, "peak-heap-MB")
		})
	}
}

// writeBenchModel writes a llama-shaped F16 GGUF of about size bytes:
// embedding 2048, feed-forward 5632, 32 heads (8 KV heads), N(0, 0.02)-like
// weights from a fixed-seed generator. It returns the tensor bytes.
func writeBenchModel(path string, size int64) (int64, error) {
	const dim, ff, vocab, headDim = 2048, 5632, 8192, 64
	perLayer := int64(2*(dim*dim+dim*dim/4)+3*dim*ff) * 2
	layers := max(1, int((size-2*vocab*dim*2)/perLayer))
	meta := &gguf.Metadata{}
	for _, kv := range []gguf.KV{
		{Key: "general.architecture", Value: gguf.NewValue("llama")},
		{Key: "general.name", Value: gguf.NewValue("bench")},
		{Key: "llama.block_count", Value: gguf.NewValue(uint32(layers))},
		{Key: "llama.embedding_length", Value: gguf.NewValue(uint32(dim))},
		{Key: "llama.feed_forward_length", Value: gguf.NewValue(uint32(ff))},
		{Key: "llama.attention.head_count", Value: gguf.NewValue(uint32(dim / headDim))},
		{Key: "llama.attention.head_count_kv", Value: gguf.NewValue(uint32(dim / headDim / 4))},
		{Key: "general.file_type", Value: gguf.NewValue(uint32(gguf.FileTypeMostlyF16))},
	} {
		if err := meta.Set(kv.Key, kv.Value); err != nil {
			return 0, err
		}
	}
	var ts []gguf.TensorInfo
	add := func(name string, t gguf.Type, shape ...int64) {
		ts = append(ts, gguf.TensorInfo{Name: name, Type: t, Shape: shape})
	}
	add("token_embd.weight", gguf.TypeF16, dim, vocab)
	add("output_norm.weight", gguf.TypeF32, dim)
	add("output.weight", gguf.TypeF16, dim, vocab)
	for l := range layers {
		p := fmt.Sprintf("blk.%d.", l)
		add(p+"attn_norm.weight", gguf.TypeF32, dim)
		add(p+"attn_q.weight", gguf.TypeF16, dim, dim)
		add(p+"attn_k.weight", gguf.TypeF16, dim, dim/4)
		add(p+"attn_v.weight", gguf.TypeF16, dim, dim/4)
		add(p+"attn_output.weight", gguf.TypeF16, dim, dim)
		add(p+"ffn_norm.weight", gguf.TypeF32, dim)
		add(p+"ffn_gate.weight", gguf.TypeF16, dim, ff)
		add(p+"ffn_up.weight", gguf.TypeF16, dim, ff)
		add(p+"ffn_down.weight", gguf.TypeF16, ff, dim)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w, err := gguf.NewWriter(f, meta, ts)
	if err != nil {
		return 0, err
	}
	state := uint64(0x9e3779b97f4a7c15)
	buf := make([]byte, 1<<20)
	var total int64
	for _, t := range ts {
		n := t.Size()
		total += n
		for n > 0 {
			chunk := buf[:min(int64(len(buf)), n)]
			for i := 0; i < len(chunk); {
				state ^= state << 13
				state ^= state >> 7
				state ^= state << 17
				// A sum of four uniforms is close enough to normal here.
				u := float64(state&0xffff+state>>16&0xffff+state>>32&0xffff+state>>48) / 65536
				v := float32((u - 2) * 0.035)
				if t.Type == gguf.TypeF32 {
					bits := math.Float32bits(1 + v)
					chunk[i], chunk[i+1], chunk[i+2], chunk[i+3] = byte(bits), byte(bits>>8), byte(bits>>16), byte(bits>>24)
					i += 4
					continue
				}
				h := half.F32ToF16(v)
				chunk[i], chunk[i+1] = byte(h), byte(h>>8)
				i += 2
			}
			if _, err := w.Write(chunk); err != nil {
				return 0, err
			}
			n -= int64(len(chunk))
		}
	}
	return total, w.Close()
}
