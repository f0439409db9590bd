"""Activation helpers a code fence defines are judged as equations (symlstm/verify/judging/helperdefs.py).

Every verdict below is worked out by hand and confirmed by finite differences of the function the helper's name
says (numpy, independent of symlstm): a derivative helper holds at its input (1 - tanh(x)^2) or written in the
function's output (s (1 - s), a caller passing the sigmoid's value); a wrong sign or a missing square fails.
"""
import numpy as np

from symlstm.verify import verify_file
from _timing import within

FENCE = '''\
```python
import numpy as np

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def dsigmoid(s):
    return s * (1 - s)

def tanh_prime(x):
    return 1 - np.tanh(x) ** 2

def sigmoid_derivative(x):
    return sigmoid(x) * (1 + sigmoid(x))

def dtanh(y):
    return 1 - y

relu = lambda z: np.maximum(0, z)

class Sigmoid:
    def forward(self, x):
        self.res = 1 / (1 + np.exp(-x))
        return self.res

    def backward(self):
        return self.res * (1 - self.res)

class Tanh:
    def forward(self, x):
        self.res = np.tanh(x)
        return self.res

    def derivative(self):
        return 1 - self.res
```
'''

#: line -> verdict, by hand (sigma' = sigma (1 - sigma), tanh' = 1 - tanh^2; lines 14, 17, 35 are slips)
EXPECTED = {5: "pass", 8: "pass", 11: "pass", 14: "fail", 17: "fail", 19: "pass", 27: "pass", 35: "fail"}


def _fd(f, x, e=1e-6):
    return (f(x + e) - f(x - e)) / (2 * e)


def test_the_hand_verdicts_are_right():
    x = np.linspace(-2, 2, 9)
    sig = lambda v: 1 / (1 + np.exp(-v))       # noqa: E731
    s, t = sig(x), np.tanh(x)
    assert np.allclose(_fd(sig, x), s * (1 - s)) and np.allclose(_fd(np.tanh, x), 1 - t ** 2)
    assert not np.allclose(_fd(sig, x), s * (1 + s)) and not np.allclose(_fd(np.tanh, x), 1 - t)


def _verdicts(tmp_path, text):
    p = tmp_path / "helpers.md"
    p.write_text(text)
    return {r.line: r for r in verify_file(None, str(p)).results}


def test_every_helper_row(tmp_path):
    got = _verdicts(tmp_path, FENCE)
    for line, expected in EXPECTED.items():
        assert got[line].status == expected, (line, got[line].status, got[line].why)
    assert "output" in got[8].why               # s * (1 - s): the derivative written in the sigmoid's value
    assert "derivative" in got[14].why


def test_a_helper_named_nothing_is_read_only_where_it_is_a_known_function(tmp_path):
    text = "```python\ndef f(z):\n    return np.tanh(z)\n\ndef g(z):\n    return z * 3 + 1\n```\n"
    got = _verdicts(tmp_path, text)
    assert got[3].status == "pass" and 6 not in got


def test_hostile_bodies_return_at_once(tmp_path):
    text = "```python\ndef sigmoid(x):\n    return x ** 9 ** 9 ** 9 ** 9 ** 9\n\ndef tanh(x):\n    return " + \
        "(" * 150 + "x" + ")" * 150 + "\n```\n"
    seconds, got = within(1.0, lambda: _verdicts(tmp_path, text))
    assert seconds < 1.0
    assert got[3].status == "fail"          # not the sigmoid (a power tower overflows, it does not hang)


def test_a_letter_bound_through_itself_is_no_crash(tmp_path):
    # shijiaxin's cs231n notes (round 25): sinh, cosh and tanh written without backslashes, one letter per name,
    # bound by the links of rows that read them; before, the identity reader recursed without end and the whole
    # file was lost ("RecursionError"). By hand: tanh'(x) = 1 - tanh^2(x) holds, sinh/cosh rows name no quantity.
    text = "\n\n".join([r"$h_t=tanh(W_hh_{t-1}+W_xx_t+b)$", r"$y_t=W_yh_t$", r"$sinh(x)=\frac{e^x - e^{-x}}{2}$",
                        r"$cosh(x)=\frac{e^x + e^{-x}}{2}$", r"$tanh(x)=\frac{sinh(x)}{cosh(x)}$",
                        r"$tanh'(x)=1-tanh^2(x)$"]) + "\n"
    got = _verdicts(tmp_path, text)
    assert not any("failed on this file" in r.why for r in got.values())
    assert got[11].status == "pass"


