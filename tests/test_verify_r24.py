r"""Round 24 of reading derivations as people write them (issue 10). Verdicts are worked out by hand; numpy
finite differences check the numbers the verdicts rest on; each rule has a slip that must fail; new parsing steps
are timed on hostile inputs.

- A code temporary whose value is the gradient of nothing (``di_calc = dsigma(self.it) * di``: the sigmoid's
  derivative taken at the gate's output) while its uses hold as the gradient of one quantity is meant as that
  gradient: its own row fails, its uses pass (the slip is reported once, where it is made).
- Unicode sub- and superscripts in plain text (``h⁽ᵗ⁻¹⁾``, ``Wₓ``, ``bᵧ``), ``dLdy`` names, remarks in brackets
  starting with a short word, a name refined through its part (``h = tanh(z)`` after ``h = tanh(W x + ...)`` and
  ``z = W x + ...``), and element-wise forms beside vector ones (``h_j⁽ᵗ⁾ = tanh(Σᵢ Wₓ[j,i] x_i⁽ᵗ⁾ ...)``).
- A side definition in a time letter of its own (``D_k = diag(1 - h_k^2)``, read at a step by
  ``\partial h_k/\partial h_{k-1} = D_k W_h``) and no output of the cell for the generic loss.
- The math in code comments (MATLAB ``%``, C ``/* ... */``, ``#``): a derivation of its own when it states a cell.
- A gate's row with another gate's weight (``z_t = \sigma(W_r x_t + U_z h_{t-1} + b_z)``) fails.
"""
from __future__ import annotations

import numpy as np
import pytest

from symlstm.verify.judging.judge import verify_derivation
from codecheck import _fd, _fenced, _run, _statuses
from _timing import within


def _by_line(text):
    return _statuses(verify_derivation(text).results)


# ---------------------------------------------------------------------------------------------- meant temporaries
# An LSTM node as nicodjimenez-style numpy code writes it. By hand: dct = o (1 - tanh(c)^2) dh + dc_next is c's
# gradient (right); di = g dct is i's (right); di_calc = dsigma(i) di takes sigma' at the gate's OUTPUT i (wrong:
# i's pre-activation gradient is i (1 - i) di = sigmoid'(pre) di); dW_i += outer(di_calc, x) and db_i += di_calc
# are step t's contributions of the pre-activation's gradient (right, given what di_calc is meant to be).
NODE = """\
def expit(v):
    return 1 / (1 + np.exp(-v))

def dsigma(x):
    return expit(x) * (1 - expit(x))

class LSTMNode():
    def forward(self, xx, ht_1, ct_1):
        x = np.concatenate([ht_1, xx])
        self.ft = expit(np.dot(params['Wf'], x) + params['bf'])
        self.it = expit(np.dot(params['Wi'], x) + params['bi'])
        self.gt = np.tanh(np.dot(params['Wg'], x) + params['bg'])
        self.ct = self.ft * ct_1 + self.it * self.gt
        self.ot = expit(np.dot(params['Wo'], x) + params['bo'])
        self.ht = self.ot * np.tanh(self.ct)
        self.x = x

    def backward(self, dh, dc_next):
        dct = self.ot * (1 - np.tanh(self.ct) ** 2) * dh + dc_next
        di = self.gt * dct
        di_calc = dsigma(self.it) * di
        params['Wi_diff'] += np.outer(di_calc, self.x)
        params['bi_diff'] += di_calc
"""
NODE_LINES = {"dct": 19, "di": 20, "di_calc": 21, "dWi": 22, "dbi": 23}


def _node_oracle(code):
    """The node's numbers: finite differences of L = dh.h + dc_next.c by b_i and W_i against the code's own
    di_calc and accumulated W_i gradient."""
    rng = np.random.default_rng(24)
    H, D = 3, 2
    space = _run("params = {}\n" + code)
    params = space["params"]
    for g in "figo":
        params["W" + g] = rng.normal(size=(H, H + D))
        params["b" + g] = rng.normal(size=H)
    params["Wi_diff"], params["bi_diff"] = np.zeros((H, H + D)), np.zeros(H)
    xx, h0, c0, dh, dc = (rng.normal(size=n) for n in (D, H, H, H, H))
    node = space["LSTMNode"]()

    def loss():
        node.forward(xx, h0, c0)
        return float(dh @ node.ht + dc @ node.ct)
    fd_W, fd_b = _fd(loss, [params["Wi"], params["bi"]])
    node.forward(xx, h0, c0)
    node.backward(dh, dc)
    di = node.gt * (node.ot * (1 - np.tanh(node.ct) ** 2) * dh + dc)
    return fd_W, fd_b, params["Wi_diff"], params["bi_diff"], node, di


