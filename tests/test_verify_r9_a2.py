r"""Round 9 (helper A2): notations of code and of its comments (TensorFlow's LSTMBlockCell docs and lstm_ops.h).

* ``x[t]``, ``dcs[t + 1]``: code indexing of a sequence by the step, ``x_t`` (text/codeindex.py).
* ``dgates^{(i)} = di`` beside ``[i, f, ci, o] = xh * w + b``: the gradient's block labels name the stack
  (judging/blockgrads.py); ``dgates`` alone is then the gradient of the stacked pre-activations.
* ``xh^{(x)} = x`` for ``xh = [x, h_prev]``: a block label that is a name of the cell is a part, not a step letter.
* ``if (use_peephole):`` before statements and ``if not use_peephole: wci = wcf = wco = 0`` in the comments: the
  rows outside the ``if`` are read with the flag off (judging/flagcases.py).
* ``(...) . {x^t}^T`` in a row writing ``\cdot``: the product typed as a lone period (text/rowtokens.py).
Every correct row passes; a mutated row (swapped gate, wrong step, missing transpose, wrong block) fails.
"""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation

PLAIN = r"""
\[ xh = [x, h\_prev] \]
\[ [i, f, ci, o] = xh * w + b \]
\[ f = f + forget\_bias \]
\[ i = sigmoid(i) \]
\[ f = sigmoid(f) \]
\[ ci = tanh(ci) \]
\[ cs = ci .* i + cs\_prev .* f \]
\[ o = sigmoid(o) \]
\[ co = tanh(cs) \]
\[ h = co .* o \]
"""

PEEP = r"""
\[ xh = [x, h\_prev] \]
\[ [i, f, ci, o] = xh * w + b \]
\[ f = f + forget\_bias \]
% if not use_peephole:
%   wci = wcf = wco = 0
\[ i = sigmoid(cs\_prev * wci + i) \]
\[ f = sigmoid(cs\_prev * wcf + f) \]
\[ ci = tanh(ci) \]
\[ cs = ci .* i + cs\_prev .* f \]
\[ o = sigmoid(cs * wco + o) \]
\[ co = tanh(cs) \]
\[ h = co .* o \]
"""


def _statuses(forward, backward):
    text = "\\documentclass{article}\n\\begin{document}\n" + forward + "% backward\n" + backward + "\\end{document}\n"
    out = {}
    for r in verify_derivation(text).results:
        out.setdefault(r.text.strip(), r.status)
    return out


def _check(forward, rows):
    """rows: (latex, expected status); each row is judged after the forward rows (and the rows before it)."""
    st = _statuses(forward, "".join(f"\\[ {row} \\]\n" for row, _ in rows))
    for row, want in rows:
        assert st[row] == want, (row, st[row], want)


def test_code_indexing_by_the_step():
    _check(PLAIN, [
        (r"do[t] = sigm'(o[t]) .* dh[t] .* co[t]", "pass"),
        (r"do[t] = sigm'(o[t]) .* dh[t] .* cs[t]", "fail"),                  # tanh(cs) dropped
        (r"dcs[t] = tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1] .* f[t + 1]", "pass"),
        (r"dcs[t] = tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1] .* f[t]", "fail"),      # wrong step
        (r"dcs[t] = tanh'(cs[t]) .* dh[t] .* o[t] - dcs[t + 1] .* f[t + 1]", "fail"),  # wrong sign
        (r"dci[t] = tanh'(ci[t]) dcs[t] i[t]", "pass"),
        (r"dci[t] = tanh'(ci[t]) dcs[t] f[t]", "fail"),                      # swapped gate
        (r"df[t] = sigm'(f[t]) dcs[t] cs[t - 1]", "pass"),
        (r"df[t] = sigm'(f[t]) dcs[t] cs[t]", "fail"),                       # wrong step
        (r"di[t] = sigm'(i[t]) dcs[t] ci[t]", "pass"),
    ])


