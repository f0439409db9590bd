"""Generate docs/ from the package: cell pages, diagrams, the booklet, gradient flow, training.

``render(parts)`` computes the files in memory (relative path -> bytes); ``write(out, build)``
puts them in a folder and keeps the manifest ``generated-files.txt`` there, so hand-written files
beside them are never touched and files a part no longer produces are removed.
``build_docs(out)`` does both; ``symlstm docs --out docs`` and the scripts in derivations/ call it.
Every output is deterministic: the same package and tools give the same bytes.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PARTS", "MANIFEST", "Build", "render", "write", "build_docs", "read_manifest",
           "StaleRecord", "TRAINING_CELLS", "TRAINING_RECORD"]

#: The parts of the documentation, in build order.
PARTS = ("cells", "booklet", "flow", "training")
#: The manifest of generated files, kept in the output folder.
MANIFEST = "generated-files.txt"
#: The training experiment of docs/training.md and the file recording its run.
TRAINING_CELLS = ("rnn", "lstm")
TRAINING_RECORD = "training-adding.json"
TRAINING_MODES = ("auto", "reuse", "retrain")


class StaleRecord(ValueError):
    """The recorded training run does not match the current code or configuration."""


@dataclass
class Build:
    """Files of a docs build: ``files`` (path -> bytes) produced, ``skipped`` (path -> reason)
    not produced because a tool is missing; ``parts`` lists, per part, every path it owns."""

    files: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)

    def add(self, part: str, path: str, data) -> None:
        self.files[path] = data.encode() if isinstance(data, str) else bytes(data)
        self.parts.setdefault(part, []).append(path)

    def skip(self, part: str, path: str, reason: str) -> None:
        self.skipped[path] = reason
        self.parts.setdefault(part, []).append(path)


def _status(msg):
    print(msg, file=sys.stderr, flush=True)


def _quiet(msg):
    pass


# ------------------------------------------------------------------------------ parts
def _cells(build, names, missing_tools, say):
    from ..cells import registry
    from ..derive import derive
    from .diagram import dot_available, render as draw
    from .cellpage import cell_page, cells_index
    import tempfile
    have_dot = dot_available()
    if not have_dot and missing_tools == "error":
        raise FileNotFoundError("Graphviz 'dot' is needed for the cell diagrams (Debian: apt-get install "
                                "graphviz); pass missing_tools='skip' to build without them")
    cells = [registry.cell(n) for n in names]
    for c in cells:
        say(f"  cells/{c.name}.md")
        build.add("cells", f"cells/{c.name}.md", cell_page(c, derive(c), diagram=f"{c.name}.svg"))
        for fmt in ("svg", "png"):
            path = f"cells/{c.name}.{fmt}"
            if have_dot:
                with tempfile.TemporaryDirectory() as tmp:
                    build.add("cells", path, draw(c, Path(tmp) / f"d.{fmt}").read_bytes())
            else:
                build.skip("cells", path, "Graphviz 'dot' is not installed")
    build.add("cells", "cells/README.md", cells_index(cells))


def _booklet(build, names, missing_tools, say):
    from ..cells import registry
    from ..derive import derive
    import tempfile
    from .diagram import dot_available, render as draw
    from .booklet import booklet_tex, compile_pdf, pdflatex_available
    paths = ("symlstm-booklet.tex", "symlstm-booklet.pdf")
    if not dot_available():
        if missing_tools == "error":
            raise FileNotFoundError("Graphviz 'dot' is needed for the booklet's diagrams (apt-get install graphviz)")
        for p in paths:
            build.skip("booklet", p, "Graphviz 'dot' is not installed")
        return
    entries = [(registry.cell(n), derive(n)) for n in names]
    images = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in names:
            images[f"{n}.png"] = draw(n, Path(tmp) / f"{n}.png").read_bytes()
    tex = booklet_tex(entries, images={n: f"{n}.png" for n in names})
    build.add("booklet", paths[0], tex)
    if not pdflatex_available():
        if missing_tools == "error":
            raise FileNotFoundError("pdflatex is needed for the booklet (apt-get install texlive-latex-base "
                                    "texlive-latex-recommended)")
        build.skip("booklet", paths[1], "pdflatex is not installed")
        return
    say("  symlstm-booklet.pdf (pdflatex)")
    pdf, _ = compile_pdf(tex, images)
    build.add("booklet", paths[1], pdf)


def _flow(build, say):
    import tempfile
    from ..models.flow import gradient_flow, plot_flow
    from .pages import FLOW_CURVES, flow_page
    results = []
    for name, bias in FLOW_CURVES:
        say(f"  gradient flow: {name}" + ("" if bias is None else f" (b_f = {bias:g})"))
        results.append(gradient_flow(name, forget_bias=bias))
    with tempfile.TemporaryDirectory() as tmp:
        build.add("flow", "gradient-flow.png", plot_flow(results, Path(tmp) / "f.png").read_bytes())
    build.add("flow", "gradient-flow.md", flow_page(results, "gradient-flow.png"))


def _training(build, record_dir, mode, say, progress):
    import tempfile
    from ..models.train import TrainConfig, plot_training, read_record, record, train
    from .pages import training_page
    config = TrainConfig()
    runs = None
    source = Path(record_dir) / TRAINING_RECORD if record_dir is not None else None
    if mode != "retrain" and source is not None and source.is_file():
        runs = read_record(json.loads(source.read_text()), TRAINING_CELLS, config)
    if runs is None:
        if mode == "reuse":
            raise StaleRecord(f"the recorded training run {source} is missing or stale (the code or the "
                              "configuration changed since it was made); rerun `symlstm docs --out docs`, "
                              "which retrains, and commit the result")
        say(f"  training {', '.join(TRAINING_CELLS)} on the adding problem ({config.steps} updates each)")
        runs = [train(c, config, progress=progress) for c in TRAINING_CELLS]
    else:
        say(f"  training: reusing the recorded run {source}")
    build.add("training", TRAINING_RECORD, json.dumps(record(runs), indent=1) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        build.add("training", "training-adding.png", plot_training(runs, Path(tmp) / "t.png").read_bytes())
    build.add("training", "training.md", training_page(runs, "training-adding.png", TRAINING_RECORD))


# ------------------------------------------------------------------------------ API
def render(parts=PARTS, *, cells=None, record_dir=None, training: str = "auto",
           missing_tools: str = "error", progress: bool = False) -> Build:
    """Compute the files of ``parts`` in memory.

    ``cells``: names for the cell pages and booklet (default: every built-in cell).
    ``record_dir``: where to look for the recorded training run (``training-adding.json``);
    ``training``: "auto" (reuse a record that matches, else train), "reuse" (raise StaleRecord
    instead of training) or "retrain". ``missing_tools``: "error" or "skip" (files that need
    Graphviz or pdflatex are listed in ``Build.skipped``). ``progress``: status lines on stderr.
    """
    from ..cells import registry
    parts = tuple(parts)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown docs parts {unknown}; expected some of {', '.join(PARTS)}")
    if training not in TRAINING_MODES:
        raise ValueError(f"training must be one of {', '.join(TRAINING_MODES)}, got {training!r}")
    if missing_tools not in ("error", "skip"):
        raise ValueError(f"missing_tools must be 'error' or 'skip', got {missing_tools!r}")
    names = list(registry.available_cells() if cells is None else cells)
    for n in names:
        registry.cell(n)                 # KeyError naming the available cells, before any work
    say = _status if progress else _quiet
    build = Build()
    for part in PARTS:
        if part not in parts:
            continue
        say(f"{part}:")
        if part == "cells":
            _cells(build, names, missing_tools, say)
        elif part == "booklet":
            _booklet(build, names, missing_tools, say)
        elif part == "flow":
            _flow(build, say)
        else:
            _training(build, record_dir, training, say, progress)
    return build


def read_manifest(folder) -> dict:
    """{part: [paths]} from ``folder/generated-files.txt`` (empty when there is none)."""
    path = Path(folder) / MANIFEST
    out: dict = {}
    if not path.is_file():
        return out
    part = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            part = line[1:-1]
            out.setdefault(part, [])
        elif part is not None:
            out[part].append(line)
    return out


def _manifest_text(sections: dict) -> str:
    lines = ["# Files written by `symlstm docs` (rebuild: symlstm docs --out docs). Do not edit them by hand;",
             "# everything else in this folder is written by people and left alone.", ""]
    for part in PARTS:
        if part in sections:
            lines.append(f"[{part}]")
            lines += sorted(sections[part])
            lines.append("")
    return "\n".join(lines)


def write(out, build: Build) -> list[str]:
    """Write ``build`` into ``out``: changed files only; update the manifest; remove files a
    rebuilt part used to produce and no longer does. Returns the paths written or removed."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    sections = read_manifest(out)
    changed = []
    for part, paths in build.parts.items():
        for old in sections.get(part, []):
            if old not in paths and (out / old).is_file():
                (out / old).unlink()
                changed.append(old)
        sections[part] = list(paths)
    for path, data in build.files.items():
        target = out / path
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        changed.append(path)
    manifest = _manifest_text(sections)
    mpath = out / MANIFEST
    if not mpath.is_file() or mpath.read_text() != manifest:
        mpath.write_text(manifest)
        changed.append(MANIFEST)
    return changed


def build_docs(out="docs", parts=PARTS, *, training: str = "auto", missing_tools: str = "error",
               progress: bool = True, cells=None) -> Build:
    """Render ``parts`` and write them into ``out`` (the recorded training run is looked up there)."""
    build = render(parts, cells=cells, record_dir=out, training=training,
                   missing_tools=missing_tools, progress=progress)
    write(out, build)
    return build
