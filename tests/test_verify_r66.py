r"""Round 66: 11-785's GRU with ``np.tensordot`` and row reshapes, an update's link, a continuation past a recalled
row, ``h_(t-1)``, ``np.transpose(np.concatenate(...))``, a previous step read at index -1.

* ``np.tensordot(A, B, 1)`` is ``A @ B``; in a function that makes its vectors rows (``self.x =
  self.x.reshape(1, -1)``), ``(...).reshape(1, -1)`` is the row the value already is (11-785's GRU backward, copied
  verbatim by at least two students: derivations/firstcontact/round20-tb and round66-b).
* ``W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W} \\ = W_{(in)}^t - \epsilon \sum ...`` (a Japanese study
  note): the update's later link takes the step from another name, a fail; the link defines no quantity of the
  cell (it used to empty the whole derivation: every row "states no forward equations").
* A row ``= ...`` with derivatives after a forward row the prose recalls goes on with the gradient's chain before.
* ``h_(t-1)`` (a Korean notebook's Markdown): the script in round brackets, h_{t-1}.
* ``concat_T = np.transpose(np.concatenate((a_prev, xt)))``: the stack's transpose under a name of its own.
* ``dW += np.outer(da, H[t-1])`` in ``for t in reversed(range(T))`` where ``H[t]`` holds step t: at t = 0 the
  index is -1, the last step (numpy counts from the end): the row fails (judging/wrapindex.py).

Every expected verdict is worked out by hand in the comments (the GRU's and the LSTM's chain rules); the mutated
rows are the ones a reader must fail.
"""
from pathlib import Path

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify import verify_file

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "derivations" / "firstcontact"


def _verdicts(text):
    out = {}
    for r in verify_derivation(text).results:
        if r.line not in out or r.status == "fail":
            out[r.line] = (r.status, r.why or "")
    return out


def _file_verdicts(path):
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        if r.line not in out or r.status == "fail":
            out[r.line] = (r.status, r.why or "")
    return out


# ------------------------------------------------------------------ 11-785's GRU: tensordot and row reshapes
GRU = FIRST / "round66-b" / "gru_kamalbasulaiman.py"


def test_cmu_gru_with_tensordot_and_row_reshapes_reads_every_row():
    # forward (59-62): r, z = sigma(Wx x + Wh h), h~ = tanh(Wh (r*h) + Wx x), h_t = (1-z) h + z h~;
    # backward with delta = dL/dh_t: dh~ = delta z (102); dWx = (dh~ tanh')^T x etc. as outer products of the
    # pre-activations' gradients with the inputs (104-109, one step's part, accumulated with +=); dh (112) sums the
    # four paths to h: delta (1-z), through z (Wzh), through h~ (Wh then times r) and through r (Wrh); dx (117) the
    # three paths to x. All hold (the annotator's finite differences agree).
    got = _file_verdicts(GRU)
    for line in (59, 60, 61, 62, 102, 104, 105, 106, 107, 108, 109, 112, 117):
        assert got[line][0] == "pass", (line, got[line])


def test_cmu_gru_mutations_fail(tmp_path):
    text = GRU.read_text(encoding="utf-8").split("\n")
    # dh without the factor r on the path through h~ (line 114): d(Wh (r*h))/dh = Wh^T diag(r), the r is needed
    broken = list(text)
    assert broken[113].endswith(",self.Wh,1)*self.r + \\")
    broken[113] = broken[113].replace(",self.Wh,1)*self.r + \\", ",self.Wh,1) + \\")
    (tmp_path / "a.py").write_text("\n".join(broken), encoding="utf-8")
    assert _file_verdicts(tmp_path / "a.py")[112][0] == "fail"
    # dWzx with h - h~ for h~ - h (line 108): dh_t/dz = h~ - h, a sign flip
    broken = list(text)
    broken[107] = broken[107].replace("self.h_tilda-self.hidden", "self.hidden-self.h_tilda")
    (tmp_path / "b.py").write_text("\n".join(broken), encoding="utf-8")
    assert _file_verdicts(tmp_path / "b.py")[108][0] == "fail"


