r"""Round 77 of reading derivations as written (issue 10).

* A variant stated after the standard cell (a peephole LSTM after the plain one): its gates are the plain gates'
  definitions with terms added (``+ w_f \odot c_{t-1}``), so the variant starts a cell of its own at its first
  row; it used to be read as a restatement of one gate whose new names open a cell two rows into the first one,
  and the output gate's peephole row then failed with "w_o is not defined".
* A softmax helper that sums over ``axis=1`` alone is not the softmax over the vector of points: beside columns
  of examples it sums over the examples. Python reads ``1 == True``, and the function-call reduction took
  ``axis=1`` for a keyword it accepts (``keepdims=True``): such a helper passed. ``axis=1, keepdims=True`` (the
  rows of a batch, each an example) still passes.

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def _line(text, snippet):
    return next(k for k, x in enumerate(text.split("\n"), 1) if snippet in x)


# The standard LSTM, then the peephole LSTM in the same names (a course page's "Peephole Connections"). Both
# blocks are forward rows defining their own cell: every row passes as a definition, and the peephole block's
# output gate (reading the current c_t) is a definition of its cell, not a claim about the first cell's o_t.
PEEPHOLE = r"""
### Standard LSTM

$$f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f)$$
$$i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i)$$
$$\tilde{c}_t = \tanh(W_c \cdot [h_{t-1}, x_t] + b_c)$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$$
$$o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + b_o)$$
$$h_t = o_t \odot \tanh(c_t)$$

### Peephole LSTM

$$f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + \mathbf{w_f \odot c_{t-1}} + b_f)$$
$$i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + \mathbf{w_i \odot c_{t-1}} + b_i)$$
$$\tilde{c}_t = \tanh(W_c \cdot [h_{t-1}, x_t] + b_c)$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$$
$$o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + \mathbf{w_o \odot c_t} + b_o)$$
$$h_t = o_t \odot \tanh(c_t)$$

In the peephole cell $h_t$ reaches the forget gate's pre-activation of the next step through the cell state:

