r"""Round 57 notations.

* A text with no forward equations whose rows write a built-in cell's names as a notation preset prints them
  (the Coursera notebooks' ``d\Gamma_o^{\langle t \rangle}``, ``da_{next}``, ``\tilde c``) is judged against that
  cell, as ``symlstm verify lstm --notation coursera`` judges it, each row saying so. Where the text stacks the
  state and the input (``W_f [a_{prev}; x_t]``, ``\begin{pmatrix} a_{prev} \\ x_t \end{pmatrix}``) the cell's
  weights act on the concatenation; a failure on a shape or a name there is the guess's, not the author's.
* There, a gate's gradient that a row defines (``d\Gamma_o = da_{next} * \tanh(c_{next})``: the gradient of the
  gate's value) keeps that meaning where later rows read it (``da_{prev} = W_o^T d\Gamma_o + ...``).
* CMU 11-785 student cells: the handout's activation objects (``self.r_act``, ``self.z_act``, ``self.h_act``) read
  without the ``__init__`` that builds them, and methods transcribed without their ``class`` line read as one
  class's (``delta`` the gradient of what forward returns, ``h`` the state before).

Expected verdicts come from the notes' annotations (derivations/firstcontact/round48-a, round23-bb, round23-cb),
worked out by their annotators independently of symlstm and checked by their numpy finite-difference scripts; the
small Coursera-notation text below is derived by hand.
"""
from pathlib import Path

from hypothesis import given, settings, strategies as st
from verifycheck import mutant, statuses

from symlstm.latex.printing import forward_rows
from symlstm.cells.registry import cell
from symlstm.verify import verify_file
from symlstm.verify.judging.presetnames import stacked_rows
from symlstm.verify.text.codefences import _activation_objects, _cell_classes

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
CORRECTED = ROOT / "round48-a" / "adaickalavan_coursera_lstm_fix.md"
NEEL = ROOT / "round23-bb" / "neelpawarcmu_gru_cell_11785.md"
CHIBA = ROOT / "round23-cb" / "chibadaisuki_gru_cell_mytorch.md"

#: The LSTM's backward in the Coursera notebooks' names, no forward equations, separate weights W (on x) and U
#: (on a). By hand: with da, dc the total gradients of a, c at step t, the gate gradients are those of the gates'
#: values; dW_o takes the sigmoid's derivative; dU_o as written drops it.
HAND = r"""
$$d\Gamma_o^{\langle t \rangle} = da^{\langle t \rangle} * \tanh(c^{\langle t \rangle})$$

$$dc^{\langle t \rangle} = da^{\langle t \rangle} * \Gamma_o^{\langle t \rangle} * (1 - \tanh(c^{\langle t \rangle})^2) + dc^{\langle t+1 \rangle} * \Gamma_f^{\langle t+1 \rangle}$$

$$d\tilde c^{\langle t \rangle} = dc^{\langle t \rangle} * \Gamma_u^{\langle t \rangle}$$

$$d\Gamma_f^{\langle t \rangle} = dc^{\langle t \rangle} * c^{\langle t-1 \rangle}$$

$$dW_o = \sum_t d\Gamma_o^{\langle t \rangle} * \Gamma_o^{\langle t \rangle} * (1 - \Gamma_o^{\langle t \rangle}) (x^{\langle t \rangle})^T$$

$$dU_o = \sum_t d\Gamma_o^{\langle t \rangle} (a^{\langle t-1 \rangle})^T$$
"""


def _hand(tmp_path, text=HAND):
    p = tmp_path / "coursera_backward.md"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_backward_in_a_presets_names_is_judged_against_that_cell(tmp_path):
    report = verify_file(None, str(_hand(tmp_path)), timeout=10)
    got = {r.line: r for r in report.results}
    assert [got[k].status for k in (2, 4, 6, 8, 10)] == ["pass"] * 5
    assert got[12].status == "fail"
    assert all(any("built-in lstm cell in the coursera notation" in n for n in r.notes)
               for r in report.results)


