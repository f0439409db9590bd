r"""Round 60: what a report owes its reader.

* Every formula a numpy fence holds gets a status: one the reader cannot check (it reads a name no formula
  defines, ``dy = y[t] - targets[t]``) is reported ``unreadable`` with why, no longer left out of the report, and
  the file's exit status says so (1), while the fence's other rows are still judged.
* The correct right side a failure prints is the right side of the row as written, or nothing: it is written for
  the total loss at the row's own step, so a left side at another step (``da_{prev}``, ``\delta h_T``) or of one
  step's loss (``\partial L_t / \partial W``) gets none (before, ``da_{prev}``'s failure printed the formula of a
  pre-activation's gradient at step t, without the W_aa^T). A state's d-name is its own gradient (``da_t``, not
  the pre-activation's); a pre-activation the author never names is written through its unit
  (``W_{aa}^\top (da_{t+1} \odot (1 - a_{t+1}^2))``, not ``d\bar{a}_{t+1}``), and a gate's step joins its own
  subscript (``\Gamma_{o,t}``: the reader cannot read ``{\Gamma_o}_{t}``). The oracle: the printed side, put in
  place of the wrong one, reads back and passes (the cell's chain rule, worked out by hand in each test).
"""
import pytest

from symlstm.commands.cli import main
from symlstm.verify.judging.judge import verify_derivation

RNN = r"$$a_t = \tanh(W_{aa} a_{prev} + W_{ax} x_t + b_a)$$" + "\n"

COURSERA_LSTM = "\n".join([
    r"$$\Gamma_f = \sigma(W_f [a_{prev}, x_t] + b_f)$$",
    r"$$\Gamma_u = \sigma(W_u [a_{prev}, x_t] + b_u)$$",
    r"$$\tilde c_t = \tanh(W_c [a_{prev}, x_t] + b_c)$$",
    r"$$c_t = \Gamma_f \odot c_{prev} + \Gamma_u \odot \tilde c_t$$",
    r"$$\Gamma_o = \sigma(W_o [a_{prev}, x_t] + b_o)$$",
    r"$$a_t = \Gamma_o \odot \tanh(c_t)$$",
]) + "\n"


def _rows(text):
    return {r.line: r for r in verify_derivation(text).results}


def _read_back(text, line, left):
    """The row on ``line`` replaced by ``left = <its printed correct right side>``: the new row's verdict."""
    r = _rows(text)[line]
    assert r.status == "fail" and r.correct_latex, (r.status, r.why)
    lines = text.split("\n")
    lines[line - 1] = f"$${left} = {r.correct_latex}$$"
    return r.correct_latex, _rows("\n".join(lines))[line]


# By hand: a_t = tanh(W_aa a_{t-1} + ...) reads a_t at step t+1 only, so dL/da_t = dL_t/da_t (the generic loss's
# own term; the text states no head) + W_aa^T (da_{t+1} * (1 - a_{t+1}^2)). The row below drops the tanh' square
# and the recursion's step: it fails, and the printed side holds.
@pytest.mark.parametrize("wrong", [r"W_{aa}^T (da_t \odot (1 - a_t))", r"da_{t+1}"])
def test_a_state_gradient_printed_through_its_unit_reads_back(wrong):
    text = RNN + f"$$da_t = {wrong}$$\n"
    side, again = _read_back(text, 2, "da_t")
    assert "W_{aa}^{\\top}" in side and "\\bar" not in side and "1 - a_{t+1}^{2}" in side
    assert again.status == "pass", (side, again.why)


# By hand: dL/dW_aa = sum_t (dL/da_t * (1 - a_t^2)) a_{t-1}^T (the pre-activation's gradient times the state it
# multiplies); the printed side names no \bar{a}.
def test_a_weight_gradient_printed_through_the_unit_reads_back():
    text = RNN + r"$$\frac{\partial L}{\partial W_{aa}} = a_{t-1}^T$$" + "\n"
    side, again = _read_back(text, 2, r"\frac{\partial L}{\partial W_{aa}}")
    assert "\\bar" not in side and "a_{t-1}^{\\top}" in side
    assert again.status == "pass", (side, again.why)


