r"""The loss when a derivation names one but no row defines it (symlstm/verify/losses.py, gradlayout.py).

* the loss matching the output activation (sigmoid -> binary cross-entropy: dL/do = y_hat - y);
* a loss that the forward rows as read do not carry to the states: rows about those gradients are never passed
  as 0 = 0 (they are judged under a generic loss on the unreached quantities, else unreadable);
* \xi as a loss name;
* a derivation whose own results are columns (V^T(y_hat - y)) reads its chains dL/dq dq/dp in the written order.
"""
from __future__ import annotations

import pytest

from symlstm.verify.judging.judge import verify_derivation

_DOC = "\\documentclass{article}\n\\begin{document}\n%s\n\\end{document}\n"


def _verdicts(rows):
    text = _DOC % "\n".join("$$" + r + "$$" for r in rows)
    rep = verify_derivation(text)
    by_line = {r.line: r for r in rep.results}
    return [by_line[3 + k] for k in range(len(rows))]


# an RNN with a sigmoid head and no loss row (Pinard's RNN post, sigma at the output)
RNN = [r"h^{(t)} = \tanh(Ux^{(t)} + Wh^{(t-1)} + b)",
       r"o^{(t)} = Vh^{(t)} +c",
       r"\hat{y}^{(t)} = \sigma(o^{(t)})"]


@pytest.mark.parametrize("row,ok", [
    (r"\frac{\partial L}{\partial c} = \sum\limits_{t=1}^{\tau}(\hat{y}^{(t)} - y^{(t)})", True),
    (r"\frac{\partial L}{\partial V} = \sum\limits_{t=1}^{\tau}(\hat{y}^{(t)} -y^{(t)}) (h^{(t)})^T", True),
    (r"\frac{\partial L}{\partial o^{(t)}} = \hat{y}^{(t)} - y^{(t)}", True),
    (r"\frac{\partial L}{\partial c} = \sum\limits_{t=1}^{\tau}2(\hat{y}^{(t)} - y^{(t)})", False),
    (r"\frac{\partial L}{\partial V} = \sum\limits_{t=1}^{\tau}(\hat{y}^{(t)} -y^{(t)}) (h^{(t-1)})^T", False),
    (r"\frac{\partial L}{\partial o^{(t)}} = y^{(t)} - \hat{y}^{(t)}", False),
])
def test_sigmoid_head_takes_its_matched_loss(row, ok):
    r = _verdicts(RNN + [row])[-1]
    assert r.status == ("pass" if ok else "fail"), (row, r.status, r.why)


# Pinard's LSTM post without its row of h (the copy joins the rows of o and h; verify reads a joined display as
# two rows, so here the row of h is left out): h is never defined and the head reads it as an unknown; the loss
# (unstated) reaches no state of the cell as read.
LSTM = [r"f^{(t)} = \sigma(W_fh^{(t-1)} + U_fx^{(t)} + b_f)",
        r"i^{(t)} = \sigma(W_ih^{(t-1)} + U_ix^{(t)} + b_i)",
        r"a^{(t)} =tanh(W_ah^{(t-1)} + U_ax^{(t)} + b_a)",
        r"C^{(t)} = C^{(t-1)} \odot f^{(t)} + i^{(t)} \odot a^{(t)}",
        r"o^{(t)} = \sigma(W_oh^{(t-1)} + U_ox^{(t)} + b_o)",
        r"\hat{y}^{(t)} = \sigma(Vh^{(t)} + c)"]

WRONG_UNDER_ANY_LOSS = [
    r"\frac{\partial L}{\partial W_f} = 0",
    r"\delta_C^{(\tau)} = \delta_h^{(\tau)}",
    r"\delta_C^{(t)} = 5\delta_h^{(t)} \odot f^{(t)}",
    r"\delta_C^{(t)} =\frac{\partial L}{\partial C^{(t+1)}} \frac{\partial C^{(t+1)}}{\partial C^{(t)}} + "
    r"\frac{\partial L}{\partial h^{(t)}}\frac{\partial h^{(t)}}{\partial C^{(t)}} = \delta_C^{(t+1)}\odot f^{(t+1)} + "
    r"\delta_h^{(t)} \odot o^{(t)} \odot (1 - tanh^2(C^{(t)}))",
    r"\frac{\partial L}{\partial W_f} = \sum\limits_{t=1}^{\tau}\frac{\partial L}{\partial C^{(t)}} "
    r"\frac{\partial C^{(t)}}{\partial f^{(t)}} \frac{\partial f^{(t)}}{\partial W_f} = \delta_C^{(t)} \odot C^{(t-1)} "
    r"\odot f^{(t)}(1-f^{(t)}) (h^{(t-1)})^T",
]