def test_a_presets_names_mutant_fails(tmp_path):
    # the forget gate's gradient with the candidate where the previous cell belongs
    got = statuses(_hand(tmp_path, HAND.replace(r"dc^{\langle t \rangle} * c^{\langle t-1 \rangle}",
                                                r"dc^{\langle t \rangle} * \tilde c^{\langle t \rangle}")))
    assert got[8] == ["fail"] and got[6] == ["pass"]


def test_stacked_weights_of_a_corrected_coursera_backward():
    got = statuses(CORRECTED)
    # the gate gradients (of the gates' values), the weights' step contributions on [a_prev; x_t], dc_prev
    for line in (10, 11, 12, 16, 17, 18, 19, 26):
        assert got[line] == ["pass"], line
    # eq (7) with c~_prev for c_prev; da_prev and dx without the gates' derivatives (their d\Gamma are the
    # gates' values, as rows 10-12 define them)
    for line in (9, 24, 27):
        assert got[line] == ["fail"], line


def test_stacked_weights_mutant_fails(tmp_path):
    # dW_o without the output gate's derivative
    got = statuses(mutant(tmp_path, CORRECTED, r"dW_o = d\Gamma_o^{\langle t \rangle} * \Gamma_o^{\langle t \rangle} "
                          r"* (1-\Gamma_o^{\langle t \rangle}) *", r"dW_o = d\Gamma_o^{\langle t \rangle} *"))
    assert got[19] == ["fail"] and got[18] == ["pass"]


def test_stacked_rows_put_one_weight_on_the_concatenation():
    rows = stacked_rows(forward_rows(cell("lstm"), "colah"))
    assert rows[1] == r"f_{t} = \sigma\left(W_{f} \begin{bmatrix} h_{t-1} \\ x_{t} \end{bmatrix} + b_{f}\right)"
    gru = stacked_rows(forward_rows(cell("gru"), "colah"))
    assert r"W_{n} \begin{bmatrix} r_{t} * h_{t-1} \\ x_{t} \end{bmatrix}" in gru[2]
    assert stacked_rows(forward_rows(cell("rnn"), "greff"))[0].count("begin{bmatrix}") == 1


def test_handout_activation_objects_without_their_init():
    lines = ["    def forward(self, x, h):", "        self.r = self.r_act(a + b)", "        d = self.r_act.derivative()"]
    assert _activation_objects(lines)[1:] == ["        self.r = sigmoid(a + b)", "        d = dsigmoid(r)"]
    # an object the fence builds itself is read as built, and the handout's names are not guessed beside it
    built = ["        self.r_act = Tanh()", "        self.r = self.r_act(a)", "        self.z = self.z_act(a)"]
    assert _activation_objects(built)[1:] == ["        self.r = tanh(a)", "        self.z = self.z_act(a)"]
    got = statuses(NEEL)
    for line in (45, 50, 53, 57):          # r, z, n of the student's GRU forward, through the handout's objects
        assert got[line] == ["pass"], line


def test_methods_without_their_class_line():
    lines = ["    def forward(self, x, h):", "        h_t = z * h", "        return h_t",
             "    def backward(self, delta):", "        dz = delta * h"]
    out = _cell_classes(lines)
    assert out[1] == "        h_next = z * h_prev" and out[4] == "        dz = dh_next * h_prev"
    got = statuses(CHIBA)
    for line in (7, 8, 9, 10, 14, 39, 40, 41, 59):     # the forward, the gates' gradients, dx
        assert got[line] == ["pass"], line


def test_methods_without_their_class_line_mutant_fails(tmp_path):
    got = statuses(mutant(tmp_path, CHIBA, "dz = delta*(self.hidden-self.n)", "dz = delta*(self.n-self.hidden)"))
    assert got[40] == ["fail"] and got[39] == ["pass"]


#: An RNN written with \odot for the matrix product, as its notation line says (Murali806's notebooks). By hand:
#: the Jacobian of h_t by h_{t-1} is diag(1 - h_t^2) W_hh; by x_t it is diag(1 - h_t^2) W_xh, not W_xh diag(...).
SIGNS = r"""Notation: $\odot$ = matrix multiplication, $*$ = element-wise multiplication.

$$h_t = \tanh(W_{hh} \odot h_{t-1} + W_{xh} \odot x_t + b_h)$$

$$\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t * h_t) \odot W_{hh}$$

$$\frac{\partial h_t}{\partial x_t} = W_{xh} \odot \mathrm{diag}(1 - h_t * h_t)$$
"""


