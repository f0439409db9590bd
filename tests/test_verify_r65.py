r"""Round 65: code's softmax cross-entropy, step-named code temporaries and parts, a kept derivative, a control space.

* ``dy = np.copy(ps[t])`` then ``dy[targets[t]] -= 1`` (min-char-rnn and the notes copied from it) is read as
  ``p_t - onehot``; the loss ``-np.log(ps[t][targets[t], 0])`` as the log of the probability at the true class.
  ``dy[targets] -= 1`` in a loop over t (every step's class at once) and ``dy[1, y] -= 1`` are not read as that.
* A loss set per step and added to a total in the same loop is the step's loss.
* ``interim_dot_prod = dh_next * dsigmoid`` defines a code temporary named by words; ``dWh_step`` is the part of
  dWh one step adds; ``dsigmoid = h_next * (1 - h_next)`` is sigma' kept by the code, checked as that.
* ``dXf = dhf @ Wf.T`` (Kristiadi's LSTM) is the part of dX through the gate hf.
* ``\\ \`` at a line's end (a control space) is space: the row after it is read at its own line.

Every expected verdict is worked out by hand in the comments (chain rules of the tanh/sigmoid RNN and of the
softmax cross-entropy); the mutated rows are the ones a reader must fail.
"""
from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    out = {}
    for r in verify_derivation(text).results:
        if r.line not in out or r.status == "fail":
            out[r.line] = (r.status, r.why or "")
    return out


def _at(text):
    return {s.strip(): k + 1 for k, s in enumerate(text.split("\n")) if s.strip()}


MINCHAR = '''```python
def lossFun(inputs, targets, hprev):
  xs, hs, ys, ps = {}, {}, {}, {}
  hs[-1] = np.copy(hprev)
  loss = 0
  for t in range(len(inputs)):
    xs[t] = np.zeros((vocab_size,1))
    xs[t][inputs[t]] = 1
    hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
    ys[t] = np.dot(Why, hs[t]) + by
    ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
    loss += -np.log(ps[t][targets[t],0])
  dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
  dbh, dby = np.zeros_like(bh), np.zeros_like(by)
  dhnext = np.zeros_like(hs[0])
  for t in reversed(range(len(inputs))):
    dy = np.copy(ps[t])
    dy[targets[t]] -= 1
    dWhy += np.dot(dy, hs[t].T)
    dby += dy
    dh = np.dot(Why.T, dy) + dhnext
    dhraw = (1 - hs[t] * hs[t]) * dh
    dbh += dhraw
    dWxh += np.dot(dhraw, xs[t].T)
    dWhh += np.dot(dhraw, hs[t-1].T)
    dhnext = np.dot(Whh.T, dhraw)
  return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs)-1]
```
'''


# By hand: L = sum_t -log p_t[y_t], p_t = softmax(W_hy h_t + b_y), so dL/dy_t = p_t - onehot(y_t) (the copy and
# the subtraction together); dW_hy += dy h_t^T, db_y += dy; dh = W_hy^T dy + dhnext (the total at step t, dhnext what
# step t+1 sends back); dhraw = (1 - h_t^2) dh; its outer products with x_t, h_{t-1} are step t's parts of dW_xh,
# dW_hh; dhnext = W_hh^T dhraw. Every row holds.
def test_min_char_rnn_cross_entropy_rows_are_read_and_hold():
    v, at = _verdicts(MINCHAR), _at(MINCHAR)
    for row in ("loss += -np.log(ps[t][targets[t],0])", "dy = np.copy(ps[t])", "dy[targets[t]] -= 1",
                "dWhy += np.dot(dy, hs[t].T)", "dby += dy", "dh = np.dot(Why.T, dy) + dhnext",
                "dhraw = (1 - hs[t] * hs[t]) * dh", "dWxh += np.dot(dhraw, xs[t].T)",
                "dWhh += np.dot(dhraw, hs[t-1].T)", "dhnext = np.dot(Whh.T, dhraw)"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])


