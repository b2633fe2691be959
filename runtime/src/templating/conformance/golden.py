#!/usr/bin/env python3
"""Render every conformance case with Python's Jinja2 and write the golden files.

The goldens are the reference the Vitest suite (conformance.test.ts) holds the Vial engine to.
They are made only by this script, never edited by hand:

    python3 runtime/src/templating/conformance/golden.py          # rewrite golden.json
    python3 runtime/src/templating/conformance/golden.py --check  # fail if golden.json is stale

Each cases/<category>.json is a list of cases; golden.json maps category → case name → a copy
of the case's input plus either the output Jinja2 rendered or the error it raised.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from importlib.metadata import version

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
GOLDEN = HERE / "golden.json"

REQUIRED_JINJA = "3.1.6"
CASE_KEYS = {
    "name", "template", "templates", "render", "context", "options",
    "knownDifference", "expectedVial", "note",
}
OPTION_KEYS = {"autoescape", "trimBlocks", "lstripBlocks", "keepTrailingNewline", "undefined"}
UNDEFINED = {
    "default": jinja2.Undefined,
    "strict": jinja2.StrictUndefined,
    "chainable": jinja2.ChainableUndefined,
    "debug": jinja2.DebugUndefined,
}
MAIN = "main"


class CaseError(Exception):
    """A case file that does not follow the format in README.md."""


class NamedDictLoader(jinja2.DictLoader):
    """A DictLoader whose templates carry their name as filename, so runtime errors can be
    traced back to the template and line that raised them."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, _, uptodate = super().get_source(environment, template)
        return source, template, uptodate


def templates_of(case: dict[str, Any]) -> dict[str, str]:
    if ("template" in case) == ("templates" in case):
        raise CaseError(f"{case.get('name')}: give exactly one of 'template' or 'templates'")
    return {MAIN: case["template"]} if "template" in case else case["templates"]


def input_of(case: dict[str, Any]) -> dict[str, Any]:
    """The part of a case that decides Jinja2's answer; stored in the golden to spot stale ones."""
    templates = templates_of(case)
    return {
        "templates": templates,
        "render": case.get("render", MAIN),
        "context": case.get("context", {}),
        "options": case.get("options", {}),
    }


def to_python(value: Any) -> Any:
    """JSON context → Python values; {"__markup__": s} stands for Markup(s)."""
    if isinstance(value, dict):
        if set(value) == {"__markup__"}:
            return markupsafe.Markup(value["__markup__"])
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    return value


def environment(templates: dict[str, str], options: dict[str, Any]) -> jinja2.Environment:
    unknown = set(options) - OPTION_KEYS
    if unknown:
        raise CaseError(f"unknown options {sorted(unknown)}")
    return jinja2.Environment(
        loader=NamedDictLoader(templates),
        autoescape=options.get("autoescape", False),
        trim_blocks=options.get("trimBlocks", False),
        lstrip_blocks=options.get("lstripBlocks", False),
        keep_trailing_newline=options.get("keepTrailingNewline", False),
        undefined=UNDEFINED[options.get("undefined", "default")],
    )


def describe_error(error: Exception, templates: dict[str, str]) -> dict[str, Any]:
    """Class, ancestry, message and the template line that raised it.

    Syntax errors carry their own name and line; for runtime errors the line comes from the
    traceback frame Jinja2 rewrote to point into the template."""
    mro = [c.__name__ for c in type(error).__mro__ if c not in (BaseException, Exception, object)]
    described: dict[str, Any] = {"class": type(error).__name__, "mro": mro, "message": str(error)}
    if isinstance(error, jinja2.TemplateSyntaxError):
        described["templateName"] = error.name
        described["lineno"] = error.lineno
        return described
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename in templates]
    if frames:
        described["templateName"] = frames[-1].filename
        described["lineno"] = frames[-1].lineno
    return described


def render(case: dict[str, Any]) -> dict[str, Any]:
    unknown = set(case) - CASE_KEYS
    if unknown:
        raise CaseError(f"{case['name']}: unknown keys {sorted(unknown)}")
    if ("knownDifference" in case) != ("expectedVial" in case):
        raise CaseError(f"{case['name']}: knownDifference and expectedVial go together")
    given = input_of(case)
    env = environment(given["templates"], given["options"])
    try:
        output = env.get_template(given["render"]).render(to_python(given["context"]))
    except jinja2.TemplateError as error:
        return {"input": given, "error": describe_error(error, given["templates"])}
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:
        return {"input": given, "error": describe_error(error, given["templates"])}
    except SyntaxError as error:
        raise CaseError(f"{case['name']}: Jinja2 generated Python it cannot compile ({error.msg}); drop the case") from error
    if case.get("expectedVial") == output:
        raise CaseError(f"{case['name']}: Jinja2 now renders expectedVial; drop the knownDifference")
    return {"input": given, "output": output}


def golden_for(path: Path) -> dict[str, Any]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    results: dict[str, Any] = {}
    for case in cases:
        name = case.get("name")
        if not name or name in results:
            raise CaseError(f"{path.name}: missing or duplicate case name {name!r}")
        results[name] = render(case)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report a stale golden.json, write nothing")
    args = parser.parse_args()
    if jinja2.__version__ != REQUIRED_JINJA:
        print(f"need Jinja2 {REQUIRED_JINJA}, found {jinja2.__version__}", file=sys.stderr)
        return 2
    categories: dict[str, Any] = {}
    seen: set[str] = set()
    for path in sorted(CASES.glob("*.json")):
        results = golden_for(path)
        clash = set(results) & seen
        if clash:
            raise CaseError(f"{path.name}: case names used in another file: {sorted(clash)}")
        seen |= set(results)
        categories[path.stem] = results
    golden = {
        "generator": f"Jinja2 {jinja2.__version__}, MarkupSafe {version('markupsafe')}",
        "categories": categories,
    }
    text = json.dumps(golden, indent=2, ensure_ascii=False) + "\n"
    if args.check:
        if not GOLDEN.exists() or GOLDEN.read_text(encoding="utf-8") != text:
            print("golden.json is stale; rerun without --check", file=sys.stderr)
            return 1
    else:
        GOLDEN.write_text(text, encoding="utf-8")
    print(f"{len(seen)} cases in {len(categories)} categories, {'checked' if args.check else 'written'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
