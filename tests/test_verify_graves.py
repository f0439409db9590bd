r"""Graves' component notation read as layers (gravesread.py): index letters name layers (i input, h hidden,
k output, c cells, \iota \phi \omega gates), w_{ij} the weight from unit i to unit j, sums over a letter run over
that layer's units, \delta / \epsilon / \zeta are the gradients the file defines. A small LSTM as in Graves
2012 ch. 4.6 (one gate unit per cell, no peepholes) with its correct backward rows, and mutants that must never
pass."""
import pytest

from symlstm.verify.judging.judge import verify_derivation

LSTM = r"""
\begin{align}
a_k^{t} &= \sum_{h=1}^{H}w_{hk}b_h^{t}\\
y_k^{t} &= \theta(a_k^{t})\\
a_{\iota}^{t} &= \sum_{i=1}^{I}w_{i\iota}x_i^{t} + \sum_{h=1}^{H}w_{h\iota}b_h^{t-1}\\
b_{\iota}^{t} &= \theta(a_{\iota}^{t})\\
a_{\phi}^{t} &= \sum_{i=1}^{I}w_{i\phi}x_i^{t} + \sum_{h=1}^{H}w_{h\phi}b_h^{t-1}\\
b_{\phi}^{t} &= \theta(a_{\phi}^{t})\\
a_{\omega}^{t} &= \sum_{i=1}^{I}w_{i\omega}x_i^{t} + \sum_{h=1}^{H}w_{h\omega}b_h^{t-1}\\
b_{\omega}^{t} &= \theta(a_{\omega}^{t})\\
a_{c}^{t} &= \sum_{i=1}^{I}w_{ic}x_i^{t} + \sum_{h=1}^{H}w_{hc}b_h^{t-1}\\
s_{c}^{t} &= b_{\phi}^{t}s_c^{t-1} + b^t_{\iota}g(a_c^{t})\\
b_{c}^{t} &= b_{\omega}^{t}h(s_c^t)
\end{align}
\[ \delta_j^{t} = \frac{\partial \mathcal{L}}{\partial a_j^{t}} \hspace{1cm} \epsilon_c^{t} = \frac{\partial \mathcal{L}}{\partial b_c^{t}} \hspace{1cm} \zeta_c^{t} = \frac{\partial \mathcal{L}}{\partial s_c^{t}} \]
"""

RNN = r"""
\begin{align}
a_h^{t} &= \sum_{i = 1}^{I}w_{ih}x_i^{t} + \sum_{h'=1}^{H}w_{h'h}b_{h'}^{t-1}\\
b_h^{t} &= \theta(a_h^{t})\\
a_k^{t} &= \sum_{h=1}^{H}w_{hk}b_h^{t}\\
y_k^{t} &= \theta(a_k^{t})
\end{align}
\[ \delta_{j}^{t} = \frac{\partial \mathcal{L}}{\partial a^{t}_j} \]
"""


def _verdicts(cell, rows):
    text = cell + "".join("\\begin{equation}\n" + r + "\n\\end{equation}\n" for r in rows)
    rep = verify_derivation(text)
    by_line = {r.line: r for r in rep.results}
    line = cell.count("\n") + 2
    out = []
    for _ in rows:
        out.append(by_line.get(line))
        line += 3
    return out, rep


LSTM_RIGHT = [
    r"\epsilon_c^{t} = \sum_{k = 1}^{K}w_{ck}\delta_k^{t} + \sum_{\iota=1}^{H}w_{c\iota}\delta_{\iota}^{t+1} + "
    r"\sum_{\phi=1}^{H}w_{c\phi}\delta_{\phi}^{t+1} + \sum_{\omega=1}^{H}w_{c\omega}\delta_{\omega}^{t+1} + "
    r"\sum_{c'=1}^{H}w_{cc'}\delta_{c'}^{t+1}",
    r"\delta_{\omega}^{t} = \theta'(a^{t}_{\omega}) h(s_c^{t})\epsilon_c^{t}",
    r"\zeta_c^{t} = b_{\omega}^{t}h'(s_c^{t})\epsilon_c^{t} + b_{\phi}^{t+1}\zeta_c^{t+1}",
    r"\delta_{c}^{t} = b_{\iota}^{t}g'(a_c^t)\zeta_{c}^t",
    r"\delta_{\phi}^{t} = \theta'(a^{t}_{\phi}) s_c^{t-1}\zeta_c^{t}",
    r"\delta_{\iota}^{t} = \theta'(a^{t}_{\iota}) g(a_c^{t})\zeta_c^{t}",
    r"\epsilon_{c}^T = \sum_{k = 1}^{K}w_{ck}\delta_{k}^{T}",
    r"\frac{\partial \mathcal{L}}{\partial w_{ic}} = \sum_{t=1}^{T} \delta_c^{t} x_i^{t}",
    r"\frac{\partial \mathcal{L}}{\partial w_{h\iota}} = \sum_{t=1}^{T} \delta_{\iota}^{t} b_h^{t-1}",
]

