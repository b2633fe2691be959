// The frameworks under test: how to start each one (one process, one worker) and whether it can run here.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const benchDir = join(import.meta.dirname, "..");
const repoDir = join(benchDir, "..");
const serversDir = join(benchDir, "servers");

/**
 * @typedef {object} ServerSpec
 * @property {string} id
 * @property {string} label
 * @property {() => { ok: true, command: (port: number) => { file: string, args: string[] } } | { ok: false, reason: string }} prepare
 */

const nodeServer = (file) => () => ({ file: process.execPath, args: [join(serversDir, file)] });

/** Vial runs from its build (runtime/dist) through the `vial` workspace link, like a user's app. */
function prepareVial() {
  if (!existsSync(join(repoDir, "runtime/dist/index.js"))) {
    return { ok: false, reason: "runtime/dist/index.js is missing: build the runtime (node scripts/build.mjs --only runtime)" };
  }
  const probe = spawnSync(process.execPath, ["--input-type=module", "-e", 'const m = await import("vial"); if (typeof m.Vial !== "function") throw new Error("vial exports no Vial class");'], {
    cwd: repoDir,
    encoding: "utf8",
  });
  if (probe.status !== 0) return { ok: false, reason: `import { Vial } from "vial" fails: ${lastLine(probe.stderr)}` };
  return { ok: true, command: nodeServer("vial.mjs") };
}

/**
 * Flask needs a Python that imports both flask and gunicorn: python3 on PATH first, then Debian's
 * /usr/bin/python3 (python3-flask + gunicorn packages). The bench installs nothing itself.
 */
function prepareFlask() {
  const tried = [];
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(python, ["-c", "import flask, gunicorn; print(gunicorn.__version__)"], { encoding: "utf8" });
    if (probe.status === 0) {
      return {
        ok: true,
        command: (port) => ({
          file: python,
          args: ["-m", "gunicorn", "--workers", "1", "--worker-class", "sync", "--bind", `127.0.0.1:${port}`, "--chdir", serversDir, "--log-level", "warning", "flask_app:app"],
        }),
      };
    }
    tried.push(`${python}: ${probe.error ? probe.error.message : lastLine(probe.stderr)}`);
  }
  return { ok: false, reason: `no Python with both flask and gunicorn (install Debian's python3-flask and gunicorn, or pip install both). Tried ${tried.join("; ")}` };
}

function lastLine(text) {
  return (text ?? "").trim().split("\n").at(-1) ?? "";
}

const always = (file) => () => ({ ok: true, command: nodeServer(file) });

/** @type {ServerSpec[]} Vial first: it is the baseline every ratio divides by. */
export const servers = [
  { id: "vial", label: "Vial", prepare: prepareVial },
  { id: "node-http", label: "node:http", prepare: always("node-http.mjs") },
  { id: "fastify", label: "Fastify", prepare: always("fastify.mjs") },
  { id: "hono", label: "Hono (node-server)", prepare: always("hono.mjs") },
  { id: "express", label: "Express", prepare: always("express.mjs") },
  { id: "flask", label: "Flask + gunicorn (1 sync worker)", prepare: prepareFlask },
];
