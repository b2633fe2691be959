"""Jinja2 alone on the same page (DictLoader, autoescape): renders/s for a fixed time; prints one JSON line.

Usage: python3 bench/templates/render.py <seconds>
"""
import json
import sys
import time
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent
PAGE_DATA = json.loads((TEMPLATES.parent / "fixtures" / "page.json").read_text("utf-8"))
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0

env = jinja2.Environment(
    loader=jinja2.DictLoader({p.name: p.read_text("utf-8") for p in TEMPLATES.glob("*.html")}),
    autoescape=True,
)


def render():
    return env.get_template("page.html").render(**PAGE_DATA)


def loop(seconds):
    count = 0
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for _ in range(20):
            render()
        count += 20
        elapsed = time.perf_counter() - started
    return count, elapsed


output = render()
loop(SECONDS / 2)
count, elapsed = loop(SECONDS)
print(json.dumps({"rendersPerSecond": count / elapsed, "usPerRender": elapsed * 1e6 / count, "renders": count, "outputBytes": len(output)}))
