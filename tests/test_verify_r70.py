r"""Round 70: fused gate blocks sliced by the hidden size, a weight named with a t after its label, the step's
state named current, weights cut into blocks, a pre-activation written with its activation, CuPy code, and the time
written as an argument of \delta.

* csm950907's min-char GRU (round58-g) computes the three blocks of its gates at once, ``W = np.dot(Wxh, xs[t])``,
  and slices them ``W[:H]``, ``W[H:H * 2]``, ``W[H * 2:]``; its bias is sliced the same way (``bh[H:H * 2]``), and
  its backward reads a weight's rows ``Whh[H * 2:]``. The width of a sliced name (``H * 2`` as well as ``2*H``),
  of a sliced bias, and numpy's one-index slice of a matrix (its rows) are read (cell/slicedwidth.py,
  numeric/slices.py).
* forti's CS231n GRU (round49-b) writes ``temp_gate = sigmoid(temp1)`` and slices ``temp_gate[:, H:2*H]``: the
  argument of the sigmoid is as wide (slicedwidth.widen_arguments). Its candidate's weights ``Wxt``, ``Wht`` stand
  beside ``Wx``, ``Wh`` as names of their own, not W_x at step t; ``current_h`` is the step's state; ``dtemp2``
  is the gradient of ``temp2``.
* Elman-style notes write the time as an argument: ``h(t)``, and the adjoint ``\delta(t)``, ``\delta(t+1)``. A lone
  \delta that a row defines (on its left) keeps that meaning in the rows after it (rowjudge._name_of).
* A student's CS231n GRU in PyTorch's form (round70-c) cuts its weights into blocks with one tuple assignment
  (``Wxrz, Wxn = Wx[:, :2*H], Wx[:, 2*H:3*H]``: Wx is their stack) and sums dh, what step t sends back to
  h_{t-1}, path by path from ``dh = (1 - z) * dnext_h`` (no longer taken for the gradient of h_t).
* A Japanese note of Greff et al.'s peephole LSTM (round70-h) writes ``\bar{o}^t = \sigma(...)`` beside ``o^t =
  \sigma(\bar{o}^t)``: the sigmoid applied twice fails on that row, and the rows after it read \bar{o} as meant
  (cell/doubleactivation.py).
* CuPy code (round70-h): ``cp.`` calls are numpy's, a module docstring that states the formulas is not code, the
  batch's size read off the data (``batch_size = len(x)``) is 1 in the reader's one-example runs, and WildML's
  ``U[:, x[t]]`` (x a list of word indices) is U times the one-hot input, ``dU[:, x[t]] += da`` the outer product.

Every expected verdict is worked out by hand in the comments, and checked with a numpy finite-difference script
that does not use symlstm.
"""
import pytest

from symlstm.verify.judging.judge import verify_derivation

MINCHAR_GRU = """```python
def lossFun(inputs, targets, hprev):
    xs, hs, zs, rs, hc, ys, ps = {}, {}, {}, {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    H = hidden_size
    loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1
        W = np.dot(Wxh, xs[t])
        U = np.dot(Whh, hs[t - 1])
        zs[t] = sigmoid(W[:H] + U[:H] + bh[:H])
        rs[t] = sigmoid(W[H:H * 2] + U[H:H * 2] + bh[H:H * 2])
        hc[t] = np.tanh(W[H * 2:] + rs[t] * U[H * 2:] + bh[H * 2:])
        hs[t] = zs[t] * hs[t-1] + (1 - zs[t]) * hc[t]
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dWhy, dby = np.zeros_like(Why), np.zeros_like(by)
    dhnext = np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1
        dWhy += np.dot(dy, hs[t].T)
        dby += dy
        dh = np.dot(Why.T, dy) + dhnext
        dz = dh * (hs[t-1] - hc[t]) * zs[t] * (1 - zs[t])
        dhc = dh * (1 - zs[t]) * (1 - hc[t] ** 2)
        dr = dhc * np.dot(Whh[H * 2:], hs[t-1]) * rs[t] * (1 - rs[t])
        dhnext = dh * zs[t] + np.dot(Whh[:H].T, dz) + np.dot(Whh[H:H * 2].T, dr) + np.dot(Whh[H * 2:].T, dhc * rs[t])
    return loss, dWhy, dby
```
"""

