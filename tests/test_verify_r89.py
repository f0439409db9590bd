r"""Round 89 of reading derivations as written (issue 10): loops whose values never move, and the last step's input.

* In a loop over the steps (``for t in ...``, or ``for i in reversed(range(len(xs))):``), a carried gradient given
  a value before the loop (``dh_next = Why^T dy``) that no statement of the loop assigns is the same at every step:
  the step after's part never reaches the step. An update (``Why -= lr * dWhy``) or a sum (``dby += dy``) by a
  gradient computed once before the loop applies it as many times as there are steps.
* A forward row of a step's value that reads the input at the last step (``g(V x_T + U h_{t-1} + b)`` in the row
  of ``c_t``) where the other rows read ``x_t`` fails.

Every expected verdict is worked out by hand in the comments, and the code is checked by finite differences.
"""
import numpy as np

from codecheck import _fd, _fenced, _run, _statuses
from symlstm.verify.judging.judge import verify_derivation

# A many-to-one tanh RNN in columns: h_i = tanh(Wxh x_i + Whh h_{i-1}), y = Why h_{T-1}, L = 1/2 |y - target|^2.
# By hand: dy = y - target; dWhy = dy h_{T-1}^T; dh_next starts as Why^T dy (what reaches the last state); at each
# step backwards dh_raw = (1 - h_i^2) dh_next, dWxh += dh_raw x_i^T, dWhh += dh_raw h_{i-1}^T, and dh_next = Whh^T
# dh_raw hands the step before its part. The update of Why after the loop is gradient descent.
MANY_TO_ONE = """\
def forward(xs, Wxh, Whh, Why):
    hs = {}
    hs[-1] = np.zeros((3, 1))
    for i in range(len(xs)):
        hs[i] = np.tanh(np.dot(Wxh, xs[i]) + np.dot(Whh, hs[i - 1]))
    y = np.dot(Why, hs[len(xs) - 1])
    return hs, y

def backward(xs, hs, y, target, Wxh, Whh, Why, lr):
    dy = y - target
    dWhy = np.dot(dy, hs[len(xs) - 1].T)
    dWxh, dWhh = np.zeros_like(Wxh), np.zeros_like(Whh)
    dh_next = np.dot(Why.T, dy)
    for i in reversed(range(len(xs))):
        dh_raw = (1 - hs[i] * hs[i]) * dh_next
        dWxh += np.dot(dh_raw, xs[i].T)
        dWhh += np.dot(dh_raw, hs[i - 1].T)
        dh_next = np.dot(Whh.T, dh_raw)
    Why -= lr * dWhy
    return dWxh, dWhh, dWhy
"""
#: 1-based lines of the backward's rows judged: the carry's use, the two sums and the hand-over.
ROWS = {"dh_raw": 15, "dWxh": 16, "dWhh": 17, "hand": 18}


def _check(code):
    space = _run(code)
    rng = np.random.default_rng(6)
    Wxh, Whh, Why = rng.standard_normal((3, 2)), rng.standard_normal((3, 3)) * 0.5, rng.standard_normal((2, 3))
    xs, target = [rng.standard_normal((2, 1)) for _ in range(4)], rng.standard_normal((2, 1))

    def loss():
        return float(0.5 * np.sum((space["forward"](xs, Wxh, Whh, Why)[1] - target) ** 2))
    hs, y = space["forward"](xs, Wxh, Whh, Why)
    got = space["backward"](xs, hs, y, target, Wxh, Whh, Why.copy(), 0.1)
    return got, _fd(loss, [Wxh, Whh, Why])


def _rows(code):
    statuses = _statuses(verify_derivation(_fenced(code)).results)
    return {name: statuses.get(line + 2) for name, line in ROWS.items()}, statuses


def test_the_many_to_one_backward_holds():
    got, fd = _check(MANY_TO_ONE)
    assert all(np.allclose(g, w, atol=1e-6) for g, w in zip(got, fd))
    rows, statuses = _rows(MANY_TO_ONE)
    assert rows == {name: ["pass"] for name in ROWS}, rows
    assert statuses.get(5 + 2) == ["pass"], statuses          # the forward step


