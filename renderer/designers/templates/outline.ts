/**
 * The template designer's model: HTML with Jinja tags parsed into a tree where every node keeps its
 * exact source range, and edits planned as minimal text edits against those ranges.
 *
 * Why a tokenizer of its own in the renderer rather than the engine's `parse()` on the host: the
 * designer must keep malformed markup (an unclosed `{% if`, a stray `</div>`) as opaque text, where
 * a strict Jinja parser stops with an error; and the outline follows every keystroke in Monaco, which
 * a synchronous parse of the model's text does without a round trip to the host per change.
 *
 * Pure: no React, no DOM.
 */

export interface Range {
  start: number;
  end: number;
}

export interface TextEdit extends Range {
  text: string;
}

export interface Attribute extends Range {
  /** The name as written; for Jinja inside a start tag (`{% if x %}checked{% endif %}`) the Jinja text. */
  name: string;
  /** The value between its quotes (or unquoted), when it has one. */
  value?: Range;
  /** True for Jinja markup inside the tag, which has no name/value. */
  jinja: boolean;
}

export type NodeKind = "document" | "element" | "text" | "comment" | "variable" | "statement" | "block";

export interface OutlineNode extends Range {
  /** The child-index path from the document ("" for the document, "0.2" for the third child of the first). */
  id: string;
  kind: NodeKind;
  /** Tag name (lower case) for elements, the keyword for statements and blocks, "#text"/"#comment" else. */
  name: string;
  /** Where the opening part ends: the start tag's `>`, the opening `{% … %}`. Equals `end` for leaves. */
  openEnd: number;
  /** Where the closing part starts (`</div>`, `{% endfor %}`); equals `end` when there is none. */
  closeStart: number;
  /** False for an element or block whose end tag is missing (kept as it is). */
  closed: boolean;
  attributes: Attribute[];
  /** The expression of a `{{ }}`, `{% for %}`, `{% if %}`, `{% elif %}`, `{% block %}`, `{% include %}`… */
  expression?: Range;
  children: OutlineNode[];
}

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const RAW_TEXT_ELEMENTS = new Set(["script", "style", "textarea", "title"]);
/** Jinja tags that open a block closed by `{% end<name> %}`. `set` only in its block form (no `=`). */
const BLOCK_TAGS = new Set(["if", "for", "block", "macro", "call", "filter", "with", "set", "autoescape", "trans"]);
/** Tags that close the current element of the same name implicitly (HTML's optional end tags). */
const SELF_CLOSING_SIBLINGS: Record<string, readonly string[]> = {
  li: ["li"],
  p: ["p"],
  dt: ["dt", "dd"],
  dd: ["dt", "dd"],
  tr: ["tr", "td", "th"],
  td: ["td", "th"],
  th: ["td", "th"],
  option: ["option"],
};

function leaf(kind: NodeKind, name: string, start: number, end: number, expression?: Range): OutlineNode {
  const node: OutlineNode = { id: "", kind, name, start, end, openEnd: end, closeStart: end, closed: true, attributes: [], children: [] };
  if (expression) node.expression = expression;
  return node;
}

/** The range of `source[from, to)` without leading and trailing whitespace. */
function trimmed(source: string, from: number, to: number): Range {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(source[start]!)) start++;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return { start, end };
}

/** The end of a Jinja tag opened at `from` (`{{`, `{%`), skipping quoted strings; -1 when unterminated. */
function jinjaEnd(source: string, from: number, close: string): number {
  let quote: string | null = null;
  for (let i = from + 2; i < source.length; i++) {
    const char = source[i]!;
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (source.startsWith(close, i)) {
      return i + close.length;
    }
  }
  return -1;
}

interface Statement {
  start: number;
  end: number;
  keyword: string;
  expression: Range;
}

/** Reads `{% keyword expression %}` (with `-`/`+` whitespace markers) between `start` and `end`. */
function readStatement(source: string, start: number, end: number): Statement {
  let from = start + 2;
  let to = end - 2;
  if (source[from] === "-" || source[from] === "+") from++;
  if (to > from && (source[to - 1] === "-" || source[to - 1] === "+")) to--;
  const inner = trimmed(source, from, to);
  const match = /^[A-Za-z_]\w*/.exec(source.slice(inner.start, inner.end));
  const keyword = match ? match[0] : "";
  return { start, end, keyword, expression: trimmed(source, inner.start + keyword.length, inner.end) };
}

