// Seeded generation of raw HTTP/1.1 requests for the fuzz suite. Case `i` of seed `s` is always the same
// bytes (its own PRNG is seeded from both), so one failing case reproduces alone with --case.
import { Buffer } from "node:buffer";

/** mulberry32: small, fast and good enough to pick test inputs. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

function caseSeed(seed, index) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const ROUTES = [
  () => "/",
  (r) => `/user/${r.pick(["1", "42", "-1", "99999999999999999999", "abc", "1.5", "%31"])}`,
  (r) => `/p/${word(r)}/${word(r)}/${word(r)}`,
  (r) => `/items/${r.pick(["6f1c2a5e-2b7d-4c1a-9e3f-0a1b2c3d4e5f", "not-a-uuid", ""])}${r.chance(0.5) ? "/" : ""}`,
  (r) => `/search?${query(r)}`,
  (r) => `/cookies?v=${encodeURIComponent(word(r))}`,
  (r) => `/session${r.chance(0.3) ? `?flash=${encodeURIComponent(word(r))}` : ""}`,
  () => "/flashes",
  (r) => `/go?q=${encodeURIComponent(word(r))}`,
  (r) => `/hello?name=${encodeURIComponent(word(r))}&x=${r.pick(["%3Cscript%3E", "{{7*7}}", "a"])}`,
  (r) => `/stream?n=${r.pick(["3", "-1", "x", "1000"])}`,
  (r) => `/static/${r.pick(["hello.txt", "../app.ts", "%2e%2e/app.ts", "..%2fapp.ts", "missing.txt", "hello.txt%00", "/etc/passwd"])}`,
  () => "/nowhere",
];

const WORDS = ["a", "ada", "café", "x y", "<b>", "a/b", "..", "%", "'\"", "😀", "\u0000", "a;b=c", "=", ""];

function word(r) {
  if (r.chance(0.8)) return r.pick(WORDS);
  return randomText(r, 1 + r.int(40));
}

function randomText(r, length) {
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(r.chance(0.9) ? 0x20 + r.int(0x5f) : r.int(0x3000));
  return out;
}

function query(r) {
  const parts = [];
  for (let i = r.int(6); i >= 0; i--) {
    const key = r.pick(["q", "page", "q", "x", "", "a[b]"]);
    const value = r.pick([encodeURIComponent(word(r)), "%zz", "%", "%E9", "%C0%AF", "1", "a+b", "&&", "=="]);
    parts.push(r.chance(0.9) ? `${key}=${value}` : key);
  }
  return parts.join(r.chance(0.9) ? "&" : ";");
}

function json(r) {
  switch (r.int(9)) {
    case 0:
      return `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    case 1:
      return `${'{"a":'.repeat(600)}1${"}".repeat(600)}`;
    case 2:
      return `{"n": ${r.pick(["1e999999", "-1e999999", "9".repeat(5000), "0.".padEnd(3000, "1"), "123456789012345678901234567890"])}}`;
    case 3:
      return JSON.stringify({ a: word(r), b: [1, 2, { c: null }] }).slice(0, 1 + r.int(20));
    case 4:
      return "\ufeff{\"bom\": true}";
    case 5:
      return r.pick(["", "null", "nul", "{", "]", '"\\ud800"', "{\"a\":1,}", "NaN", "[1,2"]);
    default:
      return JSON.stringify({ name: word(r), list: Array.from({ length: r.int(20) }, () => r.int(1000)), nested: { deep: [[["x"]]] } });
  }
}

function urlencoded(r) {
  switch (r.int(4)) {
    case 0:
      return Array.from({ length: 1500 }, (_, i) => `k${i}=v`).join("&");
    case 1:
      return `big=${"x".repeat(600_000)}`;
    default:
      return query(r);
  }
}

function multipart(r) {
  const boundary = `----vialfuzz${r.int(1e9)}`;
  const part = (name, value, filename) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n${filename ? "Content-Type: application/octet-stream\r\n" : ""}\r\n${value}\r\n`;
  let body;
  let type = `multipart/form-data; boundary=${boundary}`;
  switch (r.int(8)) {
    case 0:
      body = Array.from({ length: 1500 }, (_, i) => part(`f${i}`, "v")).join("") + `--${boundary}--\r\n`;
      break;
    case 1:
      body = part("big", "y".repeat(600_000)) + `--${boundary}--\r\n`;
      break;
    case 2:
      body = (part("title", word(r)) + part("file", randomText(r, 100), "a.txt")).slice(0, 20 + r.int(80));
      break;
    case 3:
      type = "multipart/form-data";
      body = part("title", "x") + `--${boundary}--\r\n`;
      break;
    case 4:
      type = `multipart/form-data; boundary=other`;
      body = part("title", "x") + `--${boundary}--\r\n`;
      break;
    default:
      body = part("title", word(r)) + part("file", randomText(r, 1 + r.int(2000)), r.pick(["a.txt", "../../etc/passwd", "", "x\u0000.bin", "café.png"])) + `--${boundary}--\r\n`;
  }
  return { type, body };
}

/** A well-formed request; `framed` says whether the server can tell where it ends. */
function baseRequest(r, overrides = {}) {
  return {
    method: overrides.method ?? "GET",
    target: overrides.target ?? r.pick(ROUTES)(r),
    version: "HTTP/1.1",
    headers: [["Host", "127.0.0.1"], ["User-Agent", "vial-fuzz"], ...(overrides.headers ?? [])],
    body: overrides.body ?? "",
    framed: true,
  };
}

