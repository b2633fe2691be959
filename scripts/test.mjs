// `npm test`: type-check, lint, build, then every Vitest project (unit and end-to-end), closing with
// one "N passed, N failed" line that CI reads. Exits non-zero if any step or test fails.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const resultsFile = join(root, ".vitest-results.json");
const bin = (name) => join(root, "node_modules/.bin", name);

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  return result.status === 0;
}

const steps = [
  ["typecheck", "npm", ["run", "--silent", "typecheck"]],
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["build", process.execPath, [join(root, "scripts/build.mjs")]],
];
for (const [label, command, args] of steps) {
  if (!run(label, command, args)) {
    console.error(`\n${label} failed: no tests were run.`);
    process.exit(1);
  }
}

rmSync(resultsFile, { force: true });
// The electron project needs Electron's binary and runs only through `npm run test:electron`.
const projects = ["runtime", "host", "renderer", "e2e"].flatMap((name) => ["--project", name]);
const vitestOk = run("tests", bin("vitest"), [
  "run",
  ...projects,
  ...process.argv.slice(2),
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${resultsFile}`,
]);

let summary;
try {
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  // A file that fails to load has no failed test of its own: count it once as a failure.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  summary = {
    passed: results.numPassedTests,
    failed: results.numFailedTests + brokenFiles,
    skipped: results.numPendingTests + results.numTodoTests,
  };
} catch {
  summary = { passed: 0, failed: 1, skipped: 0 };
}
console.log(`\nvitest: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(vitestOk && summary.failed === 0 && summary.passed > 0 ? 0 : 1);
