r"""Round 12 of verify: derivations found on first contact with notes outside the corpus. Every expected
verdict is worked out by hand in the comment above its test."""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation


def _results(rows, open_="$$", close="$$", sep="\n"):
    """The results of the rows, each a display of its own, in line order."""
    text = sep.join(open_ + r + close for r in rows)
    return sorted(verify_derivation(text).results, key=lambda r: r.line)


# Notes on a framework's layers: a linear layer in columns, Y = W X, with its gradients, then an RNN in rows,
# h_t = tanh(h_{t-1} W_h + x_t W_x + b). No name is shared: two models, each in its own layout (before, one
# layout was chosen for both and the RNN row failed as "a column vector times a matrix on its right").
# By hand: Y = W X gives dL/dX = W^T dL/dY and dL/dW = dL/dY X^T; written the other way round (dL/dY W^T,
# X^T dL/dY) they are ill-typed for Y = W X. In rows, h_t = tanh(a_t), a_t = h_{t-1} W_h + ...: what reaches
# h_{t-1} through step t is (dL/dh_t * (1 - h_t^2)) W_h^T; W_h^T (...) on the left is ill-typed for a row.
LAYERS = [r"Y = W X",
          r"\frac{\partial L}{\partial X} = W^T \frac{\partial L}{\partial Y}",
          r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T",
          r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} X^T",
          r"\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}",
          r"h_t = \tanh(h_{t-1} W_h + x_t W_x + b)",
          r"\frac{\partial L}{\partial h_{t-1}} = (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)) W_h^T",
          r"\frac{\partial L}{\partial h_{t-1}} = W_h^T (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2))"]


def test_two_unrelated_models_are_read_each_in_its_layout():
    res = _results(LAYERS)
    assert [r.status for r in res] == ["pass", "pass", "fail", "pass", "fail", "pass", "pass", "fail"], \
        [(r.status, r.why) for r in res]


def test_one_model_in_one_layout_is_not_split():
    # the same RNN whose rows mix the layouts (shared names): the row in the other layout still fails
    res = _results([r"h_t = \tanh(h_{t-1} W_h + x_t W_x + b)", r"y_t = V h_t"])
    assert [r.status for r in res] != ["pass", "pass"], [(r.status, r.why) for r in res]


# Typesetting found on first contact, each around a row whose verdict is known by hand: h_t = tanh(a_t) with
# a_t = W_hh h_{t-1} + W_xh x_t + b_h gives dh_t/da_t = 1 - h_t^2 (pass) and 1 + h_t^2 fails.
RNN = [r"a_t=W_{hh}h_{t-1}+ W_{xh}x_{t} + b_h \:\: (\circledast)", r"h_t=\tanh\left(a_t\right) \:\: (\star)"]


def test_tags_made_of_symbols_frames_unicode_signs_and_bracketed_remarks_are_layout():
    rows = RNN + [r"\frac{\partial h_t}{\partial a_t}=1-h^2_t \:\:(\wr)",           # a symbol as the tag
                  r"\frac{\partial h_t}{\partial a_t}=1+h^2_t \quad (\dagger)",
                  "\\frac{\\partial h_t}{\\partial a_t} = 1 \u2212 h_t^2",           # U+2212, the minus sign
                  "\\frac{\\partial h_t}{\\partial a_t} = 1 + h_t^2",
                  r"z_t = 1 \qquad \boxed{\frac{\partial h_t}{\partial a_t} = 1 - h_t^2}",     # a framed equation
                  r"\frac{\partial h_t}{\partial a_t} \equiv 1 - h_t^2 \quad \text{(this is } \delta a_t "
                  r"\text{ for step } t-1\text{)}"]                                 # a remark with math inside
    res = _results(rows)
    assert [r.status for r in res] == ["pass"] * 3 + ["fail", "pass", "fail", "pass", "pass", "pass"], \
        [(r.status, r.why) for r in res]
    assert res[-3].text.startswith("z_t") and res[-2].text.startswith(r"\frac")    # two equations on the row


def test_a_piecewise_array_inside_a_display_is_one_row_not_rows():
    # J = \left\{ \begin{array} ... \right. = diag(...): the array's rows are cases; before, they were read as
    # equations and the fragment "i=j \\ 0 if" passed as a forward row
    text = "$$" + RNN[0] + "$$\n$$" + RNN[1] + "$$\n" + r"""$$J\left(\frac{\partial h_{t}}{\partial a_{t}}\right)=
\left\{
\begin{array}{rcl}
\tanh'(a_t^i) & if & i=j \\
0 & if & i\not=j
\end{array}
\right.=diag(\tanh'(a_t))$$"""
    res = sorted(verify_derivation(text).results, key=lambda r: r.line)
    assert len(res) == 3 and res[2].status != "pass", [(r.text, r.status) for r in res]


def test_a_path_named_in_another_script_is_reported_in_it():
    res = _results(RNN + [r"\left.\frac{\partial L}{\partial h_t}\right|_{\text{當前}} = V^T h_t"])
    assert res[2].status == "unreadable" and "當前" in res[2].why, res[2].why