CS231N_GRU = """```python
def gru_step_forward(x, prev_h, Wx, Wh, bh, Wxt, Wht, bht):
    N, H = prev_h.shape
    temp1 = x.dot(Wx) + prev_h.dot(Wh) + bh
    temp_gate = sigmoid(temp1)
    reset_gate = temp_gate[:, 0:H]
    update_gate = temp_gate[:, H:2*H]
    temp2 = (reset_gate * prev_h).dot(Wht) + x.dot(Wxt) + bht
    temp_h = np.tanh(temp2)
    current_h = (1 - update_gate) * prev_h + update_gate * temp_h
    cache = (x, prev_h, Wx, Wh, bh, Wxt, Wht, bht, reset_gate, update_gate, temp_h, temp_gate)
    return current_h, cache


def gru_step_backward(dcurrent_h, cache):
    (x, prev_h, Wx, Wh, bh, Wxt, Wht, bht, reset_gate, update_gate, temp_h, temp_gate) = cache
    dtemp2 = dcurrent_h * update_gate * (1 - temp_h ** 2)
    dWht = (reset_gate * prev_h).T.dot(dtemp2)
    dWxt = x.T.dot(dtemp2)
    dbht = np.sum(dtemp2, axis=0)
    dupdate_gate = dcurrent_h * (temp_h - prev_h)
    dreset_gate = dtemp2.dot(Wht.T) * prev_h
    dtemp1 = np.hstack((dreset_gate, dupdate_gate)) * temp_gate * (1 - temp_gate)
    dWx = x.T.dot(dtemp1)
    dWh = prev_h.T.dot(dtemp1)
    dprev_h = dcurrent_h * (1 - update_gate) + dtemp2.dot(Wht.T) * reset_gate + dtemp1.dot(Wh.T)
    return dprev_h, dWx, dWh, dWxt, dWht, dbht
```
"""

ELMAN = r"""The forward pass:

$$h(t) = \tanh(W x(t) + U h(t-1) + b)$$

$$\hat{y}(t) = V h(t) + c$$

$$L = \sum_t \frac{1}{2} \| \hat{y}(t) - y(t) \|^2$$

Backward:

$$\delta(t) = V^T (\hat{y}(t) - y(t)) + U^T \left(\delta(t+1) \odot (1 - h(t+1)^2)\right)$$

$$\frac{\partial L}{\partial W} = \sum_t \left(\delta(t) \odot (1 - h(t)^2)\right) x(t)^T$$
"""


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def test_gate_blocks_sliced_by_the_hidden_size_are_read_at_their_width():
    got = _verdicts(MINCHAR_GRU)
    # 10-17 the forward rows: W and U three blocks of H each (W[H * 2:] the candidate's), z, r, the candidate
    # hc = tanh(W_c x + r * (U_c h_{t-1}) + b_c), h_t = z h_{t-1} + (1 - z) hc, the logits and the softmax
    # 24 dWhy += dy h_t^T, 25 dby += dy: step t's parts, pass
    # 26 dh = Why^T dy + dhnext: dL/dh_t (dhnext carried from step t+1, line 30), pass
    # 27 dz = dh (h_{t-1} - hc) z (1 - z): the update gate's pre-activation gradient, pass
    # 28 dhc = dh (1 - z) (1 - hc^2): the candidate's pre-activation gradient, pass
    # 29 dr = dhc (Whh[2H:] h_{t-1}) r (1 - r): the reset gate's pre-activation gradient, pass
    # 30 dhnext = dh z + Whh[:H]^T dz + Whh[H:2H]^T dr + Whh[2H:]^T (dhc r): what step t sends to h_{t-1}, pass
    for line in (*range(10, 18), 24, 25, 26, 27, 28, 29, 30):
        assert got[line][0] == "pass", (line, got[line])
    assert not [line for line, v in got.items() if v[0] != "pass"], got


@pytest.mark.parametrize("old, new, line", [
    ("np.dot(Whh[H * 2:].T, dhc * rs[t])", "np.dot(Whh[H * 2:].T, dhc)", 30),      # the reset factor dropped
    ("(hs[t-1] - hc[t])", "(hc[t] - hs[t-1])", 27),                                  # the sign of z's path
    ("dr = dhc * np.dot(Whh[H * 2:], hs[t-1])", "dr = dhc * np.dot(Whh[H:H * 2], hs[t-1])", 29),   # another block
])
def test_a_slip_in_the_gate_blocks_fails_on_its_row(old, new, line):
    assert old in MINCHAR_GRU
    got = _verdicts(MINCHAR_GRU.replace(old, new))
    assert got[line][0] == "fail", got[line]
    assert [k for k, v in got.items() if v[0] != "pass"] == [line], got