LSTM_WRONG = [
    # delta_c^{t+1} for delta_{c'}^{t+1} (Trujello's l.63)
    r"\epsilon_c^{t} = \sum_{k = 1}^{K}w_{ck}\delta_k^{t} + \sum_{\iota=1}^{H}w_{c\iota}\delta_{\iota}^{t+1} + "
    r"\sum_{\phi=1}^{H}w_{c\phi}\delta_{\phi}^{t+1} + \sum_{\omega=1}^{H}w_{c\omega}\delta_{\omega}^{t+1} + "
    r"\sum_{c'=1}^{H}w_{cc'}\delta_{c}^{t+1}",
    # a sum over all cells where the gate unit has one cell
    r"\delta_{\omega}^{t} = \theta'(a^{t}_{\omega})\sum_{c = 1}^{H}h(s_c^{t})\epsilon_c^{t}",
    # the path through the next cell state missing
    r"\zeta_c^{t} = b_{\omega}^{t}h'(s_c^{t})\epsilon_c^{t}",
    # input gate dropped
    r"\delta_{c}^{t} = g'(a_c^t)\zeta_{c}^t",
    # wrong step of the previous state
    r"\delta_{\phi}^{t} = \theta'(a^{t}_{\phi}) s_c^{t}\zeta_c^{t}",
    # forget gate for the output gate
    r"\zeta_c^{t} = b_{\phi}^{t}h'(s_c^{t})\epsilon_c^{t} + b_{\phi}^{t+1}\zeta_c^{t+1}",
    # wrong step of the recurrent input in the weight gradient
    r"\frac{\partial \mathcal{L}}{\partial w_{h\iota}} = \sum_{t=1}^{T} \delta_{\iota}^{t} b_h^{t}",
    # weight of a connection no forward row has (output to cell)
    r"\epsilon_{c}^T = \sum_{k = 1}^{K}w_{kc}\delta_{k}^{T}",
]


def test_lstm_forward_and_definitions_pass():
    _, rep = _verdicts(LSTM, [])
    assert [r.status for r in rep.results] == ["pass"] * len(rep.results)


@pytest.mark.parametrize("row", LSTM_RIGHT)
def test_lstm_right_rows_pass(row):
    (r,), _ = _verdicts(LSTM, [row])
    assert r is not None and r.status == "pass", (r.status, r.why)


@pytest.mark.parametrize("row", LSTM_WRONG)
def test_lstm_mutants_never_pass(row):
    (r,), _ = _verdicts(LSTM, [row])
    assert r is not None and r.status in ("fail", "unreadable"), (r.status, r.why)


def test_lstm_mutant_verdicts():
    res, _ = _verdicts(LSTM, LSTM_WRONG)
    assert [r.status for r in res] == ["fail"] * 7 + ["unreadable"]
    assert "no forward row has a weight from the output to the cell units" in res[-1].why


def test_rnn_rows():
    rows = [
        r"\delta^{t}_j = \theta'(a^{t}_j) \left(\sum_{k =1}^{K}w_{jk}\delta_k^{t} + "
        r"\sum_{h =1}^{H}w_{jh}\delta_h^{t + 1}\right)",                                          # right
        r"\delta_j^{T} = \theta'(a^{T}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{T}",                      # right at T
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} x_i^{t}",    # right
        r"\delta^{t}_j = \theta'(a^{t}_j) \left(\sum_{k =1}^{K}w_{jk}\delta_k^{t} + "
        r"\sum_{h =1}^{H}w_{hj}\delta_h^{t + 1}\right)",                     # transposed recurrent weight
        r"\delta^{t}_j = \theta'(a^{t}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{t}",  # recurrent term dropped
        r"\delta_j^{T} = \theta'(a^{T}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{T-1}",  # wrong step
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} x_i^{t-1}",  # wrong step
        # b_i: i is an input unit, which has no activation b: not read
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} b_i^{t-1}",
    ]
    res, rep = _verdicts(RNN, rows)
    assert [r.status for r in rep.results[:5]] == ["pass"] * 5        # forward rows and the definition
    assert [r.status for r in res] == ["pass"] * 3 + ["fail"] * 4 + ["unreadable"], [(r.status, r.why) for r in res]
    assert "no forward row defines b of the input units" in res[-1].why


def test_undeterminable_letter_unreadable():
    # j feeds both the hidden and the output layer? only hidden units feed k, but a_j alone allows hidden or output
    res, _ = _verdicts(RNN, [r"\delta_j^{t} = \theta'(a_j^{t}) \delta_j^{t}"])
    assert res[0].status == "unreadable" and "names no layer" in res[0].why


def test_bound_must_be_a_layer_size():
    res, _ = _verdicts(LSTM, [r"\epsilon_{c}^T = \sum_{k = 1}^{M}w_{ck}\delta_{k}^{T}"])
    assert res[0].status == "unreadable"
