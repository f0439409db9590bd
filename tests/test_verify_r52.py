r"""Round 52 notations.

* Code: an assignment with a type annotation (``h: np.ndarray = (1 - z) * h + z * h_tilde``) is the assignment;
  in a function whose vectors are rows, the loop's own ``for t in range(...)`` keeps its step variable (it was
  read as a transpose, so the loop's carried state was lost), and a learning rate (``eta``) is a scalar.

Expected verdicts were worked out by hand; the notes' own (derivations/firstcontact/round51-a) also by their
finite-difference scripts, which do not use symlstm.
"""
from pathlib import Path

from symlstm.verify import verify_file
from _timing import within

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
ROWVEC_GRU = ROOT / "round51-a" / "gru_layer_rowvec_numpy.md"


def _statuses(path):
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def _mutant(tmp_path, old, new):
    text = ROWVEC_GRU.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "mutant.md"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_an_annotated_assignment_in_a_row_layout_gru_layer():
    got = _statuses(ROWVEC_GRU)
    # forward (a_z, z, a_r, r, a_h, h_tilde, the annotated h update) and the backward step: all hold
    for line in (78, 80, 81, 83, 84, 86, 88, 162, 163, 165, 166, 168, 169, 171, 172, 173, 175, 176, 177,
                 179, 180, 181, 185, 186, 187, 188, 190):
        assert got[line] == ["pass"], line
    assert "fail" not in {s for v in got.values() for s in v}


def test_row_layout_gru_layer_mutants_fail(tmp_path):
    got = _statuses(_mutant(tmp_path, "dz = dh * (h_tilde - h_prev)", "dz = dh * (h_prev - h_tilde)"))
    assert got[165] == ["fail"] and sum(s == "fail" for v in got.values() for s in v) == 1
    got = _statuses(_mutant(tmp_path, "dU_z += h_prev.T @ da_z", "dU_z += h_prev.T @ da_r"))
    assert got[176] == ["fail"] and sum(s == "fail" for v in got.values() for s in v) == 1
    got = _statuses(_mutant(tmp_path, "dh_prev += da_z @ self.U_z.T", "dh_prev += da_z @ self.U_r.T"))
    assert got[187] == ["fail"]


PLAIN_PROSE_GRU = """GRU 前向计算回顾
更新门: z_t = σ(W_z · [h_{t-1}, x_t])
重置门: r_t = σ(W_r · [h_{t-1}, x_t])
候选状态: ̃h_t = tanh(W_h · [r_t ⊙ h_{t-1}, x_t])
新状态: h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ ̃h_t
其中 σ 为 sigmoid 函数
∂L/∂h_t = δ_t // 从更高层接收的梯度
∂h_t/∂̃h_t = diag(z_t) // 对角矩阵
∂h_t/∂z_t = diag(̃h_t - h_{t-1})
= diag(h_{t-1} - ̃h_t)
"""


def test_prose_without_math_markup_is_read_as_plain_text_equations(tmp_path):
    # a post copied from its rendered page: labels before the equations, // comments, the tilde typed before
    # its letter, a chain of equalities over two lines (each link judged on its own line)
    p = tmp_path / "note.md"
    p.write_text(PLAIN_PROSE_GRU, encoding="utf-8")
    assert _statuses(p) == {2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["pass"], 7: ["pass"], 8: ["pass"],
                            9: ["pass"], 10: ["fail"]}
    p.write_text(PLAIN_PROSE_GRU.replace("diag(z_t) //", "diag(1 - z_t) //"), encoding="utf-8")
    assert _statuses(p)[8] == ["fail"]


def test_a_chain_over_lines_in_a_plain_fence_is_judged_link_by_link(tmp_path):
    text = ("```\nh_t = tanh(W h_{t-1} + U x_t)\n"
            "dh_t/dh_{t-1} = diag(1 - h_t²) W\n"
            "              = diag(1 - h_t ⊙ h_t) W\n"
            "              = diag(1 - h_t²) W^T\n```\n")
    p = tmp_path / "note.md"
    p.write_text(text, encoding="utf-8")
    assert _statuses(p) == {2: ["pass"], 3: ["pass"], 4: ["pass"], 5: ["fail"]}


MIN_CHAR_RNN = ROOT / "round52-c" / "javaidnabi_min_char_rnn.md"


def test_a_sampling_function_is_a_model_of_its_own(tmp_path):
    # sample() and predict() restate the forward pass in names of their own (h, y, p beside hs[t], os[t]); merged
    # into the training code's cell they made it a two-state cell and failed four correct gradient rows
    got = _statuses(MIN_CHAR_RNN)
    for line in (56, 57, 58, 77, 79, 80, 82, 112, 113, 114, 155, 156, 157):
        assert got[line] == ["pass"], line
    assert "fail" not in {s for v in got.values() for s in v}
    text = MIN_CHAR_RNN.read_text(encoding="utf-8")
    old = "dW += np.dot(dhrec, hs[t-1].T)"
    assert old in text
    p = tmp_path / "mutant.md"
    p.write_text(text.replace(old, "dW += np.dot(dhrec, hs[t].T)"), encoding="utf-8")
    got = _statuses(p)
    assert got[80] == ["fail"] and sum(s == "fail" for v in got.values() for s in v) == 1


