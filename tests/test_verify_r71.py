r"""Round 71: CMU 11-785's GRU cell with its gradients kept on the object, outer products written with reshapes,
a step-filled list kept in a cache dictionary, a helper that clips its argument first, and a product of Jacobians
whose index counts back in time.

* CMU 11-785's GRU cell (round71-c, yijing-sie) keeps a bias's gradient as the pre-activation's
  (``self.dbin = dn_sum``): a formula, not a value kept on the object as ``self.inputs = x`` is
  (codefences._stored_value). It writes a weight's gradient ``dn11.reshape(self.h, 1) @ self.hidden.reshape(1,
  self.h)``; ``np.dot(a.reshape(-1, 1), b.reshape(1, -1))`` and ``a[:, None] @ b[None, :]`` are the same outer
  product (PRE_SPELLINGS), whatever the layout.
* A Chinese numpy GRU (round71-a) keeps its step-filled lists in a dictionary, ``self.cache['h'] = h_list``: no
  formula (h is not made the list; codefences._no_formula).
* A Vietnamese numpy LSTM (round71-e) clips the argument of its sigmoid before the return (``x = np.clip(x, -500,
  500)``): the parameter's new value is put into the body as other straight-line names are (judging/helperdefs);
  a conversion of the parameter (``x = x.astype(np.float64)``, ``np.asarray(z)``) is the same values, and
  LightNN's ``delta_tanh`` is a derivative (``delta``, a derivative word).
* A numpy homework GRU (round71-e, Q3NET) computes each gate through one helper switched by the activation's name,
  ``z[:, t, :], z_d[:, t, :] = self.activation(x @ Wz + h_prev @ Uz + bz, "sigmoid")``, whose branches assign the
  same local names (``activation``, ``derivative``) four times. The call is the sigmoid and its second target the
  derivative through the output; the helper's branches are judged as helpers, each by its literal
  (text/dispatchacts.py, judging/helperdefs). Before, the branches were read as the cell's rows and the softmax
  branch made the whole code unread.
* A Japanese BPTT note (round71-d) writes ``\partial h_t / \partial h_{t-k} = \prod_{j=0}^{k-1} \partial h_{t-j} /
  \partial h_{t-j-1}``: the index counts back in time, so the factors in the index's order are already in chain
  order (the latest on the left; numeval._runs_back). Before, the reader reversed them and failed the row.

Every expected verdict is worked out by hand in the comments, and the GRU cell's backward rows are checked with a
numpy finite-difference script that does not use symlstm.
"""
import numpy as np
import pytest

from symlstm.verify.judging.judge import verify_derivation

CMU_GRU = """```python
class GRUCell:
    def __init__(self, in_dim, hidden_dim):
        self.d = in_dim
        self.h = hidden_dim
        self.r_act = Sigmoid()
        self.z_act = Sigmoid()
        self.h_act = Tanh()

    def forward(self, x, h):
        self.x = x
        self.hidden = h
        self.rsum = self.Wrx @ x + self.bir + self.Wrh @ h + self.bhr
        self.r = self.r_act(self.rsum)
        self.zsum = self.Wzx @ x + self.biz + self.Wzh @ h + self.bhz
        self.z = self.z_act(self.zsum)
        self.n11 = self.Wnh @ h + self.bhn
        self.nsum = self.Wnx @ x + self.bin + self.r * self.n11
        self.n = self.h_act(self.nsum)
        h_t = (1 - self.z) * self.n + self.z * h
        return h_t

    def backward(self, delta):
        dz = delta * (self.hidden - self.n)
        dn = delta * (1 - self.z)
        dh = delta * self.z
        dn_sum = dn * (1 - self.n ** 2)
        self.dbin = dn_sum
        self.dWnx = dn_sum.reshape(self.h, 1) @ self.x.reshape(1, self.d)
        dx = dn_sum @ self.Wnx
        dr = dn_sum * self.n11
        dn11 = dn_sum * self.r
        self.dbhn = dn11
        self.dWnh = np.dot(dn11.reshape(-1, 1), self.hidden.reshape(1, -1))
        dh = dh + dn11 @ self.Wnh
        dz_sum = dz * self.z * (1 - self.z)
        self.dbiz = dz_sum
        self.dWzx = dz_sum[:, None] @ self.x[None, :]
        dx = dx + dz_sum @ self.Wzx
        self.dWzh = dz_sum.reshape(self.h, 1) @ self.hidden.reshape(1, self.h)
        dh = dh + dz_sum @ self.Wzh
        dr_sum = dr * self.r * (1 - self.r)
        self.dbir = dr_sum
        self.dWrx = dr_sum.reshape(self.h, 1) @ self.x.reshape(1, self.d)
        dx = dx + dr_sum @ self.Wrx
        self.dWrh = dr_sum.reshape(self.h, 1) @ self.hidden.reshape(1, self.h)
        dh = dh + dr_sum @ self.Wrh
        return dx, dh
```
"""

