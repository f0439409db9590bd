r"""Round 49 notations.

* A many-to-one RNN in LaTeX: ``\delta_T = (V^T (\hat y - y)) \odot (1 - a_T^2)`` then ``\delta_t = (R^T
  \delta_{t+1}) \odot (1 - a_t^2)``. The bare \delta of a cell with one recurrent state is that state's (or its
  pre-activation's) gradient; its recursion is a claim about it, never the definition of a new name (which held by
  itself, whatever it said), and one \delta in a row has one reading.
* ``z_t \odot \frac{\partial \tilde h_t}{\partial h_{t-1}}`` with a row vector z_t (open-dl's GRU lesson): the
  vector scales the Jacobian's output index.
* "Propagating through the sigmoid activation `r_t = \sigma(z_{r, t})`": a prose formula that names the argument of
  the function a forward row applies, whatever words precede it.
* ``de_sigmoid``, ``de_tanh`` helpers (FortiLeiZhang's cs231n write-up) are derivatives; ``Doutput_gate``,
  ``Dtemp`` (a capital D beside the function's ``d`` arguments) are gradients.

Every expected verdict below was worked out by hand (the notes' own ones also by their finite-difference scripts,
derivations/firstcontact/round49-*, which do not use symlstm).
"""
import json
from pathlib import Path

from symlstm.verify import verify_file
from _timing import within

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"

MANY_TO_ONE = r"""A many-to-one RNN.

$$a_t = \tanh(W x_t + R a_{t-1} + b)$$

$$\hat y = V a_T + c$$

$$L = \frac{1}{2} \| \hat y - y \|^2$$

$$\delta_T = (V^T (\hat y - y)) \odot (1 - a_T^2)$$

$$\delta_t = (R^T \delta_{t+1}) \odot (1 - a_t^2)$$

$$\frac{\partial L}{\partial W} = \sum_t \delta_t x_t^T$$
"""


def _verdicts(path):
    return {r.line: r.status for r in verify_file(None, str(path), timeout=10).results}


