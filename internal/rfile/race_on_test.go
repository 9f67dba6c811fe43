//go:build race

package rfile

// raceEnabled: sync.Pool drops items at random under the race detector.
const raceEnabled = true
