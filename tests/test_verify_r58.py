r"""Round 58 notations.

* A code's ``+=`` to a name its forward rows read as a given (``o_w += o_l * x_t * o_e`` after ``o_t =
  sigmoid(o_w * (x_t + c_t) + o_b)``): a step of training whose rate and sign the reader does not know, unread
  (it had passed as a forward definition of o_w).
* A parameter's gradient set with ``=`` among its siblings' ``+=`` in one block (``p.bo.d = do_raw`` beside
  ``p.Wo.d += ...``): it keeps the last call's part only, and fails.
* Greff et al.'s names in numpy code: ``pi * c[t-1]`` (a lower-case parameter met first beside a vector with
  ``*``: a peephole vector, as numpy's ``*`` multiplies), the candidate through a helper lambda (``z[t] =
  g(z_[t])`` with ``g = lambda x: np.tanh(x)``: z_ is z's pre-activation, so ``dz`` may name its gradient), and
  ``dRz += np.outer(dz[t+1], y[t])``: step t+1's contribution added at step t (Greff's
  :math:`\delta R = \sum_t \delta z^{t+1} y^t`), the same sum over the loop.
* Code spellings: ``dot(x, w_z)`` (numpy's dot imported by name), ``y = dy`` (a gradient parameter given a second
  name), and a bracket after ``*`` is an operand, never a remark in words (``y * (hminus - tanh(C))`` had been
  blanked as one).

Expected verdicts come from the notes' annotations (derivations/firstcontact/round58-b, round58-f, round44-a),
worked out by their annotators independently of symlstm and checked by their numpy finite-difference scripts.
"""
import json
from pathlib import Path

from verifycheck import mutant, statuses

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import _gradient_aliases, _operator_calls, _statements

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
SO = ROOT / "round58-f" / "so40093165_lstm_peephole_question.md"
HSQ = ROOT / "round58-b" / "hsq_lstm_np_e9a95e0.md"
CIFG = ROOT / "round58-b" / "younesslanda_cifg_lstm.md"
ZLSTM = ROOT / "round44-a" / "mohame11_zlstm_onehot_index_bugs.md"


def verify_rows(path) -> dict:
    """{line: (status, why)} of the first equation on each line of ``verify --file path``."""
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        out.setdefault(r.line, (r.status, r.why or ""))
    return out


def _expected(path: Path, line: int) -> str:
    return json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))[path.name][str(line)]["expected"]


def test_an_increment_of_a_given_is_a_training_step_not_a_definition():
    got = statuses(SO)
    # the asker's updates o_w += o_l * x_t * o_e and o_b += o_l * sigmoid(o_b) * o_e (both published errors):
    # never passed as definitions of o_w, o_b
    for line in (36, 38):
        assert _expected(SO, line) == "fail"
        assert got[line] == ["unreadable"], line
    assert got[22] == ["pass"]          # h_t = o_t * tanh(c_t), the forward row beside them


def test_a_gradient_set_among_accumulated_siblings_fails():
    got = statuses(HSQ)
    assert _expected(HSQ, 141) == "fail" and got[141] == ["fail"]
    for line in (133, 134, 140):        # p.Wv.d += ..., p.bv.d += dv, p.Wo.d += np.dot(do_raw, z.T)
        assert _expected(HSQ, line) == "pass" and got[line] == ["pass"], line


def test_a_gradient_set_among_accumulated_siblings_mutant_passes(tmp_path):
    got = statuses(mutant(tmp_path, HSQ, "    p.bo.d = do_raw\n", "    p.bo.d += do_raw\n"))
    assert got[141] == ["pass"]


def test_greff_names_in_numpy_code():
    got = statuses(CIFG)
    # dc with the peephole po * do[t], dz through the helper g, dx, the weights' step parts, the recurrent
    # weights' and the peephole's parts of step t+1 added at step t
    for line in (123, 125, 127, 130, 133, 134, 135, 136, 137, 138, 139, 140, 141):
        assert _expected(CIFG, line) == "pass", line
        assert got[line] == ["pass"], line
    # di ignores the coupled forget gate f = 1 - i (a published error)
    assert _expected(CIFG, 126) == "fail" and got[126] == ["fail"]
    got = statuses(ZLSTM)
    for line in (175, 176, 177, 178):       # dRz += np.outer(dz[t+1], y[t]) and its siblings
        assert _expected(ZLSTM, line) == "pass" and got[line] == ["pass"], line


def test_a_step_ahead_contribution_with_mixed_steps_fails(tmp_path):
    # dz at step t with y at the same step: no step's contribution to dR_z
    got = statuses(mutant(tmp_path, CIFG, "dRz += np.outer(dz[t+1], y[t])", "dRz += np.outer(dz[t+1], y[t+1])"))
    assert got[136] == ["fail"]
    assert got[137] == ["pass"]


def test_code_spellings_of_round_58():
    assert _operator_calls("A = dot(x, w_z) + dot(hminus, u_z)") == "A = (x @ w_z) + (hminus @ u_z)"
    assert _operator_calls("A = dot(x)") == "A = dot(x)"          # one argument: no product
    lines = ["    def backward(self, dy):", "        y = dy", "        dA = y * s", "        return dA"]
    assert _gradient_aliases(lines) == ["    def backward(self, dy):", "", "        dA = dy * s", "        return dA"]
    # a name bound again in the function is its own
    lines2 = lines[:3] + ["        y = 2 * dA"]
    assert _gradient_aliases(lines2) == lines2
    assert _statements("dA = y * (hminus - tanh(C)) * s") == [(0, "dA = y * (hminus - tanh(C)) * s")]
    assert _statements("h = W @ x (see above)") == [(0, "h = W @ x")]       # a remark in words still goes


