r"""Round 40 notations.

* A loss defined under an abbreviation (``CE = -\sum_i y_i \log \sigma(z_t)``) and differentiated under a loss
  letter afterwards (``\frac{\partial L_T}{\partial h_T}``), after Elliott Yan's LSTM post (2018): the verdicts are
  those of the post's annotation (derivations/firstcontact/round39-b), worked out by hand and confirmed by its
  finite-difference script, which does not use symlstm.
"""
import json
from pathlib import Path

from symlstm.verify import verify_file
from symlstm.verify.text.lossabbrev import abbreviated_losses

ROOT = Path(__file__).resolve().parents[1]
ELLIOTT = ROOT / "derivations" / "firstcontact" / "round39-b"


def _results(text, tmp_path, name="notes.md", **options):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {r.line: r for r in verify_file(None, str(p), timeout=10, **options).results}


def test_loss_under_an_abbreviation_is_the_loss():
    expected = json.loads((ELLIOTT / "expected.json").read_text())["elliottyan_lstm_grad.md"]
    got = {r.line: r.status for r in verify_file(None, str(ELLIOTT / "elliottyan_lstm_grad.md"), timeout=10).results}
    # the loss row itself; dh_T = W_{hz} dz_T (transpose missing, published); the recursion for dh_{t-1}
    # (transposes missing, published); \partial L_{T-1}/\partial c_{T-1} with the path through h_{T-1} into step T
    # missing (published); the step-local row before it and the accumulation after it
    for line in (17, 24, 44, 49, 51, 53, 55):
        assert got[line] == expected[str(line)]["expected"], line


LSTM = r"""
- $ f_t = \sigma(W_{xf}x_t + W_{hf}h_{t-1} + b_f)$
- $ i_t = \sigma(W_{xi}x_t + W_{hi}h_{t-1} + b_i)$
- $ g_t = tanh(W_{xg}x_t + W_{hg}h_{t-1} + b_g)$
- $ c_t = f_t \circ c_{t-1} + i_t \circ g_t $
- $ o_t = \sigma(W_{xo}x_t + W_{ho}h_{t-1} + b_o)$
- $ h_t = o_t \circ tanh(c_t)$
- $ z_t = W_{hz}h_t + b_z$
- $NLL = -\sum_t \log \mathrm{softmax}(z_t)_{y_t}$
"""


def test_total_through_both_paths_passes_and_the_direct_path_alone_fails(tmp_path):
    text = LSTM + (
        "\n- $\\frac{\\partial L}{\\partial c_{T-1}} = \\frac{\\partial L}{\\partial h_{T-1}} "
        "\\frac{\\partial h_{T-1}}{\\partial c_{T-1}} + \\frac{\\partial L}{\\partial c_T} "
        "\\frac{\\partial c_T}{\\partial c_{T-1}}$\n"
        "\n- $\\frac{\\partial L}{\\partial c_{T-1}} = \\frac{\\partial L}{\\partial c_T} "
        "\\frac{\\partial c_T}{\\partial c_{T-1}}$\n")
    got = _results(text, tmp_path)
    assert [got[k].status for k in range(2, 10)] == ["pass"] * 8       # the forward rows and the loss row
    assert got[11].status == "pass" and not got[11].why     # dL/dc_{T-1} through h_{T-1} and through c_T
    # the cell path alone is what reaches c_{T-1} through step T, said so; as a total (--strict) it fails: the
    # loss at step T-1 and the path through h_{T-1} into step T are missing
    assert got[13].status == "pass" and "one step" in got[13].why
    strict = _results(text, tmp_path, strict=True)
    assert strict[11].status == "pass" and strict[13].status == "fail"


def _row(lhs, rhs):
    return ("row", [lhs, rhs], ["="])


def _sym(name, sub=None):
    return ("sym", name, None, sub, None, 0)


