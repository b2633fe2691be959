import { useEffect, useRef, useState, type ReactElement } from "react";
import type { SearchFileResult, SearchLine } from "../../../electron/api/contract";
import { formatKeybinding } from "../../commands/keybinding";
import { useStore } from "../../state/use-store";
import { useStudio } from "../../studio-context";
import { Icon } from "../../ui/icons";
import { searchStoreFor, searchSummary, type SearchOptions } from "./search-store";
import "./search.css";

type Toggle = "matchCase" | "wholeWord" | "regex";

const toggles: { option: Toggle; label: string; text: string; testId: string }[] = [
  { option: "matchCase", label: "Match Case", text: "Aa", testId: "search-match-case" },
  { option: "wholeWord", label: "Match Whole Word", text: "ab", testId: "search-whole-word" },
  { option: "regex", label: "Use Regular Expression", text: ".*", testId: "search-regex" },
];

const globBoxes: { option: "include" | "exclude"; label: string; placeholder: string; testId: string }[] = [
  { option: "include", label: "Files to include", placeholder: "Files to include, e.g. *.html", testId: "search-include" },
  { option: "exclude", label: "Files to exclude", placeholder: "Files to exclude, e.g. static, *.css", testId: "search-exclude" },
];

/** The line's text with its matches marked. */
function Highlighted({ line }: { line: SearchLine }): ReactElement {
  const parts: ReactElement[] = [];
  let at = 0;
  for (const range of line.ranges) {
    if (range.start > at) parts.push(<span key={`t${at}`}>{line.text.slice(at, range.start)}</span>);
    parts.push(
      <mark key={`m${range.start}`} className="search-match">
        {line.text.slice(range.start, range.end)}
      </mark>,
    );
    at = range.end;
  }
  if (at < line.text.length) parts.push(<span key={`t${at}`}>{line.text.slice(at)}</span>);
  return <>{parts}</>;
}

function FileGroup(props: {
  file: SearchFileResult;
  collapsed: boolean;
  onToggle: () => void;
  onOpen: (line: SearchLine) => void;
  onReplace: () => void;
}): ReactElement {
  const { file, collapsed } = props;
  const slash = file.path.lastIndexOf("/");
  const matches = file.lines.reduce((sum, line) => sum + line.matches, 0);
  return (
    <li className="search-file" data-testid="search-file" data-path={file.path}>
      <button type="button" className="row-button search-file-row" aria-expanded={!collapsed} title={file.path} onClick={props.onToggle}>
        <span className="tree-twistie">
          <Icon name={collapsed ? "chevronRight" : "chevronDown"} size={14} />
        </span>
        <span className="search-file-name">{file.path.slice(slash + 1)}</span>
        <span className="search-file-folder">{file.path.slice(0, Math.max(slash, 0))}</span>
        <span className="search-count" data-testid="search-file-count" aria-label={`${matches} ${matches === 1 ? "result" : "results"}`}>
          {matches}
        </span>
      </button>
      <button type="button" className="search-file-replace" title={`Replace in ${file.path}`} aria-label={`Replace in ${file.path}`} data-testid="search-file-replace" onClick={props.onReplace}>
        Replace
      </button>
      {!collapsed && (
        <ul className="search-lines">
          {file.lines.map((line) => (
            <li key={line.line}>
              <button
                type="button"
                className="row-button search-line"
                data-testid="search-line"
                data-line={line.line}
                title={`${file.path}:${line.line}:${line.column}`}
                onClick={() => props.onOpen(line)}
              >
                <Highlighted line={line} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Search side-bar view (Find in Files): the query, its toggles, Replace All, the files to include and exclude, and the results grouped by file. */
export function SearchView(): ReactElement {
  const studio = useStudio();
  const store = searchStoreFor(studio);
  const { options, replacement, result, error, searching, focusRequests } = useStore(store.state);
  const input = useRef<HTMLInputElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  useEffect(() => store.follow(), [store]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequests]);

  const update = (change: Partial<SearchOptions>) => store.update(change);
  const toggleFile = (path: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  return (
    <div className="search-view" data-testid="search-view">
      <div className="search-form">
        <div className="search-field">
          <input
            ref={input}
            className="input search-input"
            value={options.query}
            placeholder="Search"
            aria-label="Search"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? "search-error" : undefined}
            spellCheck={false}
            data-testid="search-input"
            onChange={(event) => update({ query: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === "Enter") void store.run();
            }}
          />
          {toggles.map((toggle) => (
            <button
              key={toggle.option}
              type="button"
              className={`search-toggle search-toggle-${toggle.option}`}
              aria-label={toggle.label}
              aria-pressed={options[toggle.option]}
              title={toggle.label}
              data-testid={toggle.testId}
              onClick={() => update({ [toggle.option]: !options[toggle.option] })}
            >
              {toggle.text}
            </button>
          ))}
        </div>
        {error !== null && (
          <p id="search-error" className="field-error search-error" role="alert" data-testid="search-error">
            {error}
          </p>
        )}
        <div className="search-replace-row">
          <input
            className="input search-replace"
            value={replacement}
            placeholder={options.regex ? "Replace ($1 for a group)" : "Replace"}
            aria-label="Replace"
            spellCheck={false}
            data-testid="search-replace"
            onChange={(event) => store.setReplacement(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void studio.attempt(() => store.replaceAll());
            }}
          />
          <button
            type="button"
            className="btn search-replace-all"
            title={`Replace All (${formatKeybinding("Mod+Enter", studio.platform)} in the box)`}
            disabled={!result || result.files.length === 0 || searching}
            data-testid="search-replace-all"
            onClick={() => void studio.attempt(() => store.replaceAll())}
          >
            Replace All
          </button>
        </div>
        {globBoxes.map((box) => (
          <input
            key={box.option}
            className="input search-include"
            value={options[box.option]}
            placeholder={box.placeholder}
            aria-label={box.label}
            spellCheck={false}
            data-testid={box.testId}
            onChange={(event) => update({ [box.option]: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === "Enter") void store.run();
            }}
          />
        ))}
      </div>
      {(result || searching) && (
        <p className="search-summary" data-testid="search-summary" aria-live="polite">
          {result ? searchSummary(result) : "Searching…"}
        </p>
      )}
      {result?.truncated && (
        <p className="search-capped" data-testid="search-capped">
          Results capped: narrow the search to see the rest.
        </p>
      )}
      {result && result.files.length > 0 && (
        <ul className="search-results" data-testid="search-results">
          {result.files.map((file) => (
            <FileGroup
              key={file.path}
              file={file}
              collapsed={collapsed.has(file.path)}
              onToggle={() => toggleFile(file.path)}
              onOpen={(line) => void studio.attempt(() => studio.editors.open(file.path, { line: line.line, column: line.column }))}
              onReplace={() => void studio.attempt(() => store.replaceAll(file.path))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