$$\frac{\partial c_t}{\partial c_{t-1}} = f_t + \tilde{c}_t \odot i_t \odot (1 - i_t) \odot w_i + c_{t-1} \odot f_t \odot (1 - f_t) \odot w_f$$
"""


def test_peephole_cell_after_the_standard_one_is_a_cell_of_its_own():
    v = _verdicts(PEEPHOLE)
    rows = [k for k, x in enumerate(PEEPHOLE.split("\n"), 1) if x.startswith("$$") and "=" in x]
    assert len(rows) == 13
    for k in rows[:12]:
        assert v[k][0] == "pass", (k, v[k])
    # dc_t/dc_{t-1} of the peephole cell, direct path f_t plus the paths through i_t and f_t (both read c_{t-1}):
    # f_t + g * i(1-i) w_i + c_{t-1} * f(1-f) w_f, element-wise (pass). It holds only in the peephole cell.
    assert v[rows[12]][0] == "pass", v[rows[12]]


def test_peephole_cell_mutated_jacobian_fails():
    bad = PEEPHOLE.replace(r"+ c_{t-1} \odot f_t \odot (1 - f_t) \odot w_f$$", r"$$")
    v = _verdicts(bad)
    row = _line(bad, r"\frac{\partial c_t}{\partial c_{t-1}}")
    assert v[row][0] == "fail", v[row]      # the path through the forget gate's peephole is dropped


# Three softmax helpers: over the vector's own axis (axis=0, pass, and its first step with it); over axis=1 alone
# (beside columns of examples, the sum over the examples: no softmax of a vector the reader can vouch for; left
# unjudged, never a pass); over axis=1 kept as a column (each row of a batch an example: pass, both lines).
HELPERS = """
```python
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / np.sum(e_x, axis=0, keepdims=True)

def softmax_cols(x):
    e_x = np.exp(x - np.max(x))
    return e_x / np.sum(e_x, axis=1)

def softmax_rows(x):
    e_x = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e_x / np.sum(e_x, axis=1, keepdims=True)
```
"""


def test_softmax_helper_over_axis_one_is_not_passed():
    v = _verdicts(HELPERS)
    good = _line(HELPERS, "axis=0, keepdims=True")
    assert v[good][0] == "pass" and v[good - 1][0] == "pass"
    other = _line(HELPERS, "axis=1)")
    assert v.get(other, ("absent",))[0] != "pass" and v.get(other - 1, ("absent",))[0] != "pass"
    rows = _line(HELPERS, "np.sum(e_x, axis=1, keepdims")
    assert v[rows][0] == "pass" and v[rows - 1][0] == "pass"


# A notebook's cell whose output gradient already carries the batch's 1/B (dy = (probs - y) / y.shape[1], the
# gradient of a batch-mean loss) and whose backward then takes the bias's batch mean: the bias gradient is 1/B of
# the truth. On one example a mean is the gradient itself, so the reader cannot tell; the mean row must not pass
# (it is unreadable, naming the line that divides by the batch size). dx = W^T dz passes as before. A weight's
# gradient divided by the batch size beside the bias's mean (dW = dz @ x.T / bs; db = dz.mean(axis=1)) is scaled
# as the mean is, whatever the loss: the mean still passes there.
BATCH_MEAN = """
```python
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

class Cell:
    def forward(self, x, h_prev):
        z = self.W @ x + self.U @ h_prev + self.b
        h = sigmoid(z)
        return h

    def backward(self, dh, x, h_prev, h):
        dz = h * (1 - h) * dh
        db = dz.mean(axis=1, keepdims=True)
        dx = self.W.T @ dz
        return db, dx

def head(h, y, Wy, by):
    probs = sigmoid(Wy @ h + by)
    dy = (probs - y) / y.shape[1]
    return dy
```
"""


def test_batch_mean_beside_a_division_by_the_batch_size_is_not_passed():
    v = _verdicts(BATCH_MEAN)
    mean = _line(BATCH_MEAN, "db = dz.mean")
    assert v[mean][0] == "unreadable" and "batch size" in v[mean][1], v[mean]
    assert v[_line(BATCH_MEAN, "dx = self.W.T @ dz")][0] == "pass"
    alone = BATCH_MEAN.replace("    dy = (probs - y) / y.shape[1]\n", "    dy = probs - y\n")
    assert _verdicts(alone)[_line(alone, "db = dz.mean")][0] == "pass"      # the only batch scaling (round 76)
    weights = alone.replace("        db = dz.mean", "        bs = x.shape[1]\n        dW = dz @ x.T / bs\n"
                                                   "        db = dz.mean")
    assert _verdicts(weights)[_line(weights, "db = dz.mean")][0] == "pass"


# A layer that applies its update inside backward and then passes the gradient on with the updated weight: dx must
# use the forward's W1 (fail where written); dW1 and db1 before the update pass; the update itself is no equation.
UPDATED = """
```python
def sigmoid_d(s):
    return s * (1 - s)

class Head:
    def forward(self, X):
        self.X = X
        self.z = X @ self.W1 + self.b1
        return self.z

    def backward(self, dz, lr):
        dW1 = self.X.T @ dz
        db1 = dz.sum(axis=0)
        self.W1 -= lr * dW1
        self.b1 -= lr * db1
        dX = dz @ self.W1.T
        return dX

    def backward_right(self, dz, lr):
        dX = dz @ self.W1.T
        self.W1 -= lr * (self.X.T @ dz)
        return dX
```
"""


def test_weight_read_after_its_update_in_backward_fails():
    v = _verdicts(UPDATED)
    rows = [k for k, x in enumerate(UPDATED.split("\n"), 1) if "dX = dz @ self.W1.T" in x]
    assert v[rows[0]][0] == "fail" and "updated" in v[rows[0]][1], v[rows[0]]
    assert v.get(rows[1], ("absent", ""))[0] != "fail"      # read before the update: the forward's W1


def test_round77_patterns_over_long_hostile_inputs_end():
    import time
    from symlstm.verify.judging.batchscale import batch_scale_results
    from symlstm.verify.judging.updatedweights import updated_weight_results
    from symlstm.verify.text.carrycopies import carry_copies
    scaled = "```python\n" + "".join(f"bs{i} = x.shape[1]\ndy{i} = dz / bs{i}\ndb{i} = dz.mean(axis=1)\n"
                                     for i in range(1300)) + "```\n"
    updated = "```python\ndef backward(self, dz, lr):\n" + "".join(
        f"    self.W{i} -= lr * dW{i}\n    dx{i} = dz @ self.W{i}.T + self.W{i % 30}\n" for i in range(1990)) + "```\n"
    loops = ("for x in xs:\n" + "".join(f"    h{i} = np.tanh(W @ x + h_prev)\n" for i in range(40)) +
             "    h_prev = h0\n") * 100
    for fn, text in ((lambda t: batch_scale_results(t, []), scaled), (updated_weight_results, updated),
                     (lambda t: carry_copies(t.split("\n")), loops)):
        t0 = time.perf_counter()
        fn(text)
        assert time.perf_counter() - t0 < 1.0


# Rows that write no step (a classifier's one step, code or LaTeX): the loss is the step's, as every other row is,
# and a label y read untimed beside a softmax prediction is one-hot. dL/dz = p - y for the sigmoid with binary
# cross-entropy (any y) and for the softmax with cross-entropy (a one-hot y): pass. p + y: fail. Before, the loss
# was read at the last step only and y as a weight (dL/dz = p - y failed at every other step).
UNTIMED_SIGMOID = r"""
$$h = \tanh(W x + b)$$
$$z = V h + c$$
$$p = \sigma(z)$$
$$L = -(y \log p + (1 - y) \log(1 - p))$$
$$\frac{\partial L}{\partial z} = p - y$$
$$\frac{\partial L}{\partial z} = p + y$$
"""

UNTIMED_SOFTMAX = """
```python
h = np.tanh(W @ x + b)
z = Wy @ h + by
p = softmax(z)
L = -np.sum(y * np.log(p))
dz = p - y
dh = Wy.T @ dz
```
"""


def test_untimed_loss_is_the_steps_and_its_label_one_hot():
    v = _verdicts(UNTIMED_SIGMOID)
    assert v[_line(UNTIMED_SIGMOID, "= p - y")][0] == "pass"
    assert v[_line(UNTIMED_SIGMOID, "= p + y")][0] == "fail"
    v = _verdicts(UNTIMED_SOFTMAX)
    assert v[_line(UNTIMED_SOFTMAX, "dz = p - y")][0] == "pass"
    assert v[_line(UNTIMED_SOFTMAX, "dh = Wy.T @ dz")][0] == "pass"
    bad = UNTIMED_SOFTMAX.replace("dz = p - y", "dz = p + y")
    assert _verdicts(bad)[_line(bad, "dz = p + y")][0] == "fail"


# dy where y is the loss's label (probs the prediction): the author's name for the output's gradient, given as an
# argument; the reader cannot say whether of probs or of its pre-activation. It read dy as the gradient of the
# label and failed dh = Wy^T dy; now unreadable.
LABEL_GRADIENT = """
```python
def f(self, X, y):
    h = np.tanh(self.W @ X + self.b)
    probs = sigmoid(self.Wy @ h + self.by)
    loss = -np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs))
    dh  = self.Wy.T @ dy
```
"""


def test_gradient_named_by_the_label_is_not_the_labels():
    v = _verdicts(LABEL_GRADIENT)
    row = _line(LABEL_GRADIENT, "dh  = self.Wy.T @ dy")
    assert v[row][0] == "unreadable" and "label" in v[row][1], v[row]


# A course-style LSTM in one file (kjpou1's rnn_lstm_from_scratch): gates applied by an activation class's static
# forward (SigmoidActivation.forward(z) is sigmoid(z)), the forward loop starting at a_next = a0 (a copy, no
# restated cell), and the backward loop handing the author's step a gradient formed a line above; the step returns
# a dictionary. Worked out by hand: every forward row passes; da_curr = da[:, :, t] + da_prevt is the loss's part
# at step t plus what step t+1 sends back (pass); dc_curr = dc_prevt (pass); the call and the outputs taken from
# grads (pass); da0 = da_prevt after the loop, what step 0 sends back (pass). dc_prev = dc_prevt * 2 would fail.
COURSE_LSTM = """
```python
def lstm_cell_step(xt, a_prev, c_prev, parameters):
    Wf, bf = parameters["Wf"], parameters["bf"]
    Wi, bi = parameters["Wi"], parameters["bi"]
    Wc, bc = parameters["Wc"], parameters["bc"]
    Wo, bo = parameters["Wo"], parameters["bo"]
    concat = np.concatenate((a_prev, xt), axis=0)
    zf = np.dot(Wf, concat) + bf
    ft = SigmoidActivation.forward(zf)
    zi = np.dot(Wi, concat) + bi
    it = SigmoidActivation.forward(zi)
    cctf = np.dot(Wc, concat) + bc
    cct = TanhActivation.forward(cctf)
    c_next = ft * c_prev + it * cct
    zo = np.dot(Wo, concat) + bo
    ot = SigmoidActivation.forward(zo)
    a_next = ot * TanhActivation.forward(c_next)
    return a_next, c_next

def lstm_forward(x, a0, parameters):
    a_next = a0
    c_next = np.zeros_like(a0)
    for t in range(T_x):
        a_next, c_next = lstm_cell_step(x[:, :, t], a_next, c_next, parameters)

def lstm_backwards(da, caches):
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        da_curr = da[:, :, t] + da_prevt
        dc_curr = dc_prevt
        grads = lstm_step_backward(da_curr, dc_curr, caches[t])
        da_prevt = grads["da_prev"]
        dc_prevt = grads["dc_prev"]
    da0 = da_prevt
    return da0
```
"""


def test_course_lstm_with_activation_classes_and_a_dictionary_step():
    v = _verdicts(COURSE_LSTM)
    for snippet in ("ft = SigmoidActivation", "it = SigmoidActivation", "cct = TanhActivation", "c_next = ft",
                    "ot = SigmoidActivation", "a_next = ot", "da_curr = da[:, :, t] + da_prevt",
                    "dc_curr = dc_prevt", "grads = lstm_step_backward", "da_prevt = grads", "da0 = da_prevt"):
        assert v[_line(COURSE_LSTM, snippet)][0] == "pass", (snippet, v.get(_line(COURSE_LSTM, snippet)))
    bad = COURSE_LSTM.replace("da_curr = da[:, :, t] + da_prevt", "da_curr = da[:, :, t]")
    assert _verdicts(bad)[_line(bad, "da_curr = da[:, :, t]")][0] == "fail"


# A notebook's RNN (vlasov-dmitrii's RNN_from_scratch): the forward loop walks the inputs (for x in inputs), keeps
# h_current in a list and hands it over with h_prev = h_current; the backward loop reads hidden_states[t] and
# inputs[t]. By hand: h_prev = h_current is the hand-over (pass, no formula); dh_raw = (1 - h_t^2) * dh,
# dW_xh += dh_raw x_t^T, dW_hh += dh_raw h_{t-1}^T and dh_next = W_hh^T dh_raw pass. With the hand-over copying y
# instead (h_prev = y) no pass is given to it.
CARRY = """
```python
def forward(self, inputs):
    h_prev = np.zeros((self.hidden_size, 1))
    hidden_states = []
    for x in inputs:
        h_current = np.tanh(np.dot(self.W_xh, x) + np.dot(self.W_hh, h_prev) + self.b_h)
        hidden_states.append(h_current)
        y = np.dot(self.W_hy, h_current) + self.b_y
        h_prev = h_current
    return hidden_states

def backward(self, inputs, hidden_states, dys):
    dh_next = np.zeros((self.hidden_size, 1))
    for t in reversed(range(len(inputs))):
        dh = np.dot(self.W_hy.T, dys[t]) + dh_next
        dh_raw = (1 - hidden_states[t] ** 2) * dh
        dW_xh += np.dot(dh_raw, inputs[t].T)
        dW_hh += np.dot(dh_raw, hidden_states[t-1].T)
        dh_next = np.dot(self.W_hh.T, dh_raw)
```
"""


def test_forward_hand_over_passes_and_the_walked_sequence_is_read():
    v = _verdicts(CARRY)
    hand = _line(CARRY, "h_prev = h_current")
    assert v[hand][0] == "pass" and "hand-over" in v[hand][1]
    for snippet in ("dh_raw = (1 - hidden_states[t] ** 2) * dh", "dW_xh += np.dot(dh_raw, inputs[t].T)",
                    "dh_next = np.dot(self.W_hh.T, dh_raw)"):
        assert v[_line(CARRY, snippet)][0] == "pass", (snippet, v.get(_line(CARRY, snippet)))
    wrong = CARRY.replace("h_prev = h_current", "h_prev = y")
    assert _verdicts(wrong).get(_line(wrong, "h_prev = y"), ("absent", ""))[0] != "pass"


# A French note whose label wears the hat: y_t are the predicted probabilities, \hat y_t the true class, and the
# cross-entropy takes the log of y (L_t = -\sum_i \hat y_{t,i} \log y_{t,i}). By hand: y_t = softmax(V h_t) is the
# prediction's definition (pass), dL_t/dz_t = y_t - \hat y_t (pass); dL_t/dy_t = y_t - \hat y_t is false (it is
# -\hat y_t / y_t; fail). The reader took y for the label beside a hatted prediction and failed the forward row.
HAT_LABEL = r"""
$$h_t = \tanh(b + Wh_{t-1} + UX_t)$$

