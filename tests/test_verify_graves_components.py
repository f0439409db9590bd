r"""Graves' component notation (Graves 2012): w_{ih}, w_{h'h}, w_{hk} name different weights by the layers of their
index letters, sums run over a layer's units (\sum_{h'=1}^{H}). Detection (gravesweights.py) and the reading of
the rows (gravesread.py; more in test_verify_graves.py): a row is read unit by unit; a name the rows use for a
layer that defines no such quantity (b_i of an input unit), or a gradient name the file never defines (\zeta), is
unreadable with that reason, never a fail or a pass on a guess."""
from symlstm.verify.judging.gravesweights import graves_weights, naming_only
from symlstm.verify.judging.judge import verify_derivation

RNN = r"""
\begin{align}
a_h^{t} &= \sum_{i = 1}^{I}w_{ih}x_i^{t} + \sum_{h'=1}^{H}w_{h'h}b_{h'}^{t-1}\\
b_h^{t} &= \theta(a_h^{t})\\
a_k^{t} &= \sum_{h=1}^{H}w_{hk}b_h^{t}\\
y_k^{t} &= \theta(a_k^{t})
\end{align}
"""
LSTM_GATE = r"""
\begin{align}
a_k^{t} &= \sum_{h=1}^{H}w_{hk}b_h^{t}\\
y_k^{t} &= \theta(a_k^{t})\\
a_{\iota}^{t} &= \sum_{i=1}^{I}w_{i\iota}x_i^{t} + \sum_{h=1}^{H}w_{h\iota}b_h^{t-1}\\
b_{\iota}^{t} &= \theta(a_{\iota}^{t})\\
a_{c}^{t} &= \sum_{i=1}^{I}w_{ic}x_i^{t} + \sum_{h=1}^{H}w_{hc}b_h^{t-1}\\
s_{c}^{t} &= s_c^{t-1} + b^t_{\iota}g(a_c^{t})\\
b_{c}^{t} = h(s_c^t)
\end{align}
"""


def _verdicts(cell, rows):
    text = cell + "".join("\\begin{equation}\n" + r + "\n\\end{equation}\n" for r in rows)
    rep = verify_derivation(text)
    by_line = {r.line: r for r in rep.results}
    out, line = [], cell.count("\n") + 2
    for _ in rows:
        out.append(by_line.get(line))
        line += 3
    return out, rep


def test_forward_rows_with_primed_unit_sum_are_read():
    _, rep = _verdicts(RNN, [])
    assert [r.status for r in rep.results] == ["pass"] * 4


def test_rnn_backward_rows_read_or_unreadable():
    rows = [
        # the published rows (all correct in Graves' reading)
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} x_i^{t}",
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} b_i^{t-1}",
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} b_i^{t}",
        r"\delta^{t}_j = \theta'(a^{t}_j) \left(\sum_{k =1}^{K}w_{jk}\delta_k^{t} + "
        r"\sum_{h =1}^{H}w_{jh}\delta_h^{t + 1}\right)",
        # mutated: wrong step, dropped recurrent term: never a pass
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t} b_i^{t+1}",
        r"\delta^{t}_j = \theta'(a^{t}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{t}",
        r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_{t = 1}^{T} \delta_j^{t}",
    ]
    res, _ = _verdicts(RNN, rows)
    # delta_j^t is Graves' dL/da_j^t (no definition in this file): the rows with x_i and the recurrence are read;
    # b_i (an input unit has no activation b) is not
    assert [r.status for r in res] == ["pass", "unreadable", "unreadable", "pass", "unreadable", "fail", "fail"]
    for r in res:
        if r.status == "unreadable":
            assert "Graves' component notation" in r.why and "b of the input units" in r.why


def test_gradient_naming_row_passes():
    res, _ = _verdicts(RNN, [r"\delta_{j}^{t} = \frac{\partial \mathcal{L}}{\partial a^{t}_j}"])
    assert res[0].status == "pass"


def test_lstm_rows_with_undefined_gradient_names_unreadable():
    rows = [
        r"\delta_{c}^{t} = b_{\iota}^{t}g'(a_c^t)\zeta_{c}^t",               # right (published l.75)
        r"\epsilon_{c}^T = \sum_{k = 1}^{K}w_{ck}\delta_{k}^{T}",             # right (published l.102)
        r"\delta_{c}^{t} = g'(a_c^t)\zeta_{c}^t",                           # mutated: no input gate
        r"\delta_{\iota}^{t} = \theta'(a^{t}_{\iota})\sum_{c = 1}^{H}g(a_c^{t})\zeta_c^{t}",   # sum over cells
        r"\epsilon_{c}^T = \sum_{k = 1}^{K}w_{ck}\delta_{k}^{T-1}",           # mutated: wrong step
    ]
    res, rep = _verdicts(LSTM_GATE, rows)
    assert all(r.status == "pass" for r in rep.results[:7])
    for r in res:       # epsilon, zeta: defined by no row of this file, so not assumed
        assert r is not None and r.status == "unreadable", (r.text, r.status, r.why)
        assert "Graves' component notation" in r.why and "no forward row defines" in r.why


def test_detection_is_narrow():
    # a gate letter k, a label h (no sum binds it), a summed input index i: not Graves' notation
    assert not graves_weights([r"u_{kt} = \sum_{i=1}^N W_{ki}x_{ti} +W_{kh}h_{t-1}+b_k"])
    assert graves_weights([RNN])
    # Graves 2013's named weights (no sums over a layer's units): separate names, read as before
    assert not graves_weights([r"i_t = \sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i)",
                               r"c_t = f_t c_{t-1} + i_t \tanh(W_{xc} x_t + W_{hc} h_{t-1} + b_c)"])
    # index notation with generic letters
    assert not graves_weights([r"z_i = \sum_{j=1}^{N} W_{ij} x_j", r"y_k = \sum_{j=1}^{N} V_{kj} h_j"])
    # one layer pair only
    assert not graves_weights([r"a_h^t = \sum_{h'=1}^{H} w_{h'h} b_{h'}^{t-1}"])


def test_naming_only():
    assert naming_only(r"\delta_{j}^{t} = \frac{\partial \mathcal{L}}{\partial a^{t}_j}")
    assert naming_only(r"\delta_i^{t} = \frac{\partial \mathcal{L}}{\partial a_i^{t}} \hspace{1cm} "
                       r"\epsilon_c^{t} = \frac{\partial \mathcal{L}}{\partial b_c^{t}}")
    assert not naming_only(r"\delta_j^{t} = \theta'(a_j^t) \frac{\partial \mathcal{L}}{\partial b_j^{t}}")
    assert not naming_only(r"\frac{\partial \mathcal{L}}{\partial w_{ij}} = \sum_t \delta_j^{t} x_i^{t}")
