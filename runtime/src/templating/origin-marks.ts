/**
 * Origin marks for the Studio's inspect tool: each HTML start tag written literally in a template gets a
 * `data-vial-src="templates/page.html:12"` attribute (the template's file and the line of its `<`). The
 * marks are spliced into the template's text at compile time, so a template compiled without them is
 * exactly what it always was. A tag is marked only when it is certain to be one: its `<` and whole name
 * sit in one stretch of template text (not in a `{% raw %}` body, a comment, `<script>`/`<style>` text or
 * an attribute value), and the name is followed, in that same text, by a space, `/` or `>`.
 *
 * Text a template prints (a macro's output, an include, a block) carries the marks of the template that
 * wrote it. Where it lands outside HTML text (in an attribute value, a tag, a comment, a `<title>` or a
 * `<textarea>`) its tags are not elements, so the compiler has it stripped of marks there
 * ({@link OriginMarks.keepsMarksAt}, {@link stripOriginMarks}). A filter gets it without marks too:
 * `|length` or `|upper` must measure and change the text the page shows.
 */
import { LineIndex, type Token } from "./lexer.js";
import { Markup } from "./markup.js";

/**
 * The attribute a marked tag carries.
 * @example
 * document.querySelector(`[${ORIGIN_ATTRIBUTE}]`)?.getAttribute(ORIGIN_ATTRIBUTE); // "templates/page.html:12"
 */
export const ORIGIN_ATTRIBUTE = "data-vial-src";

/** Elements whose content is text up to their end tag: a `<` inside is not a tag. */
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]);

const TAG_NAME_RE = /^[A-Za-z][A-Za-z0-9._:-]*$/;
const AFTER_NAME_RE = /[\s/>]/;
/** What lies between the text before and a `{% raw %}` body: the raw tag (and the whitespace its `-` strips). */
const RAW_BEGIN_BEFORE_RE = /\{%[-+]?\s*raw\s*-?%\}\s*$/;

type State =
  | { kind: "text" }
  | { kind: "tag"; name: string; afterEquals: boolean }
  | { kind: "quoted"; name: string; quote: string }
  | { kind: "until"; end: string }
  | { kind: "rawtext"; name: string };

/** Where a mark goes: just after a tag's name (an offset into the template source). */
interface Mark {
  offset: number;
  line: number;
}

/** A stretch of source between two pieces of template text (Jinja tags only) that lies outside HTML text. */
interface Stretch {
  start: number;
  end: number;
}

/** A mark as {@link OriginMarks} writes it: the file is escaped, so it holds no `"`. */
const MARK_RE = / data-vial-src="[^"]*:\d+"/g;

/**
 * The value with every origin mark taken out of its text (a string or Markup); anything else as it is. For
 * printed values that land outside HTML text, where their tags are text too.
 *
 * @example
 * stripOriginMarks(new Markup('<b data-vial-src="templates/m.html:1">x</b>')); // Markup('<b>x</b>')
 */
export function stripOriginMarks(value: unknown): unknown {
  if (value instanceof Markup) return value.value.includes(ORIGIN_ATTRIBUTE) ? new Markup(value.value.replace(MARK_RE, "")) : value;
  if (typeof value === "string" && value.includes(ORIGIN_ATTRIBUTE)) return value.replace(MARK_RE, "");
  return value;
}

/**
 * Finds every markable start tag of a template from its source and its lexer tokens, and splices the marks
 * into the template text the compiler emits.
 *
 * @example
 * const marks = OriginMarks.scan("templates/page.html", source, tokenize(source));
 * marks.apply("<p>Hi</p>", 0); // '<p data-vial-src="templates/page.html:1">Hi</p>'
 */
export class OriginMarks {
  private readonly marks: Mark[];
  /** In source order. */
  private readonly outsideText: Stretch[];
  private readonly attribute: string;

  private constructor(file: string, marks: Mark[], outsideText: Stretch[]) {
    this.marks = marks;
    this.outsideText = outsideText;
    this.attribute = ` ${ORIGIN_ATTRIBUTE}="${file.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}:`;
  }