def test_a_range_opened_by_for_is_no_equation_of_its_own(tmp_path):
    # "\text{ for } t=1, \ldots, T \text{ and } x = (...) \in R^D": the range of the row, whose commas and '='
    # split it into a second "equation" before
    text = (r"$$h_t = \tanh(W h_{t-1} + U x_t)$$" "\n\n"
            r"$$o_t = V h_t \text { for } t=1, \ldots, T \text { and } \mathbf{x}=\left(x_{1}, \ldots, x_{T}\right)$$"
            "\n")
    p = tmp_path / "note.md"
    p.write_text(text, encoding="utf-8")
    got = verify_file(None, str(p), timeout=10).results
    assert [(r.line, r.status) for r in got] == [(1, "pass"), (3, "pass")]


CHAR_LSTM = ROOT / "round53-c" / "ahmadraza_char_lstm_numpy.md"


def _code_statuses(path):
    # the code fences (lines 260 to 337); the prose after them states the vanishing-gradient products inline
    # ("Vanilla RNN: $\frac{\partial h_0}{\partial h_T} = \prod ...$", lines 352 and 355: published errors, caught)
    return {line: s for line, s in _statuses(path).items() if 260 <= line <= 337}


def test_a_cell_function_called_into_step_named_stores():
    # def lstm(c_prev, h_prev, xt): ... return ft, it, cct, ot, ct, ht, yt, called once in the loop as
    # ft[t], it[t], ..., yt[t] = lstm(ct[t-1], ht[t-1], xt[t]): the cell is read in the loop's names, the stores
    # named for their step (ht[t], ct[t]) are h and c (so dh, dc, do are their gradients), and dzcc = dcc * (1 -
    # cct**2) is the gradient of zc (not of cc, whose gradient it reads)
    got = _statuses(CHAR_LSTM)
    for line in (48, 50, 51, 53, 54, 56, 57, 59, 61, 62, 64, 66, 135):
        assert got[line] == ["pass"], line
    code = _code_statuses(CHAR_LSTM)
    for line in (268, 269, 273, 277, 278, 281, 282, 285, 286, 289, 290, 293, 294, 300, 301, 303, 304, 306, 307,
                 309, 310, 313, 319):
        assert code[line] == ["pass"], line
    assert "fail" not in {s for v in code.values() for s in v}


def test_a_cell_function_called_into_stores_mutants_fail(tmp_path):
    text = CHAR_LSTM.read_text(encoding="utf-8")
    for old, new, line in (("dzcc = dcc * (1 - cct[t]**2)", "dzcc = dcc * (1 - cct[t])", 286),
                           ("df = dc * ct[t-1]", "df = dc * ct[t]", 293),
                           ("dc_next = dc * ft[t]", "dc_next = dc * it[t]", 319)):
        assert old in text
        p = tmp_path / "mutant.md"
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
        code = _code_statuses(p)
        assert code[line] == ["fail"], (old, code)
        assert sum(s == "fail" for v in code.values() for s in v) == 1, (old, code)


def test_nested_functions_do_not_make_the_call_binding_quadratic():
    # 9000 nested one-line functions (each scan of a body is bounded to the functions called once): was 2 minutes
    from symlstm.verify.text.codefences import bound_calls
    body = "\n".join(" " * min(k, 2000) + f"def f{k}(a):" for k in range(9000)) + "\n return a, b\n"
    text = "```python\n" + body + "x[t], y[t] = f0(u[t])\n```\n"
    seconds, _ = within(10, lambda: bound_calls(text))
    assert seconds < 10


SQUARED_HAT_LABEL = r"""$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$y_t = V h_t$$

$$L = \sum_t \frac{1}{2} (y_t - \hat{y}_t)^2$$

$$\frac{\partial L}{\partial y_t} = y_t - \hat{y}_t$$

$$\frac{\partial L}{\partial V} = \sum_t (y_t - \hat{y}_t) h_t^T$$
"""


def test_a_squared_error_whose_hat_is_the_label(tmp_path):
    # y_t = V h_t computed, \hat y_t defined by no row: with a squared error the hat is the label (as some notes
    # write); with a cross-entropy, -y log \hat y, a computed y stays a clash (the label cannot be computed)
    p = tmp_path / "note.md"
    p.write_text(SQUARED_HAT_LABEL, encoding="utf-8")
    assert _statuses(p) == {1: ["pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"], 9: ["pass"]}
    p.write_text(SQUARED_HAT_LABEL.replace(r"} = y_t - \hat{y}_t$$", r"} = \hat{y}_t - y_t$$"), encoding="utf-8")
    assert _statuses(p)[7] == ["fail"]
    p.write_text(r"""$$h_t = \tanh(W h_{t-1} + U x_t)$$

$$y_t = \mathrm{softmax}(V h_t)$$

$$L = -\sum_t y_t^T \log \hat{y}_t$$
""", encoding="utf-8")
    assert _statuses(p)[3] == ["fail"]