def test_a_sliced_sigmoid_and_weights_named_with_a_t_read_as_the_code_runs():
    got = _verdicts(CS231N_GRU)
    # 4-10 the forward: temp1 two blocks wide (reset, update), temp2 from Wht, Wxt, bht (weights of their own),
    # current_h the step's state
    # 17 dtemp2 = dcurrent_h u (1 - tanh^2): the candidate's pre-activation gradient, pass
    # 18-20 dWht, dWxt, dbht: the step's parts, pass
    # 21 dupdate_gate = dcurrent_h (temp_h - prev_h), 22 dreset_gate = (dtemp2 Wht^T) prev_h: the gates' gradients
    # 23 dtemp1 = [dreset_gate, dupdate_gate] g (1 - g): temp1's gradient, pass
    # 24, 25 dWx, dWh; 26 dprev_h = dcurrent_h (1 - u) + (dtemp2 Wht^T) r + dtemp1 Wh^T, pass
    for line in (4, 5, 6, 7, 8, 9, 10, *range(17, 27)):
        assert got[line][0] == "pass", (line, got[line])


@pytest.mark.parametrize("old, new, line", [
    ("dWht = (reset_gate * prev_h).T.dot(dtemp2)", "dWht = prev_h.T.dot(dtemp2)", 18),
    ("dtemp2 = dcurrent_h * update_gate * (1 - temp_h ** 2)", "dtemp2 = dcurrent_h * (1 - temp_h ** 2)", 17),
    ("np.hstack((dreset_gate, dupdate_gate))", "np.hstack((dupdate_gate, dreset_gate))", 23),
    ("dtemp2.dot(Wht.T) * reset_gate + dtemp1", "dtemp2.dot(Wht.T) + dtemp1", 26),
])
def test_a_slip_in_the_cs231n_gru_fails_on_its_row(old, new, line):
    assert old in CS231N_GRU
    got = _verdicts(CS231N_GRU.replace(old, new))
    assert got[line][0] == "fail", got[line]


def test_the_adjoint_written_with_its_time_as_an_argument():
    got = _verdicts(ELMAN)
    # 3, 5, 7 the forward rows and the squared-error loss
    # 11 \delta(t) = V^T (\hat y(t) - y(t)) + U^T (\delta(t+1) (1 - h(t+1)^2)): dL/dh(t), pass
    # 13 dL/dW = \sum_t (\delta(t) (1 - h(t)^2)) x(t)^T, pass
    assert {line: v[0] for line, v in got.items()} == {3: "pass", 5: "pass", 7: "pass", 11: "pass", 13: "pass"}, got


def test_a_lone_delta_keeps_the_meaning_its_row_gives_it():
    # \delta(t) defined (line 11) as dL/dh(t): dL/dW = \sum_t \delta(t) x(t)^T lacks tanh' (1 - h(t)^2), fail;
    # it held before, reading \delta(t) there as the pre-activation's gradient (a meaning line 11 does not give)
    text = ELMAN.replace(r"\left(\delta(t) \odot (1 - h(t)^2)\right) x(t)^T", r"\delta(t) x(t)^T")
    assert text != ELMAN
    got = _verdicts(text)
    assert got[11][0] == "pass" and got[13][0] == "fail", got
    # and with the time as a subscript, \delta_t
    sub = text.replace(r"\delta(t+1)", r"\delta_{t+1}").replace(r"\delta(t)", r"\delta_t")
    got = _verdicts(sub)
    assert got[11][0] == "pass" and got[13][0] == "fail", got


def _num_grad(f, p, eps=1e-6):
    import numpy as np
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        keep = p[idx]
        p[idx] = keep + eps
        up = f()
        p[idx] = keep - eps
        down = f()
        p[idx] = keep
        g[idx] = (up - down) / (2 * eps)
    return g


