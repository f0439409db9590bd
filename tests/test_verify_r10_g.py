r"""Graves' component notation: a general term over a depth (``\sum_{m=1}^{n} \sum_{h_1} \cdots \sum_{h_m}
\prod_{\ell=1}^{m-1} ...``) read at one depth (text/gravesdepth.py), and a name for a part of the line above
(``= A + \sum_m \kappa(t, m)``)."""
from symlstm.verify.judging.judge import verify_derivation

HEAD = r"""\documentclass{article}
\begin{document}
\begin{align}
a_h^{t} &= \sum_{i = 1}^{I}w_{ih}x_i^{t} + \sum_{h'=1}^{H}w_{h'h}b_{h'}^{t-1}\\
b_h^{t} &= \theta(a_h^{t})\\
a_k^{t} &= \sum_{h=1}^{H}w_{hk}b_h^{t}\\
y_k^{t} &= \theta(a_k^{t})
\end{align}
\[ \delta_{j}^{t} = \frac{\partial \mathcal{L}}{\partial a^{t}_j} \]
"""

#: the closed form of delta_j^{T-n}, correct, with the product bracketed
CORRECT = (r"\delta_j^{T - n} = \theta'(a^{T - n}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{T - n} + \sum_{m = 1}^{n} "
           r"\left( \sum_{h_1=1}^{H} \cdots \sum_{h_m=1}^{H} \theta'(a^{T-n}_j) w_{jh_1} \left(\prod_{\ell = 1}^{m-1} "
           r"\theta'(a^{T - n + \ell}_{h_\ell})w_{h_{\ell}h_{\ell+1}}\right) \theta'(a^{T-n+m}_{h_m}) "
           r"\sum_{k=1}^{K} w_{h_mk} \delta_{k}^{T - n + m} \right)")


def _statuses(rows):
    text = HEAD + "".join(f"\\[ {r} \\]\n" for r in rows) + "\\end{document}\n"
    rep = verify_derivation(text)
    return [r.status for r in rep.results]


def test_correct_general_term_is_not_passed_at_one_depth():
    # forward rows and the definition pass; the correct closed form holds at the depth read, yet is not a proof
    st = _statuses([CORRECT])
    assert st[:5] == ["pass"] * 5
    assert st[5] == "unreadable"


def test_mutated_general_terms_fail():
    dropped = CORRECT.replace(r"\theta'(a^{T-n}_j) w_{jh_1}", r"w_{jh_1}")              # a dropped factor
    shifted = CORRECT.replace(r"\delta_{k}^{T - n + m}", r"\delta_{k}^{T - n + m - 1}")    # a wrong step
    sign = CORRECT.replace(r"w_{jk}\delta_k^{T - n} + \sum_{m", r"w_{jk}\delta_k^{T - n} - \sum_{m")
    for row in (dropped, shifted, sign):
        assert _statuses([row])[5] == "fail", row


def test_product_that_takes_every_factor_fails():
    # the index ell used after the product: the product takes every factor after it, and at m = 1 it is empty
    row = (r"\delta_j^{T - n} = \theta'(a^{T - n}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{T - n} + \sum_{m = 1}^{n} "
           r"\left( \sum_{h_1=1}^{H} \cdots \sum_{h_m=1}^{H} \prod_{\ell = 1}^{m-1} "
           r"\theta'(a^{T - (n - \ell)}_{h_\ell})w_{h_{\ell}h_{\ell+1}} \sum_{k=1}^{K} w_{h_mk} "
           r"\delta_{k}^{T - (n - \ell)} \right)")
    assert _statuses([row])[5] == "fail"


def test_product_scope_unknown_is_unreadable():
    # the last factor after the product does not read ell: where the product ends is not known
    row = CORRECT.replace(r"\left(\prod", r"\prod").replace(r"h_{\ell+1}}\right)", r"h_{\ell+1}}")
    assert _statuses([row])[5] == "unreadable"


def test_step_letter_form_and_abbreviation():
    # delta_j^t with the bound T - t; then the same line with kappa(t, m) naming the summand
    row_t = CORRECT.replace("T - n + m", "t + m").replace("T - n + \\ell", "t + \\ell").replace(
        "T-n+m", "t+m").replace("T-n", "t").replace("T - n", "t").replace(r"\sum_{m = 1}^{n}", r"\sum_{m = 1}^{T - t}")
    bad = row_t.replace(r"\delta_{k}^{t + m}", r"\delta_{k}^{t + m - 1}")
    text = HEAD + "\\begin{align*}\n" + bad.replace(" = ", " &= ", 1) + \
        r"\\" + "\n" + r"&= \theta'(a^{t}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{t} + \sum_{m = 1}^{T - t}\kappa(t, m)" + \
        "\n\\end{align*}\n\\end{document}\n"
    st = [r.status for r in verify_derivation(text).results]
    assert st[5:] == ["fail", "fail"], st
    assert _statuses([row_t])[5] == "unreadable"


def test_abbreviation_of_a_correct_line_is_not_a_proof():
    row_t = CORRECT.replace("T - n + m", "t + m").replace("T - n + \\ell", "t + \\ell").replace(
        "T-n+m", "t+m").replace("T-n", "t").replace("T - n", "t").replace(r"\sum_{m = 1}^{n}", r"\sum_{m = 1}^{T - t}")
    text = HEAD + "\\begin{align*}\n" + row_t.replace(" = ", " &= ", 1) + \
        r"\\" + "\n" + r"&= \theta'(a^{t}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{t} + \sum_{m = 1}^{T - t}\kappa(t, m)" + \
        "\n\\end{align*}\n\\end{document}\n"
    st = [r.status for r in verify_derivation(text).results]
    assert st[5:] == ["unreadable", "unreadable"], st


def test_product_written_last_is_read():
    # the same closed form with the product written last (it ends the term): holds at depth 2, a mutant fails
    row = (r"\delta_j^{T - n} = \theta'(a^{T - n}_j) \sum_{k =1}^{K}w_{jk}\delta_k^{T - n} + \sum_{m = 1}^{n} "
           r"\left( \sum_{h_1=1}^{H} \cdots \sum_{h_m=1}^{H} \theta'(a^{T-n}_j) w_{jh_1} \theta'(a^{T-n+m}_{h_m}) "
           r"\left(\sum_{k=1}^{K} w_{h_mk} \delta_{k}^{T - n + m}\right) \prod_{\ell = 1}^{m-1} "
           r"\theta'(a^{T - n + \ell}_{h_\ell})w_{h_{\ell}h_{\ell+1}} \right)")
    assert _statuses([row])[5] == "unreadable"
    assert _statuses([row.replace(r"w_{jh_1} \theta'", r"w_{h_1 j} \theta'")])[5] == "fail"      # transposed weight
