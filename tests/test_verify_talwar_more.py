r"""Readings found on Talwar's LSTM derivation, written here in a small cell of the same notation (superscript (t)
time, bracketed components, J^{(t)} one step's loss); verdicts worked by hand."""
from symlstm.verify.judging.judge import verify_derivation

#: The author's cell; its softmax row sums over j a summand indexed by i (a published error).
CELL = r"""
$$ \theta^{(t)} = Uh^{(t)} + b $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[i]}}} $$
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


def verdicts(*rows):
    rep = verify_derivation(CELL + "\n".join(f"$$ {r} $$" for r in rows))
    by = {r.line: r for r in rep.results}
    return [by[N + 2 + k] for k in range(len(rows))], by


def test_softmax_with_the_wrong_index_still_fails():
    _, by = verdicts(r"J^{(t)} = J^{(t)}")
    assert by[3].status == "fail" and "never uses j" in by[3].why


def test_rows_after_a_failing_softmax_see_the_softmax_meant():
    r"""The failing row is run as meant (\sum_j e^{\theta_{[j]}}) for the rows after it, so J^{(t)} depends on h:
    s^{(t)} reaches J^{(t)} only through h^{(t)} (a true chain rule, it passed as 'both sides' of a constant)."""
    (chain, vec, wrong_factor, wrong_power), _ = verdicts(
        r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(t)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} "
        r"{\partial h_{[p]}^{(t)}} \times \frac {\partial h_{[p]}^{(t)}} {\partial s_{[i]}^{(t)}}",
        r"\frac {\partial J^{(t)}} {\partial s^{(t)}} = \frac {\partial J^{(t)}} {\partial h^{(t)}} \circ q^{(t)} "
        r"\circ (1 - tanh^{2}(s^{(t)}))",
        r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(t)}} = \sum_{p=1}^{D} \frac {\partial J^{(t)}} "
        r"{\partial h_{[p]}^{(t)}} \times \frac {\partial h_{[p]}^{(t)}} {\partial q_{[i]}^{(t)}}",
        r"\frac {\partial J^{(t)}} {\partial s^{(t)}} = \frac {\partial J^{(t)}} {\partial h^{(t)}} \circ q^{(t)} "
        r"\circ tanh^{2}(s^{(t)})")
    assert chain.status == "pass"
    assert vec.status == "pass"
    assert wrong_factor.status == "fail"
    assert wrong_power.status == "fail"


def test_dummy_copies_named_in_prose_are_unreadable_not_failing():
    r"""s_a, s_b: copies of s (never labelled by the forward rows) a text introduces in prose."""
    (row,), _ = verdicts(r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(t-1)}} = \frac {\partial J^{(t)}} "
                         r"{\partial s_{a[i]}^{(t-1)}} + \frac {\partial J^{(t)}} {\partial s_{b[i]}^{(t-1)}}")
    assert row.status == "unreadable"
    assert "dummy" in row.why and "s_a" in row.why


def test_a_misused_gate_label_still_fails():
    (row,), _ = verdicts(r"\frac {\partial J^{(t)}} {\partial W_{f}} = \frac {\partial J^{(t)}} {\partial W_{z}}")
    assert row.status == "fail"


def test_a_name_written_only_on_the_left_of_derivative_rows_is_unreadable():
    r"""\gamma defined in prose (dJ/dh): a row using it, and a row stating it through other undefined names, are
    not read rather than failed."""
    (uses, states), _ = verdicts(
        r"\frac {\partial J^{(t)}} {\partial s_{[i]}^{(t)}} = \gamma_{[i]}^{(t)} \times q_{[i]}^{(t)} \times "
        r"(1 - tanh^{2}(s_{[i]}^{(t)}))",
        r"\gamma^{(t-1)} = W_{q}^{T} ( \gamma^{(t)} \circ \delta^{(t)} )")
    assert uses.status == "unreadable" and "\\gamma" in uses.why
    assert states.status == "unreadable"
