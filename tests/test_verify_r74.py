r"""Round 74: a pre-activation named in the prose at another time letter, the argument of an activation's derivative
that no row names, numpy's ``*`` between a vector and a matrix, a forward row recomputed in code's backward pass,
formulas in HTML paragraphs, and a list appended to in two branches.

* A Chinese vanishing-gradient note (round71-d) and a Korean BPTT note (round20-sb) write the step Jacobian
  ``\frac{\partial h_i}{\partial h_{i-1}} = \text{diag}(\tanh'(z_i)) W_{hh}`` and define z in the prose at the row's
  own letter: "其中 $z_i = W_{xh} x_i + W_{hh} h_{i-1} + b_h$" beside ``h_t = \tanh(W_{xh} x_t + ...)``. The prose's
  definition names the forward row's part once its step letter is the forward row's (judge._named_givens).
* Vanishing-gradient guides write ``\text{diag}(\tanh'(z_t)) W_{hh}`` and never define z: the argument of the
  derivative of the one activation a single forward row applies is that row's pre-activation
  (judge._derivative_arguments). With two rows applying tanh (an LSTM) or a numerator a step later
  (``\partial h_{i+1}/\partial h_i`` beside ``z_i``: which step z_i belongs to is a convention), z stays unread.
* An Indonesian Flask GRU (round74-c) writes ``dUh_h_prev_product * self.Uh.T * h_prev``, which the author's own
  comment calls wrong: numpy's ``*`` is element-wise, a vector times a matrix broadcasts to a matrix. Beside a
  matrix that is not square the reader now broadcasts as numpy does (numprod._numpy_star); beside a square one it
  keeps its old reading (a product), which is how that row still passes (tried: reading it as ambiguous turned
  eleven right rows of other notes unreadable, whose vectors the reader holds as a batch's matrices).
* A numpy GRU cell (round74-a) recomputes z, r and the candidate in ``backward``. The reset gate's row
  ``r = sigmoid(W_r x + U_r h_prev + b_r)`` was read as code rebinding r (the label r of W_r taken for a read of
  r), its labels renamed, and the candidate's repeat failed, so every row of the class went unchecked
  (rebinding._map_reads: a name's scripts are labels, no reads).
* A minGRU in numpy (round71-a) appends each state to its list in two places: the list keeps that one value
  (codefences.list_caches; two different values still leave the list unread).
* A Vietnamese lesson (round74-c) and a minimalist RNN post (round43-c) put each formula in an HTML paragraph,
  ``<p class="font-mono">$h_t = \tanh(z_t)$</p>``: a formula alone in its element is a row (texfile._alone). The
  lesson states its total loss in a sentence, "Tổng loss: $L = \frac{1}{T}\sum_{t=1}^{T} L_t$": a row too
  (texfile._TOTAL_LOSS).
* Code: ``self.wf.v``/``self.wf.g`` (a parameter object), ``np.outer(a, b,)``, ``(e).reshape(-1, 1) @
  h.reshape(1, -1)``, ``h_prev = self.h.copy()``, ``__init__``'s local sizes named like the cell's quantities, and
  a step function's bare ``x`` beside the model loop's ``x_t``; Coursera's ``a^<t>`` in a plain fence.

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def _line(text, snippet):
    return next(k for k, x in enumerate(text.split("\n"), 1) if snippet in x)


# h_i = tanh(z_i), z_i = W_xh x_i + W_hh h_{i-1} + b_h: dh_i/dh_{i-1} = diag(1 - h_i^2) W_hh = diag(tanh'(z_i)) W_hh
# (numerator layout); with W_hh^T in its place the Jacobian is wrong (W_hh is not symmetric).
WHERE_Z = r"""
$$h_t = \tanh(W_{xh} \, x_t + W_{hh} \, h_{t-1} + b_h)$$

$$\frac{\partial h_t}{\partial h_k} = \prod_{i=k+1}^{t} \frac{\partial h_i}{\partial h_{i-1}}$$

