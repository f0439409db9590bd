r"""Round 59 notations.

* A sum over a set of gate labels, ``\sum_{k \in \{f, i, o, g\}} W_k^\top \delta \bar{k}_t``: the body once for
  each label, the letter replaced wherever it stands (a script, or the name under an accent).
* ``\partial L / \partial z_f`` beside ``W_f``: f labels a gate in that row (W_f is defined), never a second step
  letter (``W_f`` had been read as W at step f: "W is not defined").
* Course code (CMU 11-785's GRU cell) as students transcribe it: an excerpt that starts inside the forward
  method's docstring (its first triple quote closes it), the handout's activation objects' ``backward(d)`` (and
  ``backward(d, state=n)``) as one bracketed factor (``W.T @ act.backward(d)`` is W^T (d act'), not (W^T d) act'),
  numpy's new axes (``d[:, np.newaxis] @ x[np.newaxis, :]``: the outer product d x^T), and a 1-D vector times a
  matrix on its right (``d @ W_nh``: W_nh^T d, a 1-D vector again).
* ``h_{prec}`` (French précédent): h at the step before, as ``h_{prev}``; helpers named with a trailing underscore
  (``sigmoid_``, ``tanh_``) are judged by their bodies (the mark may be a prime).

Expected verdicts are worked out by hand below, from the cells' equations (the GRU: r, z = sigma(...), n = tanh(
W_nx x + b_nx + r (W_nh h + b_nh)), h_t = (1 - z) n + z h; its backward is the chain rule through each of those),
and the notes' annotations (derivations/firstcontact/round59-j, round38-c), checked by their annotators' numpy
finite-difference scripts independently of symlstm. Also: a student's backward functions judged against the course
handout's forward cell (Coursera, CS231n), inline prose listing two definitions, ``dtype=`` arguments, and a
missing transpose in matrix form found entry by entry beside index notation.
"""
import json
import textwrap
from pathlib import Path

import pytest
from _timing import within
from verifycheck import statuses

from symlstm.verify import verify_file

LSTM = r"""
$$
\begin{aligned}
f_t &= \sigma(W_f x_t + U_f h_{t-1}) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1}) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1}) \\
g_t &= \tanh(W_g x_t + U_g h_{t-1}) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}
$$

$$\frac{\partial L}{\partial x_t} = \sum_{k \in \{f, i, o, g\}} W_k^\top \delta \bar{k}_t$$

$$\frac{\partial L}{\partial x_t} = \sum_{k \in \{f, i, o\}} W_k^\top \delta \bar{k}_t$$

$$\frac{\partial L}{\partial x_t} = \sum_{k \in \{f, i, o, g\}} U_k^\top \delta \bar{k}_t$$
"""

GRU = '''
A GRU cell of the course's handout, its forward method cut after its docstring opened:

```python
        """
        self.x = x
        self.hidden = h_prev_t
        self.r = self.r_act.forward(self.Wrx @ x + self.brx + self.Wrh @ h_prev_t + self.brh)
        self.z = self.z_act.forward(self.Wzx @ x + self.bzx + self.Wzh @ h_prev_t + self.bzh)
        self.n = self.h_act.forward(self.Wnx @ x + self.bnx + self.r * (self.Wnh @ h_prev_t + self.bnh))
        h_t = (1 - self.z) * self.n + self.z * h_prev_t
        return h_t

    def backward(self, delta):
        """GRU cell backward.

        delta: (hidden_dim)
        """
        dz = delta * (-self.n + self.hidden)
        dn = delta * (1 - self.z)
        self.dWnx = self.h_act.backward(dn)[:, np.newaxis] @ self.x[np.newaxis, :]
        self.dbnx = self.h_act.backward(dn)
        dr = self.h_act.backward(dn) * (self.Wnh @ self.hidden + self.bnh)
        self.dWnh = (self.h_act.backward(dn) * self.r)[:, None] @ self.hidden[None, :]
        self.dWzx = self.z_act.backward(dz, state=self.z)[:, np.newaxis] @ self.x[np.newaxis, :]
        self.dWrx = self.x[:, np.newaxis] @ self.r_act.backward(dr)[np.newaxis, :]
        dx = self.Wnx.T @ self.h_act.backward(dn) + self.Wzx.T @ self.z_act.backward(dz) + self.Wrx.T @ self.r_act.backward(dr)
        dh_prev_t = delta * self.z + (self.h_act.backward(dn) * self.r) @ self.Wnh + self.z_act.backward(dz) @ self.Wzh + self.r_act.backward(dr) @ self.Wrh
        return dx, dh_prev_t
```
'''