/** Where a Jinja tag starts within a start tag, so the tag's end is not looked for inside it. */
function skipJinja(source: string, at: number): number {
  if (source.startsWith("{{", at)) return jinjaEnd(source, at, "}}");
  if (source.startsWith("{%", at)) return jinjaEnd(source, at, "%}");
  if (source.startsWith("{#", at)) {
    const close = source.indexOf("#}", at + 2);
    return close === -1 ? -1 : close + 2;
  }
  return at;
}

/** Reads a start tag at `start` (`<name`); undefined when it never ends, so the `<` stays text. */
function readStartTag(source: string, start: number): { name: string; end: number; attributes: Attribute[]; selfClosing: boolean } | undefined {
  const nameMatch = /^<([A-Za-z][\w:.-]*)/.exec(source.slice(start, start + 64));
  if (!nameMatch) return undefined;
  const attributes: Attribute[] = [];
  let i = start + nameMatch[0].length;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === ">") return { name: nameMatch[1]!.toLowerCase(), end: i + 1, attributes, selfClosing: false };
    if (source.startsWith("/>", i)) return { name: nameMatch[1]!.toLowerCase(), end: i + 2, attributes, selfClosing: true };
    if (char === "{" && skipJinja(source, i) !== i) {
      const end = skipJinja(source, i);
      if (end === -1) return undefined;
      attributes.push({ name: source.slice(i, end), start: i, end, jinja: true });
      i = end;
      continue;
    }
    const attrStart = i;
    while (i < source.length && !/[\s=>]/.test(source[i]!) && !source.startsWith("/>", i) && !(source[i] === "{" && skipJinja(source, i) !== i)) i++;
    if (i === attrStart) i++;
    const name = source.slice(attrStart, i);
    let j = i;
    while (j < source.length && /\s/.test(source[j]!)) j++;
    if (source[j] !== "=") {
      attributes.push({ name, start: attrStart, end: i, jinja: false });
      continue;
    }
    j++;
    while (j < source.length && /\s/.test(source[j]!)) j++;
    const quote = source[j];
    if (quote === '"' || quote === "'") {
      let k = j + 1;
      while (k < source.length && source[k] !== quote) {
        const skipped = source[k] === "{" ? skipJinja(source, k) : k;
        if (skipped === -1) return undefined;
        k = skipped === k ? k + 1 : skipped;
      }
      if (k >= source.length) return undefined;
      attributes.push({ name, start: attrStart, end: k + 1, value: { start: j + 1, end: k }, jinja: false });
      i = k + 1;
    } else {
      let k = j;
      while (k < source.length && !/[\s>]/.test(source[k]!)) {
        const skipped = source[k] === "{" ? skipJinja(source, k) : k;
        if (skipped === -1) return undefined;
        k = skipped === k ? k + 1 : skipped;
      }
      attributes.push({ name, start: attrStart, end: k, value: { start: j, end: k }, jinja: false });
      i = k;
    }
  }
  return undefined;
}

/**
 * Parses a template into its outline. Never throws: what cannot be read as markup (an unterminated
 * tag, an end tag without its start) becomes a text node with the same bytes.
 * @example
 * const doc = parseOutline('<ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul>');
 * doc.children[0]?.children[0]?.name; // "for"
 */