# ------------------------------------------------------------------ an update's later link
UPDATE = r"""$$
u^t = W_{in} x^t + W z^{t-1} + b
$$

$$
z^t = f(u^t)
$$

$$
W^{t+1} = W^{t} - \epsilon \frac{\partial E}{\partial W} \\
= W_{in}^{t} - \epsilon \sum_{z=0}^{T_t} \delta^{t-z} [z^{t-z-1}]^T
$$
"""


def test_update_link_from_another_name_fails_and_leaves_the_cell():
    got = _verdicts(UPDATE)
    # the forward rows define the cell (the update's link defines nothing of it)
    assert got[2][0] == "pass" and got[6][0] == "pass"
    # W^{t+1} = W^t - eps dE/dW: gradient descent, right
    assert got[10][0] == "pass" and "update rule" in got[10][1]
    # = W_in^t - eps ...: the same step taken from W_in, not from W: wrong whatever the sum is
    assert got[11][0] == "fail" and "starts from W_{in}" in got[11][1]


def test_update_link_spelling_the_gradient_is_judged_as_the_gradient():
    # b^{t+1} = b^t - eps dE/db = b^t - eps sum_k delta^{t-k}: dE/db = sum of the pre-activations' gradients over
    # the steps (u = W_in x + W z + b): right; with a single step's delta it is one step's part only
    text = UPDATE.replace(r"W^{t+1} = W^{t} - \epsilon \frac{\partial E}{\partial W} \\",
                          r"b^{t+1} = b^{t} - \epsilon \frac{\partial E}{\partial b} \\").replace(
        r"= W_{in}^{t} - \epsilon \sum_{z=0}^{T_t} \delta^{t-z} [z^{t-z-1}]^T",
        r"= b^{t} - \epsilon \frac{\partial E}{\partial u^{t}}")
    got = _verdicts(text)
    assert got[2][0] == "pass" and got[6][0] == "pass" and got[10][0] == "pass"
    assert got[11][0] == "pass"


# ------------------------------------------------------------------ a continuation past a recalled forward row
CONTINUED = r"""$$
a_t = W h_{t-1} + U x_t
$$

$$
h_t = \tanh(a_t)
$$

$$
\frac{\partial h_t}{\partial h_{t-1}} = \frac{\partial h_t}{\partial a_t} \frac{\partial a_t}{\partial h_{t-1}}
$$

since

$$
a_t = W h_{t-1} + U x_t
$$

we get

$$
= \frac{\partial h_t}{\partial a_t} W
$$
"""


def test_continuation_goes_on_with_the_gradient_chain():
    got = _verdicts(CONTINUED)
    # the chain rule of Jacobians (line 10), the recalled forward row (16), and the chain's next link (22):
    # dh_t/dh_{t-1} = (dh_t/da_t) W, since da_t/dh_{t-1} = W (read as a_t = ..., it would be ill-typed)
    assert [got[k][0] for k in (2, 6, 10, 16, 22)] == ["pass"] * 5
    # W^T in place of W: dh_t/dh_{t-1} is diag(1 - h^2) W (numerator layout), not diag(1 - h^2) W^T
    assert _verdicts(CONTINUED.replace(r"{\partial a_t} W", r"{\partial a_t} W^T"))[22][0] == "fail"


# ------------------------------------------------------------------ h_(t-1)
PAREN_SCRIPTS = r"""- $f_t = σ(W_f[h_(t-1), x_t] + b_f)$
- $i_t = σ(W_i[h_(t-1), x_t] + b_i)$
- $o_t = σ(W_o[h_(t-1), x_t] + b_o)$
- $C_t = f_t * C_(t-1) + i_t * tanh(W_c[h_(t-1), x_t] + b_c)$
- $h_t = o_t * tanh(C_t)$
"""


def test_round_bracket_scripts_are_times():
    got = _verdicts(PAREN_SCRIPTS)
    assert [got[k][0] for k in range(1, 6)] == ["pass"] * 5


