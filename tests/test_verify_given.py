r"""``% symlstm: given``: forward equations a text relies on but does not state; the immediate derivative
``\partial^{+}``, ``\varepsilon`` as the loss, ``\theta`` for any parameter, a given name of a written
sub-expression. Small hand-made derivations; every verdict is worked out by hand in its comment."""
import pytest

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.latexparse import LatexError
from symlstm.verify.text.texfile import read_tex

#: Pascanu et al.'s RNN (x_t before the non-linearity) and its loss, as a directive.
RNN = r"% symlstm: given x_t = W \sigma(x_{t-1}) + U u_t + b; \varepsilon = \sum_t \varepsilon_t" + "\n"


def verdicts(text):
    return {r.line: r for r in verify_derivation(text).results}


def rows(*lines):
    return RNN + "\\begin{align}\n" + " \\\\\n".join(lines) + "\n\\end{align}\n"


def test_given_rows_are_read_but_not_reported():
    tex = read_tex(RNN)
    assert [e.text for e in tex.given] == [r"x_t = W \sigma(x_{t-1}) + U u_t + b", r"\varepsilon = \sum_t \varepsilon_t"]
    assert all(e.given and e.line == 1 for e in tex.given) and tex.equations == []
    # dx_t/dx_{t-1} = W diag(sigma'(x_{t-1})) (rows = outputs): holds; with W^T it does not (Pascanu's eq. 5)
    v = verdicts(rows(r"\frac{\partial x_t}{\partial x_{t-1}} = W \operatorname{diag}(\sigma'(x_{t-1}))",
                      r"\frac{\partial x_t}{\partial x_{t-1}} = W^T \operatorname{diag}(\sigma'(x_{t-1}))"))
    assert sorted(v) == [3, 4]                  # line 1 (the given equations) has no result
    assert v[3].status == "pass"
    assert v[4].status == "fail" and "given" in v[4].why and "line 1" in v[4].why


def test_a_wrong_given_makes_the_rows_that_rest_on_it_fail_and_says_so():
    # the given says tanh, the row differentiates a sigmoid: 1 - h_t^2 is not h_t (1 - h_t)
    text = ("% symlstm: given h_t = \\sigma(W h_{t-1} + U x_t)\n\\begin{align}\n"
            "\\delta h_{t-1} = W^T (\\delta h_t \\odot (1 - h_t^2))\n\\end{align}\n")
    r = verdicts(text)[3]
    assert r.status == "fail" and "given by the file" in r.why
    good = text.replace("(1 - h_t^2)", "h_t \\odot (1 - h_t)")
    assert verdicts(good)[3].status == "pass"


def test_a_given_that_cannot_serve_is_reported_at_its_line():
    text = ("% symlstm: given h_t = \\tanh(W h_{t-1} + U x_t); \\frac{\\partial h_t}{\\partial W} = 0; h_t = (\n"
            "\\begin{align}\n\\delta h_{t-1} = W^T (\\delta h_t \\odot (1 - h_t^2))\n\\end{align}\n")
    res = verify_derivation(text).results
    given = [r for r in res if r.line == 1]
    assert len(given) == 2 and all(r.status == "unreadable" and "given equation" in r.why for r in given)
    assert any("not a forward equation" in r.why for r in given)
    assert any("cannot be read" in r.why for r in given)
    with pytest.raises(LatexError, match="NAME = EXPRESSION"):
        read_tex("% symlstm: given h_t\n")


def test_immediate_derivative():
    v = verdicts(rows(
        # x_t reads x_{t-1} only at step t: the immediate and the total one-step Jacobian agree
        r"\frac{\partial^{+} x_t}{\partial x_{t-1}} = W \operatorname{diag}(\sigma'(x_{t-1}))",
        # x_t depends on b directly (identity) and through x_{t-1}: the total is the sum of both
        r"\frac{\partial x_t}{\partial b} = \frac{\partial^{+} x_t}{\partial b} + \frac{\partial x_t}{\partial x_{t-1}}"
        r" \frac{\partial x_{t-1}}{\partial b}",
        # the immediate derivative by b is the identity (written 1)
        r"\frac{\partial^{+} x_t}{\partial b} = 1",
        # ... and by W it is not
        r"\frac{\partial^{+} x_t}{\partial b} = \frac{\partial^{+} x_t}{\partial b} \frac{\partial x_{t}}{\partial x_{t-1}}"))
    assert [v[k].status for k in (3, 4, 5, 6)] == ["pass", "pass", "pass", "fail"]


