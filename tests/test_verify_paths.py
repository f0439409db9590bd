r"""Readings of verify for gradients written node by node, path by path, and Jacobian-style chains.

Small hand-made derivations; every verdict below is worked out by hand (the comment beside a row says why).
Features: a restatement of the cell through intermediate names (g_1 = W h_{t-1}; h_t = \tanh(g_3)) extends
the same cell; \Delta_{W}L is step t's contribution like \Delta W; ``A = X`` then ``A += Y`` accumulates
the gradient path by path; crossentropy(p_t, labels_t); a sum over k from 0 where step 0 has no
pre-activation; the loss of step t on the left of a sum over t; a derivative of the loss as a row in
Jacobian chains; the shorthand \partial z/\partial W = x; a \frac with a missing \partial.
"""
from symlstm.verify.judging.judge import verify_derivation


def verdicts(rows):
    """{row number (1-based in ``rows``): (status, why)} of a derivation given as its display rows."""
    text = "\n".join(f"$${r}$$" for r in rows)
    return {r.line: (r.status, r.why) for r in verify_derivation(text).results}


def status(rows):
    return {k: v[0] for k, v in verdicts(rows).items()}


# ----------------------------------------------------------------------------- restatement through nodes
RESTATED = [
    r"h_t = \tanh(W_{h} \ast h_{t-1} + W_{x} \ast x_t)",       # 1 the cell
    r"g_1 = W_{h} \ast h_{t-1}",                               # 2 nodes of the same cell
    r"g_2 = W_{x} \ast x_t",                                   # 3
    r"g_3 = g_1 + g_2",                                        # 4
    r"h_t = \tanh(g_3)",                                       # 5 the cell again, through g_3: holds
    r"\Delta_{g_3}L = \Delta_{h_t}L \circ (1 - h_t^2)",        # 6 tanh' at g_3: holds
    r"\Delta_{g_1}L = \Delta_{g_3}L",                          # 7 g_3 = g_1 + g_2: holds
    r"\Delta_{W_{x}}L = \Delta_{g_2}L \ast x_t^T",             # 8 step t's part of dL/dW_x: holds
    r"\Delta_{W_{h}}L = \Delta_{g_1}L \ast x_t^T",             # 9 x_t for h_{t-1}: wrong
]


def test_a_restatement_through_intermediate_names_extends_the_cell():
    s = status(RESTATED)
    assert [s[k] for k in range(1, 9)] == ["pass"] * 8, s
    assert s[9] == "fail"


def test_a_wrong_restatement_is_a_failing_claim():
    rows = list(RESTATED[:8])
    rows[4] = r"h_t = \sigma(g_3)"                             # sigma for tanh: wrong
    s = status(rows)
    assert s[5] == "fail"
    assert s[1] == s[2] == s[3] == s[4] == "pass"


def test_delta_of_a_weight_is_read_as_step_t_contribution_only_when_right():
    rows = RESTATED[:5] + [r"\Delta_{W_{x}}L = \Delta_{g_2}L \ast x_t^T",    # holds (step t)
                           r"\Delta_{W_{x}}L = \Delta_{h_t}L \ast x_t^T"]    # tanh' left out: wrong
    v = verdicts(rows)
    assert v[6][0] == "pass" and "step t's contribution" in v[6][1]
    assert v[7][0] == "fail"


# ----------------------------------------------------------------------------- += path by path
GATED = [
    r"z_t = \sigma(W_z h_{t-1})",                              # 1
    r"c_t = \tanh(W_c x_t)",                                   # 2
    r"h_t = z_t \circ h_{t-1} + (1 - z_t) \circ c_t",          # 3
]


def test_an_accumulation_path_by_path_within_a_step():
    s = status(GATED + [
        r"\Delta_{z_t}L = \Delta_{h_t}L \circ h_{t-1}",        # 4 the path through z_t h_{t-1}: a partial sum
        r"\Delta_{z_t}L += -\Delta_{h_t}L \circ c_t",          # 5 adds the path through (1 - z_t) c_t: all of it
        r"\Delta_{h_{t-1}}L = \Delta_{h_t}L \circ z_t",        # 6 one path of h_{t-1}
        r"\Delta_{h_{t-1}}L += W_z^T \ast (\Delta_{z_t}L \circ z_t \circ (1 - z_t))",   # 7 both: through step t
    ])
    assert [s[k] for k in range(4, 8)] == ["pass"] * 4, s


def test_the_last_row_of_an_accumulation_must_hold_every_path():
    s = status(GATED + [
        r"\Delta_{z_t}L = \Delta_{h_t}L \circ h_{t-1}",        # 4 a partial sum: holds as one path
        r"\Delta_{z_t}L += \Delta_{h_t}L \circ c_t",           # 5 sign of the second path wrong: fails
    ])
    assert s[4] == "pass" and s[5] == "fail"
    s = status(GATED + [
        r"\Delta_{h_{t-1}}L = \Delta_{h_t}L \circ z_t",        # 4 partial
        r"\Delta_{h_{t-1}}L += \Delta_{h_t}L \circ z_t",       # 5 the same path again, the z_t path left out
    ])
    assert s[5] == "fail"


