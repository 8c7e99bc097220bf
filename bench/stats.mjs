// Small statistics helpers: the benchmark reports medians over runs, and p50/p95 of
// request latencies within a run (then the median of those over runs).

export function quantile(values, q) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  // Nearest-rank: with few samples an interpolated p95 would be a value never observed.
  const idx = Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1));
  return v[idx];
}

export const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/**
 * Aggregates sessions of one server at one size into one value per metric.
 * A metric is "timeout"/"error" when no run produced it and at least one failed there.
 */
export function aggregate(sessions) {
  const failedAt = (step) => sessions.flatMap((s) => s.failures ?? []).find((f) => f.step === step)?.kind ?? null;
  const pick = (values, step) => {
    const m = median(values);
    return m === null ? failedAt(step) : m;
  };
  return {
    coldStartMs: pick(
      sessions.map((s) => s.coldStartMs),
      'initialize',
    ),
    openMs: pick(
      sessions.map((s) => s.openMs),
      'open',
    ),
    idleRssMiB: pick(
      sessions.map((s) => s.idleRssMiB),
      'initialize',
    ),
    rssMiB: pick(
      sessions.map((s) => s.rssMiB),
      'open',
    ),
    endRssMiB: pick(
      sessions.map((s) => s.endRssMiB),
      'hover',
    ),
    editMs: pick(
      sessions.map((s) => median(s.editMs)),
      'edit',
    ),
    editP95Ms: pick(
      sessions.map((s) => quantile(s.editMs, 0.95)),
      'edit',
    ),
    editClientMs: pick(
      sessions.map((s) => median(s.editClientMs ?? [])),
      'edit',
    ),
    openClientMs: pick(
      sessions.map((s) => s.openClientMs),
      'open',
    ),
    publicationKiB: pick(
      sessions.map((s) => (s.publicationBytes ? s.publicationBytes / 1024 : null)),
      'open',
    ),
    completionP50Ms: pick(
      sessions.map((s) => quantile(s.completionMs, 0.5)),
      'completion',
    ),
    completionP95Ms: pick(
      sessions.map((s) => quantile(s.completionMs, 0.95)),
      'completion',
    ),
    hoverP50Ms: pick(
      sessions.map((s) => quantile(s.hoverMs, 0.5)),
      'hover',
    ),
    hoverP95Ms: pick(
      sessions.map((s) => quantile(s.hoverMs, 0.95)),
      'hover',
    ),
    symbolsP50Ms: pick(
      sessions.map((s) => quantile(s.symbolsMs ?? [], 0.5)),
      'outline and colours after an edit',
    ),
    tokensP50Ms: pick(
      sessions.map((s) => quantile(s.tokensMs ?? [], 0.5)),
      'outline and colours after an edit',
    ),
    tokensKiB: pick(
      sessions.map((s) => median(s.tokensKiB ?? [])),
      'outline and colours after an edit',
    ),
    // Server CPU time (all threads): the same work without the waiting a busy machine adds.
    coldStartCpuMs: pick(
      sessions.map((s) => s.coldStartCpuMs),
      'initialize',
    ),
    openCpuMs: pick(
      sessions.map((s) => s.openCpuMs),
      'open',
    ),
    editCpuMs: pick(
      sessions.map((s) => median(s.editCpuMs ?? [])),
      'edit',
    ),
    completionCpuMs: pick(
      sessions.map((s) => median(s.completionCpuMs ?? [])),
      'completion',
    ),
    hoverCpuMs: pick(
      sessions.map((s) => median(s.hoverCpuMs ?? [])),
      'hover',
    ),
    runs: sessions.length,
    failedRuns: sessions.filter((s) => s.failures?.length).length,
  };
}