export function parseOutline(source: string): OutlineNode {
  const document: OutlineNode = { ...leaf("document", "#document", 0, source.length), openEnd: 0, closeStart: source.length };
  const stack: OutlineNode[] = [document];
  let textStart = -1;
  const top = () => stack[stack.length - 1]!;
  const add = (node: OutlineNode) => top().children.push(node);
  const flushText = (at: number) => {
    if (textStart !== -1 && textStart < at) add(leaf("text", "#text", textStart, at));
    textStart = -1;
  };
  const text = (at: number) => {
    if (textStart === -1) textStart = at;
  };
  /** Pops open nodes down to (and including) `target`; those above it are left unclosed. */
  const closeTo = (target: OutlineNode, closeStart: number, end: number) => {
    while (stack.length > 1) {
      const node = stack.pop()!;
      if (node === target) {
        node.closeStart = closeStart;
        node.end = end;
        return;
      }
      unclosed(node, closeStart);
    }
  };
  const unclosed = (node: OutlineNode, at: number) => {
    node.closed = false;
    node.closeStart = at;
    node.end = at;
  };
  /** The nearest open element named one of `names`, not looking past an open Jinja block. */
  const openElement = (names: readonly string[]): OutlineNode | undefined => {
    for (let k = stack.length - 1; k > 0; k--) {
      const node = stack[k]!;
      if (node.kind === "block") return undefined;
      if (names.includes(node.name)) return node;
    }
    return undefined;
  };

  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === "{") {
      const next = source[i + 1];
      if (next === "#") {
        const close = source.indexOf("#}", i + 2);
        if (close !== -1) {
          flushText(i);
          add(leaf("comment", "#jinja-comment", i, close + 2));
          i = close + 2;
          continue;
        }
      } else if (next === "{") {
        const end = jinjaEnd(source, i, "}}");
        if (end !== -1) {
          flushText(i);
          let from = i + 2;
          let to = end - 2;
          if (source[from] === "-" || source[from] === "+") from++;
          if (to > from && (source[to - 1] === "-" || source[to - 1] === "+")) to--;
          add(leaf("variable", "{{ }}", i, end, trimmed(source, from, to)));
          i = end;
          continue;
        }
      } else if (next === "%") {
        const end = jinjaEnd(source, i, "%}");
        if (end !== -1) {
          flushText(i);
          const tagStart = i;
          i = end;
          statement(readStatement(source, tagStart, end));
          continue;
        }
      }
      text(i);
      i++;
      continue;
    }
    if (char === "<") {
      if (source.startsWith("<!--", i)) {
        const close = source.indexOf("-->", i + 4);
        if (close !== -1) {
          flushText(i);
          add(leaf("comment", "#comment", i, close + 3));
          i = close + 3;
          continue;
        }
      } else if (source[i + 1] === "!" || source[i + 1] === "?") {
        const close = source.indexOf(">", i);
        if (close !== -1) {
          flushText(i);
          add(leaf("comment", source[i + 1] === "!" ? "#doctype" : "#processing", i, close + 1));
          i = close + 1;
          continue;
        }
      } else if (source[i + 1] === "/") {
        const match = /^<\/([A-Za-z][\w:.-]*)\s*>/.exec(source.slice(i, i + 80));
        const target = match ? openElement([match[1]!.toLowerCase()]) : undefined;
        if (match && target) {
          flushText(i);
          closeTo(target, i, i + match[0].length);
          i += match[0].length;
          continue;
        }
      } else {
        const tag = readStartTag(source, i);
        if (tag) {
          flushText(i);
          const siblings = SELF_CLOSING_SIBLINGS[tag.name];
          const current = top();
          if (siblings && current.kind === "element" && siblings.includes(current.name)) unclosed(stack.pop()!, i);
          const node: OutlineNode = { ...leaf("element", tag.name, i, tag.end), attributes: tag.attributes };
          add(node);
          i = tag.end;
          if (tag.selfClosing || VOID_ELEMENTS.has(tag.name)) continue;
          if (RAW_TEXT_ELEMENTS.has(tag.name)) {
            const close = new RegExp(`</${tag.name}\\s*>`, "i").exec(source.slice(i));
            if (!close) {
              unclosed(node, i);
              continue;
            }
            const closeStart = i + close.index;
            if (closeStart > i) node.children.push(leaf("text", "#text", i, closeStart));
            node.closeStart = closeStart;
            node.end = closeStart + close[0].length;
            i = node.end;
            continue;
          }
          stack.push(node);
          continue;
        }
      }
      text(i);
      i++;
      continue;
    }
    text(i);
    i++;
  }
  flushText(source.length);
  while (stack.length > 1) unclosed(stack.pop()!, source.length);
  finish(document, "");
  return document;

  function statement(tag: Statement): void {
    const { keyword } = tag;
    if (keyword === "raw") {
      const close = /\{%[-+]?\s*endraw\s*[-+]?%\}/.exec(source.slice(tag.end));
      const node: OutlineNode = { ...leaf("block", "raw", tag.start, tag.end, tag.expression), openEnd: tag.end };
      add(node);
      if (!close) {
        unclosed(node, tag.end);
        return;
      }
      const closeStart = tag.end + close.index;
      if (closeStart > tag.end) node.children.push(leaf("text", "#text", tag.end, closeStart));
      node.closeStart = closeStart;
      node.end = closeStart + close[0].length;
      i = node.end;
      return;
    }
    const isBlock = BLOCK_TAGS.has(keyword) && !(keyword === "set" && /=/.test(source.slice(tag.expression.start, tag.expression.end)));
    if (isBlock) {
      const node: OutlineNode = { ...leaf("block", keyword, tag.start, tag.end, tag.expression), openEnd: tag.end };
      add(node);
      stack.push(node);
      return;
    }
    if (keyword.startsWith("end") && keyword.length > 3) {
      const name = keyword.slice(3);
      const target = [...stack].reverse().find((node) => node.kind === "block" && node.name === name);
      if (target) {
        closeTo(target, tag.start, tag.end);
        return;
      }
    }
    if (keyword === "elif" || keyword === "else") {
      // elif/else stay children of their block, so `if a … else … endif` is one node with markers inside.
      const owner = [...stack].reverse().find((node) => node.kind === "block" && (node.name === "if" || node.name === "for"));
      if (owner) {
        while (top() !== owner) unclosed(stack.pop()!, tag.start);
      }
    }
    add(leaf("statement", keyword || "%", tag.start, tag.end, tag.expression));
  }
}