# The logits y_t minus the one-hot target are not p_t - onehot: the pair fails (both of its lines).
def test_the_logits_in_place_of_the_probabilities_fail():
    text = MINCHAR.replace("dy = np.copy(ps[t])", "dy = np.copy(ys[t])")
    v, at = _verdicts(text), _at(text)
    assert v[at["dy = np.copy(ys[t])"]][0] == "fail", v[at["dy = np.copy(ys[t])"]]
    assert v[at["dy[targets[t]] -= 1"]][0] == "fail"


# dy[targets] -= 1 in the loop over t takes every step's class at once (asishjose's slip): never read as p_t - onehot.
def test_a_class_that_is_not_the_steps_is_not_read_as_the_target():
    v, at = _verdicts(MINCHAR.replace("dy[targets[t]] -= 1", "dy[targets] -= 1")), _at(MINCHAR)
    assert v.get(at["dy[targets[t]] -= 1"], ("absent",))[0] != "pass"


PER_STEP_LOSS = '''```python
def lossFun(inputs, targets, hprev):
    x, h, y, p = {}, {-1: hprev}, {}, {}
    sequence_loss = 0
    for t in range(len(inputs)):
        x[t] = np.zeros((vocab_size, 1))
        x[t][inputs[t]] = 1
        h[t] = np.tanh(np.dot(Wx, x[t]) + np.dot(Wh, h[t-1]) + bh)
        y[t] = np.dot(Wy, h[t]) + by
        p[t] = np.exp(y[t]) / np.sum(np.exp(y[t]))
        loss = -np.sum(np.log(p[t][targets[t]]))
        sequence_loss += loss
    dhnext = np.zeros_like(h[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(p[t])
        dy[targets[t]] -= 1
        dh = np.dot(Wy.T, dy) + dhnext
        dhraw = (1 - h[t] * h[t]) * dh
        dhnext = np.dot(Wh.T, dhraw)
```
'''


# loss is step t's -log p_t[y_t], summed into sequence_loss: dy at every step is p_t - onehot (read as the last
# step's loss alone, dy at the other steps was 0 and the row failed).
def test_a_loss_added_to_a_total_is_the_steps_loss():
    v, at = _verdicts(PER_STEP_LOSS), _at(PER_STEP_LOSS)
    for row in ("loss = -np.sum(np.log(p[t][targets[t]]))", "dy = np.copy(p[t])", "dy[targets[t]] -= 1",
                "dh = np.dot(Wy.T, dy) + dhnext", "dhraw = (1 - h[t] * h[t]) * dh", "dhnext = np.dot(Wh.T, dhraw)"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])


TALWAR = '''```python
def rnn_step_forward(x_t, h_prev, Wh, We, b1):
    h_next = sigmoid(np.matmul(h_prev, Wh.T) + np.matmul(x_t, We.T) + b1)
    cache = h_prev, h_next, x_t
    return h_next, cache
```

```python
def rnn_step_backward(dh_next, cache, Wh):
    h_prev, h_next, x_t = cache
    dsigmoid = h_next*(1 - h_next)
    interim_dot_prod = dh_next*dsigmoid
    dWh_step = np.matmul(interim_dot_prod.T, h_prev)
    dWe_step = np.matmul(interim_dot_prod.T, x_t)
    db1_step = np.sum(interim_dot_prod, axis=0)
    dh_prev = np.matmul(interim_dot_prod, Wh)
    return  dWh_step, dWe_step, db1_step, dh_prev
```
'''


# Rows (batch rows): a = h_prev Wh^T + x We^T + b1, h = sigmoid(a). sigmoid'(a) = h (1 - h) (the kept derivative);
# dJ/da = dh_next * h (1 - h); one step's dWh = (dJ/da)^T h_prev (as a = h_prev Wh^T), dWe = (dJ/da)^T x,
# db1 = the batch sum of dJ/da; dh_prev = (dJ/da) Wh. Every row holds.
def test_talwar_step_names_and_the_kept_derivative_hold():
    v, at = _verdicts(TALWAR), _at(TALWAR)
    for row in ("dsigmoid = h_next*(1 - h_next)", "interim_dot_prod = dh_next*dsigmoid",
                "dWh_step = np.matmul(interim_dot_prod.T, h_prev)", "dWe_step = np.matmul(interim_dot_prod.T, x_t)",
                "db1_step = np.sum(interim_dot_prod, axis=0)", "dh_prev = np.matmul(interim_dot_prod, Wh)"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])
    assert "derivative of sigmoid" in v[at["dsigmoid = h_next*(1 - h_next)"]][1]