def test_the_hand_verdicts_agree_with_finite_differences():
    """The oracle for the verdicts above (numpy only): the min-char GRU's backward (lines 24-30) and the CS231n GRU
    step's (lines 17-26) against central differences."""
    import numpy as np
    rng = np.random.default_rng(0)
    sig = lambda x: 1 / (1 + np.exp(-x))      # noqa: E731
    V, H, T = 4, 3, 3
    Wxh, Whh, bh = rng.normal(size=(3 * H, V)) / 2, rng.normal(size=(3 * H, H)) / 2, rng.normal(size=(3 * H, 1)) / 2
    Why, by, h0 = rng.normal(size=(V, H)) / 2, rng.normal(size=(V, 1)) / 2, rng.normal(size=(H, 1)) / 2
    inputs, targets = [0, 2, 1], [1, 3, 2]

    def run():
        hs, zs, rs, hc, ps, loss = {-1: h0}, {}, {}, {}, {}, 0.0
        for t in range(T):
            x = np.zeros((V, 1))
            x[inputs[t]] = 1
            W, U = Wxh @ x, Whh @ hs[t - 1]
            zs[t] = sig(W[:H] + U[:H] + bh[:H])
            rs[t] = sig(W[H:2 * H] + U[H:2 * H] + bh[H:2 * H])
            hc[t] = np.tanh(W[2 * H:] + rs[t] * U[2 * H:] + bh[2 * H:])
            hs[t] = zs[t] * hs[t - 1] + (1 - zs[t]) * hc[t]
            y = Why @ hs[t] + by
            ps[t] = np.exp(y) / np.exp(y).sum()
            loss -= np.log(ps[t][targets[t], 0])
        return loss, hs, zs, rs, hc, ps

    _, hs, zs, rs, hc, ps = run()
    dWhh, dbh, dhnext = np.zeros_like(Whh), np.zeros_like(bh), np.zeros((H, 1))
    for t in reversed(range(T)):
        dy = ps[t].copy()
        dy[targets[t]] -= 1
        dh = Why.T @ dy + dhnext
        dz = dh * (hs[t - 1] - hc[t]) * zs[t] * (1 - zs[t])
        dhc = dh * (1 - zs[t]) * (1 - hc[t] ** 2)
        dr = dhc * (Whh[2 * H:] @ hs[t - 1]) * rs[t] * (1 - rs[t])
        dbh += np.vstack((dz, dr, dhc))
        dWhh += np.vstack((dz, dr, dhc * rs[t])) @ hs[t - 1].T
        dhnext = dh * zs[t] + Whh[:H].T @ dz + Whh[H:2 * H].T @ dr + Whh[2 * H:].T @ (dhc * rs[t])
    for got, p in ((dWhh, Whh), (dbh, bh), (dhnext, h0)):
        assert np.allclose(got, _num_grad(lambda: run()[0], p), atol=1e-7)

    N, D = 2, 3
    x, ph, dnext = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    Wx, Wh, b = rng.normal(size=(D, 2 * H)), rng.normal(size=(H, 2 * H)), rng.normal(size=2 * H)
    Wxt, Wht, bht = rng.normal(size=(D, H)), rng.normal(size=(H, H)), rng.normal(size=H)

    def step():
        g = sig(x @ Wx + ph @ Wh + b)
        r, u = g[:, :H], g[:, H:]
        th = np.tanh((r * ph) @ Wht + x @ Wxt + bht)
        return (1 - u) * ph + u * th, g, r, u, th

    _, g, r, u, th = step()
    dtemp2 = dnext * u * (1 - th ** 2)
    dtemp1 = np.hstack((dtemp2 @ Wht.T * ph, dnext * (th - ph))) * g * (1 - g)
    loss = lambda: float(np.sum(step()[0] * dnext))      # noqa: E731
    assert np.allclose((r * ph).T @ dtemp2, _num_grad(loss, Wht), atol=1e-7)
    assert np.allclose(x.T @ dtemp1, _num_grad(loss, Wx), atol=1e-7)
    assert np.allclose(dnext * (1 - u) + dtemp2 @ Wht.T * r + dtemp1 @ Wh.T, _num_grad(loss, ph), atol=1e-7)


#: A CS231n GRU step in PyTorch's form (round70-c, a student's rnn_layers.py): the weights cut into blocks by a tuple
#: assignment (Wxrz, Wxn = Wx[:, :2*H], Wx[:, 2*H:3*H]: Wx stacked from them, text/codefences._block_cuts), and
#: dh, the gradient sent back to h_{t-1}, summed path by path (dh = ...; dh += ...; dh += ...).
PYTORCH_GRU = """```python
def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
  _, H = prev_h.shape
  Wxrz, Wxn = Wx[:,:2*H], Wx[:,2*H:3*H]
  Whrz, Whn = Wh[:,:2*H], Wh[:,2*H:3*H]
  a = np.dot(x, Wxrz) + np.dot(prev_h, Whrz)
  r = sigmoid(a[:,:H])
  z = sigmoid(a[:,H:])
  n_h = np.dot(prev_h, Whn)
  n = np.tanh(np.dot(x, Wxn) + n_h * r)
  next_h = (1-z)*prev_h + z * n
  return next_h

def gru_step_backward(dnext_h, x, prev_h, Wx, Wh, r, z, n, n_h):
  dn = dnext_h * z
  dh = (1 - z) * dnext_h
  dna = dn * (1 - np.square(n))
  dn_h = dna * r
  dz = (n - prev_h) * dnext_h
  dr = n_h * dna
  dar = dr * (r * (1-r))
  daz = dz * (z * (1-z))
  darz = np.concatenate([dar, daz], axis=1)
  dx = np.dot(darz, Wx[:,:2*H].T)
  dh += np.dot(darz, Wh[:,:2*H].T)
  dx += np.dot(dna, Wx[:,2*H:3*H].T)
  dh += np.dot(dn_h, Wh[:,2*H:3*H].T)
  return dx, dh
```
"""