function finish(node: OutlineNode, id: string): void {
  node.id = id;
  node.children.forEach((child, index) => finish(child, id === "" ? String(index) : `${id}.${index}`));
}

/**
 * Prints a tree back to text from its ranges alone: an unchanged tree gives the original bytes,
 * which is what the round-trip tests check (a byte no node covers would be missing here).
 * @example
 * printOutline(source, parseOutline(source)) === source; // true
 */
export function printOutline(source: string, node: OutlineNode): string {
  if (node.children.length === 0) return source.slice(node.start, node.end);
  return source.slice(node.start, node.openEnd) + node.children.map((child) => printOutline(source, child)).join("") + source.slice(node.closeStart, node.end);
}

/** Applies non-overlapping edits to a text (the order they are given in does not matter). */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let result = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** True for nodes that can hold others: the document, elements that are not void, blocks other than raw. */
export function canHoldChildren(node: OutlineNode): boolean {
  if (node.kind === "document") return true;
  if (node.kind === "element") return !VOID_ELEMENTS.has(node.name);
  return node.kind === "block" && node.name !== "raw";
}

/** The node with this id, if it is in the tree. */
export function findNode(root: OutlineNode, id: string): OutlineNode | undefined {
  if (id === "") return root;
  let node: OutlineNode | undefined = root;
  for (const part of id.split(".")) node = node?.children[Number(part)];
  return node;
}

/** The parent of the node with this id. */
export function parentOf(root: OutlineNode, id: string): OutlineNode | undefined {
  if (id === "") return undefined;
  const parts = id.split(".");
  return findNode(root, parts.slice(0, -1).join("."));
}

/** The innermost node that is not text and whose range holds `offset`: what the cursor selects. */
export function nodeAt(root: OutlineNode, offset: number): OutlineNode {
  for (const child of root.children) {
    if (child.kind !== "text" && offset >= child.start && offset < child.end) return nodeAt(child, offset);
  }
  return root;
}

/** The indentation of the line `offset` is on. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** Re-indents every line after the first of a snippet to sit under `indent`. */
function indented(markup: string, indent: string): string {
  return markup.replace(/\n/g, `\n${indent}`);
}

/**
 * The edit that inserts `markup` into `parent` before its child at `index` (or last), on a line of its
 * own indented like its siblings. Only the insertion point changes.
 * @example
 * insertNode(source, doc, "0", 0, "<h2>Title</h2>");
 */
export function insertNode(source: string, root: OutlineNode, parentId: string, index: number, markup: string): TextEdit {
  const parent = findNode(root, parentId);
  if (!parent) throw new Error(`No node ${parentId} in the outline.`);
  if (!canHoldChildren(parent)) throw new Error(`${labelOf(source, parent)} cannot hold other nodes.`);
  const meaningful = parent.children.filter((child) => !(child.kind === "text" && source.slice(child.start, child.end).trim() === ""));
  const before = meaningful[Math.max(0, Math.min(index, meaningful.length))];
  if (before) {
    const indent = indentAt(source, before.start);
    const lineStart = source.lastIndexOf("\n", before.start - 1) + 1;
    const onOwnLine = source.slice(lineStart, before.start).trim() === "";
    return onOwnLine
      ? { start: lineStart, end: lineStart, text: `${indent}${indented(markup, indent)}\n` }
      : { start: before.start, end: before.start, text: markup };
  }
  const last = meaningful[meaningful.length - 1];
  const parentIndent = indentAt(source, parent.start);
  const indent = last ? indentAt(source, last.start) : parent.kind === "document" ? "" : `${parentIndent}  `;
  const at = last ? last.end : parent.openEnd;
  if (parent.kind === "document" && !parent.closed) return { start: source.length, end: source.length, text: `\n${indented(markup, indent)}` };
  return { start: at, end: at, text: `\n${indent}${indented(markup, indent)}` };
}

