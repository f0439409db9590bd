r"""Round 67: per-step activation objects, scalar inputs, a forward that reads index -1 beside its own guard, a
numerical gradient check beside the cell, the state before a step chosen by the step's index.

* M. Hohle's lecture LSTM and its copies (derivations/firstcontact/round25-c, round60-e, round67-d) apply one
  activation object per step: ``Sigmf = [Sigmoid() for t in range(T)]``, ``Sigmf[t].forward(outf)``, ``ft =
  Sigmf[t].output``, and in the backward ``Sigmf[t].backward(g)``, ``dsigmf = Sigmf[t].dinputs``
  (text/objectlists.py). A list holding one object in every slot (``[Activation for i in range(T)]``) is left
  unread: its ``dinputs`` is the last step's at every step.
* Their input is a scalar (``xt = X_t[t].reshape(1,1)``, input weights n x 1): the reader's default input of two
  entries made every input gradient ill-typed.
* A GRU notebook's forward reads ``H[t-1]`` at t = 0 (the array's last row) beside its own ``h_prev = H[t-1] if
  t > 0 else h0``: the rows that read ``H[t-1]`` fail (judging/wrapindex.py); ``h_prev`` itself is read as the
  state before the step.
* A numerical gradient check (``mat.flat[i] += epsilon``, the model run again, ``rel_error = ...``) is a model of
  its own, not rows of the cell.

Every expected verdict is worked out by hand in the comments.
"""
from pathlib import Path

from symlstm.verify import verify_file
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.judging.wrapindex import WRAP_NOTE
from symlstm.verify.text.codefences import _first_step_choices, _gradient_check_lines
from symlstm.verify.text.objectlists import object_lists

FIRST = Path(__file__).resolve().parent.parent / "derivations" / "firstcontact"


def _verdicts(text):
    out = {}
    for r in verify_derivation(text).results:
        if r.line not in out or r.status == "fail":
            out[r.line] = (r.status, r.why or "", r.notes)
    return out


# ------------------------------------------------------------------ activation objects, one per step
def test_object_lists_write_the_functions_they_apply():
    lines = [
        "        Sigmf = [Sigmoid() for t in range(T)]",
        "        Tanh2 = [TanH() for t in range(T)]",
        "        self.sigmF = Sigmf",
        "    def cell(self, X_t, ht, ct):",
        "        for t, xt in enumerate(X_t):",
        "            Sigmf[t].forward(outf)",
        "            ft = Sigmf[t].output",
        "            ct = ft * ct",
        "            Tanh2[t].forward(ct)",
        "            ht = Tanh2[t].output * ot",
        "            F[t] = ft",
        "            C[t+1] = ct",
        "    def backward(self, dvalues):",
        "        sigmF = self.sigmF",
        "        for t in reversed(range(T)):",
        "            sigmF[t].backward(dctdft)",
        "            dsigmf = sigmF[t].dinputs",
        "            do = dh * Tanh2[t].output",
    ]
    out = object_lists(lines)
    assert out[5] == "" and out[15] == ""             # the calls themselves: blank (line numbers kept)
    assert out[6].strip() == "ft = sigmoid(outf)"     # the output after the forward call, in the same method
    assert out[9].strip() == "ht = tanh(ct) * ot"
    # in the backward: the value the forward stored (F[t] = ft: the output; C[t+1] = ct: the input), through an
    # alias of the list (self.sigmF = Sigmf; sigmF = self.sigmF); dinputs is the incoming gradient times the
    # derivative written through the output (y (1 - y))
    assert out[16].strip() == "dsigmf = ((dctdft) * (F[t]) * (1 - (F[t])))"
    assert out[17].strip() == "do = dh * tanh(C[t+1])"


def test_one_shared_object_is_not_read():
    lines = ["        ACT = [Activation for i in range(self.T)]",
             "        for t in range(T):",
             "            ACT[t].forward(out)",
             "            ht = ACT[t].output"]
    assert object_lists(lines) == lines       # every slot holds the same object: its output is the last call's


HOHLE = FIRST / "round25-c" / "hohle_lstm_bptt_lecture_code.md"