def test_gradient_blocks_name_the_stack():
    rows = [
        (r"do\_ = o \odot (1 - o) \odot h\_grad \odot co", "pass"),
        (r"dci = (1 - ci \odot ci) \odot dcs \odot i", "pass"),
        (r"df = f \odot (1 - f) \odot dcs \odot cs\_prev", "pass"),
        (r"di = i \odot (1 - i) \odot dcs \odot ci", "pass"),
        (r"dgates^{(i)} = di", "pass"),
        (r"dgates^{(c)} = dci", "pass"),
        (r"dgates^{(f)} = df", "pass"),
        (r"dgates^{(o)} = do\_", "pass"),
        (r"xh\_grad = dgates \, w^T", "pass"),
        (r"w\_grad \mathrel{+}= xh^T dgates", "pass"),
        (r"b\_grad \mathrel{+}= dgates", "pass"),
    ]
    _check(PLAIN, rows)
    st = _statuses(PLAIN, "".join(f"\\[ {r} \\]\n" for r, _ in rows[:4]) +
                   "\\[ dgates^{(i)} = df \\]\n\\[ dgates^{(c)} = dci \\]\n\\[ dgates^{(f)} = di \\]\n"
                   "\\[ dgates^{(o)} = do\\_ \\]\n\\[ xh\\_grad = dgates \\, w \\]\n"
                   "\\[ b\\_grad \\mathrel{+}= dgates \\odot xh \\]\n")
    assert st[r"dgates^{(i)} = df"] == "fail"             # blocks swapped
    assert st[r"dgates^{(f)} = di"] == "fail"
    assert st[r"xh\_grad = dgates \, w"] == "fail"        # transpose missing
    assert st[r"b\_grad \mathrel{+}= dgates \odot xh"] == "fail"


def test_labels_that_miss_a_block_leave_the_name_unknown():
    st = _statuses(PLAIN, "\\[ di = i \\odot (1 - i) \\odot dcs \\odot ci \\]\n\\[ dgates^{(i)} = di \\]\n"
                          "\\[ dgates^{(f)} = df \\]\n")
    assert st[r"dgates^{(i)} = di"] != "pass"


def test_part_of_a_concatenation():
    _check(PLAIN, [(r"xh^{(x)} = x", "pass"), (r"xh^{(h)} = h\_prev", "pass")])
    st = _statuses(PLAIN, "\\[ xh^{(x)} = 2 x \\]\n\\[ xh^{(h)} = x \\]\n")
    assert st[r"xh^{(x)} = 2 x"] == "fail"
    assert st[r"xh^{(h)} = x"] == "fail"


def test_flag_cases():
    outside = r"dcs[t] = tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1] .* f[t + 1]"
    wrong_step = r"dcs[t] = tanh'(cs[t]) .* dh[t] .* o[t] + dcs[t + 1] .* f[t]"
    # a switched-off name outside the if: judged as written (step t+1's peephole paths are missing)
    written_on = outside + r" + do[t] .* wco"
    complete = outside + r" + do[t] .* wco + di[t+1] .* wci + df[t+1] .* wcf"
    backward = "".join(f"\\[ {r} \\]\n" for r in (outside, wrong_step, written_on)) + \
        "% if (use_peephole):\n" + "".join(f"\\[ {r} \\]\n" for r in (outside.replace("dcs[t] =", "dcs_t ="),
                                                                        complete))
    st = _statuses(PEEP, backward)
    assert st[outside] == "pass"
    assert st[wrong_step] == "fail"
    assert st[written_on] == "fail"
    assert st[outside.replace("dcs[t] =", "dcs_t =")] == "fail"      # under the if: the peepholes on
    assert st[complete] == "pass"
    # without the comment stating the off case, every row is read with the peepholes
    st = _statuses(PEEP.replace("% if not use_peephole:\n%   wci = wcf = wco = 0\n", ""), backward)
    assert st[outside] == "fail"


RNN = r"""
$$h^t = tanh(W_{hh}h^{t-1} + W_{xh}x^t + b)$$
"""


def test_lone_period_as_the_rows_product():
    good = (r"\nabla_{W_{xh}}L = \sum_t \nabla_{h^t}L * (1 - tanh(W_{hh}\cdot h^{t-1} + W_{xh}\cdot x^t + b) ^ 2)"
            r" . {x^t}^T")
    bad = good.replace("{x^t}^T", "{h^{t-1}}^T")
    st = _statuses(RNN, f"$${good}$$\n$${bad}$$\n$$W_{{xh}} . x^t = W_{{xh}} x^t$$\n")
    assert st[good] == "pass"
    assert st[bad] == "fail"
    # a period between two factors is a product in any row since round 88 (an EPITA post writes
    # \frac{\partial L_t}{\partial o_t} . \frac{\partial o_t}{\partial w_o} without a \cdot anywhere): the row holds
    assert st[r"W_{xh} . x^t = W_{xh} x^t"] == "pass"
