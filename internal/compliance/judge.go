package compliance

import "time"

// Judge is the outcome of a clock that has counted elapsed business time,
// as Evaluate judges it against within (SPEC §3): breached past within;
// else pending while it runs, met once it has stopped.
func Judge(elapsed time.Duration, running bool, within time.Duration) Outcome {
	o, _ := verdict(elapsed, running, within)
	return o
}

// BelowTarget is the rule that breaches an objective (SPEC §3): with
// samples, an attainment met/samples below the target, compared exactly,
// in integers (the target in parts per million). Without samples nothing
// is below target.
func BelowTarget(met, samples int, targetPPM int64) bool {
	return samples > 0 && int64(met)*Million < targetPPM*int64(samples)
}

// NearestRank is the p-th percentile of sorted values by the nearest-rank
// method, as Evaluate computes p50 and p90: the value at rank
// ceil(p/100 × n); zero for no values.
func NearestRank(sorted []time.Duration, p int) time.Duration { return nearestRank(sorted, p) }