def test_only_a_bare_definition_renames_and_never_an_applied_name():
    ce = _row(_sym("CE"), _sym("y"))
    use = ("frac", ("pre", "partial", None, _sym("E")), ("pre", "partial", None, _sym("h")))
    rows = abbreviated_losses([ce, _row(_sym("g"), use)])
    assert rows[0][1][0][1] == "E"           # renamed to the letter the rows differentiate
    applied = _row(_sym("J"), ("mul", [_sym("CE"), ("paren", "(", _sym("y"))], [None, None]))
    assert abbreviated_losses([ce, applied]) == [ce, applied]       # CE(y, \hat y): a function (CS224n)
    stepwise = _row(_sym("CE", [_sym("t")]), _sym("y"))
    assert abbreviated_losses([stepwise]) == [stepwise]             # CE_t = ...: not the loss itself


XUEPRO = ROOT / "derivations" / "firstcontact" / "round40-d"


def _code_verdicts(path):
    return {r.line: r.status for r in verify_file(None, str(path), timeout=10).results}


def test_step_dictionaries_and_fetches_of_a_numpy_lstm(tmp_path):
    r"""xuepro's numpy LSTM (2019) keeps each step's values in ``Hs[t] = H`` and ``Is.append(I)``, fetches them
    back in the backward loop (``I = Is[t]``, ``C_prev = Cs[t-1]``) and is handed the outputs' gradients by step
    (``dZ = dZs[t]``, Zs holding Y). Its line 126 adds dH_next where dH is meant (published); line 140 squares
    the gradient where the activation is meant (published). Verdicts: the annotation's (finite differences)."""
    expected = json.loads((XUEPRO / "expected.json").read_text())["xuepro_lstm_numpy_bptt.md"]
    src = XUEPRO / "xuepro_lstm_numpy_bptt.md"
    got = _code_verdicts(src)
    lines = (62, 63, 64, 65, 67, 68, 70, 120, 121, 125, 126, 130, 132, 133, 134, 140, 147, 148, 149, 150, 154, 155,
             156, 157, 167)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}
    assert got[126] == "fail" and got[140] == "fail"
    fixed = tmp_path / "fixed.md"
    text = src.read_text(encoding="utf-8").split("\n")
    assert "dC = dH_next*O*dtanh(C)" in text[125]
    text[125] = text[125].replace("dC = dH_next*O*dtanh(C)", "dC = dH*O*dtanh(C)     ")
    fixed.write_text("\n".join(text), encoding="utf-8")
    assert _code_verdicts(fixed)[126] == "pass"


def test_a_bracketed_difference_of_names_is_no_remark(tmp_path):
    r"""``dh * (tanha - prev_h) * (z * (1. - z))`` (JerryX's GRU): the bracket is a factor, not a remark in words
    like ``(or learned initialization)``; dropped, the row read ``dh * * (...)``."""
    from symlstm.verify.text.codefences import _statements
    assert _statements("dz = dh * (tanha - h_prev) * (z * (1.0 - z))") == [
        (0, "dz = dh * (tanha - h_prev) * (z * (1.0 - z))")]
    assert _statements("h_0 = 0 (or learned initialization)") == [(0, "h_0 = 0")]


ZH_PTB = ROOT / "derivations" / "firstcontact" / "round40-d" / "zh_lstm_ptb_bptt.md"


def test_a_chinese_note_with_a_stacked_summary_a_restated_head_and_unlabelled_code_fences():
    r"""A Chinese study note (after Liu Jianping's derivation and wiseodd's code): its summary stacks the weights,
    ``W = [W_g; W_i; W_f; W_o]`` (W_i is the block labelled i, not entry i of W); its restated cell defines
    \hat y_t, so y in ``V^T(\hat y_\tau - y_\tau)`` is the target, not the y_t of the cell stated in the
    introduction; its code fences have no language but are Python (``def lstm_backward(self, ...)``). Line 187
    misses the path through C_{t+1} (published), 208 gives W_f's gradient for W_c (published), 219 applies a
    sigmoid's derivative to the loss gradient (published). Verdicts: the annotation's (finite differences)."""
    expected = json.loads((ZH_PTB.parent / "expected.json").read_text())[ZH_PTB.name]
    got = _code_verdicts(ZH_PTB)
    lines = (77, 79, 81, 83, 141, 187, 191, 192, 193, 194, 195, 196, 205, 208, 219, 225, 229, 233, 237, 241, 245, 267)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}