def test_the_node_numbers():
    fd_W, fd_b, dW, db, node, di = _node_oracle(NODE)
    assert np.allclose(fd_b, node.it * (1 - node.it) * di, atol=1e-6)       # the pre-activation's gradient
    assert not np.allclose(fd_b, db, atol=1e-3)                               # di_calc is not it
    # the uses are right given the value meant: outer(pre-activation gradient, x) is W_i's gradient
    assert np.allclose(fd_W, np.outer(fd_b, node.x), atol=1e-6)


def test_a_wrong_temporary_fails_where_it_is_made():
    got = _by_line(_fenced(NODE))
    lines = {k: v + 2 for k, v in NODE_LINES.items()}
    assert {k: got[v] for k, v in lines.items()} == {
        "dct": ["pass"], "di": ["pass"], "di_calc": ["fail"], "dWi": ["pass"], "dbi": ["pass"]}, got
    r = next(r for r in verify_derivation(_fenced(NODE)).results if r.line == lines["di_calc"])
    assert "pre-activation of i" in r.why and f"line {lines['dWi']}" in r.why, r.why
    use = next(r for r in verify_derivation(_fenced(NODE)).results if r.line == lines["dWi"])
    assert "read with di_{calc} as the gradient of the pre-activation of i" in use.why, use.why


def test_a_right_temporary_and_a_wrong_use():
    right = NODE.replace("di_calc = dsigma(self.it) * di", "di_calc = self.it * (1 - self.it) * di")
    fd_W, fd_b, dW, db, node, _ = _node_oracle(right)
    assert np.allclose(fd_b, db, atol=1e-6) and np.allclose(fd_W, dW, atol=1e-6)
    got = _by_line(_fenced(right))
    assert all(got[v + 2] == ["pass"] for v in NODE_LINES.values()), got
    # a use's own slip still fails: db_i += di_calc * i is not b_i's gradient (numbers: not fd_b)
    slip = right.replace("params['bi_diff'] += di_calc", "params['bi_diff'] += di_calc * self.it")
    assert not np.allclose(fd_b, fd_b * node.it, atol=1e-3)
    got = _by_line(_fenced(slip))
    assert got[NODE_LINES["dbi"] + 2] == ["fail"] and got[NODE_LINES["di_calc"] + 2] == ["pass"], got
    # code's variable holds one value: di = g * dct (the gate's gradient, read so in its own row) is no
    # pre-activation gradient in outer(di, x) (before round 24 that row passed under a reading of its own)
    slip = right.replace("np.outer(di_calc, self.x)", "np.outer(di, self.x)")
    assert not np.allclose(fd_W, np.outer(fd_b / (node.it * (1 - node.it)), node.x), atol=1e-3)
    got = _by_line(_fenced(slip))
    assert got[NODE_LINES["dWi"] + 2] == ["fail"] and got[NODE_LINES["di"] + 2] == ["pass"], got


