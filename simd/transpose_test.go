//go:build amd64 && gc && !purego && !noasm

package simd

import "testing"

func TestTransposes(t *testing.T) {
	for _, n := range []int{8, 16, 32} {
		src := make([]float32, 8*n)
		srcB := make([]byte, 8*n)
		for i := range src {
			src[i] = float32(i)
			srcB[i] = byte(i * 7)
		}
		dst := make([]float32, 8*n)
		transpose8(&src[0], n, &dst[0])
		dstB := make([]byte, 8*n+1)
		dstB[8*n] = 0x5a
		transposeBytes8(&srcB[0], n, &dstB[0])
		for k := range 8 {
			for i := range n {
				if dst[8*i+k] != src[k*n+i] {
					t.Fatalf("transpose8 n %d: dst[%d] = %g, want %g", n, 8*i+k, dst[8*i+k], src[k*n+i])
				}
				if dstB[k*n+i] != srcB[8*i+k] {
					t.Fatalf("transposeBytes8 n %d: dst[%d] = %d, want %d", n, k*n+i, dstB[k*n+i], srcB[8*i+k])
				}
			}
		}
		if dstB[8*n] != 0x5a {
			t.Fatal("transposeBytes8 wrote past the end")
		}
	}
}