/**
 * The edit that deletes a node; when the node is alone on its lines, the lines go too.
 * @example
 * applyEdits(source, [deleteNode(source, doc, "0.1")]);
 */
export function deleteNode(source: string, root: OutlineNode, id: string): TextEdit {
  const node = findNode(root, id);
  if (!node || node.kind === "document") throw new Error(`No node ${id} to delete.`);
  const lineStart = source.lastIndexOf("\n", node.start - 1) + 1;
  const lineEnd = source.indexOf("\n", node.end);
  const aloneOnLines = source.slice(lineStart, node.start).trim() === "" && source.slice(node.end, lineEnd === -1 ? source.length : lineEnd).trim() === "";
  if (aloneOnLines && lineEnd !== -1) return { start: lineStart, end: lineEnd + 1, text: "" };
  return { start: node.start, end: node.end, text: "" };
}

/**
 * The edits that move a node into `parentId` before its child at `index`: a deletion and an
 * insertion of the same bytes, never overlapping. The target may not be inside the node.
 */
export function moveNode(source: string, root: OutlineNode, id: string, parentId: string, index: number): TextEdit[] {
  const node = findNode(root, id);
  if (!node || node.kind === "document") throw new Error(`No node ${id} to move.`);
  if (parentId === id || parentId.startsWith(`${id}.`)) throw new Error("A node cannot move into itself.");
  const removal = deleteNode(source, root, id);
  // The node's later lines lose its own indentation here and get the target's back in insertNode.
  const own = indentAt(source, node.start);
  const markup = source.slice(node.start, node.end).split(`\n${own}`).join("\n");
  const insertion = insertNode(source, root, parentId, index, markup);
  if (insertion.start > removal.start && insertion.start < removal.end) return [removal, { ...insertion, start: removal.end, end: removal.end }];
  return [removal, insertion];
}

/** The text a node shows: the text between an element's tags when that is all it holds. */
export function textOf(source: string, node: OutlineNode): string | undefined {
  if (node.kind === "text") return source.slice(node.start, node.end).trim();
  if (node.kind !== "element") return undefined;
  if (node.children.length === 0) return node.closed ? "" : undefined;
  if (node.children.length === 1 && node.children[0]!.kind === "text") return source.slice(node.children[0]!.start, node.children[0]!.end).trim();
  return undefined;
}

/**
 * The edit that changes a node's text, keeping the whitespace around it: a text node, or the one text
 * child (or empty inside) of an element.
 */
export function setText(source: string, root: OutlineNode, id: string, text: string): TextEdit {
  const node = findNode(root, id);
  if (!node) throw new Error(`No node ${id}.`);
  const target = node.kind === "element" && node.children.length === 1 && node.children[0]!.kind === "text" ? node.children[0]! : node;
  if (target.kind === "text") {
    const inner = trimmed(source, target.start, target.end);
    if (inner.start === inner.end) return { start: target.start, end: target.end, text };
    return { ...inner, text };
  }
  if (target.kind === "element" && target.children.length === 0 && target.closed) return { start: target.openEnd, end: target.closeStart, text };
  throw new Error(`The text of <${node.name}> is made of several parts: edit them one by one.`);
}