#: By hand: a root and a fractional power are the same number; the Euclidean norm is the root of x^T x.
POWERS = r"""$$h_t = 	anh(W h_{t-1} + U x_t)$$

$$\|x_t\| = \sqrt{x_t^T x_t}$$

$$\|x_t\| = (x_t^T x_t)^{1/2}$$

$$\|x_t\| = (x_t^T x_t)^{0.5}$$

$$\sqrt{9} = 3$$
"""


def test_roots_and_fractional_powers(tmp_path):
    p = tmp_path / "powers.md"
    p.write_text(POWERS, encoding="utf-8")
    got = statuses(p)
    assert [got[k] for k in (3, 5, 7, 9)] == [["pass"]] * 4
    # (x^{1/2} had been read as x^2 and x^{0.5} as x^0: the exponent taken for a step)
    bad = tmp_path / "bad.md"
    bad.write_text(POWERS.replace("^{1/2}", "^{1/3}").replace("^{0.5}", "^{2}").replace("= 3", "= 2"),
                   encoding="utf-8")
    got = statuses(bad)
    assert [got[k] for k in (3, 5, 7, 9)] == [["pass"], ["fail"], ["fail"], ["fail"]]


def test_a_second_derivative_helper(tmp_path):
    chainer = ROOT / "round58-e" / "chainer_lstm_gradgrad_13a016d.md"
    assert _expected(chainer, 20) == "pass" and statuses(chainer)[20] == ["pass"]     # _grad_grad_sigmoid
    # by hand: sigma'' = sigma (1 - sigma)(1 - 2 sigma); with (1 + 2x) it is not
    got = statuses(mutant(tmp_path, chainer, "return x * (1 - x) * (1 - 2 * x)", "return x * (1 - x) * (1 + 2 * x)"))
    assert got[20] == ["fail"]


#: A GRU on concatenations (starflyyy's README) whose backward names only the h block of W_g. By hand: g_t's
#: pre-activation reads r_t through W_{gh} (r_t \odot h_{t-1}), so dL/dr_t = (W_{gh}^T \delta A_g) \odot h_{t-1}.
BLOCK = r"""$$z_t = \sigma(W_z [x_t, h_{t-1}] + b_z)$$

$$r_t = \sigma(W_r [x_t, h_{t-1}] + b_r)$$

$$A_g = W_g [x_t, r_t \odot h_{t-1}] + b_g$$

$$g_t = \tanh(A_g)$$

$$h_t = z_t \odot h_{t-1} + (1 - z_t) \odot g_t$$

$$\delta g_t = \delta h_t \odot (1 - z_t)$$

$$\delta A_g = \delta g_t \odot (1 - g_t^2)$$

$$\delta r_t = (W_{gh}^T \delta A_g) \odot h_{t-1}$$
"""


def test_one_named_block_of_a_concatenated_weight(tmp_path):
    p = tmp_path / "block.md"
    p.write_text(BLOCK, encoding="utf-8")
    got = statuses(p)
    assert all(v == ["pass"] for v in got.values()) and len(got) == 8
    p.write_text(BLOCK.replace(r"\delta A_g) \odot h_{t-1}", r"\delta A_g) \odot r_t"), encoding="utf-8")
    assert statuses(p)[15] == ["fail"]
    star = ROOT / "round58-i" / "starflyyy_gru_aacdac2.md"
    got = verify_rows(star)
    for line in (32, 35):       # the README's published errors, now read (W_{gh} had been "not defined")
        assert _expected(star, line) == "fail"
        assert got[line][0] == "fail" and "not defined" not in got[line][1], line


#: By hand: A = [[2, 1], [1, 2]] has the eigenvalues 3 and 1 with the eigenvectors (1, 1) and (1, -1), so
#: A = S \Lambda S^{-1}; the matrices' rows are separated by Markdown's escaped \\\\ (remark.js slides).
EIGEN = r"""$$A = \begin{pmatrix} 2 & 1 \\\\ 1 & 2 \end{pmatrix}$$

$$S = \begin{pmatrix} 1 & 1 \\\\ 1 & -1 \end{pmatrix}$$

$$\Lambda = \begin{pmatrix} 3 & 0 \\\\ 0 & 1 \end{pmatrix}$$

$$A = S \Lambda S^{-1}$$
"""


def test_an_inverse_and_escaped_row_breaks(tmp_path):
    p = tmp_path / "eigen.md"
    p.write_text(EIGEN, encoding="utf-8")
    got = statuses(p)
    assert [got[k] for k in (1, 3, 5, 7)] == [["pass"]] * 4      # (S^{-1} had been S at step -1)
    p.write_text(EIGEN.replace(r"S \Lambda S^{-1}", r"S \Lambda^{2} S^{-1}"), encoding="utf-8")
    assert statuses(p)[7] != ["pass"]
    glouppe = ROOT / "round58-c" / "glouppe_rnn_orthoinit.md"
    got = statuses(glouppe)
    for line in (87, 91, 95):       # A = S \Lambda S^{-1} and the two matrices of a lecture's slides
        assert _expected(glouppe, line) == "pass" and got[line] == ["pass"], line
