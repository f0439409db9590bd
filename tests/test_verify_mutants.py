"""Mutation harness for ``symlstm verify``: wrong rows that pass under a lenient reading.

A student's most common slip is a dropped or duplicated term. For every corpus row whose expected
verdict is pass under the total reading (the author claims the whole gradient, tests/derivations/*.json),
mutants of the row are written into the file (one top-level term of the right side dropped, one term's
sign flipped, two distinct weights or gradient names swapped) and the file is verified again. A mutant
that passes is a wrong pass; one that passes only under a step reading (one step, some of its uses, ...)
while the original passes under the total reading is a wrong pass in spirit (docs/verify.md, readings).

``python tests/test_verify_mutants.py`` runs every mutant and prints the counts per reading; the test runs a
deterministic sample and keeps a regression floor.
"""
from __future__ import annotations

import collections
import glob
import json
import os
import re
import sys

import pytest

from symlstm.verify.judging.judge import verify_derivation, verify_line

HERE = os.path.join(os.path.dirname(__file__), "derivations")
SOURCES = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(HERE, "*.json"))
                 if os.path.exists(p[:-5] + ".tex"))

_OPEN, _CLOSE = "{([", "})]"


def _depths(s):
    """Depth (braces, parentheses, brackets, \\left ... \\right) before each character of s."""
    out, d, k = [], 0, 0
    while k < len(s):
        if s.startswith(r"\left", k) and not s[k + 5:k + 6].isalpha():
            out += [d] * 5
            d += 1
            k += 5
            if k < len(s):          # the delimiter after \left
                out.append(d)
                k += 1 + (s[k] == "\\")
                if s[k - 1] == "\\":
                    out.append(d)
            continue
        if s.startswith(r"\right", k) and not s[k + 6:k + 7].isalpha():
            d -= 1
            out += [d] * 6
            k += 6
            if k < len(s):
                out.append(d)
                k += 1 + (s[k] == "\\")
                if s[k - 1] == "\\":
                    out.append(d)
            continue
        c = s[k]
        if c in _OPEN and not (k and s[k - 1] == "\\" and c != "{"):
            out.append(d)
            d += 1
        elif c in _CLOSE and not (k and s[k - 1] == "\\" and c != "}"):
            d -= 1
            out.append(d)
        else:
            out.append(d)
        k += 1
    return out[:len(s)]


def right_side(latex):
    """(start, end) of the right side of the row's last top-level ``=`` (before any \\tag), or None."""
    end = len(latex)
    m = re.search(r"\\tag\s*\{", latex)
    if m:
        end = m.start()
    d = _depths(latex[:end])
    eqs = [k for k, c in enumerate(latex[:end]) if c == "=" and d[k] == 0 and latex[k - 1:k] not in "<>!+-"]
    if not eqs:
        return None
    start = eqs[-1] + 1
    while end > start and latex[end - 1] in " ,.;\\":
        end -= 1
    return (start, end) if latex[start:end].strip() else None


def terms(rhs):
    """Top-level additive terms of rhs: [(sign, text)], sign '+' or '-'."""
    d = _depths(rhs)
    cuts, prev = [], ""
    for k, c in enumerate(rhs):
        if c in "+-" and d[k] == 0 and prev and prev not in "+-*/^_({=&" and not prev.endswith("\\"):
            cuts.append(k)
        if not c.isspace():
            prev = c
    out, a = [], 0
    for k in cuts + [len(rhs)]:
        piece = rhs[a:k].strip()
        sign = "+"
        if piece[:1] in "+-":
            sign, piece = piece[0], piece[1:].strip()
        out.append((sign, piece))
        a = k
    return [t for t in out if t[1]]


def join(ts):
    s = ""
    for n, (sign, text) in enumerate(ts):
        s += (("-" if sign == "-" else "") if n == 0 else f" {sign} ") + text
    return " " + s + " "


_WEIGHT = re.compile(r"(?<![A-Za-z\\])([WUV])_(\{[^{}]*\}|[A-Za-z0-9])")
_GRAD = re.compile(r"(?<![A-Za-z\\])(\\delta\s*|d)(\\[A-Za-z]+|[A-Za-z])(_(?:\{[^{}]*\}|[A-Za-z0-9]))?(?![A-Za-z])")


def _swaps(rhs):
    """rhs with the first two distinct weights (or gradient names) exchanged."""
    out = []
    for pat in (_WEIGHT, _GRAD):
        ms = list(pat.finditer(rhs))
        texts = []
        for m in ms:
            if all(re.sub(r"\s", "", m.group(0)) != re.sub(r"\s", "", t) for t in texts):
                texts.append(m.group(0))
        if len(texts) >= 2:
            a, b = texts[0], texts[1]
            out.append((f"swap {a} {b}", _exchange(rhs, pat, a, b)))
    return out