/** Escapes a value for a double-quoted attribute, leaving Jinja markup inside it alone. */
function attributeValue(value: string): string {
  return value.replace(/"/g, "&quot;");
}

/**
 * The edit that sets an attribute of an element: its value is replaced in place when it exists,
 * else ` name="value"` goes right after the last attribute (or the tag name).
 * @example
 * setAttribute(source, doc, "0", "class", "hero");
 */
export function setAttribute(source: string, root: OutlineNode, id: string, name: string, value: string): TextEdit {
  const node = findNode(root, id);
  if (!node || node.kind !== "element") throw new Error("Attributes belong to elements.");
  const existing = node.attributes.find((attribute) => !attribute.jinja && attribute.name.toLowerCase() === name.toLowerCase());
  if (existing?.value) {
    const quote = source[existing.value.start - 1];
    const quoted = quote === '"' || quote === "'";
    if (quoted && (quote === '"' || !value.includes("'"))) return { ...existing.value, text: quote === '"' ? attributeValue(value) : value };
    return { start: existing.start, end: existing.end, text: `${existing.name}="${attributeValue(value)}"` };
  }
  if (existing) return { start: existing.end, end: existing.end, text: `="${attributeValue(value)}"` };
  const last = node.attributes[node.attributes.length - 1];
  const at = last ? last.end : node.start + 1 + node.name.length;
  return { start: at, end: at, text: ` ${name}="${attributeValue(value)}"` };
}

/** The edit that removes an attribute and the whitespace before it; undefined when it is not there. */
export function removeAttribute(source: string, root: OutlineNode, id: string, name: string): TextEdit | undefined {
  const node = findNode(root, id);
  if (!node || node.kind !== "element") throw new Error("Attributes belong to elements.");
  const existing = node.attributes.find((attribute) => !attribute.jinja && attribute.name.toLowerCase() === name.toLowerCase());
  if (!existing) return undefined;
  let start = existing.start;
  while (start > node.start && /\s/.test(source[start - 1]!)) start--;
  return { start, end: existing.end, text: "" };
}

/** An attribute's value as written, or undefined when the element does not have it. */
export function attributeOf(source: string, node: OutlineNode, name: string): string | undefined {
  const attribute = node.attributes.find((candidate) => !candidate.jinja && candidate.name.toLowerCase() === name.toLowerCase());
  if (!attribute) return undefined;
  return attribute.value ? source.slice(attribute.value.start, attribute.value.end) : "";
}

/** The edit that sets an element's classes (a `class` attribute with them, or none when empty). */
export function setClasses(source: string, root: OutlineNode, id: string, classes: readonly string[]): TextEdit | undefined {
  const list = classes.filter((name) => name !== "");
  if (list.length === 0) return removeAttribute(source, root, id, "class");
  return setAttribute(source, root, id, "class", list.join(" "));
}

/**
 * The edit that replaces the expression of a `{{ }}` or of a tag (`for x in xs`, an `if` condition,
 * a block's name, an include's template): only the expression's bytes change.
 */
export function setExpression(source: string, root: OutlineNode, id: string, expression: string): TextEdit {
  const node = findNode(root, id);
  if (!node?.expression) throw new Error("This node has no expression.");
  if (node.expression.start === node.expression.end) {
    return { ...node.expression, text: source[node.expression.start - 1] === " " ? expression : ` ${expression}` };
  }
  return { ...node.expression, text: expression };
}

/** A short label for the outline tree. */
export function labelOf(source: string, node: OutlineNode): string {
  const expression = node.expression ? source.slice(node.expression.start, node.expression.end) : "";
  switch (node.kind) {
    case "element": {
      const id = attributeOf(source, node, "id");
      const classes = attributeOf(source, node, "class");
      return `<${node.name}>${id ? `#${id}` : ""}${classes && !classes.includes("{") ? `.${classes.trim().split(/\s+/).join(".")}` : ""}`;
    }
    case "variable":
      return `{{ ${expression} }}`;
    case "block":
    case "statement":
      return `{% ${node.name}${expression ? ` ${expression}` : ""} %}`;
    case "comment":
      return node.name === "#doctype" ? source.slice(node.start, node.end) : "comment";
    case "text":
      return source.slice(node.start, node.end).trim().slice(0, 40);
    default:
      return "template";
  }
}

/**
 * The source with `data-vial-node="<id>"` on every element's start tag, so the rendered canvas tells
 * which node an element came from. Only the canvas renders this text; the file never sees it.
 */
export function instrument(source: string, root: OutlineNode): string {
  const inserts: TextEdit[] = [];
  const visit = (node: OutlineNode) => {
    if (node.kind === "element") {
      const at = node.start + 1 + node.name.length;
      inserts.push({ start: at, end: at, text: ` data-vial-node="${node.id}"` });
    }
    node.children.forEach(visit);
  };
  visit(root);
  return applyEdits(source, inserts);
}
