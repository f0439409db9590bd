r"""Round 64: code whose weights are met in blocks or shared by sibling classes, forward rows with a stray label,
and the bold macros of slides.

* Two classes of one file that each read their own ``Wx, Wh, b`` (an RNN and an LSTM layer, as the "Deep Learning
  from Scratch 2" study notes write them) are two models: the LSTM's ``A[:, H:2*H]`` no longer reads the RNN's
  H-wide ``A`` (an empty slice, which hid every row of both classes).
* A weight first met sliced in its columns at one size word (``Wh[:, :hidden_size]``, ``Wh[:, hidden_size:]``)
  acts on ``[h, x]``: it is ``h x (h + i)`` wide (it was read as a vector, and the second block was empty).
* A row hidden because a forward formula fails says which formula and why.
* A gate's row with one weight of its own and one of another gate fails as a crossed label
  (``i_t = \sigma([x_t, h_{t-1}] W_o + b_i)``); a gate's row reading the input under the gate's own label (``x_z``
  in z's row, where every other row reads ``x_t``) fails, naming the step's input; so does a gate squashed with
  tanh where the other gates of its family are sigmoids (``i_t = \tanh(...)`` beside sigmoid f and o gates).
* ``\vW`` (a capital after v), ``\b W`` and ``\vb_h`` (a one-argument bold macro written without braces) are read as
  bold names when the file does not define them.

Every expected verdict is worked out by hand in the comments (the LSTM and tanh-RNN chain rules); the split-weight
gradients are also compared with central finite differences of the same numpy code.
"""
import numpy as np
import pytest

from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


SIBLINGS = '''```python
class RNN:
    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
        h_next = np.tanh(t)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next ** 2)
        dWh = np.dot(h_prev.T, dt)
        dh_prev = np.dot(dt, Wh.T)
        dWx = np.dot(x.T, dt)
        dx = np.dot(dt, Wx.T)
        return dx, dh_prev
```

```python
class LSTM:
    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
        f = A[:, :H]
        g = A[:, H:2*H]
        i = A[:, 2*H:3*H]
        o = A[:, 3*H:]
        f = sigmoid(f)
        g = np.tanh(g)
        i = sigmoid(i)
        o = sigmoid(o)
        c_next = f * c_prev + g * i
        h_next = o * np.tanh(c_next)
        return h_next, c_next
```
'''


# By hand (row vectors, t = h_prev Wh + x Wx + b, h_next = tanh(t)): dt = dh_next * (1 - h_next^2); dWh = h_prev^T dt,
# dWx = x^T dt (this step's part); dh_prev = dt Wh^T, dx = dt Wx^T. The LSTM's slices are its own 4H-wide A.
def test_sibling_classes_with_their_own_weights_are_two_models():
    v = _verdicts(SIBLINGS)
    lines = SIBLINGS.split("\n")
    at = {s.strip(): k + 1 for k, s in enumerate(lines) if s.strip()}
    for row in ("t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b", "dWh = np.dot(h_prev.T, dt)",
                "dh_prev = np.dot(dt, Wh.T)", "dWx = np.dot(x.T, dt)", "dx = np.dot(dt, Wx.T)",
                "A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b", "f = A[:, :H]", "g = A[:, H:2*H]",
                "i = A[:, 2*H:3*H]", "o = A[:, 3*H:]", "c_next = f * c_prev + g * i", "h_next = o * np.tanh(c_next)"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])
    # a slip in the RNN's backward is the RNN's own failure, not hidden by the LSTM
    wrong = SIBLINGS.replace("dWh = np.dot(h_prev.T, dt)", "dWh = np.dot(h_prev.T, dh_next)")
    assert _verdicts(wrong)[at["dWh = np.dot(h_prev.T, dt)"]][0] == "fail"


SPLIT = '''```python
def candidate_step(h_prev, x, Wh, bh, hidden_size):
    Wh_h = Wh[:, :hidden_size]
    Wh_x = Wh[:, hidden_size:]
    zc = np.dot(Wh_x, x) + np.dot(Wh_h, h_prev) + bh
    ht = np.tanh(zc)
    return ht

def candidate_backward(dht, ht, h_prev, x, Wh, hidden_size):
    Wh_h = Wh[:, :hidden_size]
    Wh_x = Wh[:, hidden_size:]
    dzc = dht * (1 - ht ** 2)
    dWh_x = np.dot(dzc, x.T)
    dWh_h = np.dot(dzc, h_prev.T)
    dh_prev = np.dot(Wh_h.T, dzc)
    dx = np.dot(Wh_x.T, dzc)
    dbh = dzc
```
'''