def _rows(tmp_path, text, name="note.md") -> dict:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return statuses(p)


def _line(text, needle) -> int:
    """The 1-based line of ``text`` (as written to the file) holding ``needle``."""
    lines = text.lstrip("\n").split("\n")
    return next(k + 1 for k, line in enumerate(lines) if needle in line)


def test_a_sum_over_gate_labels_adds_the_body_once_per_label(tmp_path):
    got = _rows(tmp_path, LSTM)
    rows = [k for k in sorted(got) if k > 10]
    # x_t feeds step t's four gates only: dL/dx_t = sum over the four of W_k^T (the gradient of k's
    # pre-activation). Three labels leave the candidate's part out; U_k acts on h_{t-1}, not on x_t.
    assert [got[k] for k in rows] == [["pass"], ["fail"], ["fail"]]
    assert all(got[k] == ["pass"] for k in sorted(got) if k <= 10)


def test_a_gate_label_beside_its_weight_is_no_step_letter(tmp_path):
    p = tmp_path / "z.md"
    p.write_text(textwrap.dedent(r"""
        $$z_t = [h_{t-1}; x_t]$$
        $$f_t = \sigma(W_f z_t + b_f)$$
        $$c_t = f_t \odot c_{t-1} + \tanh(W_c z_t)$$
        $$h_t = \tanh(c_t)$$

        $$\frac{\partial L}{\partial z_t} = W_f^T \frac{\partial L}{\partial z_f}$$
        """), encoding="utf-8")
    r = [x for x in verify_file(None, str(p), timeout=10).results if x.line == 7][0]
    # z_f (the gradient of the forget gate's pre-activation, by the prose of such notes) is named by no row
    # here: the row is unread for that, not failed for a "W" that W_f never was
    assert r.status == "unreadable" and "z_f" in r.why and "W is not" not in r.why


def test_a_course_gru_cell_cut_inside_its_docstring(tmp_path):
    text = GRU
    got = _rows(tmp_path, text)
    want = {
        "self.r = ": "pass", "self.z = ": "pass", "self.n = ": "pass", "h_t = (1": "pass",
        "dz = delta": "pass",                 # dL/dz = delta (h - n)
        "dn = delta": "pass",                 # dL/dn = delta (1 - z)
        "self.dWnx": "pass",                  # (dn tanh'(.)) x^T: the outer product spelled with new axes
        "self.dbnx": "pass",
        "dr = self": "pass",                  # dL/dr = dn tanh' (W_nh h + b_nh)
        "self.dWnh": "pass",                  # (dn tanh' r) h^T
        "self.dWzx": "pass",                  # backward(dz, state=z): dz sigma'(z), then x^T
        "self.dWrx": "fail",                  # x (dr sigma')^T: the transpose of dW_rx (D x H, not H x D)
        "dx = self": "pass",                  # the three paths of x, each W^T (d act')
        "dh_prev_t = ": "pass",               # delta z + the three paths through W_nh (with r), W_zh, W_rh
    }
    for needle, status in want.items():
        assert got.get(_line(text, needle)) == [status], needle
    # mutants: the reset gate dropped from the n path of dh_prev; the brackets of backward(d) dropped
    bad = text.replace("(self.h_act.backward(dn) * self.r) @ self.Wnh", "self.h_act.backward(dn) @ self.Wnh")
    assert _rows(tmp_path, bad, "bad.md")[_line(text, "dh_prev_t = ")] == ["fail"]
    bad = text.replace("dx = self.Wnx.T @ self.h_act.backward(dn)", "dx = (self.Wnx.T @ dn) * (1 - self.n ** 2)")
    assert _rows(tmp_path, bad, "bad2.md")[_line(text, "dx = ")] == ["fail"]


