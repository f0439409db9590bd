r"""The identity matrix ``I`` (``{\bf I}``) named only in prose, its size taken from the value beside it:
hand-worked verdicts on a small Elman network with a squared error.

a_t = W h_{t-1} + U x_t, h_t = tanh(a_t): dL/da_t = diag(1 - h_t^2) dL/dh_t = (I - h_t \odot h_t \odot I) dL/dh_t,
since a column v \odot I is diag(v). A column times I on its right, I minus a column, and a number times I
(whose size nothing gives) are not read as anything else."""
from symlstm.verify.judging.judge import verify_derivation

CELL = r"""
$$ a_t = W h_{t-1} + U x_t $$
$$ h_t = \tanh(a_t) $$
$$ y_t = V h_t $$
$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$
"""


def verdicts(*rows):
    text = CELL + "\n".join(f"$$ {r} $$" for r in rows)
    rep = verify_derivation(text)
    n = CELL.count("$$") // 2
    return [(r.status, r.why) for r in rep.results[n:]]


def test_identity_sized_by_its_neighbour_passes():
    got = verdicts(r"\frac{\partial L}{\partial a_t} = (I - h_t \odot h_t \odot I) \frac{\partial L}{\partial h_t}",
                   r"\frac{\partial L}{\partial a_t} = ({\bf I} - h_t \odot h_t \odot {\bf I}) "
                   r"\frac{\partial L}{\partial h_t}",
                   r"\frac{\partial L}{\partial h_t} = I \frac{\partial L}{\partial h_t}")
    assert [s for s, _ in got] == ["pass"] * 3


def test_wrong_rows_with_the_identity_fail():
    got = verdicts(r"\frac{\partial L}{\partial a_t} = (I + h_t \odot h_t \odot I) \frac{\partial L}{\partial h_t}",
                   r"\frac{\partial L}{\partial a_t} = (I - h_t \odot h_t) \frac{\partial L}{\partial h_t}",
                   r"\frac{\partial L}{\partial h_t} = \frac{\partial L}{\partial h_t} I",
                   r"\frac{\partial L}{\partial a_t} = (h_t \cdot h_t - I) \frac{\partial L}{\partial h_t}")
    assert [s for s, _ in got] == ["fail"] * 4
    assert "identity" in got[2][1]                     # a column times I on its right is ill-typed


def test_a_scripted_or_unsized_identity_is_not_guessed():
    got = verdicts(r"\frac{\partial L}{\partial a_t} = (I_t - h_t \odot h_t \odot I) \frac{\partial L}{\partial h_t}",
                   r"\frac{\partial L}{\partial a_t} = (2 I - h_t \odot h_t \odot I) \frac{\partial L}{\partial h_t}",
                   r"\frac{\partial h_t}{\partial h_t} = I")                    # alone: no size
    assert [s for s, _ in got] == ["unreadable"] * 3
    assert all(why for _, why in got)