RESTATED = r"""The update of the network:

$$
\begin{aligned}
h_t &= \tanh(U h_{t-1} + W x_t + b)
\end{aligned}
$$

For clarity we restate the forward pass:

$$
\begin{aligned}
a_t &= {FIRST} h_{t-1} + {SECOND} x_t + b\\
h_t &= \tanh(a_t)
\end{aligned}
$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2) W$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2) U$$
"""


def test_a_restatement_that_swaps_the_weights_names_them_anew(tmp_path):
    r"""zh_rnn_bptt_layout_2020 states h_t = f(U h_{t-1} + W x_t + b), then restates a_t = W h_{t-1} + U x_t + b
    and derives with the second names. The restatement starts a cell of its own: by hand, \partial h_t /
    \partial h_{t-1} = diag(1 - h_t^2) times the weight on h_{t-1}, W in the restated cell. A restatement with
    the same pairing is the same cell: there U is that weight."""
    swapped = _results(RESTATED.replace("{FIRST}", "W").replace("{SECOND}", "U"), tmp_path, "swapped.md")
    assert [swapped[k].status for k in (5, 13, 14, 18, 20)] == ["pass"] * 4 + ["fail"]
    same = _results(RESTATED.replace("{FIRST}", "U").replace("{SECOND}", "W"), tmp_path, "same.md")
    assert [same[k].status for k in (5, 13, 14, 18, 20)] == ["pass"] * 3 + ["fail", "pass"]


COLGRU = ROOT / "derivations" / "firstcontact" / "round41-a" / "colgru_charlm_buggy_numpy.md"


def test_a_capitalised_activation_and_a_gradient_set_by_entry():
    r"""A character GRU written from scratch (column layout): its candidate applies ``TANH``, the fence's own
    entry-by-entry tanh, read as tanh; ``d_y = np.copy(probability[t])`` then ``d_y[y[t]] -= 1`` sets the
    gradient by entry (the whole-name assignment is not what the rows below read). Published: line 175 takes
    tanh' at the cell state for the candidate's, 189 uses U_C for U_u, 191 multiplies a weight's gradient where
    the cell's is meant. Verdicts: the annotation's (finite differences)."""
    expected = json.loads((COLGRU.parent / "expected.json").read_text())[COLGRU.name]
    got = _code_verdicts(COLGRU)
    lines = (125, 126, 127, 128, 130, 171, 173, 174, 175, 179, 180, 181, 183, 185, 186, 187, 189, 191)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}
    assert got.get(164) is None         # d_y = np.copy(probability[t]): set by entry below, no formula


PASCANU = ROOT / "derivations" / "firstcontact" / "round41-c" / "en_rnn_notes_bptt_pascanu.md"


def test_study_notes_with_step_listings_remarks_and_a_second_model():
    r"""English study notes: ``\hat{y} = (\hat{y}_1, \ldots, \hat{y}_T)`` lists a sequence (no formula of the cell);
    ``\quad (\text{need }\hat{y}_t, s_t; t = 1, \ldots, T)`` is a remark beside an equation; Pascanu et al.'s
    ``x_t = W_{rec} \sigma(x_{t-1}) + W_{in} u_t + b`` after ``s_t = \tanh(U x_t + W s_{t-1})`` makes the input x
    the state of another model (a cell of its own). Line 160 copies Pascanu's W_{rec}^T diag(\sigma') as the
    one-step Jacobian (published; it is W_{rec} diag(\sigma')). Verdicts: the annotation's (finite differences)."""
    expected = json.loads((PASCANU.parent / "expected.json").read_text())[PASCANU.name]
    got = _code_verdicts(PASCANU)
    lines = (73, 74, 95, 96, 104, 105, 113, 114, 115, 116, 138, 154, 160)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}