def test_a_previous_step_in_french_and_primed_helper_names(tmp_path):
    got = _rows(tmp_path, r"""
        $$h_t = \tanh(W x_t + U h_{prec} + b)$$

        $$\delta h_{prec} = U^\top (\delta h_t \odot (1 - h_t^2))$$

        $$\delta h_{prec} = U (\delta h_t \odot (1 - h_t^2))$$
        """)
    # h_{prec} is h_{t-1}: what reaches it through step t is U^T (dh_t (1 - h_t^2)); U untransposed fails
    assert [got[k] for k in sorted(got)] == [["pass"], ["pass"], ["fail"]]
    got = _rows(tmp_path, '''
        ```python
        from scipy.special import expit as sigmoid
        def sigmoid_(x): return sigmoid(x) * (1-sigmoid(x))
        def tanh_(x): return (1-np.tanh(x)**2)
        def tanh_wrong_(x): return 1 - np.tanh(x)
        ```
        ''', "helpers.md")
    # sigmoid_ and tanh_ compute the derivatives (their bodies say so); the last is neither tanh nor tanh'
    assert got.get(3) == ["pass"] and got.get(4) == ["pass"] and got.get(5) != ["pass"]


LSUBTIL = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact" / "round59-j" / \
    "lsubtil_lstm_step_by_step.md"


def test_a_gradient_row_under_the_candidates_own_name_leaves_the_cell_whole():
    # the notebook's eq. (8) writes the candidate's own name on the left of its gradient's row
    # (\widetilde{c}^{<t>} = (dc_next \Gamma_u + ...)(1 - \tilde{c}^2), a published slip): a claim about the
    # candidate that fails, never a backward row that takes the candidate's name (and with it the cell) away
    got = statuses(LSUBTIL)
    want = json.loads((LSUBTIL.parent / "expected.json").read_text(encoding="utf-8"))[LSUBTIL.name]
    assert want["82"]["expected"] == "fail" and got[82] == ["fail"]
    for line in (11, 14, 18, 22, 26, 30, 91, 93, 95, 97, 102, 113, 116):     # the forward rows, dW_*, db_f, da_prev
        assert want[str(line)]["expected"] == "pass" and got[line] == ["pass"], line


def test_an_arrow_remark_and_nested_label_sums(tmp_path):
    from symlstm.verify.text.latexparse import LatexError
    from symlstm.verify.text.rowparse import parse_row
    # a plain fence's remark pointed at by an arrow is cut: dh_{t-1} = W_hh^T (dh_t (1 - h_t^2)) through step t
    # holds, and with tanh's derivative mistyped (1 + h_t^2) it fails
    text = "```\nh_t = tanh(W_hh · h_{t-1} + W_xh · x_t)\n" \
           "dh_{t-1} = W_hh.T · (dh_t ⊙ (1 - h_t²))       ← propagar hacia atrás en el tiempo\n```\n"
    for body, want in ((text, "pass"), (text.replace("(1 - h_t²)", "(1 + h_t²)"), "fail")):
        p = tmp_path / "arrow.md"
        p.write_text(body, encoding="utf-8")
        assert {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}.get(3) == want
    hostile = "y = " + r"\sum_{a \in \{b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\}} " * 6 + "W_a x_a"
    seconds, _ = within(0.5, lambda: pytest.raises(LatexError, parse_row, hostile))
    assert seconds < 0.5



