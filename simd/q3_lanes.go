//go:build (amd64 || arm64) && gc && !purego && !noasm

package simd

import "unsafe"

// q3LaneRows is the longest group the lanes take: q3_K's groups are 16
// values, and the workspace (zeroed by Go on every Q3 call) stays small.
const q3LaneRows = 16

// q3Set is one set of 8 groups in the lanes: row i of x, of w = x², of
// w·x and of the levels holds value i of each group.
type q3Set struct {
	x, w, wx [q3LaneRows][8]float32
	l        [q3LaneRows][8]int32
}

// q3Buffer is the lanes' workspace: q3Sets sets searched together.
type q3Buffer [q3Sets]q3Set

// q3Sums holds each lane's Σlx, then each lane's Σl2.
type q3Sums [2][8 * q3Sets]float32

// q3Search runs make_q3_quants for the q3Sets sets of buf, n rows each,
// interleaved (q3_amd64.s, q3_arm64.s). With vmax (each group's value of
// largest magnitude) it starts with the first fit; without, it resumes
// from the levels in buf and the sums. Then up to passes passes of
// coordinate descent, stopping after a pass that changed no lane; the
// sums are written back and the result has bit 8·set + lane set for each
// lane the last pass run changed. The levels plus nmax go to out as bytes,
// each set's n rows of 8 lanes, one set after the other.
//
//go:noescape
func q3Search(buf *q3Buffer, n int, vmax *[8 * q3Sets]float32, nmax int32, sums *q3Sums, passes int, out *q3Levels) (changed uint32)

// q3Levels receives q3Search's levels as bytes.
type q3Levels [8 * q3Sets * q3LaneRows]byte

// q3Run runs Q3 in the lanes. Most groups are settled by the first pass
// (it changes nothing) and a few need up to four more, but lanes run in
// lockstep: searching groups to the end together would make every set of
// lanes wait for its slowest group. So each group gets its first fit and
// first pass in buf, 8·q3Sets at a time; a group that pass changed moves
// to the queue, which resumes its groups for the passes they have left
// whenever it is full, and at the end. The results are ggml's: a group's
// own steps are the same wherever it runs.
type q3Run struct {
	x           []float32
	L           []int8
	scale       []float32
	n, nmax     int
	buf, queue  q3Buffer
	sums, qsums q3Sums
	out, qout   q3Levels
	queued      [8 * q3Sets]int // the group in each lane of the queue
	nq          int             // lanes of the queue in use
}

// first searches groups g … g+k−1 (k a multiple of 8, at most 8·q3Sets):
// first fit and first pass; every group's levels are written out, and a
// group the pass changed is queued (its levels are written again when it
// is done). Sets without groups are zeros, which no step changes.
func (r *q3Run) first(g, k int) {
	n := r.n
	var vmax, amax [8 * q3Sets]float32
	for s := range q3Sets {
		b := &r.buf[s]
		if 8*s >= k {
			*b = q3Set{}
			continue
		}
		transpose8(&r.x[(g+8*s)*n], n, &b.x[0][0])
		qxWeights(&b.x[0][0], &b.w[0][0], &b.wx[0][0], n, true, (*[8]float32)(vmax[8*s:]), (*[8]float32)(amax[8*s:]))
	}
	changed := q3Search(&r.buf, n, &vmax, int32(r.nmax), &r.sums, 1, &r.out)
	for s := range k / 8 {
		transposeBytes8(&r.out[8*n*s], n, (*byte)(unsafe.Pointer(&r.L[(g+8*s)*n])))
	}
	for lane := range k {
		switch {
		case amax[lane] < qxGroupMaxEps:
			clear(r.L[(g+lane)*n : (g+lane+1)*n])
			r.scale[g+lane] = 0
		case changed>>lane&1 != 0:
			r.enqueue(g+lane, lane)
		default:
			r.scale[g+lane] = q3Scale(&r.sums, lane)
		}
	}
}

// enqueue moves a lane of buf, holding group g, to the queue, and resumes
// the queue when it is full.
func (r *q3Run) enqueue(g, lane int) {
	q := r.nq
	from, to := &r.buf[lane/8], &r.queue[q/8]
	i, j := lane&7, q&7
	for row := range q3LaneRows {
		to.x[row][j] = from.x[row][i]
		to.w[row][j] = from.w[row][i]
		to.wx[row][j] = from.wx[row][i]
		to.l[row][j] = from.l[row][i]
	}
	r.qsums[0][q], r.qsums[1][q] = r.sums[0][lane], r.sums[1][lane]
	r.queued[q] = g
	r.nq++
	if r.nq == len(r.queued) {
		r.flush()
	}
}

// flush resumes the queued groups for the four passes each has left (one
// of ggml's five was the first) and writes them out. Unused lanes are
// made zeros, which no step changes.
func (r *q3Run) flush() {
	if r.nq == 0 {
		return
	}
	for q := r.nq; q < len(r.queued); q++ {
		set, j := &r.queue[q/8], q%8
		for row := range r.n {
			set.x[row][j], set.w[row][j], set.wx[row][j] = 0, 0, 0
		}
		r.qsums[0][q], r.qsums[1][q] = 0, 0
	}
	q3Search(&r.queue, r.n, nil, int32(r.nmax), &r.qsums, 4, &r.qout)
	n := r.n
	for q, g := range r.queued[:r.nq] {
		levels := r.qout[8*n*(q/8)+q&7:]
		L := r.L[g*n : (g+1)*n]
		for row := range L {
			L[row] = int8(levels[8*row])
		}
		r.scale[g] = q3Scale(&r.qsums, q)
	}
	r.nq = 0
}

// q3Scale is a lane's scale Σlx/Σl2, or 0 unless Σl2 > 0.
func q3Scale(sums *q3Sums, lane int) float32 {
	if sums[1][lane] > 0 {
		return sums[0][lane] / sums[1][lane]
	}
	return 0
}

// q3Vector runs Q3 in the lanes for groups of n ≤ q3LaneRows values (n a
// multiple of 8), 8·q3Sets groups at a time, and the last groups (fewer
// than 8) in q3Generic.
func q3Vector(x []float32, L []int8, scale []float32, n, nmax int) {
	groups := len(x) / n
	g := 0
	if n <= q3LaneRows && n%8 == 0 && groups >= 8 {
		_, _ = L[groups*n-1], scale[groups-1]
		r := q3Run{x: x, L: L, scale: scale, n: n, nmax: nmax}
		for g+8 <= groups {
			k := min(8*q3Sets, (groups-g)&^7)
			r.first(g, k)
			g += k
		}
		r.flush()
	}
	q3Generic(x[g*n:groups*n], L[g*n:], scale[g:], n, nmax)
}
