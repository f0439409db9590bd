r"""Round 44 notations.

* A step list's last value read in the step's forward pass before the step appends to it (``np.dot(self.Uz,
  self.h[-1])`` before ``self.h.append(h)``): the previous step's value; a list started with a call
  (``self.h = [np.zeros(self.hsz)]``) holds the start at index 0 (a Python 2 GRU layer, search-index file 47400467703).
* Greff et al.'s recurrent weights typed ``Rz``, ``Ri``, ``Rf``, ``Ro`` (R_z, ...), and a labelled part of a
  carried gradient in code, ``dy_z = np.dot(Rz.T, dzg_)``: what step t sends back to y_{t-1} through z (a character
  LSTM, search-index file 40407694924).
* ``\mbox{if }``, ``\mbox{ otherwise.}``: words, as ``\text``.

The verdicts of the annotated notes (derivations/firstcontact/round44-*) were worked out by hand and confirmed by each
note's finite-difference script, which does not use symlstm.
"""
import json
from pathlib import Path

from symlstm.verify import verify_file
from symlstm.verify.text.rowtokens import _prepare

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"


def _verdicts(path):
    return {r.line: r.status for r in verify_file(None, str(path), timeout=10).results}


def _expected(note):
    return {int(k): v["expected"] for k, v in
            json.loads((note.parent / "expected.json").read_text())[note.name].items()}


def _mutant(note, tmp_path, old, new):
    text = note.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    p = tmp_path / note.name
    p.write_text(text.replace(old, new), encoding="utf-8")
    return _verdicts(p)


def test_a_gru_layer_reading_its_last_state(tmp_path):
    note = ROOT / "round44-a" / "py2_grulayer_outer_dx_missing_candidate.md"
    expected, got = _expected(note), _verdicts(note)
    # the forward (z, r, the candidate, h, y) and the backward step through every gate, as annotated
    lines = (129, 131, 135, 137, 138, 163, 164, 167, 168, 169, 172, 173, 174, 177, 178, 179, 182, 183, 184, 187, 188,
             191, 192, 193, 201)
    for line in lines:
        assert got[line] == expected[line] == "pass", line
    # the previous state for the current one in the update gate's recurrent gradient: fails
    wrong = _mutant(note, tmp_path, "self.dUz += np.outer(dzl, self.h[t].T)", "self.dUz += np.outer(dzl, self.h[t+1].T)")
    assert wrong[192] == "fail"
    # the candidate's gate applied to the new state
    wrong = _mutant(note, tmp_path, "dz  = np.multiply(dh, self.h[t] - self.hh[t])",
                    "dz  = np.multiply(dh, self.hh[t] - self.h[t])")
    assert wrong[187] == "fail"


def test_recurrent_weights_named_r_and_labelled_parts_sent_back(tmp_path):
    note = ROOT / "round44-a" / "charlstm_dictcache_wy_untransposed.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (61, 64, 67, 70, 73, 74, 75, 76, 93, 94, 97, 98, 100, 101, 102, 103, 105, 106, 107, 108, 109, 111,
                 112, 113, 114, 115, 117, 118, 119, 120, 121, 123, 124, 125, 126, 127):
        assert got[line] == expected[line] == "pass", line
    assert got[95] == expected[95] == "fail"        # dy = np.dot(Wy, do): the note's missing transpose
    for old, new in (("dy_z = np.dot(Rz.T,dzg_)", "dy_z = np.dot(Rz,dzg_)"),
                     ("dy_z = np.dot(Rz.T,dzg_)", "dy_z = np.dot(Rf.T,dzg_)"),
                     ("dy_z = np.dot(Rz.T,dzg_)", "dy_z = np.dot(Rz.T,dzg)")):
        assert _mutant(note, tmp_path, old, new)[109] == "fail", new
    assert _mutant(note, tmp_path, "dRz += np.outer(dzg_,ys[t-1])", "dRz += np.outer(dzg_,ys[t])")[107] == "fail"


def test_a_text_box_holding_words_is_text():
    assert _prepare(r"a + \mbox{if } k") == r"a + \text{if } k"
    assert _prepare(r"\mbox{ otherwise.}") == r"\text{ otherwise.}"
    # math set in a box is left as written
    assert _prepare(r"\mbox{\boldmath{$h$}}") == r"\mbox{\boldmath{$h$}}"