def test_weight_blocks_cut_by_a_tuple_and_a_sum_path_by_path():
    got = _verdicts(PYTORCH_GRU)
    # 4, 5 Wx = [Wxrz, Wxn], Wh = [Whrz, Whn]; 6-11 the forward (r, z from a's two blocks; n_h = h_{t-1} Whn;
    # n = tanh(x Wxn + r * n_h); h_t = (1 - z) h_{t-1} + z n)
    # 15 dn = dh_t z; 16 dh = (1 - z) dh_t: the first path into h_{t-1}; 17 dna = dn (1 - n^2) (n's pre-activation);
    # 18 dn_h = dna r; 19 dz = (n - h_{t-1}) dh_t; 20 dr = n_h dna; 21, 22 the pre-activation gradients of r, z
    # 24 dx = darz Wx[:, :2H]^T (a path into x); 25 dh += darz Wh[:, :2H]^T; 26 dx += dna Wxn^T (all of dx);
    # 27 dh += dn_h Whn^T: all of what step t sends back to h_{t-1}, pass
    for line in (4, 5, *range(6, 12), *range(15, 23), 24, 25, 26, 27):
        assert got[line][0] == "pass", (line, got[line])
    # 23 darz = [dar, daz] (np.concatenate along the features): a name of no quantity of the cell, not read
    assert got[23][0] == "unreadable", got[23]


@pytest.mark.parametrize("old, new, line", [
    ("  dh += np.dot(darz, Wh[:,:2*H].T)\n", "", 26),         # a path into h_{t-1} left out: the sum's last row
    ("  dh = (1 - z) * dnext_h\n", "  dh = z * dnext_h\n", 16),          # the direct path's gate
    ("dh += np.dot(dn_h, Wh[:,2*H:3*H].T)", "dh += np.dot(dna, Wh[:,2*H:3*H].T)", 27),   # r left out of n's path
])
def test_a_path_of_the_sum_wrong_or_left_out_fails(old, new, line):
    assert old in PYTORCH_GRU
    got = _verdicts(PYTORCH_GRU.replace(old, new))
    assert got[line][0] == "fail", got[line]


#: Greff et al.'s peephole LSTM as a Japanese note writes it (round70-h), with the note's slip: the output gate's
#: pre-activation is written with the sigmoid already applied (\bar{o}^t = \sigma(...), o^t = \sigma(\bar{o}^t)).
PEEPHOLE = r"""### Forward

$\bar{z}^t = W_z x^t + R_z y^{t-1} + b_z, \ z^t = \tanh(\bar{z}^t)$

$\bar{i}^t = W_i x^t + R_i y^{t-1} + p_i \odot c^{t-1} + b_i, \ i^t = \sigma(\bar{i}^t)$

$\bar{f}^t = W_f x^t + R_f y^{t-1} + p_f \odot c^{t-1} + b_f, \ f^t = \sigma(\bar{f}^t)$

$c^t = i^t \odot z^t + f^t \odot c^{t-1}$

$\bar{o}^t = \sigma(W_o x^t + R_o y^{t-1} + p_o \odot c^t + b_o), \ o^t = \sigma(\bar{o}^t)$

$y^t = o^t \odot \tanh(c^t)$

### Backward

$\delta o^t = \delta y^t \odot \tanh(c^t) \odot \sigma'(\bar{o}^t)$

$\delta f^t = \delta c^t \odot c^{t-1} \odot \sigma'(\bar{f}^t)$
"""


