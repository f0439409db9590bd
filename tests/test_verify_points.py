r"""Derivatives at a point (\frac{d\sigma}{dz}\Big|_{z}, \frac{dC}{dy}\Big|_{y_N}), a cost C(y) named only in prose
and scalar example rows (lower-case {}_Tw) beside vector rows (upper-case {}_TW). Verdicts worked by hand on the
two-layer scalar network h^l_n = sigma({}_Sw^l h^{l-1}_n + {}_Tw^l h^l_{n-1}), y_n = h^2_n, C = C(y_N):
dC(y_N)/d{}_Tw^2 = C'(y_N) sigma'(z^2_N) dz^2_N/d{}_Tw^2 and dz^2_N/d{}_Tw^2 = h^2_{N-1} + {}_Tw^2 dh^2_{N-1}/d{}_Tw^2."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_expression

NET = r"""
\begin{align*}
&\mathbf{z}^l_n = {}_SW^l\mathbf{h}^{l-1}_n + {}_TW^l\mathbf{h}^l_{n-1} \\
&\mathbf{h}^l_n = \sigma ( \mathbf{z}^l_n )
\end{align*}
\begin{align*}
h^1_1 &= \sigma \left ( {}_Sw^1x_1 + {}_Tw^1h^1_0 \right ) \\
h^2_1 &= \sigma \left ( {}_Sw^2h^1_1 + {}_Tw^2h^2_0 \right ) \\
y_1 &= h^2_1 \\
y_N &= h^2_N
\end{align*}
"""


def verdicts(*rows):
    body = "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n"
    r = verify_derivation(NET + body)
    return [x.status for x in r.results][6:]


def test_d_words_at_a_point_parse_as_a_derivative_at_a_point():
    assert parse_expression(r"\frac{dC}{dy} \Big |_{y_N}")[0] == "at"
    assert parse_expression(r"\frac{d\sigma}{dz} \Big |_{z^2_N}")[0] == "at"
    # the loss's gradient through some uses keeps its reading, written dL as one word too
    assert parse_expression(r"\frac{dL}{dh} \Big |_{h r}")[0] == "through"


def test_the_scalar_example_beside_vector_rows_still_reads():
    r = verify_derivation(NET)
    assert [x.status for x in r.results] == ["pass"] * 6


def test_chain_rule_through_the_output_at_a_point_passes():
    assert verdicts(r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{ dy_N}{d{}_Tw^2}",
                    r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{d\sigma}{dz} \Big |_{z^2_N} "
                    r"\frac{d z^2_N }{d{}_Tw^2}",
                    r"\frac{dC(y_N)}{d{}_Tw^1} &= \frac{dC}{dy} \Big |_{y_N} \frac{d\sigma}{dz} \Big |_{z^2_N} "
                    r"\frac{d z^2_N }{d{}_Tw^1}") == ["pass"] * 3


def test_sigma_prime_at_a_point_is_the_derivative_there():
    # sigma'(z^2_N) h^2_{N-1}... : dy_N/dz^2_N = sigma'(z^2_N), so the two rows are one and the same claim
    assert verdicts(r"\frac{ dy_N}{d z^2_N} &= \frac{d\sigma}{dz} \Big |_{z^2_N}") == ["pass"]


def test_wrong_points_and_wrong_weights_fail():
    st = verdicts(
        # sigma' taken at the step before
        r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{d\sigma}{dz} \Big |_{z^2_{N-1}} "
        r"\frac{d z^2_N }{d{}_Tw^2}",
        # the feed-forward weight for the recurrent one
        r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{ dy_N}{d{}_Sw^2}",
        # the cost's derivative taken at the wrong step
        r"\frac{dC(y_N)}{d{}_Tw^1} &= \frac{dC}{dy} \Big |_{y_{N-1}} \frac{ dy_N}{d{}_Tw^1}",
        # sigma' missing
        r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{d z^2_N }{d{}_Tw^2}")
    assert st == ["fail"] * 4


def test_a_point_of_another_name_is_not_passed():
    # dC/dy at z^2_N: the point is not a value of the variable y; not lowered, never passed
    assert verdicts(r"\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{z^2_N} \frac{ dy_N}{d{}_Tw^2}") != ["pass"]

