r"""Round 39 notations: numpy code that flattens and re-columns its vectors (``ddi.ravel()``,
``da[:, np.newaxis]``) and joins the gates' pre-activation gradients end to end (``np.hstack((ddi.ravel(),
...))``), after ratsgo's LSTM ``lossFun`` (2017), whose ``ddg`` takes tanh of a value that already is one.

The verdicts are worked out by hand and confirmed by central finite differences of the same code run here
(independent of symlstm); the published slip must fail and its fix must pass.
"""
import numpy as np

from symlstm.verify import verify_file

#: An LSTM with one stacked pre-activation, its gates sliced from it, as ratsgo's lossFun writes it (the
#: character encoding and the clipping cut; hidden_size is a global of the script). ``{DDG}`` is the candidate's pre-activation gradient.
LSTM_CODE = '''\
```python
import numpy as np

def lossFun(inputs, targets, hprev, cprev, Wxh, Whh, bh, Why, by):
    xs, hs, cs, is_, fs, os, gs, ys, ps = {}, {}, {}, {}, {}, {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    cs[-1] = np.copy(cprev)
    loss = 0
    H = hidden_size
    for t in range(len(inputs)):
        xs[t] = inputs[t]
        tmp = np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh
        is_[t] = sigmoid(tmp[:H])
        fs[t] = sigmoid(tmp[H:2 * H])
        os[t] = sigmoid(tmp[2 * H: 3 * H])
        gs[t] = np.tanh(tmp[3 * H:])
        cs[t] = fs[t] * cs[t-1] + is_[t] * gs[t]
        hs[t] = os[t] * np.tanh(cs[t])
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dhnext, dcnext = np.zeros_like(hs[0]), np.zeros_like(hs[0])
    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1
        dWhy += np.dot(dy, hs[t].T)
        dby += dy
        dh = np.dot(Why.T, dy) + dhnext
        dc = dcnext + (1 - np.tanh(cs[t]) * np.tanh(cs[t])) * dh * os[t]
        dcnext = dc * fs[t]
        di = dc * gs[t]
        df = dc * cs[t-1]
        do = dh * np.tanh(cs[t])
        dg = dc * is_[t]
        ddi = (1 - is_[t]) * is_[t] * di
        ddf = (1 - fs[t]) * fs[t] * df
        ddo = (1 - os[t]) * os[t] * do
        ddg = {DDG}
        da = np.hstack((ddi.ravel(),ddf.ravel(),ddo.ravel(),ddg.ravel()))
        dWxh += np.dot(da[:,np.newaxis],xs[t].T)
        dWhh += np.dot(da[:,np.newaxis],hs[t-1].T)
        dbh += da[:, np.newaxis]
        dhnext = np.dot(Whh.T, da[:, np.newaxis])
    return loss, dWxh, dWhh, dWhy, dbh, dby
```
'''
RIGHT = "(1 - gs[t] * gs[t]) * dg"
PUBLISHED = "(1 - np.tanh(gs[t]) * np.tanh(gs[t])) * dg"
#: 1-based lines of the note: the gates' pre-activation gradients, the stack, the sums built from it.
DD_LINES, DDG_LINE, DA_LINE, SUM_LINES = (37, 38, 39), 40, 41, (42, 43, 44, 45)


def _note(ddg):
    return LSTM_CODE.replace("{DDG}", ddg)


def _oracle(ddg, seed=39, n_x=3, n_h=2, n_y=4, steps=3, eps=1e-6):
    """(the code's dWxh, dWhh, dbh; central differences of its loss by Wxh, Whh, bh): the code run by numpy."""
    body = _note(ddg).split("```python\n", 1)[1].split("```", 1)[0]
    scope = {"np": np, "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "hidden_size": n_h}
    exec(compile(body, "<fence>", "exec"), scope)      # the test's own fixed code, never user text
    f = scope["lossFun"]
    rng = np.random.default_rng(seed)
    inputs = [rng.normal(size=(n_x, 1)) for _ in range(steps)]
    targets = [int(rng.integers(n_y)) for _ in range(steps)]
    params = [rng.normal(scale=0.5, size=s) for s in ((4 * n_h, n_x), (4 * n_h, n_h), (4 * n_h, 1),
                                                      (n_y, n_h), (n_y, 1))]
    h0, c0 = rng.normal(size=(n_h, 1)), rng.normal(size=(n_h, 1))
    out = f(inputs, targets, h0, c0, *params)
    fds = []
    for k in range(3):
        g = np.zeros_like(params[k])
        for idx in np.ndindex(*params[k].shape):
            for sign in (1, -1):
                p = [q.copy() for q in params]
                p[k][idx] += sign * eps
                g[idx] += sign * f(inputs, targets, h0, c0, *p)[0] / (2 * eps)
        fds.append(g)
    return (out[1], out[2], out[4]), fds


def _statuses(tmp_path, text):
    p = tmp_path / "note.md"
    p.write_text(text, encoding="utf-8")
    out = {}
    for r in verify_file(None, str(p)).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def test_oracle_the_published_ddg_is_wrong_and_its_fix_right():
    got, fd = _oracle(RIGHT)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(got, fd))
    got, fd = _oracle(PUBLISHED)
    assert not np.allclose(got[0], fd[0], atol=1e-3)


def test_flattened_and_recolumned_vectors_are_read(tmp_path):
    st = _statuses(tmp_path, _note(RIGHT))
    for line in (*DD_LINES, DDG_LINE, *SUM_LINES):
        assert st.get(line) == ["pass"], (line, st.get(line))
    assert st.get(DA_LINE) in (None, ["unreadable"], ["pass"])     # a name of the code, read by its uses (or as
    #                                                                  the stacked pre-activation's gradient)


def test_the_published_tanh_twice_fails_on_its_own_line(tmp_path):
    st = _statuses(tmp_path, _note(PUBLISHED))
    assert st.get(DDG_LINE) == ["fail"]
    for line in (*DD_LINES, *SUM_LINES):
        assert st.get(line) == ["pass"], (line, st.get(line))


def test_a_stack_in_the_wrong_order_fails(tmp_path):
    text = _note(RIGHT).replace("np.hstack((ddi.ravel(),ddf.ravel(),ddo.ravel(),ddg.ravel()))",
                                "np.hstack((ddf.ravel(),ddi.ravel(),ddo.ravel(),ddg.ravel()))")
    st = _statuses(tmp_path, text)
    assert any(st.get(line) == ["fail"] for line in SUM_LINES + (DA_LINE,)), st


def test_a_size_read_off_an_array_is_no_formula(tmp_path):
    """``H = Whh.shape[1]`` (as ``N, H = h.shape``) names a size: the gates sliced by it are read, and so is every
    gradient built from them (before, H was read as a quantity of the cell and fixed Whh square)."""
    text = _note(RIGHT).replace("    H = hidden_size\n", "    H = Whh.shape[1]\n")
    assert text != _note(RIGHT)
    got, fd = _oracle(RIGHT)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(got, fd))     # (the same code: H is n_h either way)
    st = _statuses(tmp_path, text)
    assert 9 not in st                                  # the size's own line states no formula
    for line in (11, 12, 13, 14, 15, 16, *DD_LINES, DDG_LINE, *SUM_LINES):
        assert st.get(line) == ["pass"], (line, st.get(line))
