r"""Slices written in maths or code after a name (``\delta z_t[1:\dim(h_{t-1})]``, ``lin[2*hidden\_size:...]``:
numeric/slices.py, one reading for every place a slice is written) and one recurrence stated in two spellings
(``S_k = f(S_{k-1} W_{rec} + X_k W_x)`` beside ``s_k = s_{k-1} w_{rec} + x_k w_x``: cell/twinsystems.py).
Mutated rows must fail or be unreadable, never pass."""
import pytest

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.numeric.slices import slice_convention
from symlstm.verify.text.names import NotReadable

#: the CANN aclnnLstmBackward cell (its rows verbatim): z_t = [h_{t-1}; x_t], one W per gate on z_t.
LSTM = r"""
$\mathbf{z}_t = \begin{bmatrix} \mathbf{h}_{t-1} \\ \mathbf{x}_t \end{bmatrix}$
$\mathbf{f}_t = \sigma(\mathbf{W}_f \mathbf{z}_t + \mathbf{b}_f)$
$\mathbf{i}_t = \sigma(\mathbf{W}_i \mathbf{z}_t + \mathbf{b}_i)$
$\mathbf{g}_t = \tanh(\mathbf{W}_g \mathbf{z}_t + \mathbf{b}_c)$
$\mathbf{o}_t = \sigma(\mathbf{W}_o \mathbf{z}_t + \mathbf{b}_o)$
$\mathbf{c}_t = \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t$
$\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)$
$$ \delta\mathbf{o}_t = \delta\mathbf{h}_t \odot \tanh(\mathbf{c}_t) \odot \mathbf{o}_t \odot (1 - \mathbf{o}_t) $$
$$ \delta\mathbf{g}_t = \delta\mathbf{c}_t \odot \mathbf{i}_t \odot (1 - \mathbf{g}_t^2) $$
$$ \delta\mathbf{i}_t = \delta\mathbf{c}_t \odot \mathbf{g}_t \odot \mathbf{i}_t \odot (1 - \mathbf{i}_t) $$
$$ \delta\mathbf{f}_t = \delta\mathbf{c}_t \odot \mathbf{c}_{t-1} \odot \mathbf{f}_t \odot (1 - \mathbf{f}_t) $$
$$ \delta\mathbf{z}_t = \mathbf{W}_f^\top \delta\mathbf{f}_t + \mathbf{W}_i^\top \delta\mathbf{i}_t + \mathbf{W}_g^\top \delta\mathbf{g}_t + \mathbf{W}_o^\top \delta\mathbf{o}_t $$
"""


def verdict(cell, row):
    rep = verify_derivation(cell + row + "\n")
    last = cell.strip().count("\n") + 3
    found = [r for r in rep.results if r.line == last]
    assert found, [(r.line, r.status) for r in rep.results]
    return found[0].status, found[0].why or ""


@pytest.mark.parametrize("row,expected", [
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[1:\dim(\mathbf{h}_{t-1})] $$", "pass"),     # maths
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[:\dim(\mathbf{h}_{t-1})] $$", "unreadable"),   # both cues
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[0:\dim(\mathbf{h}_{t-1})] $$", "unreadable"),  # both cues
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[2:\dim(\mathbf{h}_{t-1})] $$", "fail"),        # one short
    (r"$$ \delta\mathbf{x}_t = \delta\mathbf{z}_t[1:\dim(\mathbf{h}_{t-1})] $$", "fail"),            # the h part
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[0:hidden\_size] $$", "pass"),                   # code
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[:H] $$", "pass"),
    (r"$$ \delta\mathbf{x}_t = \delta\mathbf{z}_t[H:] $$", "pass"),
    (r"$$ \delta\mathbf{x}_t = \delta\mathbf{z}_t[:H] $$", "fail"),
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[1:hidden\_size] $$", "unreadable"),   # both cues
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[0:hidden\_size - 1] $$", "fail"),   # code: one short
    (r"$$ \delta\mathbf{h}_{t-1} = \delta\mathbf{z}_t[H:2H] $$", "unreadable"),         # no cue: not guessed
])
def test_slices_in_maths_and_code(row, expected):
    status, why = verdict(LSTM, row)
    assert status == expected, why


def test_slice_conventions_table():
    assert slice_convention(r"1:\dim(h_{t-1})") == "math"
    assert slice_convention(r"H+1:2H") == "math"
    assert slice_convention(r"2*hidden\_size:3*hidden\_size") == "code"
    assert slice_convention(":n_a, :") == "code"
    assert slice_convention("0:n") == "code"
    for ambiguous in ("H:2H", r"0:\dim h", r"1:hidden\_size"):
        with pytest.raises(NotReadable):
            slice_convention(ambiguous)


def test_code_slice_of_a_stacked_vector_parses_after_a_scripted_name():
    from symlstm.verify.text.rowparse import parse_row
    tree = parse_row(r"dr_t = dh_t * lin_{hh}[2*hidden\_size:3*hidden\_size] * r_t")
    lin = tree[1][1][1][1]
    assert lin[0] == "sym" and ("slice", r"2*hidden\_size:3*hidden\_size") in lin[3]


#: Roelants' linear RNN (his rows verbatim): the general recurrence, then the model in lower case.
TWINS = r"""
$$S_{k} = f(S_{k-1} \cdot W_{rec} + X_k \cdot W_x)$$
$ s_{k} = s_{k-1} \cdot w_{rec} + x_k \cdot w_x $
"""


@pytest.mark.parametrize("row,expected", [
    (r"$$\frac{\partial \xi}{\partial S_{k-1}} = \frac{\partial \xi}{\partial S_{k}} \frac{\partial S_{k}}{\partial S_{k-1}} = \frac{\partial \xi}{\partial S_{k}} w_{rec}$$", "pass"),
    (r"$$\frac{\partial S_{k}}{\partial S_{k-1}} = w_{rec}$$", "pass"),
    (r"$$\frac{\partial S_{k}}{\partial S_{k-1}} = W_{rec}$$", "pass"),
    (r"$$\frac{\partial S_{k}}{\partial S_{k-2}} = w_{rec}^2$$", "pass"),
    (r"$$\frac{\partial S_{k}}{\partial S_{k-2}} = w_{rec}^3$$", "fail"),
    (r"$$\frac{\partial S_{k}}{\partial S_{k-1}} = w_{x}$$", "fail"),
    (r"$$\frac{\partial \xi}{\partial S_{k-1}} = \frac{\partial \xi}{\partial S_{k}} w_{x}$$", "fail"),
])
def test_one_recurrence_in_two_spellings(row, expected):
    status, why = verdict(TWINS, row)
    assert status == expected, why
    rep = verify_derivation(TWINS + row + "\n")
    assert [r.status for r in rep.results[:2]] == ["pass", "pass"]        # both statements are forward rows


@pytest.mark.parametrize("cell", [
    # forms differ (no input term): two systems
    TWINS.replace(r"+ x_k \cdot w_x", ""),
    # a defined function (tanh) in the general form: a different model
    TWINS.replace("f(", r"\tanh("),
    # names that do not pair up by case
    TWINS.replace("w_{rec}", "u"),
])
def test_two_systems_that_are_not_one_stay_separate(cell):
    status, why = verdict(cell, r"$$\frac{\partial S_{k}}{\partial S_{k-1}} = w_{rec}$$")
    assert status != "pass", why
