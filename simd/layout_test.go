//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

import (
	"testing"
	"unsafe"
)

// TestLaneLayouts pins the Go structs whose field offsets the assembly
// spells out as numbers, so that editing one without the other fails here
// rather than in a wrong level.
func TestLaneLayouts(t *testing.T) {
	var st qkxLaneState
	var set q3Set
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		// qkx_amd64.s / qkx_arm64.s: "st layout"
		{"qkxLaneState.lo", unsafe.Offsetof(st.lo), 0},
		{"qkxLaneState.hi", unsafe.Offsetof(st.hi), 32},
		{"qkxLaneState.sumW", unsafe.Offsetof(st.sumW), 64},
		{"qkxLaneState.sumX", unsafe.Offsetof(st.sumX), 96},
		{"qkxLaneState.scale", unsafe.Offsetof(st.scale), 128},
		{"qkxLaneState.bestErr", unsafe.Offsetof(st.bestErr), 160},
		{"qkxLaneState.live", unsafe.Offsetof(st.live), 192},
		{"qkxLaneState.winIscale", unsafe.Offsetof(st.winIscale), 224},
		{"qkxLaneState.winLo", unsafe.Offsetof(st.winLo), 256},
		{"qkxLaneState.xmin", unsafe.Offsetof(st.xmin), 288},
		{"qkxLaneState.fmax", unsafe.Offsetof(st.fmax), 320},
		{"qkxLaneState.fmaxHalf", unsafe.Offsetof(st.fmaxHalf), 352},
		// q3_amd64.s (X, W, WX, LV, SETB …) and q3_arm64.s (ROWS)
		{"q3Set.w", unsafe.Offsetof(set.w), 512},
		{"q3Set.wx", unsafe.Offsetof(set.wx), 1024},
		{"q3Set.l", unsafe.Offsetof(set.l), 1536},
		{"q3Set", unsafe.Sizeof(set), 2048},
	} {
		if c.got != c.want {
			t.Errorf("%s at %d, the assembly expects %d", c.name, c.got, c.want)
		}
	}
}
