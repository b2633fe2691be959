import { afterEach, describe, expect, it } from "vitest";
import type { ListeningServer } from "./adapter/node.js";
import { Vial } from "./app.js";
import { formatLogTime, formatRequestLine, logRequests } from "./request-log.js";

const time = new Date(2026, 10, 26, 9, 5, 7);

describe("formatRequestLine", () => {
  it("writes Werkzeug's line", () => {
    expect(formatLogTime(time)).toBe("26/Nov/2026 09:05:07");
    expect(formatRequestLine({ remoteAddr: "127.0.0.1", time, method: "GET", path: "/a?b=1", protocol: "HTTP/1.1", status: 200 })).toBe(
      '127.0.0.1 - - [26/Nov/2026 09:05:07] "GET /a?b=1 HTTP/1.1" 200 -',
    );
  });

  it("escapes control characters and quotes so a URL cannot forge log lines", () => {
    const line = formatRequestLine({ remoteAddr: "::1", time, method: "GET", path: '/x\n127.0.0.1 - - "fake"', protocol: "HTTP/1.1", status: 404 });
    expect(line).not.toContain("\n");
    expect(line).toBe('::1 - - [26/Nov/2026 09:05:07] "GET /x\\x0a127.0.0.1 - - \\"fake\\" HTTP/1.1" 404 -');
  });
});

describe("logRequests", () => {
  let server: ListeningServer | undefined;
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    await server?.close();
  });

  it("logs every request an app serves, until stopped", async () => {
    const lines: string[] = [];
    stop = logRequests((line) => lines.push(line));
    const app = new Vial({ root: "/nonexistent", staticFolder: null });
    app.get("/hello", () => "hi");
    server = await app.listen({ port: 0, host: "127.0.0.1" });
    await (await fetch(`${server.url}/hello?name=a%20b`)).text();
    await (await fetch(`${server.url}/missing`)).text();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/hello\?name=a%20b HTTP\/1\.1" 200 -$/);
    expect(lines[1]).toContain('"GET /missing HTTP/1.1" 404 -');
    stop();
    await (await fetch(`${server.url}/hello`)).text();
    expect(lines).toHaveLength(2);
  });
});
