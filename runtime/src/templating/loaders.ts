/**
 * Template loaders: where template source comes from. None touches the file system directly;
 * FileSystemLoader reads through an injected reader (the core stays IO-free).
 */
import { TemplateNotFound } from "./errors.js";

/**
 * What a loader returns for a name. `uptodate()` is false once the source changed (for auto-reload).
 * @example
 * ({ source: "Hi {{ name }}", filename: "/srv/templates/hi.html", uptodate: () => true })
 */
export interface TemplateSource {
  source: string;
  filename: string;
  uptodate?: () => boolean;
}

/**
 * The loader contract: find a template's source or throw TemplateNotFound.
 * @example
 * const loader: Loader = { getSource: (_env, name) => ({ source: "Hi", filename: name }) };
 */
export interface Loader {
  getSource(env: unknown, name: string): TemplateSource;
  listTemplates?(): string[];
}

/**
 * The two sync reads FileSystemLoader needs (satisfied by the runtime's FileReader).
 * @example
 * new FileSystemLoader({ readTextSync: (p) => files[p], mtimeSync: () => 0 }, "/templates")
 */
export interface TemplateFileReader {
  readTextSync(path: string): string | undefined;
  mtimeSync(path: string): number | undefined;
}

/** Splits a template name into safe path segments (no `..`), as Jinja2's split_template_path. */
function splitTemplatePath(template: string): string[] {
  const pieces: string[] = [];
  for (const piece of template.split("/")) {
    if (piece.includes("\\") || piece.includes("\0") || piece === "..") throw new TemplateNotFound(template);
    if (piece && piece !== ".") pieces.push(piece);
  }
  return pieces;
}

/**
 * Templates from a plain object of name → source (tests, string templates, small apps).
 * @example
 * new DictLoader({ "index.html": "Hello {{ name }}" })
 */
export class DictLoader implements Loader {
  constructor(readonly mapping: Record<string, string>) {}
  getSource(_env: unknown, name: string): TemplateSource {
    const source = Object.prototype.hasOwnProperty.call(this.mapping, name) ? this.mapping[name] : undefined;
    if (source === undefined) throw new TemplateNotFound(name);
    return { source, filename: name, uptodate: () => this.mapping[name] === source };
  }
  listTemplates(): string[] {
    return Object.keys(this.mapping).sort();
  }
}

/**
 * Templates from a function: return the source, a full TemplateSource, or undefined when missing.
 * @example
 * new FunctionLoader((name) => (name === "x.html" ? "X" : undefined))
 */
export class FunctionLoader implements Loader {
  constructor(private readonly load: (name: string) => string | TemplateSource | undefined | null) {}
  getSource(_env: unknown, name: string): TemplateSource {
    const rv = this.load(name);
    if (rv === undefined || rv === null) throw new TemplateNotFound(name);
    return typeof rv === "string" ? { source: rv, filename: name } : rv;
  }
}

/**
 * Tries several loaders in order; the first that has the template wins.
 * @example
 * new ChoiceLoader([new DictLoader(overrides), new FileSystemLoader(reader, "templates")])
 */
export class ChoiceLoader implements Loader {
  constructor(readonly loaders: Loader[]) {}
  getSource(env: unknown, name: string): TemplateSource {
    for (const loader of this.loaders) {
      try {
        return loader.getSource(env, name);
      } catch (e) {
        if (!(e instanceof TemplateNotFound)) throw e;
      }
    }
    throw new TemplateNotFound(name);
  }
  listTemplates(): string[] {
    const all = new Set<string>();
    for (const l of this.loaders) for (const n of l.listTemplates?.() ?? []) all.add(n);
    return [...all].sort();
  }
}

/**
 * Routes `prefix/name` to the loader registered for `prefix`.
 * @example
 * new PrefixLoader({ admin: new DictLoader({ "index.html": "..." }) }) // "admin/index.html"
 */
export class PrefixLoader implements Loader {
  constructor(readonly mapping: Record<string, Loader>, readonly delimiter = "/") {}
  getSource(env: unknown, name: string): TemplateSource {
    const i = name.indexOf(this.delimiter);
    const loader = i === -1 ? undefined : this.mapping[name.slice(0, i)];
    if (!loader) throw new TemplateNotFound(name);
    try {
      return loader.getSource(env, name.slice(i + this.delimiter.length));
    } catch (e) {
      if (e instanceof TemplateNotFound) throw new TemplateNotFound(name);
      throw e;
    }
  }
  listTemplates(): string[] {
    const out: string[] = [];
    for (const [prefix, loader] of Object.entries(this.mapping)) for (const n of loader.listTemplates?.() ?? []) out.push(prefix + this.delimiter + n);
    return out.sort();
  }
}

function joinPath(dir: string, pieces: string[]): string {
  return [dir.replace(/[\\/]+$/, ""), ...pieces].join("/");
}

/**
 * Templates from folders, read through an injected reader (first folder that has the file wins).
 * @example
 * new FileSystemLoader(app.files, ["/srv/app/templates", "/srv/app/admin/templates"])
 */
export class FileSystemLoader implements Loader {
  readonly searchpath: string[];
  constructor(private readonly reader: TemplateFileReader, searchpath: string | string[]) {
    this.searchpath = Array.isArray(searchpath) ? searchpath : [searchpath];
  }
  getSource(_env: unknown, name: string): TemplateSource {
    const pieces = splitTemplatePath(name);
    for (const dir of this.searchpath) {
      const filename = joinPath(dir, pieces);
      const source = this.reader.readTextSync(filename);
      if (source === undefined) continue;
      const mtime = this.reader.mtimeSync(filename);
      return { source, filename, uptodate: () => this.reader.mtimeSync(filename) === mtime };
    }
    throw new TemplateNotFound(name);
  }
}
