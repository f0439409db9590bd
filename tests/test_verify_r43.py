r"""Round 43 notations.

* numpy's sums that keep their axis, ``dz.sum(axis=0, keepdims=True)`` and its transpose ``.T`` (numpy-ml's RNN and
  LSTM cells, D. Bourgin, 2019): the bias gradient of a batch of rows is the sum over the batch's rows.
* Activation helpers with a derivative switch, ``def tanh(x, derv=False): if derv: return 1 - np.tanh(x)**2``
  (OT1devl's LSTM notebook, 2025; iamtrask's ``nonlin(x, deriv=True)``): each branch judged, and each call that sets
  the switch read as the branch's formula on its argument.
* A sum built over statements under a carried name (``dhnext = (1 - z) * dh; dhnext += ...``: what step t sends
  back to h_{t-1}, through some of its uses until the last row), and gradients named ``d<through>_wrt_<by>``
  beside the loss's own ``dloss_wrt_y`` (a makemore GRU trained by hand): each the loss's gradient by the last name.
* ``np.sum(d, keepdims=True, axis=-1)`` (Coursera's solutions) and ``np.dot(dft, np.concatenate((a_prev, xt),
  axis=0).T)``: the sum over the last axis, the stack's transpose.
* A multi-layer cell written with the layer in brackets above a name at a step (``x_t^{(k)} = o_t^{(k-1)}``, O.
  Stigland's KTH DD2424 notes, 2023): its rows are unreadable, and they no longer turn the one-layer cell's input
  into a state (which made every one-layer forward row fail).

The verdicts of the annotated notes (derivations/firstcontact/round43-*) were worked out by hand and confirmed by each
note's finite-difference script, which does not use symlstm.
"""
import json
from pathlib import Path

from symlstm.verify import verify_file

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"

ROW_STEP = '''# RNN step, rows are examples

```python
def step_forward(x, h_prev, Wx, Wh, b):
    z = x @ Wx + h_prev @ Wh + b
    h = np.tanh(z)
    return h, z

def step_backward(dh, x, h_prev, h, Wx, Wh):
    dz = dh * (1 - h ** 2)
    dWx = x.T @ dz
    dWh = h_prev.T @ dz
    db = dz.sum(axis=0, keepdims=True)
    dx = dz @ Wx.T
    dh_prev = dz @ Wh.T
    return dx, dh_prev, dWx, dWh, db
```
'''