def _split_code_gradients(Wh, bh, h_prev, x, dht, H):
    """The backward rows of SPLIT, run as numpy (the code as written)."""
    Wh_h, Wh_x = Wh[:, :H], Wh[:, H:]
    ht = np.tanh(Wh_x @ x + Wh_h @ h_prev + bh)
    dzc = dht * (1 - ht ** 2)
    return {"dWh_x": dzc @ x.T, "dWh_h": dzc @ h_prev.T, "dh_prev": Wh_h.T @ dzc, "dx": Wh_x.T @ dzc}


def test_split_weight_gradients_match_finite_differences():
    """The oracle for the verdicts below: the rows of SPLIT against central differences of L = dht . ht."""
    rng = np.random.default_rng(3)
    H, D = 3, 2
    Wh, bh = rng.normal(size=(H, H + D)), rng.normal(size=(H, 1))
    h_prev, x, dht = rng.normal(size=(H, 1)), rng.normal(size=(D, 1)), rng.normal(size=(H, 1))

    def loss(Wh=Wh, h_prev=h_prev, x=x):
        return float((dht * np.tanh(Wh[:, H:] @ x + Wh[:, :H] @ h_prev + bh)).sum())

    def fd(f, a):
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            e = np.zeros_like(a)
            e[idx] = 1e-6
            g[idx] = (f(a + e) - f(a - e)) / 2e-6
        return g

    got = _split_code_gradients(Wh, bh, h_prev, x, dht, H)
    dWh = fd(lambda w: loss(Wh=w), Wh)
    assert np.allclose(got["dWh_h"], dWh[:, :H], atol=1e-7) and np.allclose(got["dWh_x"], dWh[:, H:], atol=1e-7)
    assert np.allclose(got["dh_prev"], fd(lambda h: loss(h_prev=h), h_prev), atol=1e-7)
    assert np.allclose(got["dx"], fd(lambda v: loss(x=v), x), atol=1e-7)


def test_a_weight_met_in_blocks_acts_on_state_and_input():
    v = _verdicts(SPLIT)
    lines = SPLIT.split("\n")
    at = {s.strip(): k + 1 for k, s in enumerate(lines) if s.strip() and "=" in s}
    for row in ("zc = np.dot(Wh_x, x) + np.dot(Wh_h, h_prev) + bh", "ht = np.tanh(zc)",
                "dWh_x = np.dot(dzc, x.T)", "dWh_h = np.dot(dzc, h_prev.T)", "dh_prev = np.dot(Wh_h.T, dzc)",
                "dx = np.dot(Wh_x.T, dzc)"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])
    assert v[3] == ("pass", "") and v[4][0] == "pass"      # the blocks themselves
    # the tanh' dropped (finite differences disagree with it): fails
    wrong = SPLIT.replace("dWh_h = np.dot(dzc, h_prev.T)", "dWh_h = np.dot(dht, h_prev.T)")
    assert _verdicts(wrong)[at["dWh_h = np.dot(dzc, h_prev.T)"]][0] == "fail"


def test_a_hidden_code_row_names_the_forward_formula_that_failed():
    text = '''```python
def forward(x, h_prev, Wx, Wh, b):
    A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b
    f = sigmoid(A[:, :H])
    h_next = f * np.tanh(h_prev)
    g = np.dot(h_next, Wh) @ np.dot(Wx, h_next)
    dA = f * (1 - f)
```
'''
    rows = verify_derivation(text).results
    hidden = [r for r in rows if "a forward formula of this code fails as read" in (r.why or "")]
    assert hidden and all(r.status == "unreadable" for r in hidden)
    assert all("(line 6: " in r.why for r in hidden), [r.why for r in hidden]