function withBody(r, method, target, type, body) {
  const bytes = Buffer.from(body);
  return baseRequest(r, { method, target, headers: [["Content-Type", type], ["Content-Length", String(bytes.length)]], body: bytes });
}

const KINDS = [
  [24, (r) => baseRequest(r, { method: r.pick(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "DELETE"]) })],
  [12, mutateTarget],
  [12, mutateHeaders],
  [7, cookies],
  [10, (r) => withBody(r, r.pick(["POST", "PUT", "PATCH"]), r.pick(["/json", "/json", "/silent", "/data"]), r.pick(["application/json", "application/json", "text/plain", "application/vnd.x+json"]), json(r))],
  [6, (r) => withBody(r, "POST", r.pick(["/form", "/session", "/data"]), r.pick(["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1"]), urlencoded(r))],
  [8, (r) => {
    const { type, body } = multipart(r);
    return withBody(r, "POST", "/form", type, body);
  }],
  [7, lengths],
  [3, (r) => baseRequest(r, { method: r.pick(["get", "BREW", "PROPFIND", "TRACE", "M".repeat(300), "G\u00c9T", "CONNECT"]) })],
  [5, (r) => ({ pipeline: Array.from({ length: 2 + r.int(5) }, () => baseRequest(r)) })],
  [3, (r) => ({ raw: Buffer.from(Array.from({ length: 1 + r.int(300) }, () => r.int(256))) })],
  [5, bitflip],
];
const TOTAL = KINDS.reduce((sum, [weight]) => sum + weight, 0);

function mutateTarget(r) {
  const base = baseRequest(r);
  const targets = [
    () => `/${"a".repeat(9000)}`,
    () => `/search?q=${"b".repeat(20_000)}`,
    () => `/${r.pick(["%", "%zz", "%E9", "%C0%AF", "%00", "%ff%fe", "%u0041"])}${word(r)}`,
    () => r.pick(["*", "http://evil.test/", "//evil.test", "/\\evil.test", "evil", "/../../etc/passwd", "/%2e%2e/", "/a//b///c"]),
    () => `/${randomText(r, 1 + r.int(30)).replace(/[\s]/g, "")}`,
    () => `${base.target}#frag`,
    () => `/p/${"x/".repeat(2000)}`,
  ];
  base.target = r.pick(targets)();
  if (r.chance(0.2)) base.version = r.pick(["HTTP/1.0", "HTTP/2.0", "HTTP/1.1 extra", "HTTP/9.9", "HTTP/1"]);
  if (base.version === "HTTP/1.0") base.headers = base.headers.filter(([name]) => name !== "Host");
  return base;
}

