r"""A reading that makes a written gradient symbol vanish is no evidence (symlstm/verify/numeric/vanish.py).

Calvin Feng's LSTM notes write ``\frac{\partial L}{\partial c_{t-1}} = \frac{\partial L}{\partial c_t}
\frac{\partial c_t}{\partial c_{t-1}} + \frac{\partial L}{\partial h_t}\frac{\partial h_t}{\partial c_t}
\frac{\partial c_t}{\partial c_{t-1}}`` (his upstream dL/dc_t is what step t+1 sends back to c_t). Read with
dL/dh_t as what reaches h_t through step t+1, which is zero in the cell as read (no readable row of step t+1 reads
h_t), the second term was 0 and any factor in it went untested: the row with its last factor dropped passed. Such a
reading is now refused; the row holds under the author's reading (dL/dc_t one step, dL/dh_t total).
"""
from __future__ import annotations

import os

import numpy as np

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.numeric import vanish
from symlstm.verify.numeric.numbase import Ctx, Grad

HERE = os.path.join(os.path.dirname(__file__), "derivations")

P = r"\partial"


def frac(a, b):
    return rf"\frac{{{P} {a}}}{{{P} {b}}}"


DLC1, DLC, DLH = frac("L", "c_{t-1}"), frac("L", "c_{t}"), frac("L", "h_{t}")
HC, CC1 = frac("h_{t}", "c_{t}"), frac("c_{t}", "c_{t-1}")


def _row_of(text, line, row):
    src = text.split("\n")
    src[line - 1] = "$$ " + row + " $$"
    rep = verify_derivation("\n".join(src))
    return next(r for r in rep.results if r.line == line)


def _calvinfeng():
    return open(os.path.join(HERE, "calvinfeng_lstm_backprop.tex")).read()


def test_calvinfeng_row84_holds_under_the_authors_reading():
    r = _row_of(_calvinfeng(), 84, f"{DLC1} = {DLC} {CC1} + {DLH} {HC} {CC1}")
    assert r.status == "pass"
    assert "dc: what reaches it through one step" in r.why      # the upstream dL/dc_t: what step t+1 sends
    assert "dh:" not in r.why                                  # dL/dh_t: the whole gradient


def test_calvinfeng_row84_mutants_never_pass():
    text = _calvinfeng()
    for row in (f"{DLC1} = {DLC} {CC1} + {DLH} {HC}",                 # the h-path's last factor dropped
                f"{DLC1} = {DLH} {HC} {CC1}",                          # the c-path dropped
                f"{DLC1} = {DLC} {CC1} + {DLH} {HC} \\cdot i",         # a wrong last factor
                f"{DLC1} = {DLC} + {DLH} {HC} {CC1}"):                 # the c-path's factor dropped
        r = _row_of(text, 84, row)
        assert r.status in ("fail", "unreadable"), (row, r.status, r.why)


def test_calvinfeng_row84_without_the_h_path_only_as_a_total():
    # dL/dc_{t-1} (through step t) = dL/dc_t (the total) f is a true equation (the textbook row); it must never pass
    # with the author's upstream dL/dc_t (one step), where it misses the path through h_t
    r = _row_of(_calvinfeng(), 84, f"{DLC1} = {DLC} {CC1}")
    assert r.status != "pass" or "dc:" not in r.why, r.why


def test_calvinfeng_gate_rows_mutants_never_pass():
    text = _calvinfeng()
    for line, gate in ((86, "i"), (87, "f"), (89, "g")):
        ci = frac("c_{t}", gate)
        ok = _row_of(text, line, f"{frac('L', gate)} = {DLC} {ci} + {DLH} {HC} {ci}")
        assert ok.status == "pass" and "dh:" not in ok.why, (line, ok.status, ok.why)
        bad = _row_of(text, line, f"{frac('L', gate)} = {DLC} {ci} + {DLH} {HC}")
        assert bad.status in ("fail", "unreadable"), (line, bad.status, bad.why)


#: The same notation in a small file: the stacked row is not read, so no row of step t+1 reads h_t as the cell is
#: built, and "what reaches h_t through one step" is zero.
SMALL = r"""
$$ \begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ tanh \end{pmatrix} \left( \vec{x}W_{x} + \vec{h}_{t-1}W_{h} + b\right) $$
$$ c_{t} = f \cdot c_{t-1} + i \cdot g $$
$$ h_{t} = o_t \cdot tanh\left(c_{t}\right) $$
"""


def _last(text):
    return verify_derivation(text).results[-1]


