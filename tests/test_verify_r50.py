r"""Round 50 notations.

* Goodfellow's last step written as a bare superscript, ``\nabla_{h^{\tau}} L`` beside ``h^{t}``.
* A gradient row with a layer superscript (``\delta_t^{l-1} = \partial E / net_t^{l-1}``, Han Bingtao's LSTM notes)
  does not make the derivation a layered network (its forward rows were all lost).
* ``\delta_{f,t}``, ``\delta_{\tilde c, t}``: the error term of a quantity of the cell (its pre-activation's
  gradient, or its own); a label that names no quantity is unreadable, never the recurrent state's \delta.
* Code: ``d_update_gate = candidate_h - old_h`` then ``d_update_gate *= d_output``: the first statement is a
  factor of the value the name ends with, no claim of its own.

Expected verdicts were worked out by hand; the notes' own (derivations/firstcontact/round50-*) also by their
finite-difference scripts, which do not use symlstm.
"""
from pathlib import Path

from symlstm.verify import verify_file

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"

GOODFELLOW = r"""$$ a^{t} = b + Wh^{t-1} + Ux^{t} $$

$$ h^{t} = tanh(a^{t}) $$

$$ o^{t} = c + Vh^{t} $$

$$ \nabla_{h^{\tau}}L = V^{T}\nabla_{o^{\tau}}L $$
"""

GRU = r"""$$z_t = \sigma(W_z x_t + U_z h_{t-1} + b_z)$$

$$\tilde h_t = \tanh(W x_t + U h_{t-1} + b)$$

$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$

$$\frac{\partial L}{\partial W_z} = \sum_t \delta_{z,t} x_t^T$$

$$\frac{\partial L}{\partial b_z} = \sum_t \delta_{q,t}$$
"""


def _statuses(path):
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def _write(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_the_last_step_as_a_bare_superscript_tau(tmp_path):
    assert _statuses(_write(tmp_path, GOODFELLOW)) == {1: ["pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"]}
    wrong = _statuses(_write(tmp_path, GOODFELLOW.replace(r"V^{T}\nabla", r"W^{T}\nabla")))
    assert wrong[7] == ["fail"]


def test_a_gradient_with_a_layer_superscript_is_no_layered_network(tmp_path):
    note = ROOT / "round50-a" / "zh_lstm_xiangjie_notes.md"
    got = _statuses(note)
    for line in (13, 19, 23, 27, 32, 36):       # the forward rows (hand verdict: pass)
        assert got[line] == ["pass"], line
    # dE/dW_fh = sum_j delta_{f,j} h_{j-1}^T and dE/db_f hold; dE/dW_fx = delta_{f,t} x_t^T keeps one step only (the
    # published error: W_fx is shared over the steps)
    assert got[80] == ["pass", "pass", "fail"]
    text = note.read_text(encoding="utf-8")
    for old, new in ((r"\sum_{j=1}^t\delta_{f,j}h_{j-1}^T \qquad", r"\sum_{j=1}^t\delta_{f,j}h_{j}^T \qquad"),
                     (r"W_{fh}}=\sum_{j=1}^t\delta_{f,j}", r"W_{fh}}=\sum_{j=1}^t\delta_{i,j}")):
        assert text.count(old) == 1, old
        assert _statuses(_write(tmp_path, text.replace(old, new), note.name))[80][0] == "fail", old


def test_a_delta_labelled_by_a_quantity_of_the_cell(tmp_path):
    got = _statuses(_write(tmp_path, GRU))
    assert got == {1: ["pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"], 9: ["unreadable"]}
    wrong = _statuses(_write(tmp_path, GRU.replace(r"\delta_{z,t} x_t^T", r"\delta_{z,t} h_{t-1}^T")))
    assert wrong[7] == ["fail"]


def test_a_factor_scaled_in_place_below_is_no_claim():
    note = ROOT / "round50-b" / "goldsborough_rnn_np_lstm_gru.md"
    got = _statuses(note)
    assert "fail" not in got.get(152, [])       # d_update_gate = candidate_h - old_h, then *= d_output