def test_varepsilon_is_the_loss_and_varepsilon_t_one_steps_loss():
    v = verdicts(rows(r"\frac{\partial \varepsilon}{\partial b} = \sum_{t} \frac{\partial \varepsilon_t}{\partial b}",
                      r"\frac{\partial \varepsilon}{\partial b} = \frac{\partial \varepsilon_t}{\partial b}"))
    assert v[3].status == "pass"
    assert v[4].status == "fail"            # one step's loss is not the whole loss (T = 4 steps)


def test_theta_stands_for_every_parameter():
    v = verdicts(rows(r"\frac{\partial\varepsilon}{\partial\theta} = \sum_{1 \leq t \leq T} \frac{\partial\varepsilon_t}{\partial\theta}",
                      r"\frac{\partial^{+} x_t}{\partial \theta} = 1"))
    assert v[3].status == "pass" and all(p in v[3].why for p in ("U", "W", "b"))
    # the identity only for b: fails, naming a parameter it fails for
    assert v[4].status == "fail" and v[4].why.startswith(r"\theta = ") and r"\theta = b" not in v[4].why


#: An LSTM's gate system written as one block product (the shape of datascience_se_19614_lstm).
GATES = r"""% symlstm: given I^t = \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix}; W = \begin{bmatrix} W^a & U^a \\ W^i & U^i \end{bmatrix}
$$ \begin{bmatrix} a^t \\ i^t \end{bmatrix} = \begin{bmatrix} \tanh(\hat a^t) \\ \sigma(\hat i^t) \end{bmatrix} $$
$$ z = \begin{bmatrix} \hat a^t \\ \hat i^t \end{bmatrix} = \begin{bmatrix} W^a & U^a \\ W^i & U^i \end{bmatrix} \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix} $$
"""


def test_a_given_name_of_a_written_sub_expression():
    v = verdicts(GATES + "\n".join([
        r"$$ \delta I^t = W^T \delta z $$",                  # 4: dE/dI = W^T dE/dz (z = W I)
        r"$$ \delta I^t = \delta z $$",                      # 5: sizes 5 (x: 2, h: 3) and 6
        r"$$ z = W^T I^t $$",                                # 6: W^T is 5x6, I^t 5x1
        r"$$ \delta I = \begin{bmatrix} \delta x^t \\ \delta h^{t-1} \end{bmatrix} $$",             # 7: the blocks
        r"$$ \delta I = \begin{bmatrix} \frac{dE}{dx^t} \\ \frac{d}{dh^{t-1}} \end{bmatrix} $$"]))   # 8: no numerator
    assert sorted(v) == [2, 3, 4, 5, 6, 7, 8]
    assert [v[k].status for k in (2, 3, 4, 5, 6, 7, 8)] == ["pass", "pass", "pass", "fail", "fail", "pass", "fail"]
    assert "has no numerator" in v[8].why


def test_a_given_name_that_does_not_match_the_written_expression():
    # [h; x] is not what the rows multiply: I^t is then a quantity of its own that nothing reads (dE/dI = 0)
    text = GATES.replace(r"I^t = \begin{bmatrix} x^t \\ h^{t-1} \end{bmatrix}", r"I^t = \begin{bmatrix} h^{t-1} \\ x^t \end{bmatrix}")
    r = verdicts(text + r"$$ \delta I = \begin{bmatrix} \delta x^t \\ \delta h^{t-1} \end{bmatrix} $$" + "\n")[4]
    assert r.status == "fail" and "given by the file" in r.why