# h_prev^T (dJ/da) is the transpose of this step's dWh (Wh is square, so the shapes agree): it fails.
def test_a_transposed_step_part_fails():
    text = TALWAR.replace("np.matmul(interim_dot_prod.T, h_prev)", "np.matmul(h_prev.T, interim_dot_prod)")
    v, at = _verdicts(text), _at(text)
    assert v[at["dWh_step = np.matmul(h_prev.T, interim_dot_prod)"]][0] == "fail"


# dtanh = 1 - tanh(a)^2 read as the gradient (dx = W^T dtanh: no upstream gradient beside it) stays a claim about
# the gradient of a, and fails (the upstream dh_next is missing): the mlts notebook's published slip.
def test_a_local_derivative_used_as_the_gradient_fails():
    text = '''```python
def rnn_cell_backward(dh_next, cache):
    (h_next, h_prev, xt, parameters) = cache
    Whx = parameters["Whx"]
    Whh = parameters["Whh"]
    bh = parameters["bh"]
    dtanh = 1 - np.square(np.tanh(np.dot(Whx, xt) + np.dot(Whh, h_prev) + bh))
    dxt = np.dot(Whx.T, dtanh)
    dh_prev = np.dot(Whh.T, dtanh)
```

```python
def rnn_cell_forward(xt, h_prev, parameters):
    h_next = np.tanh(np.dot(Whx, xt) + np.dot(Whh, h_prev) + bh)
```
'''
    v, at = _verdicts(text), _at(text)
    assert v[at["dtanh = 1 - np.square(np.tanh(np.dot(Whx, xt) + np.dot(Whh, h_prev) + bh))"]][0] in \
        ("fail", "unreadable")
    assert v[at["dtanh = 1 - np.square(np.tanh(np.dot(Whx, xt) + np.dot(Whh, h_prev) + bh))"]][0] != "pass"


KRISTIADI = '''```python
def lstm_forward(X, state):
    h_old, c_old = state
    X = np.column_stack((h_old, X_one_hot))
    hf = sigmoid(X @ Wf + bf)
    hi = sigmoid(X @ Wi + bi)
    ho = sigmoid(X @ Wo + bo)
    hc = tanh(X @ Wc + bc)
    c = hf * c_old + hi * hc
    h = ho * tanh(c)
```

```python
def lstm_backward(dh, dc_next, cache):
    dho = tanh(c) * dh
    dho = dsigmoid(ho) * dho
    dc = ho * dh * dtanh(c) + dc_next
    dhf = c_old * dc
    dhf = dsigmoid(hf) * dhf
    dhi = hc * dc
    dhi = dsigmoid(hi) * dhi
    dhc = hi * dc
    dhc = dtanh(hc) * dhc
    dXf = dhf @ Wf.T
    dXi = dhi @ Wi.T
    dXo = dho @ Wo.T
    dXc = dhc @ Wc.T
```
'''


# Rows: X = [h_old, x], each gate's net input X W_g + b_g; the part of dX through gate g is (its net input's
# gradient) W_g^T. dhf, dhi, dho, dhc above are those net inputs' gradients, so each dX_g row holds; dXf with Wi
# in place of Wf does not (Wi != Wf).
def test_code_parts_of_a_gradient_through_a_gate():
    v, at = _verdicts(KRISTIADI), _at(KRISTIADI)
    for row in ("dXf = dhf @ Wf.T", "dXi = dhi @ Wi.T", "dXo = dho @ Wo.T", "dXc = dhc @ Wc.T"):
        assert v[at[row]][0] == "pass", (row, v[at[row]])
        assert "through" in v[at[row]][1]
    wrong = KRISTIADI.replace("dXf = dhf @ Wf.T", "dXf = dhf @ Wi.T")
    assert _verdicts(wrong)[_at(wrong)["dXf = dhf @ Wi.T"]][0] == "fail"