@pytest.mark.parametrize("row", WRONG_UNDER_ANY_LOSS)
def test_a_loss_that_reaches_no_state_never_passes_a_row(row):
    defs = [r"\delta_h^{(t)} = \frac{\partial L}{\partial h^{(t)}}", r"\delta_C^{(t)} = \frac{\partial L}{\partial C^{(t)}}"]
    r = _verdicts(LSTM + defs + [row])[-1]
    assert r.status != "pass", (row, r.why)
    if r.status == "unreadable":
        assert "loss is not defined" in r.why or "not defined" in r.why


def test_definitions_of_gradient_names_still_pass():
    defs = [r"\delta_h^{(t)} = \frac{\partial L}{\partial h^{(t)}}", r"\delta_C^{(t)} = \frac{\partial L}{\partial C^{(t)}}"]
    rs = _verdicts(LSTM + defs)
    assert [r.status for r in rs[-2:]] == ["pass", "pass"], [r.why for r in rs[-2:]]


# \xi: the loss of Roelants' linear RNN, written only as the numerator of derivatives
LINEAR = [r"s_{k} = W s_{k-1} + U x_k"]


@pytest.mark.parametrize("row,status", [
    (r"\frac{\partial \xi}{\partial U} = \sum_{k=1}^{T} \frac{\partial \xi}{\partial s_{k}} x_k^T", "pass"),
    (r"\frac{\partial \xi}{\partial W} = \sum_{k=1}^{T} \frac{\partial \xi}{\partial s_{k}} s_{k-1}^T", "pass"),
    (r"\frac{\partial \xi}{\partial W} = \sum_{k=1}^{T} \frac{\partial \xi}{\partial s_{k}} s_{k}^T", "fail"),
    (r"\frac{\partial \xi}{\partial U} = \sum_{k=1}^{T} \frac{\partial \xi}{\partial s_{k}} x_{k-1}^T", None),
])
def test_xi_is_a_loss_name(row, status):
    r = _verdicts(LINEAR + [row])[-1]
    if status is None:
        assert r.status != "pass", (row, r.why)
    else:
        assert r.status == status, (row, r.status, r.why)


def test_column_results_make_numerator_chains_ill_typed():
    rows = RNN + [
        r"L = \sum\limits_{t=1}^{\tau}L^{(t)}",
        r"\delta^{(t)} = \frac{\partial L}{\partial h^{(t)}}",
        r"\delta^{(\tau)} =\frac{\partial L}{\partial o^{(\tau)}} \frac{\partial o^{(\tau)}}{\partial h^{(\tau)}} = "
        r"V^T(\hat{y}^{(\tau)} - y^{(\tau)})",
        r"\frac{\partial L}{\partial V} =\sum\limits_{t=1}^{\tau}\frac{\partial L^{(t)}}{\partial V} = "
        r"\sum\limits_{t=1}^{\tau}\frac{\partial L^{(t)}}{\partial o^{(t)}} \frac{\partial o^{(t)}}{\partial V} = "
        r"\sum\limits_{t=1}^{\tau}(\hat{y}^{(t)} -y^{(t)}) (h^{(t)})^T",
        r"\frac{\partial L}{\partial V} =\sum\limits_{t=1}^{\tau}\frac{\partial L^{(t)}}{\partial V} = "
        r"\sum\limits_{t=1}^{\tau}(\hat{y}^{(t)} -y^{(t)}) (h^{(t)})^T",
    ]
    rs = _verdicts(rows)
    assert rs[-3].status == "fail"          # the column V^T(...) against the chain read as a row
    assert rs[-2].status == "fail"          # column dL/do times do/dV: ill-typed as written
    assert rs[-1].status == "pass", rs[-1].why


# the total loss stated as the mean of the steps' losses, no row defining a step's loss (the reader's loss of
# each step: the softmax head's cross-entropy): the 1/T is part of every gradient of J
MEAN = [r"h_t = \tanh(W h_{t-1} + U x_t + b)",
        r"\hat y_t = \mathrm{softmax}(V h_t + c)",
        r"J = \frac{1}{T}\sum_{t=1}^{T} J_t"]


@pytest.mark.parametrize("row,status", [
    (r"\frac{\partial J}{\partial c} = \frac{1}{T}\sum_{t=1}^{T} (\hat y_t - y_t)", "pass"),
    (r"\frac{\partial J}{\partial c} = \sum_{t=1}^{T} (\hat y_t - y_t)", "fail"),
    (r"\frac{\partial J}{\partial V} = \frac{1}{T}\sum_{t=1}^{T} (\hat y_t - y_t) h_t^T", "pass"),
    (r"\frac{\partial J_t}{\partial c} = \hat y_t - y_t", "pass"),
])
def test_mean_of_unstated_step_losses(row, status):
    rs = _verdicts(MEAN + [row])
    assert [r.status for r in rs] == ["pass"] * 3 + [status], [(r.status, r.why) for r in rs]
    summed = _verdicts(MEAN[:2] + [r"J = \sum_{t=1}^{T} J_t", row])[-1]       # the plain sum: 1/T must go
    if "frac{1}{T}" in row:
        assert summed.status == "fail", summed.why
