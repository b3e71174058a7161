// The sampling plan both latency benchmarks (NOTIFY and SSE) follow, so their figures compare.

/** Samples taken first and thrown away: connection and JIT warm-up. */
export const WARMUP = 50
export const SAMPLES = 300
/** Pause between samples, so each change is measured on its own rather than read in a batch. */
export const SPACING_MS = 3
export const SAMPLE_TIMEOUT_MS = 5000
/** The engine may cost at most this much over the bare client measured alongside. */
export const TARGET_RATIO = 1.2
