r"""The bookkeeping rows of a sequence's dictionaries in Karpathy's min-char-rnn and its many copies::

    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        ...
        loss += -np.log(ps[t][targets[t], 0])

Two rows are claims about the run, each checked where it is written:

* ``hs[-1] = np.copy(hprev)``: the entry the first step reads as its state before (``hs[t-1]`` at ``t = 0``) is the
  state carried in. It passes where a loop over the steps from 0 reads ``hs[t-1]``; a start at another key than -1
  (``hs[0] = np.copy(hprev)``, which the first step overwrites and never reads) fails.
* ``xs[t][inputs[t]] = 1`` after ``xs[t] = np.zeros(...)``: the input at t, one-hot. It passes when the list it
  indexes is the input's; one the loss reads as the target (``ps[t][targets[t], 0]``) fails: the input would be the
  target itself.

Nothing is run: the lines are read with regular expressions, one pass over the fence.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, _indent, _uncommented, fence_blocks
from .report import RowResult

__all__ = ["sequence_entry_results", "SEQ_NOTE"]

#: The note on such a row.
SEQ_NOTE = "the entries of a sequence's dictionaries (min-char-rnn)"
#: At most this many rows of each kind are judged in a fence (each is checked against the whole fence).
MAX_SEQ_ROWS = 16

_START = re.compile(r"^\s*(?P<d>[A-Za-z_]\w*)\[\s*(?P<k>-?\d+)\s*\]\s*=\s*(?:np\.copy\(\s*(?P<v>[A-Za-z_]\w*)\s*\)|"
                    r"(?P<w>[A-Za-z_]\w*)(?:\.copy\(\))?)\s*$")
_DICTS = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*(?P<vals>\{\s*\}(?:\s*,\s*\{\s*\})*)\s*$")
_LOOP = re.compile(r"^\s*for\s+(?P<t>[A-Za-z_]\w*)\s+in\s+x?range\(\s*(?:0\s*,\s*)?(?:len\([^()]*\)|[A-Za-z_]\w*)\s*\)\s*:")
_ONE_HOT = re.compile(r"^\s*(?P<x>[A-Za-z_]\w*)\[\s*(?P<t>[A-Za-z_]\w*)\s*\]\[\s*(?P<src>[A-Za-z_]\w*)\[\s*(?P=t)\s*\]"
                      r"\s*(?:,\s*0\s*)?\]\s*=\s*1(?:\.0*)?\s*$")


def sequence_entry_results(text: str) -> list:
    """A :class:`RowResult` for each state dictionary's start and each one-hot input of the text's Python fences."""
    out = []
    for start, _, body in fence_blocks(text, CODE_FENCE_LANGUAGES):
        code = [_uncommented(x).rstrip() for x in body]
        out += _starts(code, start) + _one_hots(code, start)
    return out


def _row(line, code, status, why):
    return RowResult(line=line, column=len(code) - len(code.lstrip()) + 1, text=code.strip(), status=status,
                     holds=status == "pass", reading="definition", why=why, notes=[SEQ_NOTE])


def _dicts(code: list) -> set:
    out = set()
    for line in code:
        m = _DICTS.match(line)
        if m is not None and len(m["names"].split(",")) == len(m["vals"].split(",")):
            out |= {x.strip() for x in m["names"].split(",")}
    return out


def _starts(code: list, offset: int) -> list:
    out, dicts = [], _dicts(code)
    for k, line in enumerate(code):
        m = _START.match(line)
        if m is None or m["d"] not in dicts or len(out) >= MAX_SEQ_ROWS:
            continue
        carried = m["v"] or m["w"]
        loop = next((j for j in range(k + 1, len(code)) if _LOOP.match(code[j])), None)
        if loop is None:
            continue
        t = _LOOP.match(code[loop])["t"]
        reads = re.compile(rf"(?<![\w.]){re.escape(m['d'])}\[\s*{re.escape(t)}\s*-\s*1\s*\]")
        body = [j for j in range(loop + 1, len(code)) if code[j].strip() and _indent(code[j]) > _indent(code[loop])]
        ends = next((j for j in range(loop + 1, len(code)) if code[j].strip() and
                     _indent(code[j]) <= _indent(code[loop])), len(code))
        if not any(reads.search(code[j]) for j in body if j < ends):
            continue
        if int(m["k"]) == -1:
            out.append(_row(offset + k + 1, line, "pass",
                            f"{m['d']}[-1] is what the first step reads as its state before ({m['d']}[{t}-1] at "
                            f"{t} = 0): the state carried in, {carried}"))
        else:
            out.append(_row(offset + k + 1, line, "fail",
                            f"the first step reads {m['d']}[{t}-1] at {t} = 0, the entry -1, but this row sets "
                            f"{m['d']}[{m['k']}]: the state carried in ({carried}) is never read"))
    return out


def _one_hots(code: list, offset: int) -> list:
    out, targets = [], {}
    for k, line in enumerate(code):
        m = _ONE_HOT.match(line)
        if m is None or k == 0 or len(out) >= MAX_SEQ_ROWS:
            continue
        zeros = re.compile(rf"^\s*{re.escape(m['x'])}\[\s*{re.escape(m['t'])}\s*\]\s*=\s*(?:(?:np|numpy)\.zeros|[A-Za-z_]*zero\w*)\(")
        if not any(zeros.match(code[j]) for j in range(max(0, k - 3), k)):
            continue
        if (m["src"], m["t"]) not in targets:
            target = re.compile(rf"\]\s*\[\s*{re.escape(m['src'])}\[\s*{re.escape(m['t'])}\s*\]")
            targets[m["src"], m["t"]] = any(target.search(x) and re.search(r"\blog\b", x) for x in code)
        if targets[m["src"], m["t"]]:
            out.append(_row(offset + k + 1, line, "fail",
                            f"{m['x']}[{m['t']}] is made the one-hot of {m['src']}[{m['t']}], which the loss reads "
                            f"as the target: the input would be the answer itself"))
        else:
            out.append(_row(offset + k + 1, line, "pass",
                            f"the input at {m['t']}, one-hot: a 1 at {m['src']}[{m['t']}] in the zeros above"))
    return out