SUMS = '''\
```python
def backward(xs, hs, dys, Wxh, Whh, Why):
    dWxh, dWhh = np.zeros_like(Wxh), np.zeros_like(Whh)
    dWhy = 0.1 * np.random.rand(*Why.shape)
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(xs))):
        dWhy += np.outer(dys[t], hs[t])
        dh = Why.T @ dys[t] + dh_next
        dz = (1 - hs[t] ** 2) * dh
        dWxh += np.outer(dz, xs[t])
        dWhh += np.outer(dz, hs[t - 1])
        dh_next = Whh.T @ dz
    return dWxh, dWhh, dWhy
```
'''


def test_where_gradient_sums_start(tmp_path):
    # By hand: a sum over the steps must start at zero (line 3: the two sums, line 5: the carry from beyond the
    # last step); dWhy starting at 0.1 * rand is off by its start (line 4 fails). Numbers: the total of the
    # per-step outer products is the finite-difference gradient of L = sum_t <dys_t, Why h_t>; a random start is not.
    rng = np.random.default_rng(3)
    Why, hs, dys = rng.normal(size=(2, 3)), rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    loss = lambda W: sum(float(dys[t] @ W @ hs[t]) for t in range(4))      # noqa: E731
    fd = np.zeros_like(Why)
    for idx in np.ndindex(*Why.shape):
        e = np.zeros_like(Why)
        e[idx] = 1e-6
        fd[idx] = (loss(Why + e) - loss(Why - e)) / 2e-6
    total = sum(np.outer(dys[t], hs[t]) for t in range(4))
    assert np.allclose(total, fd, atol=1e-6)
    assert not np.allclose(0.1 * rng.random(Why.shape) + total, fd, atol=1e-3)
    got = _verdicts(tmp_path, SUMS)
    assert got[3].status == "pass" and got[5].status == "pass"
    assert got[4].status == "fail" and "starts at" in got[4].why
    fixed = _verdicts(tmp_path, SUMS.replace("0.1 * np.random.rand(*Why.shape)", "np.zeros(Why.shape)"))
    assert fixed[4].status == "pass"


SEQ_RNN = '''\
def forward(X, Wxh, Whh, bh, h0):
    h, hs = h0, []
    for x_t in X:
        h = np.tanh(x_t @ Wxh + h @ Whh + bh)
        hs.append(h)
    return hs


def backward(X, hs, dhs, Wxh, Whh, h0):
    dWhh = np.zeros_like(Whh)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(len(X))):
        dh = dhs[t] + dh_next
        dz = (1 - hs[t] ** 2) * dh
        h_prev = hs[t - 1] if t > 0 else h0
        dWhh += h_prev.T @ dz
        dh_next = dz @ Whh.T
    return dWhh
'''


def test_a_loop_over_the_sequence_carries_its_state():
    # jake1104's RNN (round 25): `for x_t in X: h = np.tanh(x_t @ Wxh + h @ Whh + bh)`, the h on the right is the
    # step before's (a loop over the sequence, not over range(T)); before, the row failed ("h at step 1 is not
    # computed yet"). By hand: row-vector RNN, dz = (1 - h^2) dh, dWhh = sum_t h_{t-1}^T dz_t, dh_{t-1} = dz Whh^T;
    # the numbers: the code's dWhh is the finite-difference gradient of L = sum_t <dhs_t, h_t>.
    import sys
    sys.path.insert(0, "tests")
    from codecheck import _fd, _fenced, _run, _statuses
    from symlstm.verify.judging.judge import verify_derivation
    space = _run(SEQ_RNN)
    rng = np.random.default_rng(2)
    X = [rng.normal(size=(1, 2)) for _ in range(3)]
    Wxh, Whh, bh, h0 = rng.normal(size=(2, 3)), 0.5 * rng.normal(size=(3, 3)), rng.normal(size=(1, 3)), \
        rng.normal(size=(1, 3))
    dhs = [rng.normal(size=(1, 3)) for _ in range(3)]
    loss = lambda: sum(float((d * h).sum()) for d, h in zip(dhs, space["forward"](X, Wxh, Whh, bh, h0)))  # noqa
    hs = space["forward"](X, Wxh, Whh, bh, h0)
    assert np.allclose(space["backward"](X, hs, dhs, Wxh, Whh, h0), _fd(loss, [Whh])[0], atol=1e-6)
    got = _statuses(verify_derivation(_fenced(SEQ_RNN)).results)
    assert got.get(4 + 2) == ["pass"], got          # the forward row, read with h the step before's on the right


