/**
 * Jinja2 lexer: turns template source into tokens, applying whitespace control (`-`, `+`, trimBlocks,
 * lstripBlocks) exactly as Jinja2 3.1 does. Every token keeps its 0-based source offsets.
 */
import { TemplateSyntaxError } from "./errors.js";

/**
 * Token kinds: template structure, literals, names and Jinja2's operator names (`add`, `pipe`, ...).
 * @example
 * tokenize("{{ a + 1 }}").map((t) => t.type) // ["variable_begin", "name", "add", "integer", "variable_end", "eof"]
 */
export type TokenType =
  | "data" | "variable_begin" | "variable_end" | "block_begin" | "block_end"
  | "name" | "string" | "integer" | "float" | "eof"
  | "add" | "sub" | "div" | "floordiv" | "mul" | "mod" | "pow" | "tilde"
  | "lbracket" | "rbracket" | "lparen" | "rparen" | "lbrace" | "rbrace"
  | "eq" | "ne" | "gt" | "gteq" | "lt" | "lteq" | "assign" | "dot" | "colon" | "pipe" | "comma" | "semicolon";

/**
 * One token with its position: 1-based `lineno` and `column`, 0-based `start`/`end` offsets.
 * @example
 * tokenize("{{ x }}")[1] // { type: "name", value: "x", lineno: 1, column: 4, start: 3, end: 4 }
 */
export interface Token {
  type: TokenType;
  value: string;
  lineno: number;
  column: number;
  start: number;
  end: number;
}

/**
 * Lexer options (the Environment's whitespace settings).
 * @example
 * tokenize("  {% if x %}\n", { trimBlocks: true, lstripBlocks: true })
 */
export interface LexerOptions {
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  keepTrailingNewline?: boolean;
  name?: string | undefined;
}

const OPERATORS: [string, TokenType][] = [
  ["//", "floordiv"], ["**", "pow"], ["==", "eq"], ["!=", "ne"], [">=", "gteq"], ["<=", "lteq"],
  ["+", "add"], ["-", "sub"], ["/", "div"], ["*", "mul"], ["%", "mod"], ["~", "tilde"],
  ["[", "lbracket"], ["]", "rbracket"], ["(", "lparen"], [")", "rparen"], ["{", "lbrace"], ["}", "rbrace"],
  [">", "gt"], ["<", "lt"], ["=", "assign"], [".", "dot"], [":", "colon"], ["|", "pipe"], [",", "comma"], [";", "semicolon"],
];

const FLOAT_RE = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INTEGER_RE = /0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\da-f])+|[1-9](?:_?\d)*|0(?:_?0)*/iy;
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const STRING_RE = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const WS_RE = /\s+/y;
const RAW_BEGIN_RE = /\{%([-+]?)\s*raw\s*(-%\}\s*|%\})/y;
const ENDRAW_RE = /\{%([-+]?)\s*endraw\s*(\+%\}|-%\}\s*|%\}\n?)/g;
const ENDRAW_NO_TRIM_RE = /\{%([-+]?)\s*endraw\s*(\+%\}|-%\}\s*|%\})/g;
const ONLY_SPACE_RE = /^\s+$/;

/** Converts Python string-literal escapes (`\n`, `\t`, `\x41`, `\u00e9`, ...) the way Jinja2's lexer does. */
function unescapeString(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (m, esc: string) => {
    switch (esc[0]) {
      case "n": return "\n";
      case "t": return "\t";
      case "r": return "\r";
      case "\\": return "\\";
      case "'": return "'";
      case '"': return '"';
      case "a": return "\x07";
      case "b": return "\b";
      case "f": return "\f";
      case "v": return "\v";
      case "\n": return "";
      case "x": case "u": case "U": return String.fromCodePoint(parseInt(esc.slice(1), 16));
      default:
        if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
        return m;
    }
  });
}

