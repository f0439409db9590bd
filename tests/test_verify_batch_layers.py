r"""Jacobians across several steps (\partial c_T / \partial c_1 = \prod f_k, "diagonal matrix") and a layer index
^{(l)} on the names of a one-layer cell (the CANN aclnnLstmBackward notation)."""
from __future__ import annotations

import pytest

from symlstm.verify.judging.judge import verify_derivation

LSTM = r"""
\documentclass{article}
\begin{document}
$\mathbf{z}_t = \begin{bmatrix} \mathbf{h}_{t-1} \\ \mathbf{x}_t \end{bmatrix}$
$\mathbf{f}_t = \sigma(\mathbf{W}_f \mathbf{z}_t + \mathbf{b}_f)$
$\mathbf{i}_t = \sigma(\mathbf{W}_i \mathbf{z}_t + \mathbf{b}_i)$
$\mathbf{g}_t = \tanh(\mathbf{W}_g \mathbf{z}_t + \mathbf{b}_c)$
$\mathbf{o}_t = \sigma(\mathbf{W}_o \mathbf{z}_t + \mathbf{b}_o)$
$\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t$
$\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)$
$L = \sum_{t=1}^{T} L_t$
%ROWS%
\end{document}
"""

GRU = r"""
\documentclass{article}
\begin{document}
$z_t = \sigma(W_z x_t + U_z h_{t-1})$
$r_t = \sigma(W_r x_t + U_r h_{t-1})$
$\tilde{h}_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}))$
$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t$
$L = \sum_{t=1}^{T} L_t$
%ROWS%
\end{document}
"""


def _verdicts(template, rows):
    text = template.replace("%ROWS%", "\n".join(f"$$ {r} $$" for r in rows))
    report = verify_derivation(text)
    return [r.status for r in report.results][-len(rows):], report


@pytest.mark.parametrize("row, expected", [
    (r"\frac{\partial \mathbf{c}_{t+1}}{\partial \mathbf{c}_t} = \mathbf{f}_{t+1}", "pass"),
    # the chain of the one-step partials (the cell-state path, h held at every step)
    (r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_1} = \prod_{k=2}^{T} \mathbf{f}_k \quad "
     r"\text{ (diagonal matrix)}", "pass"),
    (r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_1} = \prod_{k=2}^{T} \mathbf{f}_k", "pass"),
    (r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_2} = \mathbf{f}_T \odot \mathbf{f}_{T-1}", "pass"),
    (r"\frac{\partial \mathbf{c}_t}{\partial \mathbf{c}_{t-2}} = \mathbf{f}_t \odot \mathbf{f}_{t-1}", "pass"),
    # mutants: a factor too few, the wrong gate, the chain claimed for h (whose row does not read h_{t-1})
    (r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_1} = \prod_{k=3}^{T} \mathbf{f}_k", "fail"),
    (r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_1} = \prod_{k=2}^{T} \mathbf{i}_k", "fail"),
    (r"\frac{\partial \mathbf{c}_t}{\partial \mathbf{c}_{t-2}} = \mathbf{f}_t", "fail"),
    (r"\frac{\partial \mathbf{h}_T}{\partial \mathbf{h}_1} = \prod_{k=2}^{T} \mathbf{f}_k", "fail"),
])
def test_chain_of_one_step_partials(row, expected):
    got, report = _verdicts(LSTM, [row])
    assert got == [expected], report.results[-1].why


def test_chain_reading_is_named():
    _, report = _verdicts(LSTM, [r"\frac{\partial \mathbf{c}_T}{\partial \mathbf{c}_1} = \prod_{k=2}^{T} \mathbf{f}_k"])
    assert "one-step partials" in report.results[-1].why


def test_no_chain_for_the_only_state():
    # a GRU's h is its only state: the chain of one-step Jacobians is the total, so z alone is no reading of it
    got, _ = _verdicts(GRU, [r"\frac{\partial h_T}{\partial h_1} = \prod_{k=2}^{T} z_k"])
    assert got == ["fail"]


@pytest.mark.parametrize("row", [
    r"\frac{\partial L}{\partial \mathbf{h}^{(l-1)}} = \frac{\partial L}{\partial \mathbf{h}^{(l)}} \cdot "
    r"\frac{\partial \mathbf{h}^{(l)}}{\partial \mathbf{h}^{(l-1)}}",
    # a mutant (the Jacobian dropped) is not read either: the layers are not defined
    r"\frac{\partial L}{\partial \mathbf{h}^{(l-1)}} = \frac{\partial L}{\partial \mathbf{h}^{(l)}}",
])
def test_layer_index_on_a_one_layer_cell(row):
    got, report = _verdicts(LSTM, [row])
    assert got == ["unreadable"]
    assert "layer" in report.results[-1].why
