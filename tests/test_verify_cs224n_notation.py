r"""CS224n-style notation: \underset dimension labels, an embedding matrix named L beside the loss J, CE(y, \hat y),
a \delta_1 named by its own row, a loss written J^{(t)}(\theta)."""
from symlstm.verify.judging.judge import verify_derivation

FWD = r"""
\begin{align*}
\underset{1 \times d}{e^{(t)}} &= \underset{1 \times \left|V\right|}{x^{(t)}} \underset{\left|V\right| \times d}{L} \\
\underset{1 \times D_h}{h^{(t)}} &= \mathrm{sigmoid}(\underset{1 \times D_h}{z_1^{(t)}}) = \mathrm{sigmoid}( h^{(t-1)} \underset{D_h \times D_h}{H} + e^{(t)} \underset{d \times D_h}{I} + \underset{1 \times D_h}{b_1} ) \\
\underset{1 \times \left|V\right|}{\hat y^{(t)}} &= \mathrm{softmax}(z_2^{(t)}) = \mathrm{softmax}( h^{(t)} \underset{D_h \times \left|V\right|}{U} + \underset{1 \times \left|V\right|}{b_2} ) \\
J^{(t)} &= CE(y^{(t)}, \hat{y}^{(t)})
\end{align*}
"""


def _statuses(body):
    text = "\\begin{document}\n" + FWD + "\\begin{align*}\n" + body + "\n\\end{align*}\n\\end{document}\n"
    return [r.status for r in verify_derivation(text).results]


def test_forward_rows_with_labels_pass():
    assert _statuses(r"\frac{\partial J^{(t)}}{\partial b_2} = \hat{y}^{(t)} - y^{(t)}") == ["pass"] * 5


def test_label_that_contradicts_the_shape_fails():
    ok = _statuses(r"\underset{1\times \left|V\right|}{\frac{\partial J^{(t)}}{\partial b_2}} = \hat{y}^{(t)} - y^{(t)}")
    bad = _statuses(r"\underset{1\times D_h}{\frac{\partial J^{(t)}}{\partial b_2}} = \hat{y}^{(t)} - y^{(t)}")
    assert ok[-1] == "pass"
    assert bad[-1] == "fail"


def test_delta_named_by_its_row():
    rows = (r"\delta_2^{(t)} &= \frac{\partial J^{(t)}}{\partial z_2^{(t)}} = \hat{y}^{(t)} - y^{(t)} \\"
            "\n" r"\delta_1^{(t)} &= \frac{\partial J^{(t)}}{\partial z_1^{(t)}} = \delta_2^{(t)} U^T "
            r"diag\{h^{(t)} \circ (1 - h^{(t)})\} \\" "\n"
            r"\frac{\partial J^{(t)}}{\partial h^{(t-1)}} &= \delta_1^{(t)} H^T")
    assert _statuses(rows)[-3:] == ["pass", "pass", "pass"]
    wrong = rows.replace(r"\delta_1^{(t)} H^T", r"\delta_1^{(t)} H")
    assert _statuses(wrong)[-1] != "pass"
    wrong2 = rows.replace(r"= \hat{y}^{(t)} - y^{(t)}", r"= y^{(t)} - \hat{y}^{(t)}")
    assert _statuses(wrong2)[-3] == "fail"


def test_cross_entropy_sign():
    # (a sum over the components j=1..|V| is not sized yet: only the wrong sign is asserted)
    s = _statuses(r"J^{(t)} &= CE(y^{(t)}, \hat{y}^{(t)}) = \sum_{j=1}^{\left|V\right|} y_j^{(t)} \log(\hat{y}_j^{(t)})")
    assert s[-1] != "pass"


def test_embedding_lookup_is_the_looked_up_row():
    # L_x^{(t)}: the row of L that x^{(t)} selects, e^{(t)} = x^{(t)} L (lookup.py)
    s = _statuses(r"\frac{\partial J^{(t)}}{\partial L_x^{(t)}} = \frac{\partial J^{(t)}}{\partial e^{(t)}}")
    assert s[-1] == "pass"
    bad = _statuses(r"\frac{\partial J^{(t)}}{\partial L_x^{(t)}} = \frac{\partial J^{(t)}}{\partial h^{(t)}}")
    assert bad[-1] != "pass"
