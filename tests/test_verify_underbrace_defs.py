r"""Underbrace labels that are names define them (symlstm/verify/labelled.py), a second step k written only as a
superscript (k), gradients by per-step copies W^{(k)} and values by cases over components, on small hand-made
derivations in the notation of an LSTM post (superscript steps, components in brackets, one step's loss J^{(t)}).

Hand-worked verdicts: with s^{(t)} = f^{(t)} s^{(t-1)} + e^{(t)} and h^{(t)} = tanh(s^{(t)}),
dJ^{(t)}/df^{(k)} = dJ^{(t)}/ds^{(k)} * s^{(k-1)}, dJ^{(t)}/ds^{(k-1)} = dJ^{(t)}/ds^{(k)} f^{(k)} +
dJ^{(t)}/dh^{(k-1)} (1 - tanh^2 s^{(k-1)}); df_{[p]}^{(k)}/dW_{f[i,j]}^{(k)} = sigma'(z_{f[i]}) h_{[j]}^{(k-1)} when
p = i, 0 otherwise; summing dJ/dW^{(k)} over the steps k gives dJ/dW."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.labelled import definitions
from symlstm.verify.text.rowparse import parse_row

CELL = r"""
\begin{align}
f^{(t)} &= \sigma \underbrace{\left( b_{f} + U_{f}x^{(t)} + W_{f}h^{(t-1)} \right)}_{z_f} \\
e^{(t)} &= \sigma \left( b_{e} + U_{e}x^{(t)} + W_{e}h^{(t-1)} \right) \\
s^{(t)} &= f^{(t)} \circ s^{(t-1)} + e^{(t)} \\
h^{(t)} &= \tanh(s^{(t)}) \\
\theta^{(t)} &= U h^{(t)} + b
\end{align}
$$ J^{(t)} = -\sum_{i=0}^{V-1} y^{(t)}_{[i]} log \hat{y}^{(t)}_{[i]} $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[j]}}} $$
$$ J = \sum_{t=1}^{T} J^{(t)} $$
"""

DELTA = r"""
$$ \frac {\partial J^{(t)}} {\partial f_{[i]}^{(k)}} = \underbrace{\frac {\partial J^{(t)}} {\partial s_{[i]}^{(k)}}}_{\delta_{t[i]}^{(k)}} \times s_{[i]}^{(k-1)} $$
"""


def _last(text):
    r = verify_derivation(text).results[-1]
    return r.status, r.why


def _row(rows):
    return CELL + DELTA + "".join(f"$$ {r} $$\n" for r in rows)


def test_a_label_that_is_a_name_is_a_definition_and_prose_labels_are_not():
    defs = definitions([r"a = \underbrace{b + c}_{z_f} + \underbrace{d}_{\text{Eq. 6.1.1}} + \underbrace{x}_{???}"
                        r" + \underbrace{y}_{Equals \space 1.} + \underbrace{q \times r}_{\text{Call it $c_{[i]}$}}"])
    assert [n[1] for n, _ in defs] == ["z", "c"]
    # the labelled part is still read where it stands, the label dropped
    assert parse_row(r"y = a \times \underbrace{b}_{\delta_t^{(k)}}") == parse_row(r"y = a \times b")


def test_the_defining_row_is_read_and_not_reported_twice():
    res = verify_derivation(CELL + DELTA).results
    assert res[-1].status == "pass", res[-1]
    assert len([r for r in res if r.line == res[-1].line]) == 1


def test_a_labelled_name_used_as_a_whole_vector_at_its_step():
    # \delta_t^{(k)} (no component) is the whole vector dJ^{(t)}/ds^{(k)}; z_f at step k is its expression at k
    ok = r"\frac {\partial J^{(t)}} {\partial W_{f}^{(k)}} = \left( \delta_{t}^{(k)} \circ \sigma'(z_{f}^{(k)}) \circ s^{(k-1)} \right) (h^{(k-1)})^{Tr}"
    assert _last(_row([ok]))[0] == "pass"
    wrong = r"\frac {\partial J^{(t)}} {\partial W_{f}^{(k)}} = \left( \delta_{t}^{(k)} \circ \sigma'(z_{f}^{(k)}) \circ s^{(k)} \right) (h^{(k-1)})^{Tr}"
    assert _last(_row([wrong]))[0] == "fail"


def test_a_template_in_k_is_moved_to_k_minus_1():
    ok = r"\frac {\partial J^{(t)}} {\partial s^{(k-1)}} = \delta_{t}^{(k)} \circ f^{(k)} + \frac {\partial J^{(t)}} {\partial h^{(k-1)}} \circ (1 - tanh^2(s^{(k-1)}))"
    assert _last(_row([ok]))[0] == "pass"
    moved = r"\delta_{t}^{(k-1)} = \delta_{t}^{(k)} \circ f^{(k)} + \frac {\partial J^{(t)}} {\partial h^{(k-1)}} \circ (1 - tanh^2(s^{(k-1)}))"
    assert _last(_row([moved]))[0] == "pass"
    wrong = r"\delta_{t}^{(k-1)} = \delta_{t}^{(k)} \circ f^{(k-1)} + \frac {\partial J^{(t)}} {\partial h^{(k-1)}} \circ (1 - tanh^2(s^{(k-1)}))"
    assert _last(_row([wrong]))[0] == "fail"


def test_a_wrong_labelled_definition_fails_where_it_is_used():
    # the label calls dJ^{(t)}/dh^{(k)} \delta: the defining row is a tautology, the row that uses \delta as
    # dJ^{(t)}/ds^{(k)} fails
    text = CELL + r"""