$$\frac{\partial h_i}{\partial h_{i-1}} = \text{diag}(\tanh'(z_i)) \cdot W_{hh}$$

其中 $z_i = W_{xh} x_i + W_{hh} h_{i-1} + b_h$ 是 $\tanh$ 的输入。

$$\frac{\partial h_i}{\partial h_{i-1}} = \text{diag}(\tanh'(z_i)) \cdot W_{hh}^T$$
"""


def test_a_pre_activation_the_prose_names_at_another_time_letter():
    got = _verdicts(WHERE_Z)
    assert got[_line(WHERE_Z, r"h_t = \tanh")][0] == "pass"
    assert got[_line(WHERE_Z, r"\prod_{i=k+1}")][0] == "pass"
    assert got[_line(WHERE_Z, r"W_{hh}$$")][0] == "pass"
    assert got[_line(WHERE_Z, r"W_{hh}^T$$")][0] == "fail"
    # the prose's definition restates the forward row's part at step i: it holds
    assert got[_line(WHERE_Z, "其中")][0] == "pass"
    assert len(got) == 5


# No row defines z: diag(tanh'(z_t)) is the derivative of the one tanh row at its pre-activation.
UNNAMED_Z = r"""
$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b)$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \text{diag}(\tanh'(z_t)) W_{hh}$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \text{diag}(1 - \tanh^2(z_t)) W_{xh}$$
"""


def test_the_argument_of_the_only_activation_s_derivative_is_its_pre_activation():
    got = _verdicts(UNNAMED_Z)
    assert got[_line(UNNAMED_Z, r"h_t = \tanh")][0] == "pass"
    assert got[_line(UNNAMED_Z, r"\tanh'(z_t)) W_{hh}")][0] == "pass"
    # W_xh is the input's weight (3x2 against the 3x3 Jacobian): wrong
    assert got[_line(UNNAMED_Z, r"W_{xh}$$")][0] == "fail"
    assert len(got) == 3


# An LSTM applies tanh twice (the candidate and the cell): whose pre-activation z is, is not said.
LSTM_Z = r"""
$$f_t = \sigma(W_f [h_{t-1}, x_t] + b_f)$$

$$i_t = \sigma(W_i [h_{t-1}, x_t] + b_i)$$

$$g_t = \tanh(W_g [h_{t-1}, x_t] + b_g)$$

$$o_t = \sigma(W_o [h_{t-1}, x_t] + b_o)$$

$$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$

$$h_t = o_t \odot \tanh(c_t)$$

$$\frac{\partial h_t}{\partial c_t} = \text{diag}(o_t \odot \tanh'(z_t))$$
"""

# z_i is the pre-activation of h_i or of h_{i+1}, depending on the author's convention: not read.
SHIFTED_Z = r"""
$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b)$$

$$\frac{\partial h_{i+1}}{\partial h_i} = \text{diag}(\tanh'(z_i)) \cdot W_{hh}$$
"""


def test_an_unnamed_argument_stays_unread_where_its_row_is_not_one():
    got = _verdicts(LSTM_Z)
    assert got[_line(LSTM_Z, r"\tanh'(z_t)")][0] == "unreadable"
    assert sum(s == "pass" for s, _ in got.values()) == 6 and len(got) == 7
    got = _verdicts(SHIFTED_Z)
    assert got[_line(SHIFTED_Z, r"\tanh'(z_i)")][0] == "unreadable"
    assert got[_line(SHIFTED_Z, r"h_t = \tanh")][0] == "pass"


# numpy: for t, h = tanh(x W + h_prev U + b) with row vectors (x: 2 entries, h: 3). da = dh * (1 - h^2) is the
# pre-activation's gradient; dh_prev = da @ U.T and dx = da @ Wx.T. numpy's * never multiplies matrices:
#   da * Wx.T broadcasts the 3 entries of da against the 3x2 matrix Wx.T (a column scaling its rows; as a row
#   they do not broadcast): a 3x2 array where dx has 2 entries: wrong;
NUMPY_STAR = """```python
for t in range(T):
    h_t = np.tanh(np.dot(x_t, Wx) + np.dot(h_prev, U) + b)
for t in reversed(range(T)):
    da = dh * (1 - h_t ** 2)
    dx = da * Wx.T
    dx = np.dot(da, Wx.T)
    dh_prev = np.dot(da, U.T)
```
"""


def test_numpy_star_is_element_wise_with_a_matrix():
    got = _verdicts(NUMPY_STAR)
    assert got[_line(NUMPY_STAR, "h_t = np.tanh")][0] == "pass"
    assert got[_line(NUMPY_STAR, "da = dh")][0] == "pass"
    assert got[_line(NUMPY_STAR, "da * Wx.T")] == ("fail", "the left side is 1x2 but the right side 3x2")
    assert got[_line(NUMPY_STAR, "np.dot(da, Wx.T)")][0] == "pass"
    assert got[_line(NUMPY_STAR, "np.dot(da, U.T)")][0] == "pass"
    assert len(got) == 5


# In a comment's math (C++'s, or a Python comment stating the cell) * is the matrix product: W_r * x_t.
COMMENT_STAR = """```cpp
// r_t = sigmoid(W_r * x_t + U_r * h_{t-1} + b_r)
// h_t = tanh(W_h * x_t + U_h * (r_t .* h_{t-1}) + b_h)
void step() {}
```
"""


def test_star_in_a_comment_s_math_is_the_matrix_product():
    got = _verdicts(COMMENT_STAR)
    assert got == {2: ("pass", ""), 3: ("pass", "")}


# A GRU cell whose backward recomputes r and the candidate (column vectors):
#   h_next = (1 - z) h_prev + z h_hat: dh_hat = dh_next * z; dtanh = (1 - h_hat^2) * dh_hat is the candidate's
#   pre-activation gradient; dr = (U_h^T dtanh) * h_prev (the reset gate multiplies h_prev inside U_h (r * h_prev));
#   the code's U_h^T (h_prev * dtanh) puts h_prev on the wrong side of the transpose: wrong.
#   dz = dh_next * (h_hat - h_prev); the code's (h_prev - h_hat) has the sign reversed: wrong.
GRU_BACKWARD = """```python
class GRUCell:
    def forward(self, x, h_prev):
        z = sigmoid(np.dot(self.Wz, x) + np.dot(self.Uz, h_prev) + self.bz)
        r = sigmoid(np.dot(self.Wr, x) + np.dot(self.Ur, h_prev) + self.br)
        h_hat = np.tanh(np.dot(self.Wh, x) + np.dot(self.Uh, np.multiply(r, h_prev)) + self.bh)
        h_next = np.multiply((1 - z), h_prev) + np.multiply(z, h_hat)
        return h_next

    def backward(self, x, h_prev, dh_next):
        z = sigmoid(np.dot(self.Wz, x) + np.dot(self.Uz, h_prev) + self.bz)
        r = sigmoid(np.dot(self.Wr, x) + np.dot(self.Ur, h_prev) + self.br)
        h_hat = np.tanh(np.dot(self.Wh, x) + np.dot(self.Uh, np.multiply(r, h_prev)) + self.bh)
        dh_hat = dh_next * z
        dtanh = (1 - h_hat ** 2) * dh_hat
        dr = np.dot(self.Uh.T, np.multiply(h_prev, dtanh))
        dz = dh_next * (h_prev - h_hat)
```
"""


def _gru_statuses(text):
    got = _verdicts(text)
    statuses = {k: s for k, (s, _) in got.items()}
    for snippet in ("z = sigmoid", "r = sigmoid", "h_hat = np.tanh", "h_next ="):
        lines = [k for k, x in enumerate(text.split("\n"), 1) if x.strip().startswith(snippet)]
        assert all(statuses[k] == "pass" for k in lines), snippet
    assert statuses[_line(text, "dh_hat = dh_next * z")] == "pass"
    assert statuses[_line(text, "dtanh =")] == "pass"
    assert len(got) == 11
    return statuses


def test_a_forward_row_recomputed_in_backward_is_no_rebinding_of_its_weights_label():
    statuses = _gru_statuses(GRU_BACKWARD)
    assert statuses[_line(GRU_BACKWARD, "dr =")] == "fail"
    assert statuses[_line(GRU_BACKWARD, "dz =")] == "fail"
    right = GRU_BACKWARD.replace("np.dot(self.Uh.T, np.multiply(h_prev, dtanh))", "np.dot(self.Uh.T, dtanh) * h_prev") \
        .replace("(h_prev - h_hat)", "(h_hat - h_prev)")
    statuses = _gru_statuses(right)
    assert statuses[_line(right, "dr =")] == "pass"
    assert statuses[_line(right, "dz =")] == "pass"


# Formulas in HTML paragraphs: the RNN's rows and a correct output gradient (softmax + cross-entropy).
HTML_ROWS = """<div class="formula-block">
  <p class="font-mono text-lg">$z_t = W_{xh} x_t + W_{hh} h_{t-1} + b_h$</p>
  <p class="font-mono text-lg">$h_t = \\tanh(z_t)$</p>
  <p>$o_t = W_{hy} h_t + b_y$</p>
  <p>$\\hat{y}_t = \\mathrm{softmax}(o_t)$</p>
  <p>$L_t = -y_t^T \\log \\hat{y}_t$</p>
  <p>$\\frac{\\partial L_t}{\\partial o_t} = \\hat{y}_t - y_t$</p>
  <p>$\\frac{\\partial L_t}{\\partial o_t} = y_t - \\hat{y}_t$</p>
  <p>Here the formula $a = b$ sits in a sentence.</p>
</div>
"""


def test_a_formula_alone_in_an_html_paragraph_is_a_row():
    got = _verdicts(HTML_ROWS)
    assert got[_line(HTML_ROWS, "z_t = W_{xh}")][0] == "pass"
    assert got[_line(HTML_ROWS, "h_t = ")][0] == "pass"
    assert got[_line(HTML_ROWS, "= \\hat{y}_t - y_t")][0] == "pass"
    assert got[_line(HTML_ROWS, "= y_t - \\hat{y}_t")][0] == "fail"
    assert _line(HTML_ROWS, "sits in a sentence") not in got
    assert len(got) == 7


# A state appended to its list in two places of the code (mingru's forward and its cached twin; bcrafton's LSTM
# under ``if t == 0:`` and ``else:``): the list keeps that value whichever statement runs (codefences.list_caches).
TWO_APPENDS = """ls = []
for t in range(T):
    a = np.tanh(np.dot(Wa, x[t]) + np.dot(Ua, h[t - 1]))
    if t == 0:
        s = a
        ls.append(s)
    else:
        s = a + ls[t - 1]
        ls.append(s)
"""


def test_a_list_appended_to_in_two_places_keeps_the_same_value():
    from symlstm.verify.text.codefences import list_caches
    caches, _ = list_caches([TWO_APPENDS])
    assert caches["ls"] == ("s", 0)
    caches, _ = list_caches([TWO_APPENDS.replace("        ls.append(s)\n", "        ls.append(a)\n", 1)])
    assert "ls" not in caches           # two values: which one the list keeps depends on the step


# Coursera's a^{<t>} typed in a plain fence as a^<t>: the RNN's row and its one-step Jacobian, numerator layout
# (diag(1 - a_t^2) W_aa; with W_aa^T the Jacobian's transpose: wrong, W_aa is not symmetric).
PLAIN_ANGLES = """```
a^<t> = tanh(W_aa a^<t-1> + W_ax x^<t> + b_a)

∂a^<t>/∂a^<t-1> = diag(1 - (a^<t>)²) W_aa

∂a^<t>/∂a^<t-1> = diag(1 - (a^<t>)²) W_aa^T
```
"""


def test_a_step_in_angle_brackets_after_a_caret_in_plain_text():
    assert {k: s for k, (s, _) in _verdicts(PLAIN_ANGLES).items()} == {2: "pass", 4: "pass", 6: "fail"}


# A class whose parameters are objects with a value and a gradient (self.wh.v, self.wh.g): h = tanh(W z + b) with
# z = [h_pre; x]; d_a = d_h * (1 - h^2) the pre-activation's gradient, dW = d_a z^T, db = d_a, dz = W^T d_a (W d_a,
# without the transpose, is ill-typed: W is 3x5).
PARAM_OBJECTS = """```python
class Cell:
    def forward(self, x, h_pre):
        z = np.concatenate((h_pre, x))
        h = np.tanh(np.matmul(self.wh.v, z) + self.bh.v)
        return h

    def backward(self, z, h, d_h):
        d_a = d_h * (1 - h * h)
        self.wh.g += np.matmul(d_a, z.T)
        self.bh.g += d_a
        d_z = np.matmul(self.wh.v.T, d_a)
```
"""


def test_a_parameter_object_s_value_and_gradient():
    got = {k: s for k, (s, _) in _verdicts(PARAM_OBJECTS).items()}
    assert got == {4: "pass", 5: "pass", 9: "pass", 10: "pass", 11: "pass", 12: "pass"}
    wrong = PARAM_OBJECTS.replace("self.wh.v.T, d_a", "self.wh.v, d_a")
    assert {k: s for k, (s, _) in _verdicts(wrong).items()}[12] == "fail"


# black's layout: one argument a line and a trailing comma; CMU 11-785's column-times-row outer products of a
# bracket; the state the object kept, fetched as h_prev = self.h.copy() (no formula).
#   h = tanh(W_hh h_prev + W_xh x + b); local = dh * (1 - h^2); dW_xh = local x^T, dW_hh = local h_prev^T.
OUTER_CALLS = """```python
class RNNCell:
    def forward(self, x):
        h_prev = self.h.copy()
        self.z = np.dot(self.W_hh, h_prev) + np.dot(self.W_xh, x) + self.b_h
        self.h = np.tanh(self.z)
        return self.h

    def backward(self, dh, x, h_prev):
        local = dh * (1 - np.tanh(self.z) ** 2)
        self.dW_xh = np.outer(
            local,
            x,
        )
        self.dW_hh = (dh * (1 - np.tanh(self.z) ** 2)).reshape(-1, 1) @ h_prev.reshape(1, -1)
        self.db_h = (dh * (1 - np.tanh(self.z) ** 2)).reshape(-1)
        self.db_h = (dh * (1 - np.tanh(self.z))).reshape(-1)
```
"""


def test_trailing_commas_bracket_outer_products_and_a_kept_state():
    got = {k: s for k, (s, _) in _verdicts(OUTER_CALLS).items()}
    assert 4 not in got                     # h_prev = self.h.copy(): no formula
    assert got[5] == got[6] == "pass"
    assert got[10] == "pass"                # local: the pre-activation's gradient
    assert got[11] == "pass"                # np.outer(local, x,) over three lines
    assert got[15] == "pass"                # (...).reshape(-1, 1) @ h_prev.reshape(1, -1)
    assert got[16] == "pass"                # (...).reshape(-1): the vector
    assert got[17] == "fail"                # 1 - tanh(z) for tanh'(z) = 1 - tanh(z)^2: wrong


# A class's __init__ computes sizes under the cell's names (z a count there, the stack [h; x] in forward): no
# formula. The cell's step reads x bare while the model's loop writes x_t (code's step is implicit: the same x).
#   i = sigmoid(x W_i + h_prev U_i + b_i) and c = f * c_prev + i * g: the cell's rows (forward, read as written);
#   di = dc * g * i * (1 - i) is the input gate's pre-activation gradient: right; with (1 - i) alone: wrong.
INIT_AND_BARE = """```python
class LSTMCell:
    def __init__(self, n_in, n_hidden):
        z = n_in + n_hidden
        scale = np.sqrt(1.0 / z)
        self.Wi = np.random.normal(0, scale, (n_in, n_hidden))

    def forward(self, x, h_prev, c_prev):
        h_t = np.tanh(c_prev)
        self.i_t = sigmoid(np.dot(x, self.Wi) + np.dot(h_prev, self.Ui) + self.bi)
        self.f_t = sigmoid(np.dot(x, self.Wf) + np.dot(h_prev, self.Uf) + self.bf)
        self.g_t = np.tanh(np.dot(x, self.Wg) + np.dot(h_prev, self.Ug) + self.bg)
        self.c_t = self.f_t * c_prev + self.i_t * self.g_t
        z = np.concatenate([h_prev, x])
        self.o_t = sigmoid(np.dot(z, self.Wo) + self.bo)
        return self.c_t

    def backward(self, dc_t):
        di = dc_t * self.g_t * self.i_t * (1 - self.i_t)
        di = dc_t * self.g_t * (1 - self.i_t)


class Model:
    def forward(self, X):
        for t in range(T):
            x_t = X[t]
            h, c = self.cell.forward(x_t, h, c)
```
"""


def test_init_bodies_hold_no_formula_and_code_reads_a_bare_name_at_the_step():
    got = {k: s for k, (s, _) in _verdicts(INIT_AND_BARE).items()}
    assert _line(INIT_AND_BARE, "scale = ") not in got and _line(INIT_AND_BARE, "z = n_in") not in got
    for snippet in ("self.i_t =", "self.f_t =", "self.g_t =", "self.c_t =", "z = np.concatenate", "self.o_t ="):
        assert got[_line(INIT_AND_BARE, snippet)] == "pass", snippet
    assert got[_line(INIT_AND_BARE, "self.i_t * (1 - self.i_t)")] == "pass"
    assert got[_line(INIT_AND_BARE, "self.g_t * (1 - self.i_t)")] == "fail"


# The total loss stated in a sentence as the mean of the steps' losses (a Vietnamese lesson's "Tổng loss: $L =
# \frac{1}{T}\sum_{t=1}^{T} L_t$"): a row. With it dL/dW_hy = (1/T) sum_t (yhat_t - y_t) h_t^T; without the 1/T
# the row is T times too large: wrong.
TOTAL_LOSS_INLINE = r"""
$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$

$$\hat{y}_t = \mathrm{softmax}(W_{hy} h_t + b_y)$$

$$L_t = -y_t^T \log \hat{y}_t$$

Tổng loss: $L = \frac{1}{T}\sum_{t=1}^{T} L_t$.

$$\frac{\partial L}{\partial W_{hy}} = \frac{1}{T} \sum_{t=1}^{T} (\hat{y}_t - y_t) h_t^T$$

$$\frac{\partial L}{\partial W_{hy}} = \sum_{t=1}^{T} (\hat{y}_t - y_t) h_t^T$$
"""


def test_the_total_loss_stated_in_a_sentence_is_a_row():
    got = {k: s for k, (s, _) in _verdicts(TOTAL_LOSS_INLINE).items()}
    assert got[_line(TOTAL_LOSS_INLINE, "Tổng loss")] == "pass"
    assert got[_line(TOTAL_LOSS_INLINE, r"= \frac{1}{T} \sum")] == "pass"
    assert got[_line(TOTAL_LOSS_INLINE, r"W_{hy}} = \sum")] == "fail"
    assert len(got) == 6


def test_hostile_inputs_of_this_round_s_patterns_end():
    # each of this round's new patterns over a long hostile line: read (or refused) without backtracking
    texts = [
        "<p>" * 30000 + "$h_t = \\tanh(z_t)$</p>\n",
        "```python\nx = " + "(" * 60000 + "\n```\n",
        "```python\nx = " + "((a)" * 20000 + ".reshape(-1, 1) * h.reshape(1, -1)\n```\n",
        "```\na^<t> = " + "h^<t-1> + " * 15000 + "1\n```\n",
        "Total: $L = \\frac{1}{T}\\sum_{t}" + " " * 50000 + "L_t$\n",
        "```python\nx = np.outer(a" + ", b" * 30000 + ",)\n```\n",
    ]
    for text in texts:
        try:
            results = verify_derivation(text).results
        except ValueError:          # LatexError: refused with a reason
            continue
        assert all(r.status in ("pass", "fail", "unreadable") for r in results)
