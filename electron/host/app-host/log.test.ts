import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { BoundedList, OutputLog, readLines, RequestLog } from "./log.js";

describe("readLines", () => {
  it("joins chunks into lines and delivers the last partial line at the end", async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    readLines(stream, (line) => lines.push(line));
    stream.write("hel");
    stream.write("lo\r\nwor");
    stream.end("ld\nbye");
    await new Promise((resolve) => stream.on("end", resolve));
    expect(lines).toEqual(["hello", "world", "bye"]);
  });

  it("cuts a runaway line", async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    readLines(stream, (line) => lines.push(line), 4);
    stream.end("abcdefgh\n");
    await new Promise((resolve) => stream.on("end", resolve));
    expect(lines).toEqual(["abcd…"]);
  });
});

describe("logs", () => {
  it("keep only the newest items", () => {
    const list = new BoundedList<number>(3);
    for (const n of [1, 2, 3, 4, 5]) list.push(n);
    expect(list.items()).toEqual([3, 4, 5]);
  });

  it("number output lines and requests", () => {
    const output = new OutputLog();
    output.add("stdout", "a");
    expect(output.add("stderr", "b")).toMatchObject({ seq: 2, stream: "stderr", text: "b" });
    const requests = new RequestLog();
    const entry = { method: "GET", path: "/", status: 200, durationMs: 1, time: 0, requestHeaders: {}, responseHeaders: {} };
    requests.add(entry);
    expect(requests.add(entry).id).toBe(2);
    requests.clear();
    expect(requests.entries()).toEqual([]);
  });
});