# ---------------------------------------------------------------------------------------------- Unicode plain text
# A plain-text document (ThalesMMS-style): the recurrence, then its pre-activation named, then the gradients. By
# hand: all right (delta = dL/dz = dL/dh (1 - h^2) for h = tanh(z); dL/dh = W_y^T dL_t/dy + W_h^T delta_{t+1});
# the element-wise forms restate the vector rows (not read, said so).
UNICODE = """\
```
h⁽ᵗ⁾ = tanh(Wₓ · x⁽ᵗ⁾ + Wₕ · h⁽ᵗ⁻¹⁾ + bₕ)
y⁽ᵗ⁾ = Wᵧ · h⁽ᵗ⁾ + bᵧ
h⁽⁰⁾ = 0  (or learned initialization)
```

```
h_j⁽ᵗ⁾ = tanh(Σᵢ Wₓ[j,i] · x_i⁽ᵗ⁾ + Σₖ Wₕ[j,k] · h_k⁽ᵗ⁻¹⁾ + bₕ[j])
z⁽ᵗ⁾ = Wₓ @ x⁽ᵗ⁾ + Wₕ @ h⁽ᵗ⁻¹⁾ + bₕ  → (hidden_size,)
h⁽ᵗ⁾ = tanh(z⁽ᵗ⁾) → (hidden_size,)
L = Σₜ L⁽ᵗ⁾
```

```
∂L/∂h⁽ᵗ⁾ = Wᵧᵀ · (∂L⁽ᵗ⁾/∂y⁽ᵗ⁾) + Wₕᵀ · δ⁽ᵗ⁺¹⁾
δ⁽ᵗ⁾ = ∂L/∂z⁽ᵗ⁾ = ∂L/∂h⁽ᵗ⁾ ⊙ (1 - h⁽ᵗ⁾²)
dLdy⁽ᵗ⁾ = ∂L⁽ᵗ⁾/∂y⁽ᵗ⁾
```
"""


def test_unicode_plain_text_numbers():
    # delta = dL/dz through h = tanh(z), under a random linear loss on h (finite differences by z)
    rng = np.random.default_rng(7)
    z, g = rng.normal(size=3), rng.normal(size=3)
    fd, = _fd(lambda: float(g @ np.tanh(z)), [z])
    assert np.allclose(fd, g * (1 - np.tanh(z) ** 2), atol=1e-6)
    assert not np.allclose(fd, g * (1 - np.tanh(z)), atol=1e-3)          # the slip below


def test_unicode_plain_text():
    got = _by_line(UNICODE)
    # (line 4, h⁽⁰⁾ = 0: the run's start, a value, not reported)
    assert got == {2: ["pass"], 3: ["pass"], 8: ["unreadable"], 9: ["pass"], 10: ["pass"],
                   11: ["pass"], 15: ["pass"], 16: ["pass"], 17: ["pass"]}, got
    slip = UNICODE.replace("(1 - h⁽ᵗ⁾²)", "(1 - h⁽ᵗ⁾)")
    got = _by_line(slip)
    assert got[16] == ["fail"] and got[15] == ["pass"], got
    r = next(r for r in verify_derivation(UNICODE).results if r.line == 8)
    assert "element-wise form of h" in r.why and "line 2" in r.why, r.why


def test_script_spellings():
    from symlstm.verify.text.codefences import plain_latex
    assert plain_latex("h⁽ᵗ⁻¹⁾ = Wₓ x⁽ᵀ⁾ + bᵧ") == "h^{(t-1)} = W_{x} x^{(T)} + b_{y}"
    assert plain_latex("∂L/∂h⁽ᵗ⁾ = d_loss/d_h_next") == r"\frac{∂L}{∂h^{(t)}} = \frac{dloss}{dh_{next}}"
    assert plain_latex("hₜ₋₁ = Wᵀ g") == "h_{t-1} = Wᵀ g"         # a lone ᵀ stays a transpose


# ---------------------------------------------------------------------------------------------- side definitions
# D_k = diag(1 - h_k^2) (a Chinese tutorial's vanishing-gradient section): k is a step (h_{k-1} below), D the
# author's side name, no output of the cell. By hand: dh_k/dh_{k-1} = diag(1 - h_k^2) W_h (right); with W_h^T
# (wrong, for a non-symmetric W_h).
SIDE = r"""
$$ z_t=W_xx_t+W_hh_{t-1}+b $$
$$ h_t=\tanh(z_t) $$
$$ J=\sum_{t=1}^{T}\ell_t $$
$$ g_t=\frac{\partial J}{\partial h_t} $$
$$ \delta_t=\frac{\partial J}{\partial z_t} $$
$$ \delta_t=g_t\odot(1-h_t^2) $$
$$ D_k=\operatorname{diag}(1-h_k^2) $$
$$ \frac{\partial h_k}{\partial h_{k-1}}=D_kW_h $$
"""