TIMED_LSTM = '''\
def forward(X, Uf, Wf, bf, Ui, Wi, bi, Uo, Wo, bo, Ug, Wg, bg, h0, c0):
    ht, ct = h0, c0
    for t, xt in enumerate(X):
        ft = sigmoid(np.dot(Uf, xt) + np.dot(Wf, ht) + bf)
        it = sigmoid(np.dot(Ui, xt) + np.dot(Wi, ht) + bi)
        ot = sigmoid(np.dot(Uo, xt) + np.dot(Wo, ht) + bo)
        gt = np.tanh(np.dot(Ug, xt) + np.dot(Wg, ht) + bg)
        ct = np.multiply(ft, ct) + np.multiply(it, gt)
        ht = np.multiply(ot, np.tanh(ct))
    return ht
'''


def test_a_step_named_state_assigned_from_itself_is_the_step_befores():
    # Hohle's lecture LSTM (round 25): `ct = np.multiply(ft, ct) + ...` in the loop: the ct on the right is c_{t-1}
    # (the code runs so), the row is the cell's c_t = f_t c_{t-1} + i_t g_t; before, it failed ("ct at step 1 is
    # not computed yet"). By hand every row here is a forward definition of a standard LSTM: all pass.
    import sys
    sys.path.insert(0, "tests")
    from codecheck import _fenced, _statuses
    from symlstm.verify.judging.judge import verify_derivation
    got = _statuses(verify_derivation(_fenced(TIMED_LSTM)).results)
    assert got.get(8 + 2) == ["pass"], got
    assert all(v == ["pass"] for v in got.values()), got


def test_a_row_of_the_last_step_is_judged_there(tmp_path):
    # An RNN guide (round 25) states both heads: \hat{y}_t = \sigma(W_{hy} h_t + b_y) (many-to-many) and
    # \hat{y} = \sigma(W_{hy} h_T + b_y) (many-to-one): the second writes the last step only, so its \hat{y} is the
    # output at T, where it holds (by hand: the first row at t = T); before, it was judged at step 1 and failed.
    # A row reading h_{T-1} instead is wrong at T (the output reads the last state) and still fails.
    text = "\n\n".join([r"$$h_t = \tanh\left( W_{xh} x_t + W_{hh} h_{t-1} + b_h \right)$$",
                        r"$$\hat{y}_t = \sigma\left( W_{hy} h_t + b_y \right)$$",
                        r"$$\hat{y} = \sigma\left( W_{hy} h_T + b_y \right)$$",
                        r"$$\hat{y} = \sigma\left( W_{hy} h_{T-1} + b_y \right)$$"]) + "\n"
    got = _verdicts(tmp_path, text)
    assert [got[k].status for k in (1, 3, 5, 7)] == ["pass", "pass", "pass", "fail"]


COLUMNS = '''\
```text
z_t = W_x x_t + W_h h_{t-1} + b            z_t in R^(H)
h_t = tanh(z_t)                            h_t in (-1, 1)
dz_t = dh_t * (1 - h_t^2)                  dz_t in R^(H)
dW_h = dz_t h_{t-1}^T                      dW_h in R^(H x H)
```
'''


def test_a_column_stating_each_values_set_is_a_remark(tmp_path):
    # open-dl's GRU summary (round 25) writes each statement with a column of its value's set (`h_t in (-1, 1)`,
    # `dW_xh in R^(D x H)`); before, the column was read into the statement (h_t "read" on its own right side).
    # By hand: tanh' = 1 - tanh^2, so dz_t = dh_t (1 - h_t^2) and dW_h's step-t part dz_t h_{t-1}^T hold; the
    # slip (1 - h_t) fails.
    got = _verdicts(tmp_path, COLUMNS)
    assert [got[k].status for k in (2, 3, 4, 5)] == ["pass"] * 4
    bad = _verdicts(tmp_path, COLUMNS.replace("(1 - h_t^2)", "(1 - h_t)  "))
    assert [bad[k].status for k in (2, 3, 4, 5)] == ["pass", "pass", "fail", "pass"]


def test_a_split_the_sizes_do_not_fit_loses_only_its_row(tmp_path):
    # zr, zz = split(Z, 2) where Z is sized for one gate (a_t reads Z whole, so Z is not widened to the split's
    # parts): that row is unreadable (saying why), the cell still runs and the rows that do not read its parts are
    # judged (before: "the forward equations could not be run" on all).
    text = "```text\nZ = W_x x_t + W_h h_{t-1} + b\nzr, zz = split(Z, 2)\na_t = W_c x_t + U_c h_{t-1} + Z\n" \
        "h_t = tanh(a_t)\nda_t = dh_t * (1 - h_t^2)\n```\n"
    got = _verdicts(tmp_path, text)
    assert got[3].status == "unreadable" and "equal parts" in got[3].why
    assert [got[k].status for k in (4, 5, 6)] == ["pass", "pass", "pass"]      # (by hand: tanh' = 1 - tanh^2)


