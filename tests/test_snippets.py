"""Every ```python and ```sh snippet of README.md and docs/*.md runs as pasted (each on its own).

Commands that install packages, run this suite or rewrite the committed docs are skipped with
their reason; slow ones run with SYMLSTM_SLOW_TESTS=1; ones that need an absent tool skip.
"""
import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SLOW = os.environ.get("SYMLSTM_SLOW_TESTS") == "1"

#: (pattern at the start of a command, reason): never run here.
SKIP = [
    (r"pip install\b", "installs packages (the suite runs in the installed environment)"),
    (r"python -m pytest\b", "runs this suite"),
    (r"symlstm docs\b", "rewrites the committed docs; tests/test_docs.py runs `symlstm docs --check`"),
]
#: Commands of a minute or more: run with SYMLSTM_SLOW_TESTS=1.
SLOW_COMMANDS = [r"symlstm train\b", r"python -m symlstm\.bench\b", r"symlstm bench\b"]
#: Commands that need a program besides Python.
TOOLS = {r"symlstm diagram\b": "dot"}
#: A python snippet's training loop (``for step in range(201):`` at the left margin) runs two steps here (the
#: export, a forward and the derived backward, an optimiser step, and again with the new weights: what every
#: further step runs; the printed losses are compared by no test); SYMLSTM_SLOW_TESTS=1 runs every step.
LOOP = re.compile(r"^(for \w+ in range\()(\d+)(\):)", re.M)


def _steps(code):
    return code if SLOW else LOOP.sub(lambda m: f"{m[1]}{min(int(m[2]), 2)}{m[3]}", code)


def _snippets():
    for f in FILES:
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r"^```(python|sh)\n(.*?)^```", text, re.S | re.M):
            line = text[:m.start()].count("\n") + 1
            yield f.relative_to(ROOT).as_posix(), line, m.group(1), m.group(2)


def _commands(code):
    for raw in code.splitlines():
        line = re.sub(r"\s+#.*$", "", raw).strip()
        if line and not line.startswith("#"):
            yield from (part.strip() for part in line.split("&&"))


PYTHON = [pytest.param(code, id=f"{f}:{line}") for f, line, lang, code in _snippets() if lang == "python"]
SHELL = [pytest.param(cmd, id=f"{f}:{line}:{cmd[:40]}") for f, line, lang, code in _snippets() if lang == "sh"
         for cmd in _commands(code)]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A scratch folder with the example files the snippets read (docs/examples/), and a derivation
    standing for the reader's own ``notes.tex``."""
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    shutil.copy(ROOT / "docs" / "examples" / "greff2017_backward.tex", tmp_path / "notes.tex")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))      # as `python` run in that folder: modules written there import
    return tmp_path


def test_the_snippets_are_found():
    assert len(PYTHON) >= 6 and len(SHELL) >= 8


@pytest.mark.parametrize("code", PYTHON)
def test_python_snippet_runs_as_pasted(code, workdir):
    if code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(code, {}, "snippet", None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert runner.failures == 0
        return
    exec(compile(_steps(code), "<snippet>", "exec"), {"__name__": "__snippet__"})  # noqa: S102 - our own docs


@pytest.mark.parametrize("command", SHELL)
def test_shell_snippet_runs_as_pasted(command, workdir):
    for pattern, reason in SKIP:
        if re.match(pattern, command):
            pytest.skip(reason)
    if not SLOW and any(re.match(p, command) for p in SLOW_COMMANDS):
        pytest.skip("a minute or more: SYMLSTM_SLOW_TESTS=1 runs it")
    for pattern, tool in TOOLS.items():
        if re.match(pattern, command) and shutil.which(tool) is None:
            pytest.skip(f"needs {tool}, which is not installed")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(["bash", "-c", command], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, f"{command}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