def _write(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _expected(note):
    return {int(k): v["expected"] for k, v in
            json.loads((note.parent / "expected.json").read_text())[note.name].items()}


def test_a_many_to_one_delta_recursion_is_a_claim(tmp_path):
    got = _verdicts(_write(tmp_path, MANY_TO_ONE))
    assert got == {3: "pass", 5: "pass", 7: "pass", 9: "pass", 11: "pass", 13: "pass"}
    # R untransposed, the derivative dropped, the wrong step: each fails (as a definition each passed)
    for old, new in ((r"(R^T \delta_{t+1})", r"(R \delta_{t+1})"),
                     (r"(R^T \delta_{t+1}) \odot (1 - a_t^2)", r"(R^T \delta_{t+1})"),
                     (r"\delta_{t+1}", r"\delta_{t+2}"),
                     (r"(1 - a_t^2)$$", r"(1 - a_{t+1}^2)$$")):
        assert MANY_TO_ONE.count(old) == 1, old
        wrong = _verdicts(_write(tmp_path, MANY_TO_ONE.replace(old, new), "wrong.md"))
        assert wrong[11] == "fail", old
    # the boundary row with the wrong output weight's side
    wrong = _verdicts(_write(tmp_path, MANY_TO_ONE.replace(r"(V^T (\hat y - y))", r"(V (\hat y - y))"), "w.md"))
    assert wrong[9] == "fail"


def test_a_row_vector_scales_a_jacobian_and_prose_names_preactivations(tmp_path):
    note = ROOT / "round49-a" / "opendl_gru_bptt_rowvec.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (23, 138, 143, 144, 145, 160, 165, 166, 167):
        assert got[line] == expected[line] == "pass", line
    text = note.read_text(encoding="utf-8")
    for old, new, line in ((r"+ (\tilde{h}_t - h_{t-1}) \odot", r"+ (h_{t-1} - \tilde{h}_t) \odot", 23),
                           (r"\frac{\partial L}{\partial r_t} \odot r_t \odot (1 - r_t)",
                            r"\frac{\partial L}{\partial r_t} \odot (1 - r_t)", 138)):
        assert text.count(old) == 1, old
        assert _verdicts(_write(tmp_path, text.replace(old, new), note.name))[line] == "fail", line


def test_capital_d_gradients_and_de_helpers(tmp_path):
    note = ROOT / "round49-b" / "forti_cs231n_rnn_lstm_gru.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (192, 195, 218, 234, 235, 236, 237):
        assert got[line] == expected[line] == "pass", line
    text = note.read_text(encoding="utf-8")
    for old, new, line in (("return sigmoid(x) * (1 - sigmoid(x))", "return sigmoid(x) * (1 + sigmoid(x))", 192),
                           ("Doutput_gate = dcurrent_h * np.tanh(current_c)",
                            "Doutput_gate = dcurrent_h * current_c", 218),
                           ("dprev_h = Dtemp.dot(Wh.T)", "dprev_h = -Dtemp.dot(Wh.T)", 236),
                           ("dWx = x.T.dot(Dtemp)", "dWx = x.T.dot(-Dtemp)", 235)):
        assert text.count(old) == 1, old
        assert _verdicts(_write(tmp_path, text.replace(old, new), note.name))[line] == "fail", line


def test_a_notebook_exported_as_python_reads_its_markdown_comments(tmp_path):
    """A Coursera notebook exported as Python (``# In[59]:``; the course's text as ``# `` comments holding
    ``$$...\\tag{7}$$``): a run of comments with math between blank lines is Markdown, so its equations (7) to (16)
    are read, with the course's published errors in (8) to (10)."""
    note = ROOT / "round49-b" / "jinzishuai_coursera_rnn_lstm_hw1.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (531, 533, 535, 537, 541, 542, 543, 544, 553):
        assert got[line] == expected[line], line
    assert [expected[x] for x in (531, 533, 535, 537)] == ["pass", "fail", "fail", "fail"]
    text = note.read_text(encoding="utf-8")
    old = r"d \Gamma_o^{\langle t \rangle} = da_{next}*\tanh(c_{next}) *"
    assert text.count(old) == 1
    assert _verdicts(_write(tmp_path, text.replace(old, old.replace(r"\tanh(c_{next})", "c_{next}")),
                            note.name))[531] == "fail"


def test_a_case_under_a_condition_the_prose_sets_is_not_read(tmp_path):
    """"when $z_t = 1$: $h_t = \\tilde h_t$" states the cell under a condition; the reader does not substitute it,
    so the case is unreadable, never a fail (the round-49 GRU study notes)."""
    note = ROOT / "round49-a" / "zh_gru_study_doc_jacobian.md"
    got = {r.line: r for r in verify_file(None, str(note), timeout=10).results}
    for line in (47, 48):
        assert got[line].status == "unreadable" and "condition" in got[line].why, line
    text = (r"$$z_t = \sigma(W_z x_t + U_z h_{t-1})$$" "\n\n"
            r"$$\tilde h_t = \tanh(W x_t + U h_{t-1})$$" "\n\n"
            r"$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$$" "\n\n"
            r"- if $t = 1$: $h_1 = (1 - z_1) \odot h_0 + z_1 \odot \tilde h_1$" "\n")
    got = _verdicts(_write(tmp_path, text))
    assert got == {1: "pass", 3: "pass", 5: "pass", 7: "pass"}     # a step is no condition on the cell: read
    got = _verdicts(_write(tmp_path, text.replace("$t = 1$", "$z_1 = 1$")))
    assert got == {1: "pass", 3: "pass", 5: "pass", 7: "unreadable"}


def test_hostile_exported_cells_are_fast():
    """Many unclosed Python fences with math comments (each would scan to the end: quadratic) read in one pass."""
    from symlstm.verify.text.sourcefiles import exported_cells
    text = "```python\n# $$a = b$$\n" * 50000 + "$"
    seconds, out = within(1.0, lambda: exported_cells(text))
    assert seconds < 1.0
    assert out.count("\n") == text.count("\n")          # every line keeps its number
