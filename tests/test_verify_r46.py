r"""Rounds 46 and 47 notations (code).

* Step arrays filled by a step function's returns (``H[t+1], C[t+1], candt, ot, it, ft = forward_cell(...)``,
  ``O[t] = ot`` into ``O = np.zeros(...)``) and fetched in the backward loop (``h_prev = H[t]``, ``it_gate =
  I[t]``): the fetches are no formulas; ``it_gate`` is i_t, ``c_current`` is c_t, and ``ht`` beside ``h_prev`` is
  h at step t (OT1devl's LSTM).
* A many-to-one output after the forward loop (``y_hat = a_t @ self.V + self.by.T``: a at the last step), a branch
  ``if i == seq_len - 1:`` taken at the last step only, a dictionary of states started at key 0 and filled at
  ``i + 1`` (a seq-to-one regression RNN).
* A backward method that makes its vectors rows (``self.x = self.x.reshape(1, -1)``) read in rows, and
  ``h_prev_t`` (CMU 11-785's GRU cell) as h_prev.

The verdicts of the annotated notes (derivations/firstcontact/round43-a, round46-*, round47-*) were worked out by
hand and confirmed by each note's finite-difference script, which does not use symlstm.
"""
import json
from pathlib import Path

from symlstm.verify import verify_file

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


def test_step_arrays_fetched_in_the_backward_loop(tmp_path):
    note = ROOT / "round43-a" / "ot1devl_lstm_example_softmax_cce.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (116, 124, 126, 127, 131, 132, 133, 135, 136, 137, 147, 152, 157):
        assert got[line] == expected[line] == "pass", line
    # the input gate for the forget gate in what the cell sends back
    wrong = _mutant(note, tmp_path, "dc_prev = dct * ft_gate", "dc_prev = dct * it_gate")
    assert wrong[157] == "fail"


def test_a_many_to_one_output_and_its_carried_error_signal(tmp_path):
    note = ROOT / "round46-a" / "seq2one_rnn_regression_rowlayout.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (41, 42, 45, 64, 71, 72):
        assert got[line] == expected[line] == "pass", line
    # the output weight's gradient with the state of the step before the last
    wrong = _mutant(note, tmp_path, "dV =  self.a[i+1].T @ d_loss", "dV =  self.a[i].T @ d_loss")
    assert wrong[64] == "fail"


def test_a_backward_method_in_rows(tmp_path):
    note = ROOT / "round47-b" / "llynoirx_grucell_d3ea855_closeness.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (167, 169, 171, 173):
        assert got[line] == expected[line] == "pass", line
    for line in (151, 152):          # the published errors in the reset gate's and the candidate's gradients
        assert got[line] == expected[line] == "fail", line
    # the outer product the wrong way round: W_rx's transpose
    wrong = _mutant(note, tmp_path, "self.dWrx = np.dot(dr.T, self.x)", "self.dWrx = np.dot(self.x.T, dr)")
    assert wrong[167] == "fail"


def test_the_previous_state_named_h_prev_t():
    note = ROOT / "round46-a" / "torchify_grucell_11785_student.md"
    expected, got = _expected(note), _verdicts(note)
    for line in (97, 98, 149, 151, 154):
        assert got[line] == expected[line] == "pass", line
    for line in (148, 155):          # dz = delta * n; dWnh without r, transposed: published errors, never passed
        assert expected[line] == "fail" and got.get(line) != "pass", line
