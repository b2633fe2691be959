// `npm run test:fuzz`: the long form of the fuzz suite. Flags: --requests N (cases to send),
// --seed S (repeat a run), --case I (only case I of the seed), --concurrency C. Exits 1 on any failure.
import process from "node:process";
import { parseArgs } from "node:util";
import { runFuzz } from "./harness.mjs";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "100000" },
    seed: { type: "string" },
    case: { type: "string" },
    concurrency: { type: "string", default: "32" },
  },
});

const figures = await runFuzz({
  requests: Number(values.requests),
  seed: values.seed === undefined ? undefined : Number(values.seed),
  onlyCase: values.case === undefined ? undefined : Number(values.case),
  concurrency: Number(values.concurrency),
});
process.exitCode = figures.failures.length === 0 && figures.crashes === 0 ? 0 : 1;