LSTM_ROWS = [
    r"$$i_t = \sigma([x_t, h_{t-1}] W_i + b_i)$$",
    r"$$f_t = \sigma([x_t, h_{t-1}] W_f + b_f)$$",
    r"$$\tilde C_t = \tanh([x_t, h_{t-1}] W_C + b_C)$$",
    r"$$o_t = \sigma([x_t, h_{t-1}] W_o + b_o)$$",
    r"$$C_t = f_t \odot C_{t-1} + i_t \odot \tilde C_t$$",
    r"$$h_t = o_t \odot \tanh(C_t)$$",
]


# A gate reading the output gate's weight (the copy-and-paste slip of an Obsidian note): the row fails, naming
# W_o; the correct rows pass.
def test_a_gate_with_one_label_of_its_own_and_one_of_another_gate_fails():
    text = "\n".join(LSTM_ROWS) + "\n"
    assert all(s == "pass" for s, _ in _verdicts(text).values())
    rows = list(LSTM_ROWS)
    rows[0] = r"$$i_t = \sigma([x_t, h_{t-1}] W_o + b_i)$$"
    v = _verdicts("\n".join(rows) + "\n")
    assert v[1][0] == "fail" and "W_{o}" in v[1][1] and "W_{i}" in v[1][1], v[1]
    assert [v[k][0] for k in range(2, 7)] == ["pass"] * 5


PEEPHOLE = [
    r"$$i_t=\sigma(W_ix_t+U_ih_{t-1}+V_ic_{t-1}+b_i)$$",
    r"$$f_t=\sigma(W_fx_t+U_fh_{t-1}+V_fc_{t-1}+b_f)$$",
    r"$$o_t=\sigma(W_ox_t+U_oh_{t-1}+V_oc_t+b_o)$$",
    r"$$\tilde c_t = \tanh(W_c x_t + U_c h_{t-1} + b_c)$$",
    r"$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t$$",
    r"$$h_t = o_t \odot \tanh(c_t)$$",
]


# cyz0225's peephole input gate (Chinese nndl notes) writes x_i, and pshysimon's update gate x_z: the gate's label
# copied onto the input, where every other row reads x_t.
@pytest.mark.parametrize("rows", [[0], [0, 2]])
def test_a_gate_reading_the_input_under_its_own_label_fails(rows):
    text = list(PEEPHOLE)
    for k in rows:
        text[k] = text[k].replace("x_t", "x_" + "ifo"[k], 1)
    v = _verdicts("\n".join(text) + "\n")
    for k in range(6):
        if k in rows:
            assert v[k + 1][0] == "fail" and "x_{t} meant" in v[k + 1][1], v[k + 1]
        else:
            assert v[k + 1][0] == "pass", (k, v[k + 1])


def test_another_stray_letter_is_left_as_read():
    # pylstm's a_Z^t = W_{Z,X} x_i^t + ...: three annotators of the same text passed it (x_i^t as the input), one
    # failed it; the reader does not decide it
    text = list(PEEPHOLE)
    text[3] = text[3].replace("x_t", "x_i", 1)
    assert all("meant?" not in why for _, why in _verdicts("\n".join(text) + "\n").values())


def test_component_rows_keep_their_index():
    # h_i^t = tanh(sum_j W_ij x_j^t + ...): a letter summed over, or on the left side, is a component, not a slip
    text = "\n".join([
        r"$$a_i^t = \sum_j W_{ij} x_j^t + \sum_k U_{ik} h_k^{t-1}$$",
        r"$$h_i^t = \tanh(a_i^t)$$",
    ]) + "\n"
    assert all("meant?" not in why for _, why in _verdicts(text).values())


# Slides (a beamer deck) write \vh, \vW, \vb_h from a preamble the note does not carry: the RNN reads as bold names.
def test_slide_macros_are_bold_names():
    text = "\n".join([
        r"\[ \vh_t = \tanh(\vW_{hh} \vh_{t-1} + \vW_{xh} \vx_t + \vb_h) \]",
        r"\[ \vy_t = \vW_{hy} \vh_t + \vb_y \]",
        r"\[ \frac{\partial \vh_t}{\partial \vh_{t-1}} = \mathrm{diag}(1 - \vh_t^2) \vW_{hh} \]",
        r"\[ \frac{\partial \vh_t}{\partial \vh_{t-1}} = \vW_{hh}^\top \mathrm{diag}(1 - \vh_t^2) \]",
    ]) + "\n"
    v = _verdicts(text)
    # by hand: d tanh(a)/d h_{t-1} = diag(1 - h_t^2) W_hh; the transposed product is the slides' published slip
    assert [v[k][0] for k in (1, 2, 3, 4)] == ["pass", "pass", "pass", "fail"], v


