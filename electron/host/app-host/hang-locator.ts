/**
 * Finds where a stuck app is looping. The child runs with `--inspect-port=0`, so the inspector is off
 * until asked; when the watchdog fires, the supervisor switches it on (`process._debugProcess`, which
 * interrupts even a busy loop), pauses the main thread over the DevTools protocol, and maps the top
 * frames through the bundle's source map to the user's file:line. The inspector is on only for those
 * few hundred milliseconds on 127.0.0.1, right before the process is killed. Only for a child whose
 * launcher is `inspectable` (a Node fork; not Electron's utility process, see electron/main/utility-launcher.ts).
 */
import { readFile } from "node:fs/promises";
import { SourceMap, type SourceMapPayload } from "node:module";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import type { SourceLocation } from "./types.js";

interface CallFrame {
  location: { scriptId: string; lineNumber: number; columnNumber: number };
  url?: string;
}

interface ProtocolMessage {
  method?: string;
  params?: { scriptId?: string; url?: string; callFrames?: CallFrame[] };
}

/** Turns on the inspector of a running process (what `node inspect -p <pid>` does); false if it cannot. */
export function activateInspector(pid: number): boolean {
  const debugProcess = (process as unknown as { _debugProcess?: (pid: number) => void })._debugProcess;
  try {
    debugProcess?.(pid);
    return debugProcess !== undefined;
  } catch {
    return false;
  }
}

/** Pauses the process behind `inspectorUrl` and returns its call frames as [script url, line, column] (0-based). */
function pausedFrames(inspectorUrl: string, timeoutMs: number): Promise<Array<[string, number, number]>> {
  return new Promise((done) => {
    const scripts = new Map<string, string>();
    const socket = new WebSocket(inspectorUrl);
    const finish = (frames: Array<[string, number, number]>) => {
      clearTimeout(timer);
      socket.terminate();
      done(frames);
    };
    const timer = setTimeout(() => finish([]), timeoutMs);
    socket.on("error", () => finish([]));
    socket.on("open", () => {
      socket.send(JSON.stringify({ id: 1, method: "Debugger.enable" }));
      socket.send(JSON.stringify({ id: 2, method: "Debugger.pause" }));
    });
    socket.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString("utf8")) as ProtocolMessage;
      if (message.method === "Debugger.scriptParsed" && message.params?.scriptId && message.params.url) {
        scripts.set(message.params.scriptId, message.params.url);
      } else if (message.method === "Debugger.paused") {
        finish(
          (message.params?.callFrames ?? []).map((frame) => [
            frame.url || scripts.get(frame.location.scriptId) || "",
            frame.location.lineNumber,
            frame.location.columnNumber,
          ]),
        );
      }
    });
  });
}

function toPath(url: string): string | undefined {
  if (url.startsWith("file://")) return fileURLToPath(url);
  return isAbsolute(url) ? url : undefined;
}

/**
 * The first paused frame inside the user's project, mapped to its source, or undefined when the
 * inspector could not be reached in time.
 *
 * @example
 * const where = await locateLoop(inspectorUrl, "/p", "/p/.vial/build/app.mjs"); // { file: "app.ts", line: 7, column: 3 }
 */
export async function locateLoop(inspectorUrl: string, projectRoot: string, bundlePath: string, timeoutMs = 3000): Promise<SourceLocation | undefined> {
  const [frames, map] = await Promise.all([
    pausedFrames(inspectorUrl, timeoutMs),
    readFile(`${bundlePath}.map`, "utf8").then(
      (text) => new SourceMap(JSON.parse(text) as SourceMapPayload),
      () => undefined,
    ),
  ]);
  for (const [url, line, column] of frames) {
    const path = toPath(url);
    if (path === undefined) continue;
    let file = path;
    let position = { line, column };
    if (path === bundlePath && map) {
      const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource === undefined || entry.originalLine === undefined) continue;
      const source = entry.originalSource.startsWith("file://") ? fileURLToPath(entry.originalSource) : entry.originalSource;
      file = resolve(dirname(bundlePath), source);
      position = { line: entry.originalLine, column: entry.originalColumn ?? 0 };
    }
    const rel = relative(projectRoot, file);
    if (rel.startsWith("..") || isAbsolute(rel) || rel.split(sep).includes("node_modules")) continue;
    return { file: rel.split(sep).join("/"), line: position.line + 1, column: position.column + 1 };
  }
  return undefined;
}