def _statuses(text, tmp_path, name="notes.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}


def test_a_sum_that_keeps_its_axis(tmp_path):
    assert _statuses(ROW_STEP, tmp_path) == {5: "pass", 6: "pass", 10: "pass", 11: "pass", 12: "pass",
                                             13: "pass", 14: "pass", 15: "pass"}
    # over the wrong axis (each example's sum over its units): the bias gradient fails
    wrong = _statuses(ROW_STEP.replace("axis=0, keepdims", "axis=1, keepdims"), tmp_path)
    assert wrong[13] == "fail" and all(s == "pass" for k, s in wrong.items() if k != 13)
    # columns are examples: the transposed sum of the transpose is the sum over the columns
    col = (ROW_STEP.replace("x @ Wx + h_prev @ Wh", "Wx @ x + Wh @ h_prev")
           .replace("x.T @ dz", "dz @ x.T").replace("h_prev.T @ dz", "dz @ h_prev.T")
           .replace("dz.sum(axis=0, keepdims=True)", "dz.T.sum(axis=0, keepdims=True).T")
           .replace("dz @ Wx.T", "Wx.T @ dz").replace("dz @ Wh.T", "Wh.T @ dz"))
    assert set(_statuses(col, tmp_path).values()) == {"pass"}
    assert _statuses(col.replace("dz.T.sum(axis=0, keepdims=True).T", "dz.sum(axis=0, keepdims=True).T"),
                     tmp_path)[13] == "fail"


SWITCHED = '''# RNN step with switch helpers

```python
def tanh(x, deriv=False):
    if deriv:
        return 1 - np.tanh(x) ** 2
    return np.tanh(x)

def nonlin(x, deriv=False):
    if(deriv==True):
        return x*(1-x)
    return 1/(1+np.exp(-x))

def step_forward(x, h_prev, Wx, Wh, b, V):
    z = Wx @ x + Wh @ h_prev + b
    h = tanh(z)
    y = nonlin(V @ h)
    return h, y, z

def step_backward(dy, dh_next, x, h_prev, h, z, y, Wx, Wh, V):
    dv = dy * nonlin(y, deriv=True)
    dh = V.T @ dv + dh_next
    dz = dh * tanh(z, deriv=True)
    dWx = dz @ x.T
    dh_prev = Wh.T @ dz
    return dh_prev, dWx
```
'''


def test_helpers_with_a_derivative_switch(tmp_path):
    # the branches (6, 7, 11, 12), the cell (15-17) and its backward step (21-25): all right
    assert _statuses(SWITCHED, tmp_path) == {k: "pass" for k in (6, 7, 11, 12, 15, 16, 17, 21, 22, 23, 24, 25)}
    # the switch left off: tanh itself for its derivative
    assert _statuses(SWITCHED.replace("tanh(z, deriv=True)", "tanh(z)"), tmp_path)[23] == "fail"
    # the output's derivative (written in the output) given the pre-activation
    assert _statuses(SWITCHED.replace("nonlin(y, deriv=True)", "nonlin(V @ h, deriv=True)"), tmp_path)[21] == "fail"
    # a branch in the output (right as a helper) called with the input
    wrong = _statuses(SWITCHED.replace("return 1 - np.tanh(x) ** 2", "return 1 - x ** 2"), tmp_path)
    assert wrong[6] == "pass" and wrong[23] == "fail"
    # a wrong branch: the helper's own row fails
    assert _statuses(SWITCHED.replace("return 1 - np.tanh(x) ** 2", "return 1 + np.tanh(x) ** 2"), tmp_path)[6] \
        == "fail"


def test_ot1devl_switch_helpers_as_annotated(tmp_path):
    note = ROOT / "round43-a" / "ot1devl_lstm_example_softmax_cce.md"
    expected = json.loads((note.parent / "expected.json").read_text())[note.name]
    got = {r.line: r.status for r in verify_file(None, str(note), timeout=10).results}
    for line in (15, 21, 27, 33, 129):      # the helpers' branches, and d_candt_pre through derv_tanh(candt)
        assert got[line] == expected[str(line)]["expected"] == "pass", line


def test_a_stack_of_layers_in_brackets_leaves_the_one_layer_cell_alone():
    note = ROOT / "round43-b" / "stigland_lstm_bptt_dd2424.tex"
    expected = json.loads((note.parent / "expected.json").read_text())[note.name]
    got = {r.line: r for r in verify_file(None, str(note), timeout=10).results}
    # the one-layer cell and the rows the reader judges: every verdict as annotated (93, 97-99, 132-140 are the
    # notes' own errors: a missing path through time, g_t V for dL/dh_t, weight gradients without an outer product)
    for line in (66, 67, 68, 69, 70, 71, 72, 73, 84, 93, 94, 97, 98, 99, *range(132, 141)):
        assert got[line].status == expected[str(line)]["expected"], (line, got[line].why)
    assert sum(expected[str(k)]["expected"] == "fail" for k in (93, 97, 98, 99, *range(132, 141))) == 13
    # the stack's rows: unreadable, saying why
    for line in (147, 150, 151, 152, 153, 154, 155, 156, 159, 163, 170, 173, 182, 190, 191):
        assert got[line].status == "unreadable" and "layer" in got[line].why, line


CARRIED = '''# GRU step

```python
def gru_forward(x, h_prev, Wz, Uz, Wr, Ur, Wa, Ua):
    z = sigmoid(Wz @ x + Uz @ h_prev)
    r = sigmoid(Wr @ x + Ur @ h_prev)
    a = np.tanh(Wa @ x + Ua @ (r * h_prev))
    h = (1 - z) * h_prev + z * a
    return h

def gru_backward(dh, x, h_prev, z, r, a, Wz, Uz, Wr, Ur, Wa, Ua):
    da = z * dh
    dz = dh * (a - h_prev)
    da_pre = (1 - a ** 2) * da
    dz_pre = z * (1 - z) * dz
    drh = Ua.T @ da_pre
    dr = drh * h_prev
    dr_pre = r * (1 - r) * dr
    dhnext = (1 - z) * dh
    dhnext += drh * r
    dhnext += Uz.T @ dz_pre
    dhnext += Ur.T @ dr_pre
    return dhnext
```
'''


def test_a_carried_gradient_summed_over_statements(tmp_path):
    got = _statuses(CARRIED, tmp_path)
    assert got == {k: "pass" for k in (5, 6, 7, 8, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22)}
    # a path left out: the last row, which must hold all of it, fails
    assert _statuses(CARRIED.replace("dhnext += drh * r\n", ""), tmp_path)[21] == "fail"
    # a wrong path fails where it is added (the rows after it hold the sum so far, wrong too)
    wrong = _statuses(CARRIED.replace("dhnext += Uz.T @ dz_pre", "dhnext += Uz @ dz_pre"), tmp_path)
    assert (wrong[19], wrong[20], wrong[21]) == ("pass", "pass", "fail")
    # the direct path with z for 1 - z
    assert _statuses(CARRIED.replace("dhnext = (1 - z) * dh", "dhnext = z * dh"), tmp_path)[19] == "fail"


def test_gradients_named_with_wrt_in_a_hand_trained_gru():
    note = ROOT / "round43-b" / "makemore_gru_manual_backprop_torch.md"
    expected = json.loads((note.parent / "expected.json").read_text())[note.name]
    got = {r.line: r.status for r in verify_file(None, str(note), timeout=10).results}
    # dy_wrt_h (dL/dh), dh_wrt_a, da_wrt_pre_a, the first row of dhnext: right; dh_wrt_z (the -h_{t-1} term
    # dropped), dpre_a_wrt_r (r's product taken in the wrong order), the candidate path into dhnext: the notes' errors
    for line in (164, 166, 169, 187, 167, 175, 188):
        assert got[line] == expected[str(line)]["expected"], line
    assert [expected[str(k)]["expected"] for k in (167, 175, 188)] == ["fail"] * 3


def test_coursera_sums_and_a_transposed_stack(tmp_path):
    note = ROOT / "round43-c" / "zjufangzh_c5w1_rnn_lstm.md"
    expected = json.loads((note.parent / "expected.json").read_text())[note.name]
    got = {r.line: r.status for r in verify_file(None, str(note), timeout=10).results}
    for line in (397, 517, 518, 519, 520):      # np.sum(dtanh, keepdims=True, axis=-1); dWf = dft [a_prev; xt]^T
        assert got[line] == expected[str(line)]["expected"] == "pass", line
    text = note.read_text(encoding="utf-8")
    wrong = text.replace("dWf = np.dot(dft, np.concatenate((a_prev, xt), axis=0).T)",
                         "dWf = np.dot(dft, np.concatenate((xt, a_prev), axis=0).T)")
    assert wrong != text
    p = tmp_path / note.name
    p.write_text(wrong, encoding="utf-8")
    assert {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}[517] == "fail"


def test_an_increment_after_a_wrong_one_is_judged_alone(tmp_path):
    p = tmp_path / "notes.md"
    p.write_text(CARRIED.replace("dhnext += drh * r", "dhnext += drh"), encoding="utf-8")
    got = {r.line: r for r in verify_file(None, str(p), timeout=10).results}
    # the wrong path fails where it is added; the rows after it hold by their own terms, saying whose error the
    # sum carries (the makemore GRU's dhnext, lines 188-190, as annotated)
    assert got[20].status == "fail"
    for line in (21, 22):
        assert got[line].status == "pass" and any("line 20" in n for n in got[line].notes), line
    # a wrong term after it still fails by itself
    p.write_text(CARRIED.replace("dhnext += drh * r", "dhnext += drh").replace("Ur.T @ dr_pre", "Ur @ dr_pre"),
                 encoding="utf-8")
    assert {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}[22] == "fail"
