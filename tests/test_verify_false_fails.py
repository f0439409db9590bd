r"""Correct rows the reader used to fail (Calvin Feng's LSTM notebook, Iosif et al.'s notes): a column of
functions applied block by block, names side by side in round brackets before a stacked column, weights named
for the first time in a restatement of the cell, shape labels the reader cannot read. Mutated rows must fail
or be unreadable, never pass."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


RNN = r"""$$ h_{t} = tanh \left( W_{hh} h_{t-1} + W_{xh}x_{t} \right) $$
$$ h_{t} = tanh \begin{pmatrix} (W_{hh} W_{xh}) \begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix} $$
$$ h_{t} = tanh \begin{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix} $$
"""


def test_block_row_in_round_brackets_and_restated_weight():
    st = _statuses(RNN)
    assert st[1] == "pass" and st[2] == "pass"
    assert st[3] == "pass"                # W named by the row itself: read as the blocks [W_hh W_xh]


def test_block_row_mutants_never_pass():
    swapped = RNN.replace(r"(W_{hh} W_{xh})", r"(W_{xh} W_{hh})")
    assert _statuses(swapped)[2] != "pass"
    sign = RNN.replace(r"tanh \begin{pmatrix} (W_{hh}", r"\sigma \begin{pmatrix} (W_{hh}")
    assert _statuses(sign)[2] == "fail"
    order = RNN.replace(r"\begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix} $$" + "\n$$ h_{t} = tanh "
                        r"\begin{pmatrix} W", r"\begin{pmatrix} x_{t} \\ h_{t-1} \end{pmatrix} \end{pmatrix} $$" +
                        "\n$$ h_{t} = tanh \\begin{pmatrix} W")
    assert _statuses(order)[2] != "pass"


def test_one_new_name_in_a_restatement_still_fails():
    text = RNN.splitlines()[0] + "\n" + r"$$ h_{t} = tanh \left( W_{hh} h_{t-1} + W_{hx}x_{t} \right) $$" + "\n"
    assert _statuses(text)[2] == "fail"


LSTM = r"""$$ \begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ tanh \end{pmatrix} \left( W_{x} x_{t} + W_{h} h_{t-1} + b\right) $$
$$ c_{t} = f \odot c_{t-1} + i \odot g $$
$$ h_{t} = o \odot tanh\left(c_{t}\right) $$
$$ \frac{\partial L}{\partial c_{t}} = \frac{\partial L}{\partial h_{t}} \odot o \odot (1 - tanh^{2}(c_{t})) + \frac{\partial L}{\partial c_{t+1}} \odot f_{t+1} $$
$$ \frac{\partial L}{\partial o_{t}} = \frac{\partial L}{\partial h_{t}} \odot tanh(c_{t}) $$
$$ \frac{\partial L}{\partial g_{t}} = \frac{\partial L}{\partial c_{t}} \odot i_{t} $$
"""


def test_column_of_functions_block_by_block():
    st = _statuses(LSTM)
    assert st == {1: "pass", 2: "pass", 3: "pass", 4: "pass", 5: "pass", 6: "pass"}


def test_column_of_functions_mutants():
    swapped = LSTM.replace(r"\sigma \\ \sigma \\ \sigma \\ tanh", r"\sigma \\ \sigma \\ tanh \\ \sigma")
    st = _statuses(swapped)
    assert st[1] == "pass"                     # a definition of another cell
    wrong = LSTM.replace(r"\odot tanh(c_{t}) $$", r"\odot c_{t} $$")
    assert _statuses(wrong)[5] == "fail"
    wrong = LSTM.replace(r"\odot i_{t} $$", r"\odot f_{t} $$")
    assert _statuses(wrong)[6] == "fail"
    three = LSTM.replace(r"\sigma \\ \sigma \\ \sigma \\ tanh", r"\sigma \\ \sigma \\ tanh")
    assert _statuses(three)[1] == "fail"       # three functions for four stacked names


LABELS = r"""$$ a_{t} = \underbrace{w^{T}}_{1\times(N+2D+1)} \cdot \left[x_{t}; h_{t-1}; 1\right] $$
$$ g_{t} = \sigma(a_{t}) $$
$$ h_{t} = g_{t} \odot \tanh(U x_{t}) $$
$$ \frac{\partial E}{\partial w} = \frac{\partial E}{\partial g_{t}} \sigma'(a_{t}) \left[x_{t}^{T}; h_{t-1}^{T}; 1\right] $$
"""


def test_unread_shape_label_never_a_shape_fail():
    st = _statuses(LABELS)
    assert st[4] != "fail"
    # a mutant that is wrong in value, not in shape, is not excused
    wrong = LABELS.replace(r"\sigma'(a_{t})", r"\sigma(a_{t})")
    assert _statuses(wrong)[4] != "pass"