/**
 * Computes 1-based line and column for offsets; lines are counted once per template.
 * @example
 * new LineIndex("a\nbc").column(3) // 2 (line 2, column 2)
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** 1-based column of an offset. */
  column(offset: number): number {
    return offset - (this.starts[this.line(offset) - 1] ?? 0) + 1;
  }
  /** The text of a 1-based line, without its newline. */
  lineText(lineno: number): string {
    const start = this.starts[lineno - 1] ?? 0;
    const next = this.starts[lineno];
    return this.source.slice(start, next === undefined ? undefined : next - 1);
  }
}

/**
 * Splits template source into tokens. Newlines are normalised to `\n` (offsets refer to the normalised source);
 * one trailing newline is dropped unless `keepTrailingNewline` is set, as in Jinja2.
 * @example
 * tokenize("Hello {{ name }}!").map((t) => t.type) // ["data", "variable_begin", "name", "variable_end", "data", "eof"]
 */
export function tokenize(input: string, opts: LexerOptions = {}): Token[] {
  const source = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  const length = !opts.keepTrailingNewline && source.endsWith("\n") ? source.length - 1 : source.length;
  const lines = new LineIndex(source);
  const tokens: Token[] = [];
  const fail = (msg: string, offset: number): never => {
    const lineno = lines.line(offset);
    throw new TemplateSyntaxError(msg, { templateName: opts.name, lineno, column: lines.column(offset), sourceLine: lines.lineText(lineno) });
  };
  const push = (type: TokenType, value: string, start: number, end: number): void => {
    const lineno = lines.line(start);
    tokens.push({ type, value, lineno, column: lines.column(start), start, end });
  };
  const trimNewline = opts.trimBlocks === true;
  let pos = 0;
  let lineStarting = true;

  /** Emits template text, honouring `-` (strip all) and lstripBlocks (strip the indent before a block tag). */
  const emitData = (start: number, end: number, sign: string, isVariable: boolean): void => {
    let text = source.slice(start, end);
    if (sign === "-") text = text.replace(/\s+$/, "");
    else if (sign !== "+" && opts.lstripBlocks && !isVariable) {
      const lpos = text.lastIndexOf("\n") + 1;
      if ((lpos > 0 || lineStarting) && ONLY_SPACE_RE.test(text.slice(lpos))) text = text.slice(0, lpos);
    }
    if (text) push("data", text, start, start + text.length);
  };

  while (pos < length) {
    let tagAt = -1;
    for (let i = source.indexOf("{", pos); i !== -1 && i < length; i = source.indexOf("{", i + 1)) {
      const c = source[i + 1];
      if (c === "{" || c === "%" || c === "#") { tagAt = i; break; }
    }
    if (tagAt === -1 || tagAt + 2 > length) {
      push("data", source.slice(pos, length), pos, length);
      break;
    }
    const kind = source[tagAt + 1];
    const signChar = source[tagAt + 2];
    const sign = tagAt + 2 < length && (signChar === "-" || signChar === "+") ? signChar : "";
    const startText = pos;

    if (kind === "%") {
      RAW_BEGIN_RE.lastIndex = tagAt;
      const raw = RAW_BEGIN_RE.exec(source);
      if (raw && raw.index + raw[0].length <= length) {
        emitData(startText, tagAt, raw[1] ?? "", false);
        const bodyStart = tagAt + raw[0].length;
        const endRe = trimNewline ? ENDRAW_RE : ENDRAW_NO_TRIM_RE;
        endRe.lastIndex = bodyStart;
        const end = endRe.exec(source);
        if (!end || end.index + end[0].length > length + 1) fail("Missing end of raw directive", tagAt);
        const endMatch = end as RegExpExecArray;
        lineStarting = raw[0].endsWith("\n");
        emitData(bodyStart, endMatch.index, endMatch[1] ?? "", false);
        pos = Math.min(endMatch.index + endMatch[0].length, length);
        lineStarting = endMatch[0].endsWith("\n");
        continue;
      }
    }

    emitData(startText, tagAt, sign, kind === "{");
    const openEnd = tagAt + 2 + sign.length;

    if (kind === "#") {
      const close = source.indexOf("#}", openEnd);
      if (close === -1 || close + 2 > length) fail("Missing end of comment tag", tagAt);
      const before = source[close - 1];
      let next = close + 2;
      if (close - 1 >= openEnd && before === "-") {
        WS_RE.lastIndex = next;
        const ws = WS_RE.exec(source);
        if (ws) next += ws[0].length;
      } else if (!(close - 1 >= openEnd && before === "+") && trimNewline && source[next] === "\n") next++;
      pos = Math.min(next, length);
      lineStarting = source[pos - 1] === "\n";
      continue;
    }

    const isBlock = kind === "%";
    push(isBlock ? "block_begin" : "variable_begin", source.slice(tagAt, openEnd), tagAt, openEnd);
    pos = lexTag(isBlock, openEnd);
    lineStarting = source[pos - 1] === "\n";
  }
  const last = tokens[tokens.length - 1];
  tokens.push({ type: "eof", value: "", lineno: last ? last.lineno : 1, column: last ? last.column : 1, start: length, end: length });
  return tokens;

  /** Lexes the inside of `{% %}` or `{{ }}` from `start`; returns the offset after the closing delimiter. */
  function lexTag(isBlock: boolean, start: number): number {
    let p = start;
    const balance: string[] = [];
    const close = isBlock ? "%}" : "}}";
    const endType: TokenType = isBlock ? "block_end" : "variable_end";
    for (;;) {
      if (p >= length) fail(isBlock ? "unexpected end of template, expected 'end of statement block'" : "unexpected end of template, expected 'end of print statement'", p);
      if (balance.length === 0) {
        if (isBlock && source.startsWith("+%}", p)) {
          push(endType, "+%}", p, p + 3);
          return p + 3;
        }
        if (source.startsWith("-" + close, p)) {
          let q = p + 3;
          WS_RE.lastIndex = q;
          const ws = WS_RE.exec(source);
          if (ws) q += ws[0].length;
          push(endType, "-" + close, p, p + 3);
          return Math.min(q, length);
        }
        if (source.startsWith(close, p)) {
          push(endType, close, p, p + 2);
          let q = p + 2;
          if (isBlock && trimNewline && source[q] === "\n" && q < length) q++;
          return q;
        }
      }
      WS_RE.lastIndex = p;
      const ws = WS_RE.exec(source);
      if (ws) { p += ws[0].length; continue; }
      const prev = source[p - 1];
      if (prev !== ".") {
        FLOAT_RE.lastIndex = p;
        const f = FLOAT_RE.exec(source);
        if (f) { push("float", f[0].replace(/_/g, ""), p, p + f[0].length); p += f[0].length; continue; }
      }
      INTEGER_RE.lastIndex = p;
      const int = INTEGER_RE.exec(source);
      if (int) { push("integer", String(Number(int[0].replace(/_/g, ""))), p, p + int[0].length); p += int[0].length; continue; }
      NAME_RE.lastIndex = p;
      const name = NAME_RE.exec(source);
      if (name) { push("name", name[0], p, p + name[0].length); p += name[0].length; continue; }
      STRING_RE.lastIndex = p;
      const str = STRING_RE.exec(source);
      if (str) {
        push("string", unescapeString(str[1] ?? str[2] ?? ""), p, p + str[0].length);
        p += str[0].length;
        continue;
      }
      const op = OPERATORS.find(([text]) => source.startsWith(text, p));
      if (!op) return fail(`unexpected char ${pyQuote(String.fromCodePoint(source.codePointAt(p) ?? 0))} at ${[...source.slice(0, p)].length}`, p);
      const [text, type] = op;
      if (text === "{" || text === "(" || text === "[") balance.push(text === "{" ? "}" : text === "(" ? ")" : "]");
      else if (text === "}" || text === ")" || text === "]") {
        const expected = balance.pop();
        if (expected === undefined) fail(`unexpected '${text}'`, p);
        if (expected !== text) fail(`unexpected '${text}', expected '${expected}'`, p);
      }
      push(type, text, p, p + text.length);
      p += text.length;
    }
  }
}

/** Quotes a string the way Python's repr() does for simple cases. */
function pyQuote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
