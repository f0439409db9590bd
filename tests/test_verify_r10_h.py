r"""Round 10, helper H: a weight run together with its state (``Vh^{(t)}``), two forward displays run together
(``o = \sigma(...)h^{(t)} = o \odot tanh(C)``), and column gradients times a diagonal Jacobian
(``\frac{\partial L}{\partial h} \frac{\partial h}{\partial C}`` where the rows' results are columns)."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
$$f^{(t)} = \sigma(W_fh^{(t-1)} + U_fx^{(t)} + b_f)$$
$$i^{(t)} = \sigma(W_ih^{(t-1)} + U_ix^{(t)} + b_i)$$
$$a^{(t)} =tanh(W_ah^{(t-1)} + U_ax^{(t)} + b_a)$$
$$C^{(t)} = C^{(t-1)} \odot f^{(t)} + i^{(t)} \odot a^{(t)}$$
$$o^{(t)} = \sigma(W_oh^{(t-1)} + U_ox^{(t)} + b_o)h^{(t)} = o^{(t)} \odot tanh(C^{(t)})$$
$$\hat{y}^{(t)} = \sigma(Vh^{(t)} + c)$$
$$\delta_h^{(t)} = \frac{\partial L}{\partial h^{(t)}}$$
$$\delta_C^{(t)} = \frac{\partial L}{\partial C^{(t)}}$$
"""


def _statuses(rows):
    text = FORWARD + "\n".join(f"$${r}$$" for r, _ in rows)
    rep = verify_derivation(text)
    by_line = {r.line: r for r in rep.results}
    first = len(FORWARD.strip("\n").split("\n")) + 2
    return [(by_line[first + k], want) for k, (_, want) in enumerate(rows)], by_line


def test_joined_displays_and_column_chains():
    rows = [
        (r"\delta_h^{(\tau)} = V^T(\hat{y}^{(\tau)} - y^{(\tau)})", "pass"),
        (r"\delta_C^{(t)} = \delta_C^{(t+1)}\odot f^{(t+1)} + \delta_h^{(t)} \odot o^{(t)} \odot (1 - tanh^2(C^{(t)}))",
         "pass"),
        (r"\delta_C^{(\tau)} = \delta_h^{(\tau)} \odot o^{(\tau)} \odot (1 - tanh^2(C^{(\tau)}))", "pass"),
        # mutants: a dropped gate, a swapped gate, a wrong sign, the output gradient without V^T
        (r"\delta_C^{(t)} = \delta_C^{(t+1)} + \delta_h^{(t)} \odot o^{(t)} \odot (1 - tanh^2(C^{(t)}))", "fail"),
        (r"\delta_C^{(t)} = \delta_C^{(t+1)}\odot f^{(t+1)} + \delta_h^{(t)} \odot i^{(t)} \odot (1 - tanh^2(C^{(t)}))",
         "fail"),
        (r"\delta_h^{(\tau)} = V^T(y^{(\tau)} - \hat{y}^{(\tau)})", "fail"),
        (r"\delta_h^{(\tau)} = V(\hat{y}^{(\tau)} - y^{(\tau)})", "fail"),
        # the derivation's results of its chains are columns (V^T(...)): its gradients are columns
        (r"\delta_h^{(\tau)} = \frac{\partial L}{\partial h^{(\tau)}} = V^T(\hat{y}^{(\tau)} - y^{(\tau)})", "pass"),
        (r"\delta_h^{(\tau)} =\frac{\partial L}{\partial o^{(\tau)}} \frac{\partial o^{(\tau)}}{\partial h^{(\tau)}} = "
         r"V^T(\hat{y}^{(\tau)} - y^{(\tau)})", "fail"),
        # so a column gradient times a Jacobian on its right is ill-typed
        (r"\delta_C^{(\tau)} = \frac{\partial L}{\partial h^{(\tau)}} \frac{\partial h^{(\tau)}}{\partial C^{(\tau)}}",
         "fail"),
        # o is the output gate: it does not depend on h^{(\tau)}
        (r"\delta_h^{(\tau)} = \frac{\partial L}{\partial o^{(\tau)}} \frac{\partial o^{(\tau)}}{\partial h^{(\tau)}}",
         "fail"),
    ]
    got, by_line = _statuses(rows)
    for r, want in got:
        assert r.status == want, (r.text, r.status, r.why)
    joined = [r for r in by_line.values() if r.text.startswith("o^{(t)}")][0]
    assert joined.status == "fail" and "run together" in joined.why