ROWGRU = ROOT / "derivations" / "firstcontact" / "round41-a" / "rowgru_ctx_layers_numpy.md"


def test_a_step_tuple_unpacked_under_names_of_its_own(tmp_path):
    r"""A row-layout GRU keeps each step as ``io.append((X[t], h, z, r, v))`` (h the state the step started from:
    it is assigned below the append) and unpacks it as ``xt, ht, zt, rt, vt = inp[t]``: ht is h_{t-1}, vt the
    candidate. By hand, with hh = z h + (1 - z) v, \partial hh / \partial z = h_{t-1} - v: ``dz=dh*(ht-vt)`` holds
    (the annotation's verdict, finite differences), the sign flipped fails."""
    from symlstm.verify.text.codefences import step_tuples
    body = ROWGRU.read_text(encoding="utf-8").split("```python\n")[1].split("```")[0]
    assert step_tuples([body])[5] == ("X[t]", "h_prev", "z", "r", "v")
    expected = json.loads((ROWGRU.parent / "expected.json").read_text())[ROWGRU.name]
    assert expected["142"]["expected"] == "pass" and _code_verdicts(ROWGRU)[142] == "pass"
    flipped = tmp_path / "flipped.md"
    text = ROWGRU.read_text(encoding="utf-8")
    assert text.count("dz=dh*(ht-vt)") == 1
    flipped.write_text(text.replace("dz=dh*(ht-vt)", "dz=dh*(vt-ht)"), encoding="utf-8")
    # (the flipped row fails as read; the file's report then drops its fails, because an unrelated forward-like row,
    # s0 = np.sum(np.abs(v)), fails too and the reader takes the code's shapes for misread)
    assert _code_verdicts(flipped).get(142) != "pass"


PYDL = ROOT / "derivations" / "firstcontact" / "round42-c" / "pydl_gru_rowvec_numpy.md"


def test_one_dimensional_arrays_a_module_prefix_and_restored_weights(tmp_path):
    r"""Hugo Wainwright's GRU (PyDeepLearning, 2016): 1-D arrays, forward ``np.dot(x, self.w_rx)``, backward
    ``np.dot(self.w_zh, db_z)`` (numpy multiplies the 1-D db_z as a column: it is db_z W_zh^T, right);
    ``mathutils.sigmoid`` is the sigmoid; ``self.w_rx = data["arr_0"]`` after ``np.load`` restores the weight, no
    formula (read as one, it renamed w_rx to arr_0). Verdicts: the annotation's (finite differences); the
    transposed weight (``np.dot(self.w_zh.T, db_z)``, the other layout's formula) must fail."""
    expected = json.loads((PYDL.parent / "expected.json").read_text())[PYDL.name]
    got = _code_verdicts(PYDL)
    lines = (68, 69, 70, 71, 108, 110, 112, 116, 117, 119, 120, 124, 125, 127, 128, 132, 133)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}
    text = PYDL.read_text(encoding="utf-8")
    assert text.count("dh_prev += np.dot(self.w_zh, db_z)") == 1
    wrong = tmp_path / "wrong.md"
    wrong.write_text(text.replace("dh_prev += np.dot(self.w_zh, db_z)", "dh_prev += np.dot(self.w_zh.T, db_z)"),
                     encoding="utf-8")
    assert _code_verdicts(wrong).get(116) == "fail"