def test_a_product_sign_read_as_the_text_declares(tmp_path):
    p = tmp_path / "signs.md"
    p.write_text(SIGNS, encoding="utf-8")
    report = verify_file(None, str(p), timeout=10)
    got = {r.line: r for r in report.results}
    assert [got[k].status for k in (3, 5, 7)] == ["pass", "pass", "fail"]
    assert got[7].why == "a matrix product of shapes 3x2 and 3x3"
    assert got[5].text == r"\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t * h_t) \odot W_{hh}"
    # without the declaration \odot is element-wise and the forward row is ill-typed
    p.write_text(SIGNS.replace("Notation: $\\odot$ = matrix multiplication,", "Notation:"), encoding="utf-8")
    assert statuses(p)[3] == ["fail"]


def test_declared_products():
    from symlstm.verify.text.signs import declared_products, with_declared_products
    assert declared_products(r"- $\odot$ = matrix multiplication") == {r"\odot": "@"}
    assert declared_products(r"where $\cdot$ denotes the element-wise product") == {r"\cdot": r"\odot"}
    assert declared_products(r"where $\odot$ denotes the Hadamard product") == {}          # the default
    assert declared_products(r"$\cdot$ is the matrix product; $\cdot$ is element-wise multiplication") == {}
    assert with_declared_products(r"W \odot h", {r"\odot": "@"}) == r"W  @    h"


SHUYAN = ROOT / "round57-a" / "shuyanwang_11785_gru_cell_176aacd.md"


def test_methods_in_fences_of_their_own():
    # an 11-785 GRU cell whose forward and backward methods stand in two fences, no class line, no return line:
    # h is the state before, delta the gradient of h_t; d_n_affine (the word "affine": a pre-activation's
    # gradient), h_act.derivative(n) (at the output n), x.transpose() (np.reshape(self.x, (-1, 1)).transpose())
    got = statuses(SHUYAN)
    for line in (30, 32, 34, 36, 57, 58, 60, 61, 64, 67, 68, 70, 73, 74, 76, 80, 81, 82, 86, 87, 88):
        assert got[line] == ["pass"], line
    assert got[85] == ["fail"]          # dh_prev += z.T: the published error (delta * z meant)


def test_methods_in_fences_of_their_own_mutant_fails(tmp_path):
    got = statuses(mutant(tmp_path, SHUYAN, "dz = delta * (-n + h_prev)", "dz = delta * (n - h_prev)"))
    assert got[58] == ["fail"] and got[57] == ["pass"]


YESANDY = ROOT / "round57-a" / "yesandy_11785_gru_cell_2020.md"


def test_code_star_is_element_wise_whatever_the_orientation():
    # an 11-785 GRU backward whose vectors are rows (delta arrives as (1, h)): (v.dot(W)) * h is element-wise
    got = statuses(YESANDY)
    for line in (40, 41, 42, 43, 44, 68, 69, 70, 73):
        assert got[line] == ["pass"], line


def test_code_star_mutant_fails(tmp_path):
    got = statuses(mutant(tmp_path, YESANDY, "dzt = delta * (self.h_tilda - self.hidden)",
                          "dzt = delta * (self.hidden - self.h_tilda)"))
    assert got[69] == ["fail"] and got[70] == ["pass"]

_SIGN_TEXT = st.lists(st.sampled_from([r"$\odot$", "⊙", r"\cdot", "·", r"\times", " = ", ": ", " denotes ",
                                       "matrix multiplication", "element-wise product", "Hadamard product", "W",
                                       " h_t ", "\n", "$", "`*`", " is the ", "x"]), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(_SIGN_TEXT)
def test_declared_products_property(text):
    from symlstm.verify.text.signs import SIGNS, declared_products, with_declared_products
    declared = declared_products(text)
    assert set(declared) <= set(SIGNS.values()) and set(declared.values()) <= {"@", r"\odot"}
    # a row keeps its length (the columns of what follows stay where the text has them)
    assert len(with_declared_products(text, declared)) == len(text)