# Jekyll's \\\\\\\\ \ (a row end, then a control space before the new line): the next row is read at its own line.
def test_a_control_space_at_a_rows_end():
    text = ("\\\\[\n\\begin{split}\n&a^{(t)} = W_{hh} h^{(t-1)} + W_{xh}x^{(t)} + b_h \\\\\\\\\n"
            "&h^{(t)} = \\tanh(a^{(t)}) \\\\\\\\ \\\n&o^{(t)} = W_{hz} h^{(t)} + b_z\n\\end{split}\n\\\\]\n\n"
            "$$\\frac{\\partial o^{(t)}}{\\partial h^{(t)}} = W_{hz}$$\n")
    v = _verdicts(text)
    assert v[3][0] == v[4][0] == v[5][0] == "pass", v
    assert v[9][0] == "pass", v


HELPERS = '''```python
def dtanh(x):
    """
    the derivative of tanh: f'(x) = 1 - tanh^2(x)
    """
    return 1 - np.tanh(x)**2

class sigmoid:
   @staticmethod
   def fn(x):
      return 1 / (1 + np.exp(-x))
   @staticmethod
   def df(x):
      return x * (1-x)

def nonlin(input, deriv=False): #requires output of forward prop for derivative
    if deriv:
        return input*(1-input)
    else:
        return 1 / (1 + np.exp(-input))

def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / np.sum(e_x, axis=0, keepdims=True)

def hard_sigmoid(input):
    return np.maximum(0, np.minimum(1, (0.2*input + 0.5)))
```

```matlab
        dsigmoid = @(x) (1./(1 + exp(-x))).*(1 - 1./(1 + exp(-x)));
        dtanh2 = @(x) 1 - tanh(x).^2;
```
'''


# tanh' = 1 - tanh^2 at the input; sigma' = s (1 - s) written in the output s; 1 / (1 + e^{-x}) is the sigmoid;
# e^{x - max x} / sum e^{x - max x} is the softmax (the shift cancels); the MATLAB handles are sigma'(x) and
# tanh'(x) at the input. A hard sigmoid (a piecewise line) is another function: not judged as the sigmoid.
def test_activation_helpers_as_tutorials_write_them():
    v, at = _verdicts(HELPERS), _at(HELPERS)
    lines = HELPERS.split("\n")
    returns = [k + 1 for k, s in enumerate(lines) if s.strip().startswith("return")]
    for line in returns[:-1]:
        assert v[line][0] == "pass", (lines[line - 1], v.get(line))
    assert v.get(returns[-1], ("absent",))[0] != "fail"        # hard_sigmoid: not "not the sigmoid"
    assert "softmax" in v[returns[-2]][1]
    for row in ("dsigmoid = @(x) (1./(1 + exp(-x))).*(1 - 1./(1 + exp(-x)));", "dtanh2 = @(x) 1 - tanh(x).^2;"):
        assert v[at[row]][0] == "pass", (row, v.get(at[row]))


# A softmax normalised by the sum of the logits (not of their exponentials) is not the softmax.
def test_a_wrong_softmax_helper_fails():
    text = "```python\ndef softmax(x):\n    return np.exp(x) / np.sum(x)\n```\n"
    assert _verdicts(text)[3][0] == "fail"


# sigmoid_grad(output) put in its call's place is (output)*(1-(output)): the second bracket is the operand, not a
# remark in words (it had been blanked, leaving 1 - nothing, and the row failed).
def test_a_helper_put_in_place_keeps_its_bracketed_argument():
    from symlstm.verify.text.codefences import fenced_rows
    text = ("```python\ndef sigmoid_grad(x):\n    return x*(1-x)\ndef f(a_next, c_next, output):\n"
            "    doutput = a_next*c_next\n    doutput = doutput*sigmoid_grad(output)\n```\n")
    code = fenced_rows(text)[3]
    assert any(r[2].replace(" ", "") == "doutput=doutput*((output)*(1-(output)))" for r in code), code


# jfeatherstone's Elman net adds the whole sequence's error at every step of its loop (T times the loss): the
# increment reads nothing of the step, so it is not read as a loss's definition (it had passed as one).
def test_a_loss_added_the_same_at_every_step_is_not_passed():
    text = MINCHAR.replace("loss += -np.log(ps[t][targets[t],0])", "loss += mse(ps, targets)")
    v, at = _verdicts(text), _at(text)
    assert v.get(at["loss += mse(ps, targets)"], ("absent",))[0] != "pass"