def _file_verdicts(path):
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        if r.line not in out or r.status == "fail":
            out[r.line] = (r.status, r.why or "")
    return out


def test_hohle_lstm_per_step_objects_and_scalar_input():
    # forward (column vectors, scalar input x_t: U_g is n x 1): f, i, o = sigmoid(U x + W h_{t-1} + b) read from
    # the objects (118, 123, 128), the candidate tanh(...) (133), h_t = tanh(c_t) o_t (139): all hold.
    # backward (the annotator's finite differences): dsigmo = o (1 - o) (dh * tanh(c_t)) from Sigmo[t].backward
    # (200) holds; dhtdtanh = o_t (1 - tanh^2 c_t) dh_t (184) is used as dL/dc_t but has no f_{t+1} dc_{t+1}
    # path: a published error, caught; the accumulations of the gates' U and b (205-207, 212-214, 219-221) hold
    # as step parts
    got = _file_verdicts(HOHLE)
    for line in (118, 123, 128, 133, 139, 200, 205, 206, 207, 212, 213, 214, 219, 220, 221):
        assert got[line][0] == "pass", (line, got[line])
    assert got[184][0] == "fail", got[184]


def test_hohle_lstm_mutated_object_gradient_fails(tmp_path):
    # the output gate's object given dh_t instead of dh_t * tanh(c_t): dsigmo = o (1 - o) dh is not the gradient
    # of o's pre-activation (h_t = tanh(c_t) o_t): fails
    text = HOHLE.read_text(encoding="utf-8")
    wrong = text.replace("Sigmo[t].backward(np.multiply(dht, Tanh2[t].output))", "Sigmo[t].backward(dht)")
    assert wrong != text
    path = tmp_path / "hohle.md"
    path.write_text(wrong, encoding="utf-8")
    assert _file_verdicts(path)[200][0] == "fail"


# ------------------------------------------------------------------ index -1 read beside the loop's own guard
GRU_FORWARD = """A GRU's forward in row layout (x W), H holding step t at index t:

```python
def gru_forward(X, Wz, Uz, bz, Wr, Ur, br, Wh, Uh, bh, h0):
    H = np.zeros((length, batch_size, n_hidden))
    for t in range(length):
        h_prev = H[t-1] if t > 0 else h0
        x = X[t]
        z = sigmoid(np.dot(x, Wz) + np.dot(H[t-1], Uz) + bz)
        r = sigmoid(np.dot(x, Wr) + np.dot(h_prev, Ur) + br)
        h_hat = np.tanh(np.dot(x, Wh) + np.dot(r * h_prev, Uh) + bh)
        h_next = (1 - z) * h_prev + z * h_hat
        H[t] = h_next
    return H
```
"""


def test_forward_reading_index_minus_one_beside_its_guard_fails():
    got = _verdicts(GRU_FORWARD)
    # z reads H[t-1]: at t = 0 that is H[-1], the last row (zeros), not h0, which line 7 gives step 0: fails
    assert got[9][0] == "fail" and WRAP_NOTE in got[9][2], got[9]
    # r, h~ and h_t read h_prev, the state before the step: they hold
    for line in (10, 11, 12):
        assert got[line][0] == "pass", (line, got[line])


def test_forward_reading_index_minus_one_without_a_guard_is_not_judged_so():
    # without the loop's own choice of h0 at t = 0 nothing in the text says H[-1] is not meant (a dict, or an
    # array that keeps the initial state last): the row is read as the step before's state and holds
    text = GRU_FORWARD.replace("        h_prev = H[t-1] if t > 0 else h0\n", "        h_prev = H[t-1]\n")
    got = _verdicts(text)
    assert all(WRAP_NOTE not in v[2] for v in got.values())


def test_the_state_before_a_step_chosen_by_the_index():
    assert _first_step_choices(["    h_prev = H[t-1] if t > 0 else h0"]) == ["    h_prev = H[t-1]"]
    assert _first_step_choices(["    h = h0 if t == 0 else hs[t - 1]"]) == ["    h = hs[t - 1]"]
    assert _first_step_choices(["    y = a if flag else b"]) == ["    y = a if flag else b"]