# ------------------------------------------------------------------ np.transpose(np.concatenate(...))
ARHAT = FIRST / "round66-a" / "lstm_arhatk9.py"


def test_transposed_stack_bound_to_a_name():
    # concat_T = [a_prev; xt]^T (146); dWf = dft concat^T, the pre-activation's gradient times the stacked input's
    # transpose (166-169): right
    got = _file_verdicts(ARHAT)
    for line in (146, 166, 167, 168, 169):
        assert got[line][0] == "pass", (line, got[line])


def test_transposed_stack_mutation_fails(tmp_path):
    text = ARHAT.read_text(encoding="utf-8").split("\n")
    assert text[165].strip() == "dWf = np.dot(dft , concat_T)"
    text[165] = text[165].replace("dft", "dit")        # the input gate's gradient for the forget gate's
    (tmp_path / "a.py").write_text("\n".join(text), encoding="utf-8")
    assert _file_verdicts(tmp_path / "a.py")[166][0] == "fail"


# ------------------------------------------------------------------ a previous step read at index -1
WRAP = '''```python
def forward(X, h0, W, U, b):
    T = X.shape[0]
    H = np.zeros((T, h0.shape[0]))
    h = h0
    for t in range(T):
        h = np.tanh(W @ h + U @ X[t] + b)
        H[t] = h
    return H

def backward(X, H, h0, dH, W, U):
    dW = np.zeros_like(W)
    dU = np.zeros_like(U)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(X.shape[0])):
        dh = dH[t] + dh_next
        da = dh * (1 - H[t] ** 2)
        dW += np.outer(da, H[t-1])
        dU += np.outer(da, X[t])
        dh_next = W.T @ da
    return dW, dU
```
'''


def test_previous_step_at_index_minus_one_fails():
    # H holds step t at index t (H[t] = h); the backward loop runs t = T-1 ... 0, so at t = 0 H[t-1] is H[-1],
    # the LAST state, where dW's step-0 term needs h0: numpy counts -1 from the end
    got = _verdicts(WRAP)
    assert got[18][0] == "fail" and "index -1" in got[18][1]
    # guarded (if t > 0:) the step 0 is handled apart: no such verdict
    guarded = WRAP.replace("        dW += np.outer(da, H[t-1])", "        if t > 0:\n            dW += np.outer(da, H[t-1])")
    assert not any("index -1" in why for _, why in _verdicts(guarded).values())
    # a store of the initial state at index -1 (min-char-rnn's hs[-1] = np.copy(hprev)) makes H[t-1] right
    kept = WRAP.replace("    H = np.zeros((T, h0.shape[0]))", "    H = {}\n    H[-1] = np.copy(h0)")
    assert not any("index -1" in why for _, why in _verdicts(kept).values())
    # a forward loop that reads H[t-1] at its own first step: in an array of zeros T rows long, its step 0 reads a
    # zero there (the last row is not filled yet), but once the loop has run H[-1] is the last state, so the
    # backward's H[t-1] at t = 0 is still wrong (round 69: PyNN's LSTM); one row more (T + 1) keeps -1 the zero start
    mirrored = WRAP.replace("        h = np.tanh(W @ h + U @ X[t] + b)\n        H[t] = h",
                            "        H[t] = np.tanh(W @ H[t-1] + U @ X[t] + b)")
    assert "H[t-1] + U" in mirrored
    assert _verdicts(mirrored)[17][0] == "fail" and "index -1" in _verdicts(mirrored)[17][1]
    longer = mirrored.replace("np.zeros((T, h0.shape[0]))", "np.zeros((T + 1, h0.shape[0]))")
    assert not any("index -1" in why for _, why in _verdicts(longer).values())
    # a loop that stops at t = 1 never reads index -1
    short = WRAP.replace("reversed(range(X.shape[0]))", "reversed(range(1, X.shape[0]))")
    assert not any("index -1" in why for _, why in _verdicts(short).values())