  /** Scans the template's data tokens (in source order) as one HTML document with holes where Jinja tags are. */
  static scan(file: string, source: string, tokens: readonly Token[]): OriginMarks {
    const lines = new LineIndex(source);
    const marks: Mark[] = [];
    const outsideText: Stretch[] = [];
    let state: State = { kind: "text" };
    let previousEnd = 0;
    for (const token of tokens) {
      if (token.type !== "data") continue;
      if (state.kind !== "text") outsideText.push({ start: previousEnd, end: token.start });
      const isRawBody = RAW_BEGIN_BEFORE_RE.test(source.slice(previousEnd, token.start));
      previousEnd = token.start + token.value.length;
      if (isRawBody) continue;
      state = scanText(token.value, token.start, state, (offset, at) => marks.push({ offset, line: lines.line(at) }));
      if (state.kind === "tag") state = { ...state, afterEquals: false };
    }
    if (state.kind !== "text") outsideText.push({ start: previousEnd, end: source.length });
    return new OriginMarks(file, marks, outsideText);
  }

  /**
   * Whether what a Jinja tag at `offset` in the source prints lands in HTML text, where the tags in it are
   * elements and may keep their marks.
   */
  keepsMarksAt(offset: number): boolean {
    let low = 0;
    let high = this.outsideText.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.outsideText[middle] as Stretch).end <= offset) low = middle + 1;
      else high = middle;
    }
    const stretch = this.outsideText[low];
    return stretch === undefined || offset < stretch.start;
  }

  /** How many tags are marked. */
  get size(): number {
    return this.marks.length;
  }

  /** The template text `data` (found at `start` in the source) with its marks spliced in. */
  apply(data: string, start: number): string {
    const end = start + data.length;
    let out = "";
    let from = 0;
    for (const mark of this.marks) {
      if (mark.offset <= start || mark.offset >= end) continue;
      out += data.slice(from, mark.offset - start) + this.attribute + mark.line + '"';
      from = mark.offset - start;
    }
    return from === 0 ? data : out + data.slice(from);
  }
}

/** Scans one stretch of template text from `state`; returns the state at its end. */
function scanText(text: string, start: number, initial: State, mark: (offset: number, at: number) => void): State {
  let state = initial;
  let i = 0;
  while (i < text.length) {
    switch (state.kind) {
      case "text": {
        const lt = text.indexOf("<", i);
        if (lt === -1) return state;
        const next = text[lt + 1];
        if (text.startsWith("<!--", lt)) [state, i] = [{ kind: "until", end: "-->" }, lt + 4];
        else if (text.startsWith("<![CDATA[", lt)) [state, i] = [{ kind: "until", end: "]]>" }, lt + 9];
        else if (next === "!" || next === "?") [state, i] = [{ kind: "until", end: ">" }, lt + 2];
        else if (next === "/") [state, i] = [{ kind: "tag", name: "", afterEquals: false }, lt + 2];
        else if (next === undefined) [state, i] = [{ kind: "tag", name: "", afterEquals: false }, lt + 1];
        else if (/[A-Za-z]/.test(next)) {
          let end = lt + 1;
          while (end < text.length && !AFTER_NAME_RE.test(text[end] as string) && text[end] !== "<") end++;
          const name = text.slice(lt + 1, end);
          const complete = end < text.length && TAG_NAME_RE.test(name) && text[end] !== "<";
          if (complete) mark(start + end, start + lt);
          [state, i] = [{ kind: "tag", name: complete ? name.toLowerCase() : "", afterEquals: false }, end];
        } else i = lt + 1;
        break;
      }
      case "tag": {
        const c = text[i] as string;
        if (c === ">") state = RAW_TEXT_ELEMENTS.has(state.name) ? { kind: "rawtext", name: state.name } : { kind: "text" };
        else if ((c === '"' || c === "'") && state.afterEquals) state = { kind: "quoted", name: state.name, quote: c };
        else if (c === "=") state = { ...state, afterEquals: true };
        else if (!/\s/.test(c)) state = { ...state, afterEquals: false };
        i++;
        break;
      }
      case "quoted": {
        const close = text.indexOf(state.quote, i);
        if (close === -1) return state;
        [state, i] = [{ kind: "tag", name: state.name, afterEquals: false }, close + 1];
        break;
      }
      case "until": {
        const close = text.indexOf(state.end, i);
        if (close === -1) return state;
        [state, i] = [{ kind: "text" }, close + state.end.length];
        break;
      }
      case "rawtext": {
        const endTag = new RegExp(`</${state.name}(?=[\\s/>])`, "ig");
        endTag.lastIndex = i;
        const found = endTag.exec(text);
        if (!found) return state;
        [state, i] = [{ kind: "tag", name: "", afterEquals: false }, found.index + found[0].length];
        break;
      }
    }
  }
  return state;
}