CACHED_RNN = """```python
class RNN:
    def forward(self, xs):
        h_prev = np.zeros((self.H, 1))
        h_list = []
        for t in range(len(xs)):
            x_t = xs[t]
            h_t = np.tanh(np.dot(self.Wxh, x_t) + np.dot(self.Whh, h_prev) + self.bh)
            h_list.append(h_t)
            h_prev = h_t
        self.cache['h'] = h_list
        return h_prev

    def backward_step(self, dh_next, h_t, h_prev, x_t):
        da = dh_next * (1 - h_t ** 2)
        dWxh = np.dot(da, x_t.T)
        dWhh = np.dot(da, h_prev.T)
        dbh = da
        dh_prev = np.dot(self.Whh.T, da)
        return dh_prev, dWxh, dWhh, dbh
```
"""

DISPATCH = """```python
class Net:
    def forward_gru(self, X, Wz, Wr, Wh, Uz, Ur, Uh, bz, br, bh):
        N, T, D = X.shape
        h_prev = np.zeros((N, self.H))
        for t in range(T):
            x = X[:, t, :]
            z[:, t, :], z_d[:, t, :] = self.activation(x @ Wz + h_prev @ Uz + bz, "sigmoid")
            r[:, t, :], r_d[:, t, :] = self.activation(x @ Wr + h_prev @ Ur + br, "sigmoid")
            h_tilde[:, t, :], h_tilde_d[:, t, :] = self.activation(x @ Wh + (r[:, t, :] * h_prev) @ Uh + bh, "tanh")
            h[:, t, :] = (1 - z[:, t, :]) * h_prev + z[:, t, :] * h_tilde[:, t, :]
            h_prev = h[:, t, :]
        return h_prev

    def backward_gru(self, X, dh):
        for t in reversed(range(T)):
            x = X[:, t, :]
            dz = dh * (h_tilde[:, t, :] - h_prev) * z_d[:, t, :]
            dh_tilde = dh * z[:, t, :] * h_tilde_d[:, t, :]
            dWz += x.T @ dz
            dUz += h_prev.T @ dz
            dWh += x.T @ dh_tilde
            dUh += (r[:, t, :] * h_prev).T @ dh_tilde

    def activation(self, X, a):
        if a == "tanh":
            activation = np.tanh(X)
            derivative = 1 - activation ** 2
            return activation, derivative
        if a == "sigmoid":
            activation = 1 / (1 + np.exp(-X))
            derivative = activation * (1 - activation)
            return activation, derivative
```
"""

PRODUCT = r"""The recurrence is

$$h_t = \tanh(W h_{t-1} + U x_t + b)$$

Going back k steps:

$$\frac{\partial h_t}{\partial h_{t-k}} = \prod_{j=0}^{k-1} \frac{\partial h_{t-j}}{\partial h_{t-j-1}}$$

$$\frac{\partial h_t}{\partial h_{t-k}} = \prod_{i=t-k+1}^{t} \frac{\partial h_i}{\partial h_{i-1}}$$
"""


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def test_cmu_gru_cell_gradients_kept_on_the_object_and_written_as_outer_products():
    got = _verdicts(CMU_GRU)
    # every row holds: the forward (lines 13-20), the paths to z, n and h_{t-1} (24-26), the pre-activation
    # gradients (27, 36, 42: derivative of tanh / sigmoid written in the output), the biases' gradients (the
    # pre-activations': bin and biz, bir outside r * (...), bhn inside it: dn_sum * r), and the weights' (outer
    # products of the pre-activation gradient with the input or h_{t-1}); dx and dh sum the paths (1-D vectors times
    # W: W^T times the vector)
    assert set(got) == {13, 14, 15, 16, 17, 18, 19, 20, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38,
                        39, 40, 41, 42, 43, 44, 45, 46, 47}
    assert all(s == "pass" for s, _ in got.values()), {k: v for k, v in got.items() if v[0] != "pass"}