# By hand (Coursera's LSTM, gates without a step): c_t reaches the loss through a_t = Gamma_o tanh(c_t) and through
# c_{t+1} = Gamma_f c_t + ...: dc_t = dc_{t+1} Gamma_{f,t+1} + da_t Gamma_o (1 - tanh^2 c_t). Coursera's
# d\Gamma_o is the gate's pre-activation gradient: da_t tanh(c_t) Gamma_o (1 - Gamma_o).
@pytest.mark.parametrize("line,left,wrong", [
    (7, "dc_t", r"da_t \odot \Gamma_o \odot \tanh(c_t)"),
    (7, r"d\Gamma_o", r"da_t \odot \Gamma_o"),
])
def test_coursera_rows_printed_in_the_authors_names_read_back(line, left, wrong):
    text = COURSERA_LSTM + f"$${left} = {wrong}$$\n"
    side, again = _read_back(text, line, left)
    assert "{\\Gamma" not in side, side          # \Gamma_{o,t}, never {\Gamma_o}_{t}
    assert again.status == "pass", (side, again.why)


# No correct side where the formula would be another quantity's: the step before (da_{prev}), a named step
# (h_T), one step's loss (L_t). Each row is wrong (it fails) but no right side is printed for it.
@pytest.mark.parametrize("row", [
    r"da_{prev} = W_{aa}^T (da_t \odot (1 - a_t))",
    r"\frac{\partial L_t}{\partial W_{aa}} = a_{t-1}^T",
    r"\frac{\partial L}{\partial a_T} = W_{aa}^T a_T",
])
def test_no_correct_side_for_another_quantity(row):
    r = _rows(RNN + f"$${row}$$\n")[2]
    assert r.status == "fail", r.why
    assert r.correct_latex is None, r.correct_latex


CODE = "\n".join([
    "```python",
    "for t in range(len(inputs)):",
    "    h[t] = np.tanh(self.Wxh @ x[t] + self.Whh @ h[t-1] + self.bh)",
    "    y[t] = self.Why @ h[t] + self.by",
    "```",
    "",
    "```python",
    "for t in reversed(range(len(inputs))):",
    "    dy = y[t] - targets[t]",                    # line 9: targets is defined by no formula
    "    dh = self.Why.T @ dy + dhnext",
    "    dhraw = (1 - h[t] * h[t]) * dh",
    "    dhnext = np.dot(self.Whh.T, dhraw)",
    "```",
])


# By hand: line 3 and 4 are the forward cell (pass); dh = Why^T dy + dhnext and dhnext = Whh^T dhraw are step t's
# parts, dhraw = (1 - h^2) dh is tanh's derivative (pass). Line 9 reads `targets`, which nothing defines: the
# reader cannot check it, and says so.
def test_a_code_row_the_reader_cannot_check_is_reported(tmp_path, capsys):
    rows = _rows(CODE)
    assert {k: r.status for k, r in rows.items()} == {3: "pass", 4: "pass", 9: "unreadable", 10: "pass",
                                                      11: "pass", 12: "pass"}
    assert "not checked" in rows[9].why and "targets" in rows[9].why
    p = tmp_path / "code.md"
    p.write_text(CODE, encoding="utf-8")
    assert main(["verify", "--file", str(p)]) == 1       # an unreadable row: exit 1
    out = capsys.readouterr().out
    assert ":9:" in out and "unreadable" in out


# ---------------------------------------------------------------- a loop over a course's backward step
# Coursera's handout: one step of a tanh RNN and its backward step (the cache as the handout keeps it). The loss
# is L = sum_t <G_t, a_t> for a fixed G, so da[:, :, t] = G_t is the loss's own part at each step; the oracle is
# a central finite difference of L in each weight, independent of symlstm and of the loops below.
import inspect  # noqa: E402

import numpy as np  # noqa: E402


def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, p = cache
    dtanh = da_next * (1 - a_next ** 2)
    return {"dxt": p["Wax"].T @ dtanh, "da_prev": p["Waa"].T @ dtanh, "dWax": dtanh @ xt.T,
            "dWaa": dtanh @ a_prev.T, "dba": dtanh.sum(axis=1, keepdims=True)}


def _forward(x, a0, p):
    caches, a = [], a0
    for t in range(x.shape[2]):
        a_next = np.tanh(p["Wax"] @ x[:, :, t] + p["Waa"] @ a + p["ba"])
        caches.append((a_next, a, x[:, :, t], p))
        a = a_next
    return caches


