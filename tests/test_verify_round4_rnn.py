"""Reader features found on new vanilla-RNN sources (round 4); every verdict below is worked out by hand.

Forward model of every test: z_t = W x_t + U h_{t-1} + b, h_t = tanh(z_t), L = sum_t R_t^T h_t, so
dL/dz_t = (1 - h_t^2) odot dL/dh_t (dL/dh_t the total gradient) and dL/db = sum_t dL/dz_t.
"""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowtokens import tokens

FORWARD = r"""\[ z_t = W x_t + U h_{t-1} + b \]
\[ h_t = \tanh(z_t) \]
\[ L = \sum_t R_t^T h_t \]
"""


def _last(row):
    rep = verify_derivation(FORWARD + r"\[ " + row + r" \]" + "\n")
    r = rep.results[-1]
    return r.status, r.why


def test_tex_infix_over_is_a_fraction():
    # {a \over b} is TeX's \frac{a}{b}; braces round each side ({{a} \over {b}}) are layout
    assert _last(r"{\partial L \over \partial z_t} = (1 - h_t^2) \odot {\partial L \over \partial h_t}")[0] == "pass"
    assert _last(r"{{\partial L} \over {\partial b}} = \sum_t (1 - h_t^2) \odot {{\partial L} \over {\partial h_t}}")[0] \
        == "pass"


def test_a_wrong_row_written_with_over_fails():
    # h_t for 1 - h_t^2: the derivative of tanh is missing
    assert _last(r"{{\partial L} \over {\partial b}} = \sum_t h_t \odot {{\partial L} \over {\partial h_t}}")[0] == "fail"


def test_over_outside_a_group_is_unreadable_with_a_why():
    status, why = _last(r"\partial L \over \partial z_t = 1")
    assert status == "unreadable" and "over" in why


def test_over_tokens_equal_frac_tokens():
    strip = lambda toks: [(k, v) for k, v, _ in toks]
    assert strip(tokens(r"{{a} \over {b}} + c")) == strip(tokens(r"\frac{a}{b} + c"))
    assert strip(tokens(r"x = {1 \over 2} y")) == strip(tokens(r"x = \frac{1}{2} y"))
