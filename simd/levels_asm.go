//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

// divLevelsBlock is divLevelsGeneric for n a multiple of 8, with the
// minimum of group g at m + g·mstep bytes (mstep 0 reads one zero for
// every group) and its scale at d[g] (levels_amd64.s, levels_arm64.s).
//
//go:noescape
func divLevelsBlock(L *byte, x *float32, groups, n int, m *float32, mstep int, d *float32, lo, hi, bias int32)

// zeroMinimum is the minimum divLevelsBlock reads when DivLevels has none.
var zeroMinimum float32

func divLevelsVector(L []byte, x []float32, m, d []float32, n int, lo, hi, bias int32) {
	groups := len(x) / n
	if n%8 != 0 {
		divLevelsGeneric(L, x, m, d, n, lo, hi, bias)
		return
	}
	mp, mstep := &zeroMinimum, 0
	if m != nil {
		_ = m[groups-1]
		mp, mstep = &m[0], 4
	}
	_ = d[groups-1]
	_ = L[groups*n-1]
	divLevelsBlock(&L[0], &x[0], groups, n, mp, mstep, &d[0], lo, hi, bias)
}