$$y_t = \operatorname{softmax}(Vh_t)$$

$$L_t=-\sum_i \hat y_{t,i}\log(y_{t,i})$$

$$z_t=Vh_t$$

$$\frac{\partial L_t}{\partial z_t}=y_t-\hat y_t$$

$$\frac{\partial L_t}{\partial y_t}=y_t-\hat y_t$$
"""


def test_the_logs_argument_is_the_prediction_whatever_wears_the_hat():
    v = _verdicts(HAT_LABEL)
    assert v[_line(HAT_LABEL, r"y_t = \operatorname{softmax}")][0] == "pass"
    assert v[_line(HAT_LABEL, r"\partial z_t}=y_t")][0] == "pass"
    assert v[_line(HAT_LABEL, r"\partial y_t}=y_t")][0] == "fail"


def test_a_name_defined_again_and_again_is_refused_at_once():
    import time
    import pytest
    from symlstm.verify.text.latexparse import LatexError
    code = "```python\n" + "".join(f"for x in xs{i}:\n    h = W @ x\n" for i in range(1000)) + "```\n"
    rows = "".join("$$h_t = \\tanh(W x_t + U h_{t-1})$$\n" for _ in range(1000))
    for text, what in ((code, "assign h 1000 times"), (rows, "h_t = ... 1000 times")):
        t0 = time.perf_counter()
        with pytest.raises(LatexError, match=what):
            verify_derivation(text)
        assert time.perf_counter() - t0 < 1.0       # (35 s and 12 s before the bound)


# A layer's documentation that divides its weight gradients by the batch's size (thalesmms' LSTM layer doc, row
# layout): on one example the batch's size is one, so h_t^T dL/dy_t / batch_size is the step's part (pass); with
# the factor the wrong side (dL/dy_t h_t^T / batch_size, ill-typed in the row layout) it fails.
BATCH_SIZE = r"""
$$h_t = \tanh(x_t W_{xh} + h_{t-1} W_{hh} + b_h)$$
$$y_t = h_t W_{hy} + b_y$$