def test_side_definition_numbers():
    rng = np.random.default_rng(3)
    W, x, b, h0 = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    h1 = np.tanh(W @ h0 + x + b)
    cols = []
    for j in range(3):
        e = np.zeros(3)
        e[j] = 1e-6
        cols.append((np.tanh(W @ (h0 + e) + x + b) - np.tanh(W @ (h0 - e) + x + b)) / 2e-6)
    jac = np.stack(cols, axis=1)
    assert np.allclose(jac, np.diag(1 - h1 ** 2) @ W, atol=1e-6)
    assert not np.allclose(jac, np.diag(1 - h1 ** 2) @ W.T, atol=1e-3)


def test_side_definition_in_its_own_letter():
    got = _by_line(SIDE)
    assert all(v == ["pass"] for v in got.values()) and len(got) == 8, got
    assert "generic loss on D" not in " ".join(r.why or "" for r in verify_derivation(SIDE).results)
    got = _by_line(SIDE.replace("D_kW_h $$", "D_kW_h^T $$"))
    assert got[9] == ["fail"], got


# ---------------------------------------------------------------------------------------------- comments, labels
MATLAB = """\
```matlab
function [h, c] = lstmforward(x, h0, c0, Wc, Wi, Wf, Wo, Uc, Ui, Uf, Uo, bc, bi, bf, bo)
% Equations:
%   a(t) = tanh(Wc * x(t) + Uc * h(t-1) + bc)
%   i(t) = sigm(Wi * x(t) + Ui * h(t-1) + bi)
%   f(t) = sigm(Wf * x(t) + Uf * h(t-1) + bf)
%   o(t) = sigm(Wo * x(t) + Uo * h(t-1) + bo)
%   c(t) = i(t) .* a(t) + f(t) .* c(t-1)
%   h(t) = o(t) .* tanh(c(t))
n = 3;
end
```
"""

CPP = """\
```cpp
    /*
        rt = sigmoid(Wr*xt + Ur*ht-1 + Br)
        zt = sigmoid(Wr*xt + Uz*ht-1 + Bz)
        gt = tanh(Wg*xt + Ug*(rt ⊙ ht-1) + Bg)
        ht = (1 - zt) ⊙ ht-1 + zt ⊙ gt
    */
    for (std::size_t i = 0; i < n; i++) { h[i] = 0; }  // dh = W^T delta
```
"""


def test_comments_state_a_cell():
    got = _by_line(MATLAB)
    assert {k: got[k] for k in range(4, 10)} == {k: ["pass"] for k in range(4, 10)}, got
    # by hand: z's row reads W_r, r's weight (the code uses Wz): the slip of the comment; the others are definitions
    got = _by_line(CPP)
    assert got == {3: ["pass"], 4: ["fail"], 5: ["pass"], 6: ["pass"], 8: ["unreadable"]}, got
    r = next(r for r in verify_derivation(CPP).results if r.line == 4)
    assert "W_{z} meant?" in r.why, r.why
    assert _by_line(CPP.replace("Wr*xt + Uz", "Wz*xt + Uz")) == {3: ["pass"], 4: ["pass"], 5: ["pass"],
                                                               6: ["pass"], 8: ["unreadable"]}


def test_comment_gradients_alone_are_not_read():
    code = "x = 1\n# dc_t += d_tanh_c (already added)\n# d_loss/d_z = dL/d_h * d_h/d_z\n"
    assert verify_derivation(_fenced(code)).results == []


def test_crossed_labels_in_latex():
    text = "\n".join([r"$$r_t = \sigma(W_r x_t + U_r h_{t-1} + b_r)$$",
                      r"$$z_t = \sigma(W_r x_t + U_z h_{t-1} + b_z)$$",
                      r"$$\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$$",
                      r"$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$"])
    assert _by_line(text) == {1: ["pass"], 2: ["fail"], 3: ["pass"], 4: ["pass"]}
    assert _by_line(text.replace("W_r x_t + U_z", "W_z x_t + U_z")) == {k: ["pass"] for k in range(1, 5)}
    # two-letter labels (W_{xz}): the gate's letter last; a row with one label of its own is not judged so
    text2 = text.replace("W_r x_t + U_z", "W_{xr} x_t + U_{hz}").replace("b_z", "b_{z}")
    assert _by_line(text2)[2] == ["fail"]
    assert _by_line(text.replace("+ U_z h_{t-1} + b_z", "+ U h_{t-1}"))[2] == ["pass"]