def test_a_mean_over_the_steps_and_a_function_kept_are_no_formulas():
    from symlstm.verify.text.codefences import _code_line
    # dWf = dWf / T (MATLAB's statements, one line): the sum made a mean, its scale the loss's, blanked in place
    assert _code_line("dW = dW / T") == _code_line("dW /= len(xs)") == ""
    assert _code_line("a = b; dW = dW / T").rstrip() == "a = b;"
    assert _code_line("dW = dW / dh") != ""          # a quotient of gradients is a formula
    # hsz = sigma (a count named sigma), self.act = np.tanh: no formula (read, sigma is a function without argument)
    assert _code_line("hsz = sigma") == _code_line("self.act = np.tanh") == ""


STEPS = r"""# RNN

$$h_t = \tanh(W h_{t-1} + U x_t)$$

At the first step $$t=1$$ we start with $$h_0 = 0$$, and the last is $$t = T$$.

$$\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2) W$$
"""


def test_a_step_named_in_the_prose_is_no_quantity(tmp_path):
    p = tmp_path / "steps.md"
    p.write_text(STEPS, encoding="utf-8")
    got = {(r.line, r.text.replace(" ", "")): r for r in verify_file(None, str(p), timeout=10).results}
    for key in ((5, "t=1"), (5, "t=T")):
        assert got[key].status == "pass" and got[key].reading == "definition" and "step" in got[key].why
    assert got[(7, r"\frac{\partialh_t}{\partialh_{t-1}}=\mathrm{diag}(1-h_t^2)W")].status == "pass"
    wrong = STEPS.replace(r"\mathrm{diag}(1 - h_t^2) W", r"\mathrm{diag}(1 - h_t^2) U")
    p.write_text(wrong, encoding="utf-8")
    assert {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}[7] == "fail"


def test_part_is_partial(tmp_path):
    # \part: KaTeX's alias of \partial (Suspect-wu's CS231n notes write every derivative with it)
    text = ("$$h_t = \\tanh(W h_{t-1} + U x_t)$$\n\n"
            "$$\\frac{\\part h_t}{\\part h_{t-1}} = \\mathrm{diag}(1 - h_t^2) W$$\n")
    p = tmp_path / "part.md"
    p.write_text(text, encoding="utf-8")
    assert [r.status for r in verify_file(None, str(p), timeout=10).results] == ["pass", "pass"]
    p.write_text(text.replace("(1 - h_t^2) W", "(1 - h_t) W"), encoding="utf-8")
    assert [r.status for r in verify_file(None, str(p), timeout=10).results] == ["pass", "fail"]


def test_a_value_fetched_from_an_object_under_its_own_name_is_no_formula():
    from symlstm.verify.text.codefences import _code_line
    # self.Wr = weights.Wr (weights restored from a file; a Russian lab's GRU): read as a formula, each weight
    # "defined" again failed, and the fence's failures were hidden as a misreading
    assert _code_line("self.Wr = weights.Wr") == _code_line("Wr = params.Wr") == ""
    assert _code_line("h = layer.c") != ""        # another name: a formula (h is c)


def test_a_state_parameter_rebound_at_the_end_of_its_step_function(tmp_path):
    note = ROOT / "round45-c" / "wolter_numpy_cells_gru_elman.md"
    expected, got = _expected(note), _verdicts(note)
    # def forward(self, x, h, c=None): rbar = Vr x + Wr h + br; ...; h = u*z + (1 - u)*h: the h read above the
    # last line (and on its right) is the step before's; as annotated
    for line in (260, 265, 270, 276):
        assert got[line] == expected[line] == "pass", line
    from symlstm.verify.text.codefences import _rebound_parameters
    lines = ["def step(x, h):", "    a = W @ h + U @ x", "    h = np.tanh(a)", "    return h"]
    assert _rebound_parameters(lines) == lines       # h = tanh(a): a new value, not rebound from itself
    lines = ["def step(x, h):", "    a = W @ h + U @ x", "    h = z * np.tanh(a) + (1 - z) * h", "    return h"]
    assert _rebound_parameters(lines)[1:3] == ["    a = W @ h_prev + U @ x",
                                               "    h = z * np.tanh(a) + (1 - z) * h_prev"]
    lines = ["def back(dh, W):", "    dz = dh * 2", "    dh = W.T @ dz + dh", "    return dh"]
    assert _rebound_parameters(lines) == lines       # a gradient handed in and updated