$$ \frac {\partial J^{(t)}} {\partial h_{[i]}^{(k)}} = \underbrace{\frac {\partial J^{(t)}} {\partial h_{[i]}^{(k)}}}_{\delta_{t[i]}^{(k)}} $$
$$ \frac {\partial J^{(t)}} {\partial f_{[i]}^{(k)}} = \delta_{t[i]}^{(k)} \times s_{[i]}^{(k-1)} $$
"""
    assert _last(text)[0] == "fail"


def test_a_name_whose_step_letter_is_also_the_losss_step_is_not_moved():
    # \delta_t^{(t)}: t is the loss's step and the name's step; a use at (k) is not read from it
    text = CELL + r"""
$$ \underbrace{\frac {\partial J^{(t)}} {\partial s_{[i]}^{(t)}}}_{\delta_{t[i]}^{(t)}} = \frac {\partial J^{(t)}} {\partial h_{[i]}^{(t)}} \times (1 - tanh^2(s_{[i]}^{(t)})) $$
$$ \delta_{t}^{(t)} = \frac {\partial J^{(t)}} {\partial h^{(t)}} \circ (1 - tanh^2(s^{(t)})) $$
$$ \frac {\partial J^{(t)}} {\partial f^{(k)}} = \delta_{t}^{(k)} \circ s^{(k-1)} $$
"""
    res = verify_derivation(text).results
    assert [r.status for r in res[-3:]] == ["pass", "pass", "unreadable"], [(r.status, r.why) for r in res[-3:]]


def test_gradients_by_per_step_copies_are_steps_parts():
    ok = r"\frac {\partial J} {\partial W_{f}} = \sum_{k=1}^{T} \frac {\partial J} {\partial W_{f}^{(k)}}"
    assert _last(CELL + f"$$ {ok} $$\n")[0] == "pass"
    short = r"\frac {\partial J} {\partial W_{f}} = \sum_{k=1}^{T-1} \frac {\partial J} {\partial W_{f}^{(k)}}"
    assert _last(CELL + f"$$ {short} $$\n")[0] == "fail"
    one = r"\frac {\partial J^{(t)}} {\partial W_{f [i,j]}} = \sum_{k=1}^{T} \frac {\partial J^{(t)}} {\partial W_{f [i,j]}^{(k)}} \times \frac {\partial W_{f [i,j]}^{(k)}} {\partial W_{f[i,j]}}"
    assert _last(CELL + f"$$ {one} $$\n")[0] == "pass"


def test_a_value_by_cases_over_components():
    ok = r"\frac {\partial f_{[p]}^{(k)}} {\partial W_{f[i,j]}^{(k)}} = \begin{cases} 0, & \text{p $\ne$ i} \\[2ex] \sigma'(z_{f[i]}^{(k)}) \times h_{[j]}^{(k-1)}, & \text{p = i} \end{cases}"
    assert _last(CELL + f"$$ {ok} $$\n")[0] == "pass"
    other = r"\frac {\partial f_{[p]}^{(k)}} {\partial W_{f[i,j]}^{(k)}} = \begin{cases} \sigma'(z_{f[i]}^{(k)}) \times h_{[j]}^{(k-1)}, & \text{p = i} \\ 0, & \text{otherwise} \end{cases}"
    assert _last(CELL + f"$$ {other} $$\n")[0] == "pass"
    swapped = r"\frac {\partial f_{[p]}^{(k)}} {\partial W_{f[i,j]}^{(k)}} = \begin{cases} 0, & \text{p = i} \\[2ex] \sigma'(z_{f[i]}^{(k)}) \times h_{[j]}^{(k-1)}, & \text{p $\ne$ i} \end{cases}"
    assert _last(CELL + f"$$ {swapped} $$\n")[0] == "fail"
    wrong_index = r"\frac {\partial f_{[p]}^{(k)}} {\partial W_{f[i,j]}^{(k)}} = \begin{cases} \sigma'(z_{f[i]}^{(k)}) \times h_{[j]}^{(k-1)}, & \text{p = j} \\ 0, & \text{otherwise} \end{cases}"
    assert _last(CELL + f"$$ {wrong_index} $$\n")[0] == "fail"


def test_cases_on_anything_but_components_are_unreadable_with_a_reason():
    status, why = _last(CELL + r"$$ \frac{\partial J}{\partial h^{(t)}} = \begin{cases} 0, & \text{t > T} \\ 1, & \text{otherwise} \end{cases} $$" + "\n")
    assert status == "unreadable" and "condition" in why, why


def test_a_label_on_a_name_a_row_defines_does_not_redefine_it():
    # h_t is defined by the first row; a label h_t under (y_t - d_t) only describes, so the last row
    # (hand-worked: dx_t = U^T((1 - h_t^2) dh_t), the total dh_t) is still read with the forward h_t
    text = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t) \\
y_t &= V h_t \\
\delta h_t &= V^T \underbrace{(y_t - d_t)}_{h_t} \\
\delta x_t &= U^T ((1 - h_t^2) \odot \delta h_t)
\end{align}
"""
    statuses = [(r.line, r.status) for r in verify_derivation(text).results]
    assert statuses[:2] == [(3, "pass"), (4, "pass")] and statuses[3] == (6, "pass")
    assert statuses[2] == (5, "unreadable")
