"""Flask 3 with Jinja2, served by gunicorn with one sync worker (the bench starts it)."""
import json
from pathlib import Path

from flask import Flask, Response, jsonify, render_template, request

BENCH_DIR = Path(__file__).resolve().parent.parent
PAGE_DATA = json.loads((BENCH_DIR / "fixtures" / "page.json").read_text("utf-8"))

app = Flask(__name__, template_folder=str(BENCH_DIR / "templates"))
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024


@app.get("/")
def index():
    return Response("Hello, World!", mimetype="text/plain")


@app.get("/json")
def hello_json():
    return jsonify(message="Hello, World!")


@app.get("/users/<int:user_id>/posts/<slug>")
def user_post(user_id, slug):
    return jsonify(id=user_id, slug=slug)


@app.get("/page")
def page():
    return render_template("page.html", **PAGE_DATA)


@app.post("/echo")
def echo():
    return jsonify(request.get_json())
