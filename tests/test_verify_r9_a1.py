r"""A notebook that states a bias-free LSTM in maths, then the code's loop with statements left blank, then the
backward loop (judging/completecell.py).

* The code's cell restates the maths one (``g = tanh(W\_g z + b\_g)`` for ``g = \tanh(W^g [h_{t-1}, x_t])``,
  ``h\_prev = o \odot tanh(C\_prev)`` for ``h_t = \tanh(c_t) \circ o``) under one renaming plus a bias, so the rows
  it leaves out (f, i, o, the cell update) are the maths rows under that renaming, with the biases the text
  writes (``b\_f\_d``); ``h\_prev =`` in the loop is the loop's new state.
* ``dh\_next = 0`` before the rows that read it: the start of the carried gradient.
* ``C_t``, ``h_t`` (lists of the loop's states: the initial state first, or not) and ``sigmoid'(o_t)`` (a helper's
  derivative at its argument, or through the unit's output) are read both ways: a row is judged only where the
  readings agree, else unreadable.
"""
from symlstm.verify.judging.judge import verify_derivation

MATHS = r"""$i = \sigma ( W^i [h_{t-1}, x_t])$
$f = \sigma ( W^f [h_{t-1},x_t])$
$o = \sigma ( W^o [h_{t-1},x_t])$
$g = \mathrm{tanh}( W^g [h_{t-1}, x_t])$
$c_t = c_{t-1} \circ f + g \circ i$
$h_t = \mathrm{tanh}(c_t) \circ o$
$$ z = [h\_prev; x] $$
$$ g = tanh(W\_g z + b\_g) $$
$$ h\_prev = o \odot tanh(C\_prev) $$
$$ v = W\_v h\_prev + b\_v $$
$$ output = softmax(v) $$
"""

BACKWARD = [      # (row, expected status)
    (r"dh\_next = 0", "pass"),
    (r"dC\_next = 0", "pass"),
    (r"b\_v\_d \mathrel{+}= dv", "pass"),
    (r"dh = W\_v^T dv", "pass"),
    (r"dh \mathrel{+}= dh\_next", "pass"),
    (r"do = dh \odot tanh(C_t)", "unreadable"),            # C_t: c_t, or c_{t-1} if the list starts with c_0
    (r"do = sigmoid'(o_t) \odot do", "unreadable"),
    (r"W\_o\_d \mathrel{+}= do \, z_t^T", "pass"),
    (r"b\_o\_d \mathrel{+}= do", "pass"),
    (r"dC = dC\_next", "pass"),
    (r"dC \mathrel{+}= dh \odot o_t \odot (1 - tanh(C_t) \odot tanh(C_t))", "unreadable"),
    (r"dg = dC \odot i_t", "pass"),
    (r"dg = (1 - g_t \odot g_t) \odot dg", "pass"),
    (r"W\_g\_d \mathrel{+}= dg \, z_t^T", "pass"),
    (r"di = dC \odot g_t", "pass"),
    (r"di = sigmoid'(i_t) \odot di", "unreadable"),         # i_t (1 - i_t), or the sigmoid's derivative at i_t
    (r"W\_i\_d \mathrel{+}= di \, z_t^T", "pass"),
    (r"b\_i\_d \mathrel{+}= di", "pass"),
    (r"df = dC \odot C\_prev", "pass"),
    (r"df = sigmoid(f_t) \odot df", "fail"),                # the sigmoid itself, not its derivative
    (r"W\_f\_d \mathrel{+}= df \, z_t^T", "pass"),
    (r"b\_f\_d \mathrel{+}= df", "pass"),
    (r"dz = W\_f^T df + W\_i^T di + W\_g^T dg + W\_o^T do", "pass"),
    (r"dh\_prev = dz[:hidden\_size, :]", "pass"),
    (r"dC\_prev = f_t \odot dC", "pass"),
]


def _text(rows):
    return MATHS + "".join(f"$$ {r} $$\n" for r in rows)


def _statuses(rows):
    res = {r.line: r for r in verify_derivation(_text(rows)).results}
    first = MATHS.count("\n") + 1
    return {rows[k]: res[first + k] for k in range(len(rows))}


def test_the_restated_cell_is_completed_and_its_backward_rows_judged():
    got = _statuses([r for r, _ in BACKWARD])
    for row, want in BACKWARD:
        assert got[row].status == want, (row, got[row].status, got[row].why)
    assert "start of the gradient the backward loop carries" in got[r"dh\_next = 0"].why
    assert "list of the loop's states" in got[r"do = dh \odot tanh(C_t)"].why
    assert "code helper" in got[r"di = sigmoid'(i_t) \odot di"].why


def test_mutated_rows_fail():
    swaps = {r"dh\_next = 0": r"dh\_next = 1",
             r"W\_o\_d \mathrel{+}= do \, z_t^T": r"W\_o\_d \mathrel{+}= di \, z_t^T",          # a swapped gate
             r"b\_f\_d \mathrel{+}= df": r"b\_f\_d \mathrel{+}= -df",                            # a wrong sign
             r"dC\_prev = f_t \odot dC": r"dC\_prev = i_t \odot dC",
             r"W\_g\_d \mathrel{+}= dg \, z_t^T": r"W\_g\_d \mathrel{+}= dg \, z_t",             # no transpose
             r"dz = W\_f^T df + W\_i^T di + W\_g^T dg + W\_o^T do":
                 r"dz = W\_f^T df + W\_i^T di + W\_g^T dg"}                                    # a dropped term
    rows = [swaps.get(r, r) for r, _ in BACKWARD]
    got = _statuses(rows)
    for new in swaps.values():
        assert got[new].status == "fail", (new, got[new].status, got[new].why)


def test_no_completion_when_the_code_never_writes_the_names_it_would_need():
    # W_f, W_i, b_f, b_i are written nowhere: the rows left out cannot be completed, the backward rows stay
    # unreadable (the gate o would be a given input of the code's cell)
    rows = [r"dh = W\_v^T dv", r"do = dh \odot tanh(C\_prev)", r"W\_o\_d \mathrel{+}= do \, z^T"]
    for row, r in _statuses(rows).items():
        assert r.status == "unreadable", (row, r.status, r.why)
        assert "computed by the cell stated before" in r.why
