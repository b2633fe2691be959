/**
 * Jinja2's default template globals: `range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`.
 */
import { TemplateRuntimeError } from "./errors.js";
import { Markup } from "./markup.js";
import { iterate, unpack } from "./operators.js";
import { Namespace, TEMPLATE_ATTRS } from "./runtime.js";
import type { Kwargs } from "./values.js";
import { dictKey, isMapping, markRange, num, truthy, typeName, withSignature } from "./values.js";

/**
 * `cycler(a, b, c)`: `next()` returns the items in turn; `current` is the one `next()` returns next.
 * @example
 * {% set row = cycler("odd", "even") %}{% for x in xs %}<tr class="{{ row.next() }}">{% endfor %}
 */
export class Cycler {
  static readonly [TEMPLATE_ATTRS] = new Set(["current", "next", "reset"]);
  private pos = 0;
  constructor(private readonly items: unknown[]) {
    if (!items.length) throw new TemplateRuntimeError("at least one item has to be provided");
  }
  get current(): unknown {
    return this.items[this.pos];
  }
  next(): unknown {
    const rv = this.current;
    this.pos = (this.pos + 1) % this.items.length;
    return rv;
  }
  reset(): void {
    this.pos = 0;
  }
}

const LOREM = "a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum blandit class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque penatibus per pharetra phasellus placerat platea porta porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus viverra volutpat vulputate".split(" ");

function lipsum(n: unknown = 5, html: unknown = true, min: unknown = 20, max: unknown = 100): string | Markup {
  const paragraphs: string[] = [];
  const pick = (): string => LOREM[Math.floor(Math.random() * LOREM.length)] as string;
  for (let i = 0; i < num(n); i++) {
    const count = num(min) + Math.floor(Math.random() * (num(max) - num(min) + 1));
    const words: string[] = [];
    let nextCapital = true;
    for (let w = 0; w < count; w++) {
      let word = pick();
      if (nextCapital) {
        word = word[0]?.toUpperCase() + word.slice(1);
        nextCapital = false;
      }
      if (w > 0 && w % 10 === 0 && w < count - 1) {
        word += ".";
        nextCapital = true;
      }
      words.push(word);
    }
    paragraphs.push(words.join(" ") + ".");
  }
  return truthy(html) ? new Markup(paragraphs.map((p) => `<p>${p}</p>`).join("\n\n")) : paragraphs.join("\n\n");
}

/** Ranges are materialised as lists; a bigger one would exhaust memory rather than fail cleanly. */
const MAX_RANGE = 10_000_000;

/** Python's range() as a list. */
function range(a: unknown, b?: unknown, c?: unknown): number[] {
  for (const v of [a, b, c]) {
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v)) && typeof v !== "boolean") {
      throw new TemplateRuntimeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
    }
  }
  const [start, stop, step] = b === undefined ? [0, num(a), 1] : [num(a), num(b), c === undefined ? 1 : num(c)];
  if (step === 0) throw new TemplateRuntimeError("range() arg 3 must not be zero");
  if (Math.ceil((stop - start) / step) > MAX_RANGE) {
    throw new TemplateRuntimeError(`range() would make more than ${MAX_RANGE} items; templates build ranges as lists, so this one is refused`);
  }
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return markRange(out, step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`);
}

/**
 * The globals every Environment starts with.
 * @example
 * defaultGlobals().range(3) // [0, 1, 2]
 */
export function defaultGlobals(): Record<string, unknown> {
  return {
    range,
    dict: withSignature((...args: unknown[]) => {
      const kw = args.pop() as Kwargs;
      if (args.length > 1) throw new TemplateRuntimeError(`dict expected at most 1 argument, got ${args.length}`);
      const out = new Map<unknown, unknown>();
      const source = args[0];
      if (source instanceof Map) for (const [k, v] of source) out.set(k, v);
      else if (isMapping(source)) for (const [k, v] of Object.entries(source)) out.set(k, v);
      else if (source !== undefined) {
        for (const pair of iterate(source)) {
          const [k, v] = unpack(pair, 2);
          out.set(dictKey(k), v);
        }
      }
      for (const [k, v] of Object.entries(kw.values)) out.set(k, v);
      return out;
    }, { varKwargs: true }),
    lipsum: withSignature(lipsum, { params: ["n", "html", "min", "max"] }),
    cycler: (...items: unknown[]) => new Cycler(items),
    joiner: withSignature((sep: unknown = ", ") => {
      let used = false;
      return () => {
        if (!used) {
          used = true;
          return "";
        }
        return sep;
      };
    }, { params: ["sep"] }),
    namespace: withSignature((...args: unknown[]) => {
      const kw = args.pop() as Kwargs;
      const attrs: Record<string, unknown> = {};
      for (const a of args) if (isMapping(a)) Object.assign(attrs, a instanceof Map ? Object.fromEntries([...a].map(([k, v]) => [String(k), v])) : a);
      return new Namespace({ ...attrs, ...kw.values });
    }, { varKwargs: true }),
  };
}