def _exchange(rhs, pat, a, b):
    return pat.sub(lambda m: b if m.group(0) == a else a if m.group(0) == b else m.group(0), rhs)


def mutants(latex):
    """[(kind, mutated latex)] of a row: drop a term, flip a sign, swap two names."""
    span = right_side(latex)
    if span is None:
        return []
    a, b = span
    rhs = latex[a:b]
    ts = terms(rhs)
    out = []
    if len(ts) >= 2:
        for n in range(len(ts)):
            out.append((f"drop {n}", join(ts[:n] + ts[n + 1:])))
        for n in range(len(ts)):
            flipped = list(ts)
            flipped[n] = ("-" if ts[n][0] == "+" else "+", ts[n][1])
            out.append((f"flip {n}", join(flipped)))
    elif ts:
        out.append(("flip 0", join([("-" if ts[0][0] == "+" else "+", ts[0][1])])))
    out += _swaps(rhs)
    return [(kind, latex[:a] + new + latex[b:]) for kind, new in out if new.strip() != rhs.strip()]


def rows_of(sid):
    """The corpus rows claimed as total gradients that are expected to pass: (line, latex, file text)."""
    with open(os.path.join(HERE, sid + ".json"), encoding="utf-8") as f:
        spec = json.load(f)
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    out = []
    for e in spec["equations"]:
        if e["expected"] != "pass" or e["reading"] != "total":
            continue
        line = lines[e["line"] - 1]
        if e["latex"] in line and line.count(e["latex"]) == 1:
            out.append((e["line"], e["latex"], text))
    return out


def verdict(text, line, latex, new):
    """(status, reading, why) of the row on ``line`` once its latex is replaced by ``new``: the verdict the whole
    file's verification gives it (verify_line judges the file's rows up to that line, not those after it)."""
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1].replace(latex, new)
    found = verify_line("\n".join(lines), line)
    for status in ("fail", "unreadable", "pass"):      # a row of several statements (A \Rightarrow B): all judged
        for r in found:
            if r.status == status:
                return r.status, r.reading, r.why
    return "missing", "", ""


def original(sid, line):
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        text = f.read()
    for r in verify_derivation(text).results:
        if r.line == line:
            return r.status, r.reading
    return "missing", ""


def run(sample=None, originals=True):
    """Every mutant (or every ``sample``-th row's): [(sid, line, kind, status, reading, why, original reading)];
    ``originals=False`` leaves the original verdicts (printed by ``__main__``, asserted by no test) unread."""
    out = []
    n = 0
    for sid in SOURCES:
        base = None
        for line, latex, text in rows_of(sid):
            n += 1
            if sample and n % sample:
                continue
            if base is None:            # the original verdicts, only for a source with a row in the sample
                base = {}
                for r in verify_derivation(text).results if originals else ():
                    base.setdefault(r.line, (r.status, r.reading))
            for kind, new in mutants(latex):
                status, reading, why = verdict(text, line, latex, new)
                out.append((sid, line, kind, status, reading, why, base.get(line, ("", ""))))
    return out


def counts(results):
    c = collections.Counter()
    for sid, line, kind, status, reading, why, orig in results:
        c[(status, reading if status == "pass" else "")] += 1
    return c


#: Mutants of the sample (every SAMPLE-th row claimed total) that pass: a regression floor. On the whole
#: corpus (385 mutants, 31 sources) 34 passed (26 step, 8 total) before a name was read alike through its file
#: and the direct / one-step readings were refused for a left side claiming a total (docs/verify.md); 15
#: (7 step, 8 total) after; on 45 sources, 622 mutants, 26 pass (18 total, 8 step), most of them tautologies
#: (X = X ± 0) or mutants of rows that define their own name. Each mutant re-verifies its file (up to its row,
#: verify_line), so the test samples every 13th row: 74 mutants, 4 passing when it was set - microsoft_aiedu_gru 82 with a term dropped (still
#: true: the total Jacobian carries that path), wayne82_rnn_bptt 149 (a tautology), compphysics_rnnmath 116 (step
#: reading) and d2l_bptt_current 33 (a_t = b_t: d2l's abstract a, b, c; a known weakness, passing since before).
#: Lowered to 2 (60 mutants in the sample by then; passing: mmuratarat_lstm_dimensions 122 and
#: willwolf_rnn_gradients 73, each with a term dropped) after rows that introduce a \delta against the file's
#: naming, a gate's \delta read as the file reads its gates, and d-named rows with no gradient became claims.
#: With 76 sources (74 mutants in the sample) 4 pass: dragonhyq_bptt 59 "drop 2" (still true: the \dots after the
#: dropped term covers it), wayne82_rnn_bptt 149 (a tautology), compphysics_rnnmath 116 (step reading) and
#: mmuratarat_lstm_dimensions 122 (as above); dragonhyq 59 with the sign before \dots flipped passed until an
#: elision's sign had to match the terms it continues.
SAMPLE = 13
MAX_PASSING = 4


