"""Helpers the round tests of verify share: the statuses of a file's rows, and a mutant of a note."""
from __future__ import annotations

from symlstm.verify import verify_file


def statuses(path) -> dict:
    """{line: [status of each equation starting on it]} of ``verify --file path``."""
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def mutant(tmp_path, source, old, new, name="mutant.md"):
    """A copy of ``source`` in ``tmp_path`` with the first ``old`` replaced by ``new`` (which must occur)."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    p = tmp_path / name
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p