# ------------------------------------------------------------------ a numerical gradient check beside the cell
def test_gradient_check_lines_are_a_model_of_their_own():
    lines = ["def forward(x):",
             "    h = np.tanh(W @ x)",
             "for j in range(len(variables)):",
             "    mat = variables[j]",
             "    for i in range(mat.size):",
             "        mat.flat[i] += epsilon",
             "        loss1 = np.sum(forward(X) * Y)",
             "        mat.flat[i] -= 2 * epsilon",
             "        rel_error = abs(a - b) / abs(a + b)"]
    groups = _gradient_check_lines(lines)
    assert set(groups) == set(range(2, 9))      # the loop that nudges a parameter, all of it
    assert _gradient_check_lines(lines[:2]) == {}


# ------------------------------------------------------------------ the initial state read at every step
GRU_BACKWARD = """A GRU's backward over the steps (column vectors, concat = [a_{t-1}; x_t]):

```python
def backward(self, X, a_prev, r, z, c, cc, a, y_pred, targets):
    da_next = np.zeros_like(a_prev)
    for t in reversed(range(X.shape[0])):
        xt = X[t, :].reshape(-1, 1)
        concat = np.vstack((a_prev, xt))
        dz = da_next * (a[t] - c[t])
        self.dWz += np.dot(dz, concat.T)
        da_next = np.dot(self.Wz[:, :self.hidden_size].T, dz)
```
"""


def test_the_initial_state_read_at_every_step_fails():
    from symlstm.verify.judging.loopconstants import CONSTANT_NOTE, constant_results
    got = {r.line: r for r in constant_results(GRU_BACKWARD)}
    # a_prev is the function's argument and nothing in the loop assigns it: concat is [a_0; x_t] at every step,
    # not [a_{t-1}; x_t] (a Kaggle GRU, derivations/firstcontact/round67-a/gru_scratch.md line 210)
    assert list(got) == [8] and CONSTANT_NOTE in got[8].notes and got[8].status == "fail"
    # assigned in the loop (a_prev = a[t - 1]), or rebound by a tuple with a stored item: the step's own state
    fixed = GRU_BACKWARD.replace("        concat = np.vstack((a_prev, xt))",
                                 "        a_prev = a[t - 1]\n        concat = np.vstack((a_prev, xt))")
    assert constant_results(fixed) == []
    tupled = GRU_BACKWARD.replace("        xt = X[t, :].reshape(-1, 1)",
                                  "        a_prev, caches[t] = step(X[t], a_prev)")
    assert constant_results(tupled) == []
    # a dictionary's key is no name (cache["a_prev"]); a choice by the step's index gives step 0 the initial state
    keyed = GRU_BACKWARD.replace("np.vstack((a_prev, xt))", 'np.vstack((cache["a_prev"], xt))')
    assert constant_results(keyed) == []
    chosen = GRU_BACKWARD.replace("np.vstack((a_prev, xt))", "np.vstack((a[t - 1] if t > 0 else a_prev, xt))")
    assert constant_results(chosen) == []
    # a name the text never binds (a fetch the transcription leaves out: c_prev = cache[t][...]) may be the step's
    elided = GRU_BACKWARD.replace("def backward(self, X, a_prev, r,", "def backward(self, X, r,")
    assert constant_results(elided) == []


# ------------------------------------------------------------------ a variable named as a function word
def test_a_variable_named_dtanh_is_a_factor_not_a_function():
    from symlstm.verify.text.codefences import fenced_rows
    text = "```python\nfor t in reversed(range(T)):\n    d_tanh = (1 - h_s[t] ** 2) * dh\n" \
           "    dWhh += d_tanh.dot(h_s[t-1].T)\n    dx = np.dot(Wxh.T, d_tanh)\n```\n"
    rows = {r[0]: r[2] for r in fenced_rows(text)[3]}
    # d_tanh (the gradient at tanh's input, dtanh once the d_ prefix is read) times h_{t-1}^T: a product sign,
    # not the function dtanh applied to the bracket (the row had read as 1 x 3 against dW_hh's 3 x 3 and failed)
    assert rows[4] == r"dW_{hh}  \mathrel{+}=  (dtanh \cdot (h_{s,t-1}^{T}))", rows[4]
    assert r"\cdot" not in rows[5]