def rnn_backward(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da0 = np.zeros((n_a, m))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]  # noqa: E501
        dx[:, :, t] = dxt
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def rnn_backward_output_path_only(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t], caches[t])
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]
    da0 = da_prevt
    return {"da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def rnn_backward_carry_only(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.random.rand(n_a, m)
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da_prevt, caches[t])
        da_prevt = gradients.get("da_prev")
        dWax = gradients.get("dWax")
        dWaa += gradients.get("dWaa")
        dba += gradients.get("dba")
    da0 = da_prevt
    return {"da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def _true_gradients():
    rng = np.random.default_rng(60)
    n_x, n_a, m, T = 3, 4, 2, 5
    p = {"Wax": rng.normal(size=(n_a, n_x)) * 0.5, "Waa": rng.normal(size=(n_a, n_a)) * 0.5,
         "ba": rng.normal(size=(n_a, 1))}
    x, a0, G = rng.normal(size=(n_x, m, T)), rng.normal(size=(n_a, m)), rng.normal(size=(n_a, m, T))

    def loss(q):
        return sum(float(np.sum(G[:, :, t] * c[0])) for t, c in enumerate(_forward(x, a0, q)))
    true = {}
    for k in ("Wax", "Waa", "ba"):
        g = np.zeros_like(p[k])
        for i in np.ndindex(*p[k].shape):
            up, dn = {**p, k: p[k].copy()}, {**p, k: p[k].copy()}
            up[k][i] += 1e-6
            dn[k][i] -= 1e-6
            g[i] = (loss(up) - loss(dn)) / 2e-6
        true["d" + k] = g
    return G, (_forward(x, a0, p), x), true


def _fence(fn):
    return "```python\n" + inspect.getsource(fn) + "```\n"


def _line_of(fn, needle):
    """The line (1-based, in _fence(fn)) of the first source line holding ``needle``."""
    return 1 + next(k for k, s in enumerate(inspect.getsource(fn).split("\n"), 1) if needle in s)


# The oracle first: the handout's loop gives every weight's true gradient, the mutants do not (the output path
# alone, or the carry alone from a random start with dWax set anew each step). Then the reader: the call of each
# loop passes exactly when the loop is right, and every row it judges in the loops gets the verdict worked out
# here by hand (the carried start at zero, the outputs each where they belong, dWax += its step part; a random
# start and `dWax = ...` fail).
def test_a_loop_over_the_handouts_step_is_judged_as_finite_differences_say():
    da, caches, true = _true_gradients()
    right = rnn_backward(da, caches)
    assert all(np.allclose(right[k], true[k], atol=1e-6) for k in true)
    np.random.seed(0)
    for wrong in (rnn_backward_output_path_only, rnn_backward_carry_only):
        got = wrong(da, caches)
        assert not np.allclose(got["dWaa"], true["dWaa"], atol=1e-3)

    rows = _rows(_fence(rnn_backward))
    call = _line_of(rnn_backward, "rnn_cell_backward(da[")
    assert rows[call].status == "pass", rows[call].why
    assert rows[_line_of(rnn_backward, "dxt, da_prevt")].status == "pass"
    assert rows[_line_of(rnn_backward, "dx[:, :, t] = dxt")].status == "pass"
    assert rows[_line_of(rnn_backward, "dWax += dWaxt")].status == "pass"
    assert rows[_line_of(rnn_backward, "da_prevt = np.zeros")].status == "pass"
    assert rows[_line_of(rnn_backward, "dx = np.zeros")].status == "pass"
    assert rows[_line_of(rnn_backward, "da0 = da_prevt")].status == "pass"

    rows = _rows(_fence(rnn_backward_output_path_only))
    call = rows[_line_of(rnn_backward_output_path_only, "rnn_cell_backward(")]
    assert call.status == "fail" and "sends back" in call.why, call.why
    assert rows[_line_of(rnn_backward_output_path_only, "da0 = da_prevt")].status == "fail"

    rows = _rows(_fence(rnn_backward_carry_only))
    call = rows[_line_of(rnn_backward_carry_only, "rnn_cell_backward(")]
    assert call.status == "fail" and "loss's own gradient" in call.why, call.why
    assert rows[_line_of(rnn_backward_carry_only, "np.random.rand")].status == "fail"
    assert rows[_line_of(rnn_backward_carry_only, 'dWax = gradients.get')].status == "fail"
    assert rows[_line_of(rnn_backward_carry_only, 'dWaa += gradients.get')].status == "pass"
    assert rows[_line_of(rnn_backward_carry_only, 'da_prevt = gradients.get')].status == "pass"


# An LSTM loop (Coursera's lstm_backward), by hand: c<t>'s gradient is only what step t+1 sends back (dc_prev of
# the call after), a<t>'s the output path plus the carry. A dc_prevt the loop never updates is zero at every step
# (fails); a carry taken from the other output (da_prevt = gradients["dc_prev"]) fails; CS231n's tuple-returning
# step with the sum formed before the call passes (a sum missing the carry fails on the line that forms it, as an
# annotator placed it in derivations/firstcontact/round47-c); another author's step of the same name returning
# (dh_prev, ds_prev, grads) is not the handout's and is left alone.
LSTM_LOOP = """```python
def lstm_backward(da, caches):
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        dWf += gradients["dWf"]
    da0 = da_prevt
```
"""


@pytest.mark.parametrize("old,new,line,status", [
    (None, None, 6, "pass"),
    ('        dc_prevt = gradients["dc_prev"]\n', "", 6, "fail"),
    ('da_prevt = gradients["da_prev"]', 'da_prevt = gradients["dc_prev"]', 7, "fail"),
    ("da[:, :, t] + da_prevt, dc_prevt", "da_prevt, dc_prevt", 6, "fail"),
])
def test_an_lstm_loop_over_the_handouts_step(old, new, line, status):
    text = LSTM_LOOP if old is None else LSTM_LOOP.replace(old, new)
    assert old is None or text != LSTM_LOOP
    r = _rows(text)[line]
    assert r.status == status, r.why


def test_cs231n_tuple_step_and_a_foreign_signature():
    text = """```python
def rnn_backward(dh, cache):
    dprev_h = np.zeros((N, H))
    for t in reversed(range(T)):
        dnext_h = dh[:, t, :] + dprev_h
        dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dnext_h, cache[t])
```
"""
    assert _rows(text)[5].status == "pass" and _rows(text)[6].status == "pass"
    mutant = _rows(text.replace("dh[:, t, :] + dprev_h", "dh[:, t, :]"))
    assert mutant[5].status == "fail" and "sends back" in mutant[5].why   # where the sum is formed
    assert mutant[6].status == "pass"            # the step itself takes what line 5 gives it
    foreign = text.replace("dx[:, t, :], dprev_h, dWx_t, dWh_t, db_t", "dh_prev, ds_prev, grads")
    assert _rows(foreign).get(6) is None or "course's backward step" not in " ".join(_rows(foreign)[6].notes)


# ---------------------------------------------------------------- hostile long runs
# Found by timing every context (a display, its left side, a code fence, a plain fence, prose) with one shape
# repeated (letters, blanks, a line per character, ...): a display of 20000 letters took 7 s (a naming pattern
# tried every start inside a run of letters), 100000 blanks in a code fence 200 s (patterns scanning blanks from
# each of their characters), 100000 fence lines 1.2 s before their bound was checked. Each is read, or refused, at
# once now.
from _timing import within  # noqa: E402

from symlstm.verify.text.latexparse import LatexError  # noqa: E402


@pytest.mark.parametrize("text", [
    "$$h_t = " + "a" * 20000 + "$$\n",
    "$$" + "W" * 20000 + " = h_t$$\n",
    "```python\nx" + " " * 200000 + "y\n```\n",
    "```python\nx" + "\t" * 200000 + "y\n```\n",
    "$$h_t = " + " " * 200000 + "x_t$$\n",
    "```python\nx = f(" + "a, " * 100000 + ")\n```\n",
])
def test_long_runs_are_read_at_once(text):
    elapsed, report = within(1.0, lambda: verify_derivation(text))
    assert elapsed < 1.0
    assert all(r.status in ("pass", "fail", "unreadable") for r in report.results)


def test_too_many_fence_lines_are_refused_before_any_reading():
    text = "```python\nx = " + "a\n" * 50000 + "```\n"
    elapsed, _ = within(0.5, lambda: pytest.raises(LatexError, verify_derivation, text))
    assert elapsed < 0.5


# ---------------------------------------------------------------- the reader's own names stay inside
# The notes where the reader's names had reached a message (a code variable assigned twice, ``x@1``; an accented
# key, ``hat:y``): every why, note and correct side now writes the names as the text does.
from pathlib import Path  # noqa: E402
import re  # noqa: E402

from symlstm.verify import verify_file  # noqa: E402

NOTES = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"


@pytest.mark.parametrize("note", ["round60-e/horecdev_lstm_core.md", "round21-vc/go2carter_rnn_gradients_einstein.md",
                                  "round24-bb/andiran_lstm_crypto_matlab.md"])
def test_no_internal_name_reaches_a_message(note):
    report = verify_file(None, str(NOTES / note), timeout=10)
    shown = [x for r in report.results for x in (r.why or "", r.correct_latex or "", *r.notes)]
    assert not [x for x in shown if re.search(r"\w@\d|(?<![A-Za-z\\])(?:hat|tilde|bar):[A-Za-z]", x)]
    assert any("\\hat{y}" in x for x in shown) or "go2carter" not in note


# CS231n's lstm_backward with dh0 set to zeros before the loop, never set after it, and returned (a student's
# published slip, derivations/firstcontact/round61-c): the first state's gradient is what step 0 sends back
# (dprev_h after the loop), so that start fails; with `dh0 = dprev_h` after the loop the start is no claim (it is
# overwritten) and the assignment passes. np.asfarray (removed in numpy 2.0) is a function the code could call.
CS231N_LSTM = """```python
def lstm_backward(dh, cache):
    dprev_h = np.zeros((N, H))
    dprev_c = np.zeros((N, H))
    dh0 = np.zeros((N, H))
    for t in reversed(range(T)):
        dx_t, dprev_h, dprev_c, dWx_t, dWh_t, db_t = lstm_step_backward(dh[:, t, :] + dprev_h, dprev_c, cache[t])
        dWx += dWx_t
    return dx, dh0, dWx, dWh, db
```
"""


def test_a_first_state_gradient_left_at_zero_fails():
    rows = _rows(CS231N_LSTM)
    assert rows[5].status == "fail" and "step 0" in rows[5].why
    assert rows[7].status == "pass"
    fixed = _rows(CS231N_LSTM.replace("    return dx", "    dh0 = dprev_h\n    return dx"))
    assert 5 not in fixed or fixed[5].status != "fail"
    assert fixed[9].status == "pass"
    code = "```python\ndx = np.asfarray(dout)\n```\n"
    assert all(r.status != "fail" for r in verify_derivation(code).results)


# A gradient summed over the steps in MATLAB (`dW_ux = dW_ux + ddW_ux;`, derivations/firstcontact/round63-b): the
# step's part of a gradient added to the gradient, no update of a weight; it had failed as "gradient ascent". An
# update of the weight itself still is one: `W = W + lr dW` moves with the gradient (fails), `W = W - lr dW`
# against it (passes).
def test_a_gradient_summed_over_the_steps_is_no_update():
    report = verify_file(None, str(NOTES / "round63-b/goldenyoo_verilog_rnn_lstm_bptt.md"), timeout=10)
    rows = {r.line: r for r in report.results}
    for line in (107, 108, 109, 110, 112, 113):        # dW_ux = dW_ux + ddW_ux; ...
        assert rows[line].status != "fail" and "update rule" not in rows[line].why, rows[line].why


@pytest.mark.parametrize("row,status", [
    (r"$$W_{aa} = W_{aa} + \alpha \, dW_{aa}$$", "fail"),
    (r"$$W_{aa} = W_{aa} - \alpha \, dW_{aa}$$", "pass"),
])
def test_a_weight_update_is_still_one(row, status):
    r = _rows(RNN + row + "\n")[2]
    assert r.status == status and "update rule" in r.why, r.why


# The loop reader's bounds, as a property over hostile text: any statement a fence may hold around a call of a
# course's step (random names, brackets, operators, unbalanced parentheses, nesting) is judged or left alone, never
# an exception, and at once; each argument goes through Python's grammar only (ast.parse, bounded by the line's
# length), never run.
from hypothesis import given, settings, strategies as st  # noqa: E402

from symlstm.verify.judging.stepcalls import step_call_results  # noqa: E402

_PIECES = st.sampled_from(["da", "[:, :, t]", " + ", "da_prevt", "(", ")", "[", "]", ",", "caches[t]", "gradients",
                           "['da_prev']", " = ", "np.zeros((n, m))", "np.random.rand(n, m)", "*", "-", "\\", "'",
                           "dc_prevt", "x" * 50, "(" * 30, ")" * 30, "lambda: 0", "**", "t", "i", ".reshape(n, m)"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), max_size=8))
def test_the_loop_reader_never_raises_on_hostile_statements(lines):
    body = ["def rnn_backward(da, caches):", "    da_prevt = np.zeros((n, m))", "    for t in reversed(range(T)):"]
    body += [f"        gradients = rnn_cell_backward({lines[0] if lines else 'da'}, caches[t])"]
    body += ["        " + s for s in lines[1:]]
    text = "```python\n" + "\n".join(body) + "\n```\n"
    elapsed, rows = within(0.5, lambda: step_call_results(text))
    assert elapsed < 0.5
    assert all(r.status in ("pass", "fail") and r.why for r in rows)