# ---------------------------------------------------------------------------------------------- hostile inputs
@pytest.mark.parametrize("text", [
    "```\nh = " + "\u207d" * 20000 + "\n```\n",
    "```\n" + "h\u209c\u208b\u2081 = W\u2093 x\u209c\n" * 3000 + "```\n",
    "```matlab\n" + "% a(t) = tanh(W * x(t))\n" * 3000 + "```\n",
    "```cpp\n/*\n" + "  rt = sigmoid(Wr*xt + Ur*ht-1 + Br)\n" * 2000 + "*/\n```\n",
    "```python\n" + "x = 1  # " + "a = " * 5000 + "\n```\n",
], ids=["superscripts", "subscripts", "matlab-comments", "c-block-comments", "comment-equals"])
def test_hostile_inputs_return_quickly(text):
    """Each under a second on a quiet machine; the bound here leaves room for a busy one."""

    def verify():
        try:
            verify_derivation(text)
        except Exception as e:          # noqa: BLE001 - a clean refusal is fine
            assert "limit" in str(e) or "more than" in str(e), e

    seconds, _ = within(10, verify)
    assert seconds < 10


# ---------------------------------------------------------------------------------------------- labels, step names
def test_superscript_word_labels():
    # h_t^{enc}: the encoder's state (a label, SUPERSCRIPT_LABELS), not h to the power enc (KTU's seq2seq notes).
    # By hand (numbers: test_side_definition_numbers): dh_t/dh_{t-1} = diag(1 - h_t^2) W, not ... W^T.
    text = "\n".join([r"$$ h_t^{enc} = \tanh(W h_{t-1}^{enc} + U x_t) $$",
                      r"$$ \frac{\partial h_t^{enc}}{\partial h_{t-1}^{enc}} = \operatorname{diag}(1 - (h_t^{enc})^2) W $$"])
    assert _by_line(text) == {1: ["pass"], 2: ["pass"]}
    assert _by_line(text.replace(") W $$", ") W^T $$")) == {1: ["pass"], 2: ["fail"]}


STEP_CODE = """\
def step(self, x_t, h_t_minus_1):
    h_t = np.tanh(self.Wx @ x_t + self.Wh @ h_t_minus_1 + self.b)
    return h_t

def step_backward(self, dh_t, x_t, h_t, h_t_minus_1):
    dz = dh_t * (1 - h_t ** 2)
    dWh = np.outer(dz, h_t_minus_1)
    dh_t_minus_1 = self.Wh.T @ dz
"""


def test_t_minus_1_names_the_previous_state():
    # h_t_minus_1: h at t-1 (as Keras's h_tm1). By hand: dz = dh (1 - h^2), dW_h = dz h_{t-1}^T (step t's part),
    # dh_{t-1} = W_h^T dz (through the step); numbers below by finite differences of L = <g, h_t>.
    rng = np.random.default_rng(5)
    Wx, Wh, b = rng.normal(size=(3, 2)), rng.normal(size=(3, 3)), rng.normal(size=3)
    x, h0, g = rng.normal(size=2), rng.normal(size=3), rng.normal(size=3)
    h1 = np.tanh(Wx @ x + Wh @ h0 + b)
    fd_W, fd_h = _fd(lambda: float(g @ np.tanh(Wx @ x + Wh @ h0 + b)), [Wh, h0])
    dz = g * (1 - h1 ** 2)
    assert np.allclose(fd_W, np.outer(dz, h0), atol=1e-6) and np.allclose(fd_h, Wh.T @ dz, atol=1e-6)
    got = _by_line(_fenced(STEP_CODE))
    assert got == {4: ["pass"], 8: ["pass"], 9: ["pass"], 10: ["pass"]}, got
    slip = STEP_CODE.replace("np.outer(dz, h_t_minus_1)", "np.outer(dz, h_t)")
    assert not np.allclose(fd_W, np.outer(dz, h1), atol=1e-3)
    assert _by_line(_fenced(slip))[9] == ["fail"]