def test_a_course_template_bold_macro_of_one_argument():
    text = "\n".join([
        r"$$\b h^{(t)} = \tanh(\b W_{hx} \b x^{(t)} + \b W_{hh} \b h^{(t-1)} + \b b_h)$$",
        r"$$\b p^{(t)} = \b W_{ph} \b h^{(t)} + \b b_p$$",
        r"$$\frac{\partial \b p^{(t)}}{\partial \b h^{(t)}} = \b W_{ph}$$",
    ]) + "\n"
    assert [s for s, _ in _verdicts(text).values()] == ["pass", "pass", "pass"]


VI_LSTM = [
    r"$${f_t} = \sigma \left( {{W_{f,x}}{x_t} + {W_{f,h}}{h_{t - 1}} + {b_f}} \right)$$",
    r"$$\tilde{s}_t = \tanh(W_{s,x} x_t + W_{s,h} h_{t-1} + b_s)$$",
    r"$${i_t} = \sigma \left( {{W_{i,x}}{x_t} + {W_{i,h}}{h_{t - 1}} + {b_i}} \right)$$",
    r"$$s_t = f_t \circ s_{t-1} + i_t \circ \tilde{s}_t$$",
    r"$$o_t = \sigma(W_{o,x} x_t + W_{o,h} h_{t-1} + b_o)$$",
    r"$$h_t = o_t \circ \tanh(s_t)$$",
]


# A Vietnamese LSTM post computes its input gate with tanh beside sigmoid forget and output gates: a gate's value is
# a sigmoid's, in (0, 1); the block input (here s~, in Greff's notation z) is the one tanh of an LSTM.
def test_a_gate_squashed_otherwise_than_the_other_gates_fails():
    assert all(s == "pass" for s, _ in _verdicts("\n".join(VI_LSTM) + "\n").values())
    rows = list(VI_LSTM)
    rows[2] = rows[2].replace(r"\sigma", r"\tanh")
    v = _verdicts("\n".join(rows) + "\n")
    assert v[3][0] == "fail" and "\\sigma meant" in v[3][1], v[3]
    assert [v[k][0] for k in (1, 2, 4, 5, 6)] == ["pass"] * 5
    greff = "\n".join([
        r"$$z_t = \tanh(W_z x_t + R_z y_{t-1} + b_z)$$",
        r"$$i_t = \sigma(W_i x_t + R_i y_{t-1} + b_i)$$",
        r"$$f_t = \sigma(W_f x_t + R_f y_{t-1} + b_f)$$",
        r"$$c_t = z_t \odot i_t + c_{t-1} \odot f_t$$",
        r"$$o_t = \sigma(W_o x_t + R_o y_{t-1} + b_o)$$",
        r"$$y_t = \tanh(c_t) \odot o_t$$",
    ]) + "\n"
    assert all(s == "pass" for s, _ in _verdicts(greff).values())     # Greff's z is the block input, no gate


def test_a_gru_gate_squashed_with_tanh_fails():
    rows = [
        r"$$z_t = \sigma(W_z x_t + U_z h_{t-1} + b_z)$$",
        r"$$r_t = \tanh(W_r x_t + U_r h_{t-1} + b_r)$$",
        r"$$\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$$",
        r"$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$",
    ]
    v = _verdicts("\n".join(rows) + "\n")
    assert v[2][0] == "fail" and "\\sigma meant" in v[2][1], v[2]
    assert [v[k][0] for k in (1, 3, 4)] == ["pass"] * 3
    rows[1] = r"$$r_t = \sigma(W_r x_t + U_r h_{t-1} + b_r)$$"
    assert all(s == "pass" for s, _ in _verdicts("\n".join(rows) + "\n").values())


