// Best-of-rounds for micro-benchmarks on a noisy machine: subjects take turns, each keeps its best round.

/**
 * Runs `measure(subject)` `rounds` times per subject, interleaved (a b c, then c b a, ...: the order flips
 * every round, and `alternate` starts with the backward order), and keeps, per
 * subject, the round with the best `key` (the run least disturbed by other work). A subject that throws once
 * is dropped from later rounds and reported with its error.
 * @template S
 * @param {S[]} subjects
 * @param {number} rounds
 * @param {{ key: string, higherIsBetter: boolean }} metric
 * @param {(subject: S) => Promise<Record<string, number>>} measure
 * @param {{ alternate?: boolean }} [options]
 * @returns {Promise<Map<S, { values: Record<string, number>, rounds: number[] } | { error: Error }>>}
 * @example const best = await bestOfRounds(["vial", "nunjucks"], 3, { key: "rendersPerSecond", higherIsBetter: true }, run);
 */
export async function bestOfRounds(subjects, rounds, metric, measure, { alternate = false } = {}) {
  const outcome = new Map();
  for (let round = 0; round < rounds; round++) {
    const backward = (round % 2 === 1) !== alternate;
    for (const subject of backward ? [...subjects].reverse() : subjects) {
      const previous = outcome.get(subject);
      if (previous?.error !== undefined) continue;
      try {
        const values = await measure(subject);
        const seen = [...(previous?.rounds ?? []), values[metric.key]];
        const better = previous === undefined || (metric.higherIsBetter ? values[metric.key] > previous.values[metric.key] : values[metric.key] < previous.values[metric.key]);
        outcome.set(subject, { values: better ? values : previous.values, rounds: seen });
      } catch (error) {
        outcome.set(subject, { error });
      }
    }
  }
  return outcome;
}
