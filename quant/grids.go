package quant

import (
	"embed"
	"encoding/binary"
)

// The lattice types (iq1_s … iq3_s) store indices into fixed codebooks of
// 4 or 8 values. The codebooks are data, not computable: grids/*.bin hold
// ggml's iq1s_grid, iq2xxs_grid, iq2xs_grid, iq2s_grid (8 bytes per entry)
// and iq3xxs_grid, iq3s_grid (4 bytes per entry), little-endian, as in
// src/ggml-common.h of ggml commit d99724f2. TestGridChecksums pins them.

//go:embed grids/*.bin
var gridFiles embed.FS

var (
	gridIQ1S   = loadGrid8("iq1s", 2048)
	gridIQ2XXS = loadGrid8("iq2xxs", 256)
	gridIQ2XS  = loadGrid8("iq2xs", 512)
	gridIQ2S   = loadGrid8("iq2s", 1024)
	gridIQ3XXS = loadGrid4("iq3xxs", 256)
	gridIQ3S   = loadGrid4("iq3s", 512)
)

func readGrid(name string, size int) []byte {
	b, err := gridFiles.ReadFile("grids/" + name + ".bin")
	if err != nil || len(b) != size {
		panic("quant: embedded grid " + name + " is missing or truncated")
	}
	return b
}

// loadGrid8 returns a codebook of n entries of 8 bytes each.
func loadGrid8(name string, n int) [][8]byte {
	b := readGrid(name, 8*n)
	g := make([][8]byte, n)
	for i := range g {
		copy(g[i][:], b[8*i:])
	}
	return g
}

// loadGrid4 returns a codebook of n entries of 4 bytes each.
func loadGrid4(name string, n int) [][4]byte {
	b := readGrid(name, 4*n)
	g := make([][4]byte, n)
	for i := range g {
		copy(g[i][:], b[4*i:])
	}
	return g
}

// signs7 expands 7 sign bits to 8 by adding the parity bit, so that every
// group of 8 has an even number of negative values (ggml's ksigns_iq2xs).
func signs7(s uint32) uint8 {
	s &= 127
	p := s ^ s>>4
	p ^= p >> 2
	p ^= p >> 1
	return uint8(s | (p&1)<<7)
}

// signed returns v, negated when bit j of signs is set.
func signed(v float32, signs uint8, j int) float32 {
	if signs>>j&1 != 0 {
		return -v
	}
	return v
}

func u16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func u32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
