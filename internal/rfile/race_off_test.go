//go:build !race

package rfile

const raceEnabled = false
