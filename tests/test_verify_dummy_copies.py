r"""Labelled copies of a quantity (BPTT's "dummy variables", s_a and s_b of s), read when the rows name their
readers (\partial s^{(k)} / \partial s_a^{(k-1)}: s_a feeds s^{(k)}); verdicts worked by hand. Also: an empty
script (z_{}^{(k)}) typesets nothing."""
from symlstm.verify.judging.judge import verify_derivation

CELL = r"""
$$ \theta^{(t)} = Uh^{(t)} + b $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[j]}}} $$
$$ J^{(t)} = -\sum_{i=0}^{V-1} y^{(t)}_{[i]} log \hat{y}^{(t)}_{[i]} $$
$$ J = \sum_{t=1}^{T} J^{(t)} $$
$$ h^{(t)} = q^{(t)} \circ tanh(s^{(t)}) $$
$$ s^{(t)} = f^{(t)} \circ s^{(t-1)} + g^{(t)} \circ e^{(t)} $$
$$ f^{(t)} = \sigma ( b_{f} + U_{f}x^{(t)} + W_{f}h^{(t-1)} ) $$
$$ g^{(t)} = \sigma ( b_{g} + U_{g}x^{(t)} + W_{g}h^{(t-1)} ) $$
$$ q^{(t)} = \sigma ( b_{q} + U_{q}x^{(t)} + W_{q}h^{(t-1)} ) $$
$$ e^{(t)} = \sigma ( b_{e} + U_{e}x^{(t)} + W_{e}h^{(t-1)} ) $$
"""
N = CELL.strip().count("\n") + 1

#: the rows that name the copies' readers: s_a feeds s^{(k)}, s_b feeds h^{(k-1)}
SPLIT = r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} + \frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}}"
A_PATH = r"\frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} {\partial s_{[p]}^{(k)}} \times \frac {\partial s_{[p]}^{(k)}} {\partial s_{a[i]}^{(k-1)}}"
A_DONE = r"\frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial s_{[i]}^{(k)}} f^{(k)}_{[i]}"
B_PATH = r"\frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} {\partial h_{[p]}^{(k-1)}} \times \frac {\partial h_{[p]}^{(k-1)}} {\partial s_{b[i]}^{(k-1)}}"
B_DONE = r"\frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial h_{[i]}^{(k-1)}} \times q_{[i]}^{(k-1)} \times tanh'(s_{b[i]}^{(k-1)})"


def verdicts(*rows):
    rep = verify_derivation(CELL + "\n".join(f"$$ {r} $$" for r in rows))
    by = {r.line: r for r in rep.results}
    return [by[N + 2 + k] for k in range(len(rows))]


def test_copies_with_named_readers_are_read():
    got = verdicts(SPLIT, A_PATH, A_DONE, B_PATH, B_DONE)
    assert [r.status for r in got] == ["pass"] * 5, [(r.status, r.why) for r in got]


def test_wrong_rows_about_copies_fail():
    got = verdicts(
        A_PATH, B_PATH,
        # s_a's part with the output gate's factor of s_b's path
        r"\frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial s_{[i]}^{(k)}} q^{(k)}_{[i]}",
        # the split with one copy's part only
        r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}}",
        # the value of s_b is s's: tanh' taken at s^{(k)} is wrong
        r"\frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial h_{[i]}^{(k-1)}} \times q_{[i]}^{(k-1)} \times tanh'(s_{[i]}^{(k)})",
        # the split with a minus
        r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(k-1)}} = \frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} - \frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}}")
    assert got[0].status == got[1].status == "pass"
    assert [r.status for r in got[2:]] == ["fail"] * 4, [(r.status, r.why) for r in got[2:]]


def test_copy_whose_reader_is_not_a_direct_reader_stays_unreadable():
    r"""\partial q^{(k)} / \partial s_a^{(k-1)}: q^{(k)} does not read s^{(k-1)} directly; what s_a is stays
    unknown (never a pass)."""
    got = verdicts(
        r"\frac {\partial J^{(t)}} {\partial s_{a[i]}^{(k-1)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} {\partial q_{[p]}^{(k)}} \times \frac {\partial q_{[p]}^{(k)}} {\partial s_{a[i]}^{(k-1)}}",
        SPLIT)
    assert all(r.status == "unreadable" for r in got), [(r.status, r.why) for r in got]


def test_copy_with_no_named_reader_stays_unreadable():
    (row,) = verdicts(SPLIT)
    assert row.status == "unreadable" and "dummy" in row.why


def test_two_copies_claiming_one_reader_are_not_read():
    got = verdicts(
        A_PATH,
        r"\frac {\partial J^{(t)}} {\partial s_{b[i]}^{(k-1)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} {\partial s_{[p]}^{(k)}} \times \frac {\partial s_{[p]}^{(k)}} {\partial s_{b[i]}^{(k-1)}}",
        SPLIT)
    assert all(r.status == "unreadable" for r in got), [(r.status, r.why) for r in got]


def test_an_empty_script_typesets_nothing():
    got = verdicts(r"\gamma^{(k)} = \frac{\partial J}{\partial h_{}^{(k)}}",
                   r"\frac{\partial J}{\partial s_{}^{(k)}} = \gamma^{(k)} \circ q_{}^{(k)} \circ (1 - tanh^{2}(s^{(k)})) + \frac{\partial J}{\partial s^{(k+1)}} \circ f^{(k+1)}",
                   r"\frac{\partial J}{\partial s_{}^{(k)}} = \gamma^{(k)} \circ q_{}^{(k)} \circ (1 - tanh^{2}(s^{(k)}))")
    assert [r.status for r in got] == ["pass", "pass", "fail"], [(r.status, r.why) for r in got]