$$\frac{\partial L}{\partial W_{hy}} = h_t^T \frac{\partial L}{\partial y_t} / batch\_size$$
$$\frac{\partial L}{\partial W_{hy}} = \frac{\partial L}{\partial y_t} h_t^T / batch\_size$$
"""


def test_a_division_by_the_batch_size_is_the_batch_mean():
    v = _verdicts(BATCH_SIZE)
    rows = [k for k, x in enumerate(BATCH_SIZE.split("\n"), 1) if "batch" in x]
    assert v[rows[0]][0] == "pass", v[rows[0]]
    assert v[rows[1]][0] == "fail", v[rows[1]]


def test_hand_over_at_the_loop_top_and_a_snapshot_of_the_state():
    from symlstm.verify.text.carrycopies import carry_copies
    top = """for t in range(T):
    if t > 0:
        prev_h = h[t-1]
        prev_c = next_c
    h[t], next_c, cache_next = lstm_step_forward(
        X[t], prev_h, prev_c, Wx, Wh, b)
""".split("\n")
    assert carry_copies(top) == {3: ("prev_c", "next_c")}     # what the pass before left in next_c
    snapshot = """for x in xs:
    previous_c = c.copy()
    c = (
        f * c
        + i * g
    )
    cache.append((previous_c, c))
""".split("\n")
    assert carry_copies(snapshot) == {}     # previous_c keeps c before the update reads it: c_{t-1}, a formula