def test_one_path_alone_is_not_the_gradient():
    # no += follows: the row claims all of dL/dz_t and misses the path through (1 - z_t) c_t
    s = status(GATED + [r"\Delta_{z_t}L = \Delta_{h_t}L \circ h_{t-1}"])
    assert s[4] == "fail"


# ----------------------------------------------------------------------------- Jacobian-style rows
RNN = [
    r"\mathbf{z_t} = \mathbf{W}\mathbf{x_t} + \mathbf{U}\mathbf{h_{t-1}}",      # 1
    r"\mathbf{h_t} = \tanh(\mathbf{z_t})",                                       # 2
    r"\mathbf{y_t} = \mathbf{V}\mathbf{h_t}",                                    # 3
    r"\mathbf{p_t} = \text{softmax}(\mathbf{y_t})",                              # 4
    r"\mathbf{J_t} = \text{crossentropy}(\mathbf{p_t}, \mathbf{\text{labels}_t})",   # 5
]


def test_crossentropy_of_a_softmax_and_one_hot_labels():
    s = status(RNN + [
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{y_t}} = \mathbf{p_t} - \mathbf{\text{labels}_t}",  # 6 holds
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{y_t}} = \mathbf{\text{labels}_t} - \mathbf{p_t}",  # 7 sign
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{y_t}} = \mathbf{p_t}",                             # 8 no
    ])
    assert (s[6], s[7], s[8]) == ("pass", "fail", "fail"), s


def test_a_sum_over_k_from_zero_has_no_term_at_step_zero():
    chain = r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{h_t}} \frac{\partial \mathbf{h_t}}{\partial \mathbf{h_k}} " \
            r"\frac{\partial \mathbf{h_k}}{\partial \mathbf{z_k}} \frac{\partial \mathbf{z_k}}{\partial \mathbf{%s}}"
    s = status(RNN + [
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{U}} = \sum_{k=0}^{t} " + chain % "U",    # 6 holds
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{U}} = \sum_{k=0}^{t} " + chain % "W",    # 7 W for U: wrong
    ])
    assert s[6] == "pass" and s[7] == "fail", s


def test_the_loss_gradient_is_a_row_where_the_chains_are_jacobians():
    s = status(RNN + [
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{V}} = \frac{\partial \mathbf{J_t}}{\partial \mathbf{p_t}} "
        r"\frac{\partial \mathbf{p_t}}{\partial \mathbf{y_t}} \frac{\partial \mathbf{y_t}}{\partial \mathbf{V}}",  # 6
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{h_t}} = (\mathbf{p_t} - \mathbf{\text{labels}_t})\mathbf{V}",  # 7
        r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{h_t}} = (\mathbf{p_t} - \mathbf{\text{labels}_t})\mathbf{U}",  # 8
    ])
    assert (s[6], s[7], s[8]) == ("pass", "pass", "fail"), s


def test_the_shorthand_derivative_by_a_weight():
    s = status(RNN + [
        r"\frac{\partial \mathbf{z_t}}{\partial \mathbf{U}} = \mathbf{h_{t-1}}",   # 6 dz_i/dU_ij = h_{t-1,j}
        r"\frac{\partial \mathbf{z_t}}{\partial \mathbf{U}} = \mathbf{h_t}",       # 7 h_t for h_{t-1}: wrong
        r"\frac{\partial \mathbf{z_t}}{\partial \mathbf{W}} = \mathbf{x_t}",       # 8 holds
    ])
    assert (s[6], s[7], s[8]) == ("pass", "fail", "pass"), s


def test_a_missing_partial_fails_and_says_so():
    v = verdicts(RNN + [r"\frac{\partial \mathbf{z_t}}{\mathbf{h_{t-1}}} = \mathbf{U}",
                        r"\frac{\mathbf{z_t}}{\partial \mathbf{U}} = \mathbf{h_{t-1}}"])
    assert v[6][0] == "fail" and "no \\partial in its denominator" in v[6][1]
    assert v[7][0] == "fail" and "no \\partial in its numerator" in v[7][1]


def test_the_loss_of_step_t_left_of_a_sum_over_t_is_the_total():
    total = r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{V}} = \sum_t \frac{\partial \mathbf{J_t}}{\partial \mathbf{V}}"
    v = verdicts(RNN + [total])
    assert v[6][0] == "pass" and "total loss" in v[6][1]
    s = status(RNN + [r"\frac{\partial \mathbf{J_t}}{\partial \mathbf{V}} = \sum_t \frac{\partial \mathbf{J_t}}{\partial \mathbf{W}}"])
    assert s[6] == "fail"
    # the sum written out over the steps J_1, J_2, J_3: the sequence has three steps
    three = r" = \frac{\partial \mathbf{J_3}}{\partial \mathbf{V}} + \frac{\partial \mathbf{J_2}}{\partial \mathbf{V}}" \
            r" + \frac{\partial \mathbf{J_1}}{\partial \mathbf{V}}"
    assert status(RNN + [total + three])[6] == "pass"
    two = r" = \frac{\partial \mathbf{J_3}}{\partial \mathbf{V}} + \frac{\partial \mathbf{J_2}}{\partial \mathbf{V}}"
    assert status(RNN + [total + two])[6] == "fail"        # J_1's part left out