CALLS = '''\
```python
import numpy as np

def bias_grads(dt, dz):
    dbz = np.sum(dz, axis=0)
    dbr = np.dum(dt, axis=0)
    db = np.hstack(dbz, dbr)
    return db
```
'''


def test_calls_that_cannot_run_fail(tmp_path):
    # A DLFS2-style GRU (round 26) writes np.dum for np.sum and np.hstack(a, b, c) for np.hstack((a, b, c)): the
    # statements raise, so they compute no gradient (by hand: numpy has no `dum`; hstack takes one sequence).
    assert not hasattr(np, "dum") and hasattr(np, "sum")
    try:
        np.hstack(np.zeros(2), np.zeros(2))
        raised = False
    except TypeError:
        raised = True
    assert raised
    got = _verdicts(tmp_path, CALLS)
    assert got[6].status == "fail" and "np.sum" in got[6].why
    assert got[7].status == "fail" and "one sequence" in got[7].why
    assert 5 not in got or got[5].status != "fail"
    fixed = _verdicts(tmp_path, CALLS.replace("np.dum(", "np.sum(").replace("np.hstack(dbz, dbr)", "np.hstack((dbz, dbr))"))
    assert all(r.status != "fail" for r in fixed.values())


ANEW = '''\
```python
def train_step(xs, hs, dys, Wxh, Whh, Why, lr):
    dh = Why.T @ dys[-1]
    for t in reversed(range(len(xs))):
        dz = (1 - hs[t + 1] ** 2) * dh
        dWhh = np.outer(dz, hs[t])
        dh = Whh.T @ dz
    Whh -= lr * dWhh
    return Whh
```
'''


def test_a_gradient_set_anew_at_each_step_is_no_sum(tmp_path):
    # elizaluna's RNN (round 26): d_Whh = temp @ h[t].T inside the loop over the steps, then Whh -= lr * d_Whh
    # after it: only step 1's part survives. By hand: dL/dWhh = sum_t dz_t h_{t-1}^T (here L = <dy, Why h_T>);
    # numbers: the finite-difference gradient is the sum, not the last iteration's part.
    rng = np.random.default_rng(4)
    H, T = 3, 3
    Wxh, Whh, Why = rng.normal(size=(H, 2)), 0.5 * rng.normal(size=(H, H)), rng.normal(size=(2, H))
    xs, dy = [rng.normal(size=2) for _ in range(T)], rng.normal(size=2)

    def run(W):
        hs = [np.zeros(H)]
        for x in xs:
            hs.append(np.tanh(Wxh @ x + W @ hs[-1]))
        return hs

    fd = np.zeros_like(Whh)
    for idx in np.ndindex(H, H):
        e = np.zeros_like(Whh)
        e[idx] = 1e-6
        fd[idx] = (dy @ Why @ run(Whh + e)[-1] - dy @ Why @ run(Whh - e)[-1]) / 2e-6
    hs, dh, parts = run(Whh), Why.T @ dy, []
    for t in reversed(range(T)):
        dz = (1 - hs[t + 1] ** 2) * dh
        parts.append(np.outer(dz, hs[t]))
        dh = Whh.T @ dz
    assert np.allclose(sum(parts), fd, atol=1e-6) and not np.allclose(parts[-1], fd, atol=1e-3)
    got = _verdicts(tmp_path, ANEW)
    assert got[6].status == "fail" and "sum over the steps" in got[6].why
    fixed = _verdicts(tmp_path, ANEW.replace("dWhh = np.outer", "dWhh += np.outer").replace(
        "    dh = Why.T", "    dWhh = np.zeros_like(Whh)\n    dh = Why.T"))
    assert all(r.status != "fail" for r in fixed.values()), {k: (r.status, r.why) for k, r in fixed.items()}


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="x()*+-/ 0123456789.e_np,[]=<>a", min_size=1, max_size=120))
def test_any_helper_body_gets_a_verdict_or_none_at_once(body):
    # Hostile or broken bodies never raise and never hang: a verdict (pass/fail) or no row at all.
    from symlstm.verify.judging.helperdefs import helper_results
    text = "```python\ndef dsigmoid(x):\n    return " + body + "\n\nf = lambda x: " + body + "\n```\n"
    seconds, rows = within(1.0, lambda: helper_results(text, set()))
    assert seconds < 1.0
    assert all(r.status in ("pass", "fail") for r in rows)