@pytest.mark.parametrize("old, new, line", [
    ("self.dbin = dn_sum", "self.dbin = dn", 28),                 # the tanh derivative left out
    ("self.dbhn = dn11", "self.dbhn = dn_sum", 33),               # r left out (bhn is inside r * (...))
    ("self.dWnx = dn_sum.reshape(self.h, 1)", "self.dWnx = dn.reshape(self.h, 1)", 29),
    ("np.dot(dn11.reshape(-1, 1)", "np.dot(dn_sum.reshape(-1, 1)", 34),
    ("self.dWzx = dz_sum[:, None]", "self.dWzx = dz[:, None]", 38),
    ("self.dWrh = dr_sum.reshape(self.h, 1)", "self.dWrh = dz_sum.reshape(self.h, 1)", 46),  # the other gate's
])
def test_a_slip_in_the_cmu_gru_cell_fails_on_its_row(old, new, line):
    assert old in CMU_GRU
    got = _verdicts(CMU_GRU.replace(old, new))
    assert got[line][0] == "fail", got[line]
    assert all(s == "pass" for k, (s, _) in got.items() if k < line)


def test_the_cmu_gru_cell_rows_agree_with_finite_differences():
    # the text's backward as numpy, against central differences of L = sum(g * h_t) for a random g
    rng = np.random.default_rng(3)
    d, h = 2, 3
    P = {k: rng.normal(size=(h, d)) for k in ("Wrx", "Wzx", "Wnx")}
    P.update({k: rng.normal(size=(h, h)) for k in ("Wrh", "Wzh", "Wnh")})
    P.update({k: rng.normal(size=h) for k in ("bir", "bhr", "biz", "bhz", "bin", "bhn")})
    x, h0, g = rng.normal(size=d), rng.normal(size=h), rng.normal(size=h)

    def sig(v):
        return 1 / (1 + np.exp(-v))

    def loss():
        r = sig(P["Wrx"] @ x + P["bir"] + P["Wrh"] @ h0 + P["bhr"])
        z = sig(P["Wzx"] @ x + P["biz"] + P["Wzh"] @ h0 + P["bhz"])
        n11 = P["Wnh"] @ h0 + P["bhn"]
        n = np.tanh(P["Wnx"] @ x + P["bin"] + r * n11)
        return float(g @ ((1 - z) * n + z * h0)), (r, z, n11, n)

    _, (r, z, n11, n) = loss()
    delta = g
    dz = delta * (h0 - n)
    dn = delta * (1 - z)
    dn_sum = dn * (1 - n ** 2)
    dr = dn_sum * n11
    dn11 = dn_sum * r
    dz_sum = dz * z * (1 - z)
    dr_sum = dr * r * (1 - r)
    text = {"bin": dn_sum, "bhn": dn11, "biz": dz_sum, "bir": dr_sum,
            "Wnx": np.outer(dn_sum, x), "Wnh": dn11.reshape(-1, 1) @ h0.reshape(1, -1),
            "Wzx": dz_sum[:, None] @ x[None, :], "Wzh": np.outer(dz_sum, h0),
            "Wrx": np.outer(dr_sum, x), "Wrh": np.outer(dr_sum, h0)}
    for name, value in text.items():
        p, num = P[name], np.zeros_like(P[name])
        for idx in np.ndindex(p.shape):
            keep = p[idx]
            p[idx] = keep + 1e-6
            up = loss()[0]
            p[idx] = keep - 1e-6
            num[idx] = (up - loss()[0]) / 2e-6
            p[idx] = keep
        assert np.allclose(num, value, atol=1e-6), name
    # and the wrong forms the slips above write differ
    assert not np.allclose(dn, dn_sum) and not np.allclose(dn_sum, dn11) and not np.allclose(dr_sum, dz_sum)


