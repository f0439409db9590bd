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