function mutateHeaders(r) {
  const base = baseRequest(r);
  const mutations = [
    () => base.headers.push(["X-Big", "v".repeat(20_000)]),
    () => base.headers.push(...Array.from({ length: 150 }, (_, i) => [`X-Many-${i}`, "1"])),
    () => base.headers.push(["Host", "other.test"]),
    () => base.headers.push(["X-Inject", `a\r\nX-Injected: 1`]),
    () => base.headers.push(["X-Bare-CR", "a\rb"]),
    () => base.headers.push(["X-Bare-LF", "a\nb"]),
    () => base.headers.push(["X-Nul", "a\u0000b"]),
    () => base.headers.push([r.pick(["Bad Name", "Bad:Name", "", "Ü", "(x)", "x\u0000"]), "1"]),
    () => base.headers.push(["X-Fold", "a\r\n folded"]),
    () => base.headers.push(["X-High", "caf\u00e9 \u00ff"]),
    () => base.headers.push(["Accept", r.pick(["application/json", "*/*", "text/html;q=0", "application/json;q=x", ",,,"])]),
    () => base.headers.push(["Authorization", r.pick(["Basic !!!", "Basic " + Buffer.from("a:b").toString("base64"), "Bearer", "Bearer x", "Digest y"])]),
    () => base.headers.push(["If-None-Match", r.pick(["*", "\"x\"", "W/", ""])], ["If-Modified-Since", r.pick(["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT"])], ["Range", r.pick(["bytes=0-1", "bytes=5-2", "bytes=-0", "bytes=0-0,1-1", "lines=1", "bytes=99999999999999999999-"])]),
    () => base.headers.push(["Expect", "100-continue"]),
    () => base.headers.push(["Connection", r.pick(["close", "keep-alive", "upgrade"])], ["Upgrade", r.pick(["websocket", "h2c", "x"])]),
  ];
  for (let n = 1 + r.int(2); n > 0; n--) r.pick(mutations)();
  return base;
}

function cookies(r) {
  const value = r.pick([
    () => `session=${randomText(r, 40).replace(/[;\s]/g, "")}`,
    () => "session=eyJuIjoxfQ.ZZZZZZ.tampered",
    () => `a=1; a=2; b=${"%zz"}; =x; ;; c`,
    () => `big=${"c".repeat(20_000)}`,
    () => Array.from({ length: 500 }, (_, i) => `k${i}=${i}`).join("; "),
    () => `last="${word(r)}"; session=`,
  ])();
  return baseRequest(r, { target: r.pick(["/cookies", "/session", "/flashes"]), headers: [["Cookie", value]] });
}

function lengths(r) {
  const body = Buffer.from(JSON.stringify({ a: word(r) }));
  const req = baseRequest(r, { method: "POST", target: "/json", headers: [["Content-Type", "application/json"]], body });
  switch (r.int(8)) {
    case 0:
      req.headers.push(["Content-Length", String(body.length + 10)]);
      req.framed = false;
      break;
    case 1:
      req.headers.push(["Content-Length", String(Math.max(0, body.length - 3))]);
      req.framed = false;
      break;
    case 2:
      req.headers.push(["Content-Length", r.pick(["-1", "abc", "1e3", " 12", "0x10", "99999999999999999999999"])]);
      break;
    case 3:
      req.headers.push(["Content-Length", String(body.length)], ["Content-Length", String(body.length + 1)]);
      break;
    case 4:
      req.headers.push(["Content-Length", String(body.length)], ["Transfer-Encoding", "chunked"]);
      break;
    case 5:
      req.headers.push(["Transfer-Encoding", "chunked"]);
      req.body = Buffer.from(`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      break;
    case 6:
      req.headers.push(["Transfer-Encoding", r.pick(["chunked", "gzip, chunked", "identity", "chunked, chunked"])]);
      req.body = Buffer.from(r.pick(["zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n", "ffffffffffffffff\r\nx\r\n0\r\n\r\n", "3;ext=1\r\nabc\r\n0\r\n\r\n"]));
      break;
    default:
      req.headers.push(["Content-Length", String(2 * 1024 * 1024)]);
      req.framed = false;
  }
  return req;
}

function bitflip(r) {
  const bytes = Buffer.from(serialize(baseRequest(r)));
  for (let n = 1 + r.int(3); n > 0; n--) bytes[r.int(bytes.length)] = r.int(256);
  return { raw: bytes };
}

function serialize(req) {
  const head = `${req.method} ${req.target} ${req.version}\r\n${req.headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(req.body)]);
}

/**
 * Case `index` of `seed`: the bytes to send, how many requests they hold, their methods (HEAD answers
 * carry no body) and whether the server can know where they end (`framed`).
 */
export function generateCase(seed, index) {
  const r = prng(caseSeed(seed, index));
  let roll = r.int(TOTAL);
  let make = KINDS[0][1];
  for (const [weight, kind] of KINDS) {
    if (roll < weight) {
      make = kind;
      break;
    }
    roll -= weight;
  }
  const made = make(r);
  if (made.raw) return { bytes: made.raw, count: 1, methods: [], framed: false };
  const requests = made.pipeline ?? [made];
  return {
    bytes: Buffer.concat(requests.map(serialize)),
    count: requests.length,
    methods: requests.map((req) => req.method),
    framed: requests.every((req) => req.framed),
  };
}