def test_prose_defining_two_names_and_a_dtype_argument(tmp_path):
    # the prose names the two pre-activations in one inline formula, after the formula in Korean ("라고 하면": if
    # we call them), with a weight run together with its operand (Ux(t)) as the display writes it
    text = "\n".join([
        r"$$h(t) = f(Ux(t) + Wh(t-1) + b)$$", "",
        r"$$ y(t)  = g(Vh(t) + c) $$", "",
        r"이 떄, $p(t) =  Ux(t) + Wh(t-1) + b, q(t) = Vh(t) + c$라고 하면,", "",
        r"$$ e_{h}(t) = {{\delta E} \over {\delta p(t)}}  $$", "",
        r"$$ e_{o}(t) = {{\delta E} \over {\delta q(t)}}  $$", "",
        r"$$ \frac{\partial E}{\partial c} = \sum_t e_{o}(t) $$", "",
        r"$$ \frac{\partial E}{\partial c} = \sum_t e_{h}(t) $$", ""])
    got = _rows(tmp_path, text)
    # e_h, e_o name the gradients of p and q (definitions, pass); dE/dc = sum_t e_o(t) as c is q's bias; e_h is
    # the other unit's
    assert [got[k] for k in (7, 9, 11, 13)] == [["pass"], ["pass"], ["pass"], ["fail"]]
    code = "```python\na_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba, dtype='float32')\n" \
           "dz = da_next * (1 - np.square(a_next, dtype=np.float32))\n" \
           "da_prev = np.dot(Waa.T, dz)\n```\n"
    got = _rows(tmp_path, code, "dtype.md")
    # the precision of the values is no part of the formulas: tanh's derivative through its output, W_aa^T dz
    assert got.get(2) == ["pass"] and got.get(3) == ["pass"] and got.get(4) == ["pass"]
    got = _rows(tmp_path, code.replace("np.dot(Waa.T, dz)", "np.dot(Waa, dz)"), "dtype2.md")
    assert got.get(4) == ["fail"]


COURSERA_RNN_BACKWARD = '''```python
def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    ba = parameters["ba"]
    dz = (1 - a_next ** 2) * da_next
    dxt = np.dot(Wax.T, dz)
    dWax = np.dot(dz, xt.T)
    da_prev = np.dot(Waa.T, dz)
    dWaa = np.dot(dz, a_prev.T)
    dba = np.sum(dz, axis=1, keepdims=True)
    return dxt, da_prev, dWax, dWaa, dba
```
'''

CS231N_RNN_BACKWARD = '''```python
def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    dtanh = dnext_h * (1 - next_h ** 2)
    dx = dtanh.dot(Wx.T)
    dprev_h = dtanh.dot(Wh.T)
    dWx = x.T.dot(dtanh)
    dWh = prev_h.T.dot(dtanh)
    db = np.sum(dtanh, axis=0)
    return dx, dprev_h, dWx, dWh, db
```
'''


def test_a_students_backward_is_judged_against_the_handouts_forward(tmp_path):
    # the Coursera notebook's rnn_cell_forward: a_next = tanh(Waa a_prev + Wax xt + ba) (columns); CS231n's
    # rnn_step_forward: next_h = tanh(x Wx + prev_h Wh + b) (rows). By hand: dz = (1 - a_next^2) da_next, then
    # dxt = Wax^T dz, dWax = dz xt^T, da_prev = Waa^T dz, dWaa = dz a_prev^T, dba = the sum of dz over the batch;
    # in rows, dx = dtanh Wx^T, dprev_h = dtanh Wh^T, dWx = x^T dtanh, dWh = prev_h^T dtanh, db = sum over rows
    for name, text, lines, bad in (
            ("coursera.md", COURSERA_RNN_BACKWARD, range(7, 13), ("np.dot(Waa.T, dz)", "np.dot(Waa, dz)", 10)),
            ("cs231n.md", CS231N_RNN_BACKWARD, range(4, 10), ("dtanh.dot(Wh.T)", "dtanh.dot(Wh)", 6))):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        results = verify_file(None, str(p), timeout=10).results
        got = {r.line: r.status for r in results}
        assert all(got.get(k) == "pass" for k in lines), (name, got)
        assert all(any("handout" in n or "notebook" in n or "assignment" in n for n in r.notes) for r in results)
        p.write_text(text.replace(bad[0], bad[1]), encoding="utf-8")
        assert {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}.get(bad[2]) == "fail", name


ZH_BPTT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact" / "round38-c" / "zh_bptt_rnn_2020.md"


def test_a_missing_transpose_in_matrix_form_fails_beside_index_notation():
    # the note derives dE/dU_ij entry by entry, then writes the matrix form sum_t [(V^T d_y + W^T d_h) * f'(z)] . x
    # without the transpose on x (eqs. 2 and 3, published errors by the annotator's script): read with one unit the
    # row had passed; entry by entry its right side is a vector beside the matrix dE/dU
    got = statuses(ZH_BPTT)
    want = json.loads((ZH_BPTT.parent / "expected.json").read_text(encoding="utf-8"))[ZH_BPTT.name]
    for line in (115, 130):
        assert want[str(line)]["expected"] == "fail" and got[line] == ["fail"], line