def test_a_row_of_no_function_named_like_a_gate_is_left():
    # stigland's DD2424 notes name the output gate e and write the output o_t = V h_t; an SRU's z_t = W_z x_t is its
    # linear transform beside sigmoid f and r gates: neither is a gate squashed otherwise
    text = "\n".join([
        r"$$i_t = \sigma(W_i h_{t-1} + U_i x_t)$$",
        r"$$f_t = \sigma(W_f h_{t-1} + U_f x_t)$$",
        r"$$e_t = \sigma(W_e h_{t-1} + U_e x_t)$$",
        r"$$\tilde{c}_t = \tanh(W_c h_{t-1} + U_c x_t)$$",
        r"$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$$",
        r"$$h_t = e_t \odot \tanh(c_t)$$",
        r"$$o_t = V h_t$$",
    ]) + "\n"
    assert all(s == "pass" for s, _ in _verdicts(text).values())


# msests' GRU (a Chinese study note) weights both terms of the update by (1 - z_t): h_t is then no interpolation of
# h_{t-1} and the candidate; either complementary pairing (the note's own or PyTorch's) passes.
@pytest.mark.parametrize("update, status", [
    (r"(1-z_t) \odot h_{t-1} + (1-z_t) \odot \tilde{h}_t", "fail"),
    (r"z_t \odot h_{t-1} + z_t \odot \tilde{h}_t", "fail"),
    (r"(1-z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t", "pass"),
    (r"z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t", "pass"),
])
def test_a_gru_update_weighting_both_terms_alike_fails(update, status):
    """(Coursera's LSTM update c_t = \\Gamma_f c_{t-1} + \\Gamma_u \\tilde{c}_t weights its terms by two gates: it
    passes, test_coursera_cell_update_passes.)"""
    text = "\n".join([
        r"$$r_t = \sigma(W_r x_t + U_r h_{t-1} + b_r)$$",
        r"$$z_t = \sigma(W_z x_t + U_z h_{t-1} + b_z)$$",
        r"$$\tilde{h}_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h)$$",
        f"$$h_t = {update}$$",
    ]) + "\n"
    v = _verdicts(text)
    assert [v[k][0] for k in (1, 2, 3)] == ["pass"] * 3
    assert v[4][0] == status, v[4]
    if status == "fail":
        assert "interpolates" in v[4][1]


def test_coursera_cell_update_passes():
    text = "\n".join([
        r"$$\Gamma_f = \sigma(W_f [a_{prev}, x_t] + b_f)$$",
        r"$$\Gamma_u = \sigma(W_u [a_{prev}, x_t] + b_u)$$",
        r"$$\tilde c_t = \tanh(W_c [a_{prev}, x_t] + b_c)$$",
        r"$$c_t = \Gamma_f * c_{prev} + \Gamma_u * \tilde c_t$$",
        r"$$\Gamma_o = \sigma(W_o [a_{prev}, x_t] + b_o)$$",
        r"$$a_t = \Gamma_o * \tanh(c_t)$$",
    ]) + "\n"
    assert all(s == "pass" for s, _ in _verdicts(text).values()), _verdicts(text)


ACCENTED = '''```python
def forward(x_t, h_prev, W_z, U_z, b_z, W_h, U_h, b_h):
    z_t = sigmoid(W_z @ x_t + U_z @ h_prev + b_z)
    h_tilde_t = np.tanh(W_h @ x_t + U_h @ h_prev + b_h)
    h_t = (1 - z_t) * h_prev + z_t * h_tilde_t
    return h_t

def backward(dh, x_t, h_prev, z_t, h_tilde_t):
    # h_tilde = tanh(...)
    dz = dh * (h_tilde_t - h_prev)
    dh_tilde = dh * z_t
    dh_tilde_pre = (1 - h_tilde_t ** 2) * dh_tilde
    dW_h = dh_tilde_pre @ x_t.T
```
'''


# christianlin's GRU names the candidate h_tilde_t and its gradient dh_tilde: one quantity (a code variable holds its
# step's value). By hand: dL/dh~ = dh * z (h = (1 - z) h_prev + z h~), dL/d(pre) = (1 - h~^2) dL/dh~, dW_h = that x^T.
def test_an_accented_name_at_the_step_is_the_quantity_its_gradient_names():
    v = _verdicts(ACCENTED)
    assert [v[k][0] for k in (3, 4, 5, 10, 11, 12, 13)] == ["pass"] * 7, v
    wrong = ACCENTED.replace("dh_tilde = dh * z_t", "dh_tilde = dh * (1 - z_t)")
    assert _verdicts(wrong)[11][0] == "fail"