def test_a_step_filled_list_kept_in_a_cache_is_no_formula():
    got = _verdicts(CACHED_RNN)
    # line 11, self.cache['h'] = h_list, keeps the list: no row (before: h = h_list, unreadable); the forward and
    # the step's backward hold
    assert 11 not in got
    assert all(s == "pass" for s, _ in got.values()), got
    got = _verdicts(CACHED_RNN.replace("dbh = da", "dbh = dh_next"))      # the tanh derivative left out
    assert got[18][0] == "fail", got[18]


HELPERS = """```python
def sigmoid(x):
    x = np.clip(x, -500, 500)
    return 1 / (1 + np.exp(-x))

def d_sigmoid(x):
    s = sigmoid(x)
    return s * (1 - s)

def tanh(x):
    x = x.astype(np.float64)
    return 2 * sigmoid(2 * x) - 1

def delta_tanh(z):
    z = np.asarray(z)
    return 1 - np.power(np.tanh(z), 2)
```
"""


def test_a_helper_that_clips_its_argument_first_is_judged():
    got = _verdicts(HELPERS)
    # (clipping at +-500 changes no value here; x.astype(np.float64) is x again: tanh(x) = 2 sigmoid(2x) - 1)
    # (LightNN's delta_tanh: the derivative, delta a derivative word; s = sigmoid(x), line 7, a step of d_sigmoid
    # that holds as a whole, passes with it since round 76; the clip and the cast are no steps)
    assert {k: s for k, (s, _) in got.items()} == {4: "pass", 7: "pass", 8: "pass", 12: "pass", 16: "pass"}, got
    got = _verdicts(HELPERS.replace("np.exp(-x)", "np.exp(x)"))
    assert got[4][0] == "fail", got
    got = _verdicts(HELPERS.replace("2 * sigmoid(2 * x) - 1", "2 * sigmoid(x) - 1"))
    assert got[12][0] == "fail", got
    got = _verdicts(HELPERS.replace("1 - np.power(np.tanh(z), 2)", "np.tanh(z)"))
    assert got[16][0] == "fail", got


def test_a_product_whose_index_counts_back_is_in_chain_order():
    got = _verdicts(PRODUCT)
    # J_t J_{t-1} ... J_{t-k+1} either way it is written
    assert {k: s for k, (s, _) in got.items()} == {3: "pass", 7: "pass", 9: "pass"}
    got = _verdicts(PRODUCT.replace(r"^{k-1} \frac", r"^{k} \frac"))        # one factor too many
    assert got[7][0] == "fail", got[7]
    got = _verdicts(PRODUCT.replace(r"h_{t-j}}{\partial h_{t-j-1}}", r"h_{t-j-1}}{\partial h_{t-j-2}}"))
    assert got[7][0] == "fail", got[7]                                     # each factor a step too early


def test_an_activation_helper_switched_by_a_string_and_its_calls():
    got = _verdicts(DISPATCH)
    # forward (8-12: the gates through the helper), the backward step's rows (18-23: the derivative arrays the
    # helper returns are the derivatives through the outputs; dUh with the reset gate, r * h_prev), and the
    # helper's branches (27-28 tanh and its derivative through the output, 31-32 the sigmoid's)
    assert {k: s for k, (s, _) in got.items()} == {k: "pass" for k in (7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 21, 22,
                                                                       23, 27, 28, 31, 32)}, got


@pytest.mark.parametrize("old, new, line", [
    ("dUh += (r[:, t, :] * h_prev).T @ dh_tilde", "dUh += h_prev.T @ dh_tilde", 23),     # Q3NET's slip: r left out
    ("* (h_tilde[:, t, :] - h_prev) * z_d[:, t, :]", "* (h_tilde[:, t, :] - h_prev) * r_d[:, t, :]", 18),
    ("derivative = activation * (1 - activation)", "derivative = activation * (1 + activation)", 32),
    ("activation = np.tanh(X)", "activation = np.tanh(-X)", 27),
])
def test_a_slip_in_the_switched_helper_or_its_callers_fails_on_its_row(old, new, line):
    assert old in DISPATCH
    got = _verdicts(DISPATCH.replace(old, new))
    assert got[line][0] == "fail", got[line]
