package engine

import "math/rand/v2"

// SeedFromString hashes a link's seed (any string, TF Playground's are like
// "0.80424") into a 64-bit PCG seed with FNV-1a, so every seed string names
// exactly one run on every platform.
func SeedFromString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Streams of a run's randomness. Each purpose draws from its own generator so
// that, for instance, drawing feedback weights for one rule never shifts the
// forward weights or the batch order that the other run of a pair sees.
const (
	streamData = iota + 1
	streamWeights
	streamFeedback
	streamBatches
	streamRule
)

// newRNG returns the generator of one stream of a seed.
func newRNG(seed uint64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}
