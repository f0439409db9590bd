"""Helpers of the tests that judge code fences (tests/test_verify_r22.py, tests/test_verify_r23.py): the statuses
of a report by line, a test's code pasted as a note pastes it, the test's own code run to check its numbers, and
central finite differences. Never used on user text."""
from __future__ import annotations

import numpy as np

__all__ = ["_fd", "_fenced", "_run", "_statuses"]


def _statuses(results):
    """{line: statuses} of the cell's rows. The fixtures' activation helpers (def sigmoid(x): ...) and the starts
    of their gradient sums (dW = np.zeros_like(W)) are right: their rows must pass (helperdefs.py, accumstarts.py;
    judged in tests/test_verify_helperdefs.py) and are left out here."""
    from symlstm.verify.judging.accumstarts import START_NOTE
    from symlstm.verify.judging.helperdefs import HELPER_NOTE
    out = {}
    for r in sorted(results, key=lambda r: (r.line, r.column)):
        if HELPER_NOTE in r.notes or START_NOTE in r.notes:
            assert r.status == "pass", (r.line, r.text, r.why)
            continue
        out.setdefault(r.line, []).append(r.status)
    return out


def _fenced(code: str) -> str:
    """The code as a note pastes it: a comment line, then one python fence (so row k of the code is line k + 2)."""
    return "<!-- source: a test's own code -->\n```python\n" + code + "```\n"


def _run(code: str) -> dict:
    """The names a test's OWN code defines (a fixture of this file, never user text), to check its numbers."""
    space = {"np": np}
    exec(compile(code, "<test code>", "exec"), space)       # noqa: S102 - the test's own fixture
    return space


def _fd(loss, arrays, eps=1e-6):
    """Central finite differences of loss() by every entry of every array (changed in place and restored)."""
    out = []
    for a in arrays:
        g = np.zeros_like(a)
        for idx in np.ndindex(*a.shape):
            keep = a[idx]
            a[idx] = keep + eps
            up = loss()
            a[idx] = keep - eps
            down = loss()
            a[idx] = keep
            g[idx] = (up - down) / (2 * eps)
        out.append(g)
    return out