def test_mutant_rows_fail(capsys):
    results = run(SAMPLE, originals=False)
    c = counts(results)
    passing = [r for r in results if r[3] == "pass"]
    with capsys.disabled():
        print(f"\nmutants {len(results)}: " + ", ".join(f"{k[0]} {k[1]}".strip() + f" {v}" for k, v in sorted(c.items())))
    assert len(results) >= 30
    assert len(passing) <= MAX_PASSING


#: Hand-checked mutants that must fail: (source, line, old text, new text).
HAND = [
    # the third path into h_old dropped: passed under "some of its uses" (dh_{old2} read as the rest)
    ("hipsternet_gru", 52, r"dh_{next} = dh_{old1} + dh_{old2} + dh_{old3}", r"dh_{next} = dh_{old1} + dh_{old2}"),
    # dc_prev without the part through a_next: passed under "one step"
    ("coursera_lstm_backward_2018", 44,
     r"dc_{prev} = dc_{next}\Gamma_f^{\langle t \rangle} + \Gamma_o^{\langle t \rangle} * (1- \tanh(c_{next})^2)*\Gamma_f^{\langle t \rangle}*da_{next}",
     r"dc_{prev} = dc_{next}\Gamma_f^{\langle t \rangle}"),
    # d2l: a sign flipped in dL/dh_t (the term through o_t subtracted)
    ("d2l_bptt", 32,
     r"= \mathbf{W}_{hh}^\top \frac{\partial L}{\partial \mathbf{h}_{t+1}} + \mathbf{W}_{qh}^\top",
     r"= \mathbf{W}_{hh}^\top \frac{\partial L}{\partial \mathbf{h}_{t+1}} - \mathbf{W}_{qh}^\top"),
]

#: A Greff et al. style LSTM (vector notation, no peepholes) and its total \delta c_t.
GREFF = "\n".join([
    r"$$ z_t = \tanh(W_z x_t + R_z h_{t-1} + b_z) $$",
    r"$$ i_t = \sigma(W_i x_t + R_i h_{t-1} + b_i) $$",
    r"$$ f_t = \sigma(W_f x_t + R_f h_{t-1} + b_f) $$",
    r"$$ o_t = \sigma(W_o x_t + R_o h_{t-1} + b_o) $$",
    r"$$ c_t = z_t \odot i_t + c_{t-1} \odot f_t $$",
    r"$$ h_t = o_t \odot \tanh(c_t) $$",
    r"$$ \delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + \delta c_{t+1} \odot f_{t+1} $$", ""])


@pytest.mark.parametrize("drop", [r"\delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + ", r" + \delta c_{t+1} \odot f_{t+1}"])
def test_greff_delta_c_dropped_term_fails(drop):
    assert [(r.status, r.reading) for r in verify_derivation(GREFF).results][-1] == ("pass", "total")
    status, reading, why = verdict(GREFF, 7, drop, "")
    assert status == "fail", f"\\delta c_t without {drop!r} passes ({reading}: {why})"


@pytest.mark.parametrize("text", [GREFF, "pytorch_2017_lstm_docs"], ids=["greff", "pytorch_2017_lstm_docs"])
def test_verify_line_gives_the_whole_runs_verdicts(text):
    """verdict() judges a mutated row with verify_line: on every line of a file (here one of two cells, nn.LSTM then
    nn.LSTMCell) it gives what verify_derivation gives that line."""
    if "\n" not in text:
        with open(os.path.join(HERE, text + ".tex"), encoding="utf-8") as f:
            text = f.read()
    full = verify_derivation(text).results
    for line in sorted({r.line for r in full}):
        want = [(r.line, r.column, r.status, r.reading, r.why) for r in full if r.line == line]
        assert [(r.line, r.column, r.status, r.reading, r.why) for r in verify_line(text, line)] == want, line


@pytest.mark.parametrize("sid,line,old,new", HAND, ids=[f"{h[0]}:{h[1]}" for h in HAND])
def test_hand_checked_mutant_fails(sid, line, old, new):
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        text = f.read()
    assert old in text.split("\n")[line - 1]
    status, reading, why = verdict(text, line, old, new)
    assert status != "pass", f"{sid}:{line} mutant passes ({reading}: {why})"


if __name__ == "__main__":
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else None
    res = run(sample)
    for r in res:
        if r[3] == "pass":
            print(f"{r[0]}:{r[1]} {r[2]:24s} {r[4]:6s} (orig {r[6][1]}) {r[5][:150]}")
    print(len(res), sorted(counts(res).items()))