def test_a_carried_gradient_never_handed_on_fails():
    # without dh_next = Whh^T dh_raw every step reads Why^T dy, the last state's gradient
    bad = MANY_TO_ONE.replace("        dh_next = np.dot(Whh.T, dh_raw)\n", "")
    got, fd = _check(bad)
    assert not np.allclose(got[1], fd[1], atol=1e-3)
    rows, _ = _rows(bad)
    assert rows["dh_raw"] == ["fail"] and rows["dWxh"] == ["pass"] and rows["dWhh"] == ["pass"], rows


def test_an_update_or_a_sum_repeated_at_every_step_fails():
    # the update of Why moved into the loop: the one gradient dWhy applied four times
    bad = MANY_TO_ONE.replace("        dh_next = np.dot(Whh.T, dh_raw)\n    Why -= lr * dWhy\n",
                              "        dh_next = np.dot(Whh.T, dh_raw)\n        Why -= lr * dWhy\n")
    assert bad != MANY_TO_ONE
    statuses = _statuses(verify_derivation(_fenced(bad)).results)
    assert statuses.get(19 + 2) == ["fail"], statuses
    assert _rows(bad)[0] == {name: ["pass"] for name in ROWS}
    # an output bias's gradient summed in the loop from dy, computed once: four times dy
    summed = MANY_TO_ONE.replace("    dh_next = np.dot(Why.T, dy)\n",
                                 "    dh_next = np.dot(Why.T, dy)\n    dby = np.zeros_like(dy)\n").replace(
        "        dh_next = np.dot(Whh.T, dh_raw)\n", "        dh_next = np.dot(Whh.T, dh_raw)\n        dby += dy\n")
    statuses = _statuses(verify_derivation(_fenced(summed)).results)
    assert statuses.get(20 + 2) == ["fail"], statuses


# An LSTM's cell written with the candidate inside (a lecture note of round 89): by hand the candidate of step t
# reads x_t; written with x_T (the last input) the cell of step t < T does not depend on its own input.
LSTM_ROWS = r"""$$f_t = \sigma(V_f x_t + U_f h_{t-1} + b_f)$$

$$i_t = \sigma(V_i x_t + U_i h_{t-1} + b_i)$$

$$o_t = \sigma(V_o x_t + U_o h_{t-1} + b_o)$$

$$c_t = f_t \odot c_{t-1} + i_t \odot \tanh(V x_t + U h_{t-1} + b)$$

$$h_t = o_t \odot \tanh(c_t)$$
"""


def test_the_input_at_the_last_step_in_a_step_s_row_fails():
    statuses = _statuses(verify_derivation(LSTM_ROWS).results)
    assert statuses == {1: ["pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"], 9: ["pass"]}, statuses
    bad = LSTM_ROWS.replace(r"\tanh(V x_t", r"\tanh(V x_T")
    results = verify_derivation(bad).results
    row = [r for r in results if r.line == 7]
    assert [r.status for r in row] == ["fail"] and "x_T" in row[0].why, [(r.status, r.why) for r in row]


# A lecture's pseudo-code fence (an RNN over h[i], y[i] in its own names) above Karpathy's min-char-rnn loss
# function: two models with no name in common. By hand the min-char rows all hold (dy = p - onehot(target) for the
# softmax cross-entropy, dh = Why^T dy + dhnext, ...); the pseudo-code's two rows define h[i] and y[i]. The loss
# function is shown in two fences, its forward pass and then its backward pass, as the lecture shows it.
PSEUDO = """\
```python
h[0] = zeros
for i in range(1, len(x)):
    h[i] = sigma(W_h@h[i-1] + W_e@e[i] + b_1)
    y[i] = softmax(U@h[i] + b_2)
```

```python
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
```

```python
def lossFun(inputs, targets, hprev):
  #...
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
  return loss, dWxh, dWhh, dWhy, dbh, dby
```
"""