def test_a_pre_activation_written_with_its_activation_fails_and_the_rows_read_it_as_meant():
    got = {}
    for r in verify_derivation(PEEPHOLE).results:
        got.setdefault(r.line, []).append((r.status, r.why or ""))
    # 11 \bar{o}^t = \sigma(W_o x^t + ...) beside o^t = \sigma(\bar{o}^t): the gate would be \sigma(\sigma(...)), fail
    assert [s for s, _ in got[11]] == ["fail", "pass"], got[11]
    assert "applied twice" in got[11][0][1], got[11]
    # 17 \delta o^t = \delta y^t \odot \tanh(c^t) \odot \sigma'(\bar{o}^t): the gradient of o's pre-activation with
    # \bar{o} the affine sum the row means, pass; 19 \delta f^t likewise; the other forward rows pass
    for line in (3, 5, 7, 9, 13, 17, 19):
        assert all(s == "pass" for s, _ in got[line]), (line, got[line])
    # without the slip nothing fails
    fixed = PEEPHOLE.replace(r"\bar{o}^t = \sigma(W_o x^t + R_o y^{t-1} + p_o \odot c^t + b_o)",
                             r"\bar{o}^t = W_o x^t + R_o y^{t-1} + p_o \odot c^t + b_o")
    assert fixed != PEEPHOLE
    assert all(r.status == "pass" for r in verify_derivation(fixed).results)


#: A CuPy RNN whose module docstring states its formulas, whose input is a list of word indices (WildML's
#: U[:, x[t]]) and whose gradients are divided by the batch's size (round70-h's CuPy LSTMs, WildML's RNN).
CUPY_RNN = '''```python
"""
A GRU-free RNN on CuPy.

Mathematical formulation:
    a_t = U x_t + W h_{t-1} + b
    h_t = tanh(a_t)
"""
import cupy as cp


def forward(x, U, W, b, h0):
    h_prev = h0
    hs, a_s = [], []
    for t in range(len(x)):
        a = U[:, x[t]] + cp.dot(W, h_prev) + b
        h = cp.tanh(a)
        hs.append(h)
        h_prev = h
    return hs


def backward(x, hs, douts, U, W, h0):
    batch_size = len(x)
    dU, dW, db = cp.zeros_like(U), cp.zeros_like(W), cp.zeros_like(hs[0])
    dh_next = cp.zeros_like(hs[0])
    for t in reversed(range(len(x))):
        h_prev = hs[t - 1] if t > 0 else h0
        dh = douts[t] + dh_next
        da = dh * (1 - hs[t] ** 2)
        dU[:, x[t]] += da / batch_size
        dW += cp.dot(da, h_prev.T) / batch_size
        db += da / batch_size
        dh_next = cp.dot(W.T, da)
    return dU, dW, db
```
'''


def test_cupy_code_with_word_indices_and_a_batch_size():
    got = _verdicts(CUPY_RNN)
    # 16 a = U x_t + W h_{t-1} + b (U[:, x[t]]: U times the one-hot x_t); 17 h = tanh(a); 19 h_prev = h (carried)
    # 29 dh = douts[t] + dh_next: douts, the gradient handed down by the outputs, read at step t beside the gradient
    # carried from t+1, is Delta_t (round 84): the total at h_t, pass
    # 30 da = dh (1 - h_t^2); 31 dU[:, x[t]] += da / batch_size: da x_t^T (batch_size 1 here); 32 dW += da h_{t-1}^T;
    # 33 db += da; 34 dh_next = W^T da: what step t sends back to h_{t-1}, pass
    # 6 a_t = U x_t + W h_{t-1} + b and 7 h_t = tanh(a_t) in the module's docstring: the cell stated, pass (round 75)
    assert {line: v[0] for line, v in got.items()} == {
        6: "pass", 7: "pass", 16: "pass", 17: "pass", 19: "pass", 29: "pass", 30: "pass", 31: "pass",
        32: "pass", 33: "pass", 34: "pass"}, got


@pytest.mark.parametrize("old, new, line", [
    ("dU[:, x[t]] += da / batch_size", "dU[:, x[t]] += dh / batch_size", 31),       # tanh' left out
    ("dW += cp.dot(da, h_prev.T) / batch_size", "dW += cp.dot(da, hs[t].T) / batch_size", 32),   # h_t for h_{t-1}
    ("dh_next = cp.dot(W.T, da)", "dh_next = cp.dot(W, da)", 34),                    # the transpose left out
])
def test_a_slip_in_the_cupy_rnn_fails_on_its_row(old, new, line):
    assert old in CUPY_RNN
    got = _verdicts(CUPY_RNN.replace(old, new))
    assert got[line][0] == "fail", got[line]