def test_a_bracket_never_closed_does_not_swallow_the_fence():
    """``bc = np.random.randn(hidden_size`` (a ')' missing, published): the statements after it are still read,
    one by one, as Python would report the error there and not join them into one."""
    from symlstm.verify.text.codefences import _logical_lines
    lines = ["        bc = np.random.randn(hidden_size", "", "        dWf = np.zeros_like(Wf)",
             "        cache = (x, h,", "                 c)", "        y = f(a,", "              b=1)"]
    out = _logical_lines(lines)
    assert out[2].strip() == "dWf = np.zeros_like(Wf)"
    assert out[3].strip() == "cache = (x, h, c)" and out[4] == ""
    assert out[5].strip() == "y = f(a, b=1)"


COLCAT = ROOT / "derivations" / "firstcontact" / "round42-a" / "colcat_lstm_charlm_dsigmoid.md"


def test_parameter_objects_holding_value_and_gradient():
    r"""A character LSTM keeps each weight in a Param object (``p.Wf.v`` its value, ``p.Wf.d`` its gradient) and
    names the output weight ``Wv`` (W_v, as Wf is W_f). Published: line 75's dsigmoid(y) = y (y - 1) has the
    wrong sign; line 157's dz takes the gates' gradients before their activation derivatives. Verdicts: the
    annotation's (finite differences)."""
    expected = json.loads((COLCAT.parent / "expected.json").read_text())[COLCAT.name]
    got = _code_verdicts(COLCAT)
    lines = (92, 93, 94, 95, 97, 98, 99, 100, 130, 131, 133, 134, 135, 137, 138, 140, 141, 142, 143, 144, 145, 147,
             149, 150, 152, 154, 155, 157, 164, 165)
    assert {k: got.get(k) for k in lines} == {k: expected[str(k)]["expected"] for k in lines}
    assert got[157] == "fail"


def test_a_script_letter_is_read_as_the_calligraphic_one():
    r"""``\mathscr{L}`` (a script L for the loss, as the Hugo draft of round 42 writes its cost) is read as
    ``\mathcal{L}``; it was an unknown command, and the rows with it were not read."""
    from symlstm.verify.text.rowparse import parse_row
    assert parse_row(r"\frac{\partial \mathscr{L}}{\partial h_t} = V^T (\hat y_t - y_t)") == \
        parse_row(r"\frac{\partial \mathcal{L}}{\partial h_t} = V^T (\hat y_t - y_t)")


NABLA = r"""$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$y_t = V h_t$$

$$L = \sum_t \frac{1}{2} \|y_t - d_t\|^2$$

$$\nabla V = \sum_t (y_t - d_t) h_t^T$$

$$\nabla V = \sum_t h_t (y_t - d_t)^T$$
"""


def test_nabla_of_a_name_is_the_gradient_by_it(tmp_path):
    r"""``\nabla V`` with no subscript (a table of gradients: ``\nabla W_{i,j}^{x\alpha}``) is the loss's gradient
    by V, as dV is. By central differences below, dL/dV = \sum_t (y_t - d_t) h_t^T; its transpose fails."""
    import numpy as np
    rng = np.random.default_rng(5)
    W, U, V = rng.normal(size=(3, 3)) * 0.5, rng.normal(size=(3, 2)), rng.normal(size=(2, 3))
    xs, ds = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))

    def run(V):
        h, hs = np.zeros(3), []
        for x in xs:
            h = np.tanh(W @ h + U @ x)
            hs.append(h)
        return hs, sum(0.5 * np.sum((V @ h - d) ** 2) for h, d in zip(hs, ds))
    hs, _ = run(V)
    grad = sum(np.outer(V @ h - d, h) for h, d in zip(hs, ds))
    fd = np.zeros_like(V)
    for idx in np.ndindex(*V.shape):
        e = np.zeros_like(V)
        e[idx] = 1e-6
        fd[idx] = (run(V + e)[1] - run(V - e)[1]) / 2e-6
    assert np.allclose(grad, fd, atol=1e-6)
    got = _results(NABLA, tmp_path)
    assert [got[k].status for k in (1, 3, 5, 7, 9)] == ["pass"] * 4 + ["fail"]