def test_input_after_a_bracket_is_not_a_second_display():
    # x^{(t)} is an input (never read at an earlier step): the chain is one equation, read as written
    text = r"""
$$h^{(t)} = tanh(W h^{(t-1)} + U x^{(t)})$$
$$q^{(t)} = \sigma(A h^{(t-1)})x^{(t)} = \sigma(A h^{(t-1)}) \odot x^{(t)}$$
"""
    rep = verify_derivation(text)
    for r in rep.results:
        assert "run together" not in (r.why or ""), (r.text, r.why)


GRU = r"""
\begin{align*}
{ z }_{ t }=\sigma ({ W }^{ (z) }{ x }_{ t }+{ U }^{ (z) }{ h }_{ t-1 })\\
{ r }_{ t }=\sigma ({ W }^{ (r) }{ x }_{ t }+{ U }^{ (r) }{ h }_{ t-1 })
\end{align*}
$$ \tilde { { h }_{ t } } =\tanh { (W{ x }_{ t }+{ r }_{ t }\odot U{ h }_{ t-1 }) } $$
$$ { h }_{ t }={ z }_{ t }\odot { h }_{ t-1 }+{ (1-z }_{ t })\odot \tilde { { h }_{ t } } $$
"""


def test_delta_through_unnamed_output_and_input_weights():
    # y_t (the output of a figure) is named by no row: dL_t/dy_t dy_t/dh_t is dL_t/dh_t (unnamedlinks.py), also in
    # the definition of \delta_3 that the next row reads; W_x, named by no row, is read as each weight applied to x
    rows = [
        (r"{ \delta  }_{ 3 }=\frac { \partial { L }_{ 3 } }{ \partial { y }_{ 3 } } \frac { \partial y_{ 3 } }"
         r"{ \partial { h }_{ 3 } } \frac { \partial h_{ 3 } }{ \partial { h }_{ 2 } }", {"pass"}),
        (r"{ \delta  }_{ 2 }=({ \delta  }_{ 3 }+\frac { \partial L_{ 2 } }{ \partial { h }_{ 2 } } )"
         r"\frac { \partial h_{ 2 } }{ \partial { h }_{ 1 } }", {"pass"}),
        # mutant: a wrong sign
        (r"{ \delta  }_{ 2 }=({ \delta  }_{ 3 }-\frac { \partial L_{ 2 } }{ \partial { h }_{ 2 } } )"
         r"\frac { \partial h_{ 2 } }{ \partial { h }_{ 1 } }", {"fail"}),
        # dL_1/dW_x holds the later steps' losses too: wrong for every weight x multiplies
        (r"\frac { \partial L_{ 1 } }{ \partial { W }_{ x } } =({ \delta  }_{ 2 }+\frac { \partial L_{ 1 } }"
         r"{ \partial { y }_{ 1 } } \frac { \partial y_{ 1 } }{ \partial { h }_{ 1 } } )\frac { \partial h_{ 1 } }"
         r"{ \partial { W }_{ x } }", {"fail"}),
        (r"\frac { \partial L_{ 1 } }{ \partial { W }_{ x } } =\frac { \partial L_{ 1 } }{ \partial { y }_{ 1 } } "
         r"\frac { \partial y_{ 1 } }{ \partial { h }_{ 1 } } \frac { \partial h_{ 1 } }{ \partial { W }_{ x } }",
         {"pass"}),
        # mutant: another weight on the right
        (r"\frac { \partial L_{ 1 } }{ \partial { W }_{ x } } =\frac { \partial L_{ 1 } }{ \partial { y }_{ 1 } } "
         r"\frac { \partial y_{ 1 } }{ \partial { h }_{ 1 } } \frac { \partial h_{ 1 } }{ \partial { U }^{ (z) } }",
         {"fail", "unreadable"}),
    ]
    text = GRU + "\n".join(f"$$ {r} $$" for r, _ in rows)
    rep = verify_derivation(text)
    first = len(GRU.strip("\n").split("\n")) + 2
    by_line = {r.line: r for r in rep.results}
    for k, (_, want) in enumerate(rows):
        r = by_line[first + k]
        assert r.status in want, (r.text, r.status, r.why)