def test_module_code_in_two_systems_of_names_is_two_models():
    rng = np.random.default_rng(9)
    body = PSEUDO.split("```python\n")[2].split("```")[0]
    backward = PSEUDO.split("```python\n")[3].split("```")[0].split("#...\n")[1]
    space = _run(body.replace("  return", "  pass  # return") + backward)
    V, H = 4, 3
    space.update(vocab_size=V, Wxh=rng.standard_normal((H, V)) * 0.5, Whh=rng.standard_normal((H, H)) * 0.5,
                 Why=rng.standard_normal((V, H)) * 0.5, bh=rng.standard_normal((H, 1)), by=rng.standard_normal((V, 1)))
    inputs, targets, hprev = [1, 0, 3], [0, 3, 2], rng.standard_normal((H, 1))
    got = space["lossFun"](inputs, targets, hprev)[1:]
    fd = _fd(lambda: float(space["lossFun"](inputs, targets, hprev)[0]),
             [space[k] for k in ("Wxh", "Whh", "Why", "bh", "by")])
    assert all(np.allclose(g, w, atol=1e-6) for g, w in zip(got, fd))
    statuses = _statuses(verify_derivation(PSEUDO).results)
    rows = range(29, 39)            # dy = np.copy(ps[t]) ... dhnext = np.dot(Whh.T, dhraw)
    assert all(statuses.get(k) == ["pass"] for k in rows), {k: statuses.get(k) for k in rows}
    assert statuses.get(4) == ["pass"] and statuses.get(5) == ["pass"], statuses


def test_a_slice_stated_on_the_wrong_axis_fails_where_it_is_written():
    # The old Coursera LSTM notebook (a student's copy, round 89): eq. (15) da_prev = sum_g W_g^T dGamma_g "where
    # W_f = W_f[:n_a,:]", and eq. (17) dx = ... "where W_f = W_f[n_a:,:]". W_f is n_a x (n_a + n_x): its rows are all
    # of it, the block acting on a_prev is its first n_a columns. By hand (and by the annotator's finite differences)
    # both equations hold with the columns, W_f[:, :n_a] and W_f[:, n_a:]; the two slice statements are wrong.
    from pathlib import Path
    note = Path(__file__).resolve().parent.parent / "derivations" / "firstcontact" / "round89-f" / "happyape_rnn_lstm.md"
    text = note.read_text()
    statuses = _statuses(verify_derivation(text).results)
    # (line 418 holds eq. 16 and eq. 17: two rows)
    assert statuses.get(415) == ["pass"] and statuses.get(418) == ["pass", "pass"], (statuses.get(415), statuses.get(418))
    assert statuses.get(417) == ["fail"] and statuses.get(420) == ["fail"], (statuses.get(417), statuses.get(420))
    # stated on the right axis: the equations hold and the statements are no rows of their own
    fixed = text.replace("$W_f = W_f[:n_a,:]$", "$W_f = W_f[:,:n_a]$").replace("$W_f = W_f[n_a:,:]$",
                                                                            "$W_f = W_f[:,n_a:]$")
    statuses = _statuses(verify_derivation(fixed).results)
    assert statuses.get(415) == ["pass"] and statuses.get(418) == ["pass", "pass"]
    assert statuses.get(417) is None and statuses.get(420) is None


def test_hostile_loops_are_answered_fast():
    import time
    from symlstm.verify.judging.loopconstants import constant_results
    n = 3000
    start = time.perf_counter()
    # 3000 updates by gradients computed before the loop: one pass back to the def for all of them
    code = "def f(xs, lr):\n" + "".join(f"    dW{k} = g{k}\n" for k in range(n)) + \
        "    for i in reversed(range(len(xs))):\n        x = xs[i]\n" + "".join(f"        W{k} -= lr * dW{k}\n"
                                                                          for k in range(n))
    assert len(constant_results(_fenced(code))) == n
    # 3000 carried gradients given before the loop: a bounded number of names is checked
    code = "def f(xs, lr):\n" + "".join(f"    dh_next_a{k} = g{k}\n" for k in range(n)) + \
        "    for i in reversed(range(len(xs))):\n        x = xs[i]\n" + "".join(f"        y{k} = dh_next_a{k} * 2\n"
                                                                          for k in range(n))
    constant_results(_fenced(code))
    # 400 module-level rows, each in a system of names of its own: one pass of union-find
    verify_derivation(_fenced("".join(f"a{k} = np.tanh(b{k})\n" for k in range(400))))
    assert time.perf_counter() - start < 8