def test_small_file_row_and_dropped_factor():
    assert _last(SMALL + f"$$ {DLC1} = {DLC} {CC1} + {DLH} {HC} {CC1} $$\n").status == "pass"
    r = _last(SMALL + f"$$ {DLC1} = {DLC} {CC1} + {DLH} {HC} $$\n")
    assert r.status in ("fail", "unreadable"), r.why


#: A whole LSTM (every row read): the readings still find the author's one-step convention, and mutants fail.
LSTM = r"""
$$ f_t = \sigma(W_f x_t + U_f h_{t-1} + b_f) $$
$$ i_t = \sigma(W_i x_t + U_i h_{t-1} + b_i) $$
$$ o_t = \sigma(W_o x_t + U_o h_{t-1} + b_o) $$
$$ g_t = \tanh(W_g x_t + U_g h_{t-1} + b_g) $$
$$ c_t = f_t \odot c_{t-1} + i_t \odot g_t $$
$$ h_t = o_t \odot \tanh(c_t) $$
"""


def test_full_lstm_rows():
    cases = [
        (f"{DLC1} = {DLC} {CC1} + {DLH} {HC} {CC1}", "pass"),
        (f"{frac('L', 'i_t')} = {DLC} {frac('c_t', 'i_t')} + {DLH} {HC} {frac('c_t', 'i_t')}", "pass"),
        (f"{DLC1} = {DLC} {CC1} + {DLH} {HC}", "bad"),
        (f"{DLC1} = {DLC} {CC1} + {DLH} {HC} \\odot i_t", "bad"),
        (f"{frac('L', 'i_t')} = {DLC} {frac('c_t', 'i_t')} + {DLH} {HC}", "bad"),
    ]
    for row, want in cases:
        r = _last(LSTM + f"$$ {row} $$\n")
        if want == "pass":
            assert r.status == "pass", (row, r.status, r.why)
        else:
            assert r.status in ("fail", "unreadable"), (row, r.status, r.why)


class _Ev:
    pass


def test_vanished_exempts_the_default_reading_and_needs_zero_everywhere():
    ev = _Ev()
    vanish.start(ev)
    ctx = Ctx(1, None)
    g_next, g_total, g_once = (Grad("h", "t", "", False, style="frac"), Grad("c", "t", "", False, style="frac"),
                               Grad("x", "t", "", False, style="frac"))
    for v in (np.zeros((3, 1)), np.zeros((3, 1))):
        vanish.note(ev, ctx, g_next, v)
        vanish.note(ev, ctx, g_total, v)
    vanish.note(ev, ctx, g_once, np.zeros((3, 1)))
    vanish.note(ev, ctx, g_once, np.ones((3, 1)))                 # nonzero at one point: evidence
    vanish.note(ev, Ctx(1, None, pert={}), g_next, np.ones((3, 1)))  # a perturbed run: not recorded
    seen = {g: [("total",), ("next",)] for g in (g_next, g_total, g_once)}
    readings = {g_next: ("next",), g_total: ("total",), g_once: ("next",)}
    assert vanish.vanished(ev, readings, seen) == [g_next]


def test_bare_names_of_a_stacked_definition_are_the_authors():
    # (i; f; o; g) = ... defines the bare gate names; o later also written o_t: the bare o is the author's own name
    text = _calvinfeng()
    for line, row in ((75, r"h_{t} = o \cdot tanh\left(c_{t}\right)"),
                      (80, r"\frac{\partial h_{t}}{\partial c_{t}} = o \cdot (1 - tanh^{2}(c_{t}))"),
                      (88, rf"{frac('L', 'o')} = {DLH} {frac('h_{t}', 'o')}")):
        r = _row_of(text, line, row)
        assert r.status == "pass", (line, r.status, r.why)
    for line, row in ((75, r"h_{t} = f \cdot tanh\left(c_{t}\right)"),
                      (80, r"\frac{\partial h_{t}}{\partial c_{t}} = o \cdot (1 - tanh(c_{t}))"),
                      (80, r"\frac{\partial h_{t}}{\partial c_{t}} = f \cdot (1 - tanh^{2}(c_{t}))"),
                      (88, rf"{frac('L', 'o')} = {DLH} {HC}"),
                      (88, rf"{frac('L', 'o')} = {DLH} \cdot tanh(c_{{t}}) \cdot o")):
        r = _row_of(text, line, row)
        assert r.status in ("fail", "unreadable"), (line, row, r.status, r.why)
