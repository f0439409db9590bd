r"""CS224n-style RNN language model (row vectors, one step's loss J^{(t)}): evaluation bars \rvert_t on a
gradient of one step's loss, the true class \hat{y}_k, the indicator 1\{j=k\}, sums up to |V|, embedding
lookups L_{x^{(t)}}, a name defined with its arguments (PP^{(t)}(y, \hat y)), a restated loss, and
\delta^{(t-1)} := \partial J^{(t)} / \partial h^{(t-1)} (the loss kept at step t)."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
$$ e^{(t)}=x^{(t)}L $$
$$ v^{(t)}=h^{(t-1)}H+e^{(t)}I+b_1 $$
$$ h^{(t)}=sigmoid(v^{(t)}) $$
$$ \theta^{(t)}=h^{(t)}U+b_2 $$
$$ \hat{y}^{(t)}=softmax(\theta^{(t)}) $$
$$ J^{(t)}=CE(y^{(t)},\hat{y}^{(t)}) $$
"""


def _statuses(rows):
    report = verify_derivation(FORWARD + "\n".join(f"$$ {r} $$" for r in rows))
    return [r.status for r in report.results][6:], report


def test_true_class_and_named_arguments():
    got, _ = _statuses([
        r"J^{(t)}(\theta)=CE(y^{(t)},\hat{y}^{(t)})=-log\ \hat{y}_k^{(t)}=log\ \frac{1}{\hat{y}_k^{(t)}}",
        r"PP^{(t)}(y^{(t)},\hat{y}^{(t)})=\frac{1}{\hat{y}_k^{(t)}}",
        r"CE(y^{(t)},\hat{y}^{(t)})=log\ PP^{(t)}(y^{(t)},\hat{y}^{(t)})",
        r"J^{(t)}=log\ \hat{y}_k^{(t)}",                                     # sign dropped
        r"CE(y^{(t)},\hat{y}^{(t)})=-log\ PP^{(t)}(y^{(t)},\hat{y}^{(t)})",   # sign added
    ])
    assert got[:3] == ["pass"] * 3
    assert got[3] == "fail" and got[4] == "fail"


def test_step_bars_and_lookups():
    got, _ = _statuses([
        r"\delta_2^{(t)}=\frac{\partial J^{(t)}}{\partial v^{(t)}}=(\hat{y}^{(t)}-y^{(t)})\cdot U^{T}\circ h^{(t)}\circ (1-h^{(t)})",
        r"\frac{\partial J^{(t)}}{\partial H}\rvert_t = \frac{\partial J^{(t)}}{\partial v^{(t)}}\frac{\partial v^{(t)}}{\partial H}\rvert_t=(h^{(t-1)})^T\cdot\delta_2^{(t)}",
        r"\frac{\partial J^{(t)}}{\partial I}\rvert_t=(e^{(t)})^T\cdot\delta_2^{(t)}",
        r"\frac{\partial J^{(t)}}{\partial L_{x^{(t)}}} =\frac{\partial J^{(t)}}{\partial e^{(t)}}=\delta_2^{(t)}\cdot I^T",
        r"L_{x^{(t)}}=e^{(t)}",
        # mutants: the previous state's transpose swapped for the current one, I for I^T, a wrong lookup
        r"\frac{\partial J^{(t)}}{\partial H}\rvert_t=(h^{(t)})^T\cdot\delta_2^{(t)}",
        r"\frac{\partial J^{(t)}}{\partial L_{x^{(t)}}}=\delta_2^{(t)}\cdot H^T",
        r"\frac{\partial J^{(t)}}{\partial H}\rvert_{t-1}=(h^{(t-1)})^T\cdot\delta_2^{(t)}",
        r"L_{x^{(t)}}=h^{(t)}",
    ])
    assert got[:5] == ["pass"] * 5
    assert all(s != "pass" for s in got[5:]), got


def test_error_term_of_one_steps_loss_at_an_earlier_step():
    got, _ = _statuses([
        r"\delta^{(t)}=\frac{\partial J^{(t)}}{\partial h^{(t)}}",
        r"\delta^{(t-1)}=\frac{\partial J^{(t)}}{\partial h^{(t-1)}}=\delta^{(t)}\circ h^{(t)}\circ(1-h^{(t)})\cdot H^T",
        r"\frac{\partial J^{(t)}}{\partial H}\rvert_{t-1}=(h^{(t-2)})^T\cdot(\delta^{(t-1)}\circ h^{(t-1)}\circ(1-h^{(t-1)}))",
        r"\delta^{(t-1)}=\delta^{(t)}\circ h^{(t)}\cdot H^T",                   # sigmoid' factor cut short
        r"\frac{\partial J^{(t)}}{\partial H}\rvert_{t-1}=(h^{(t-1)})^T\cdot(\delta^{(t-1)}\circ h^{(t-1)}\circ(1-h^{(t-1)}))",
    ])
    assert got[:3] == ["pass"] * 3
    assert got[3] != "pass" and got[4] != "pass", got


ZYXUE = r"""
\begin{align*}
e^{(t)} &= x^{(t)} L \\
h^{(t)} &= \mathrm{sigmoid}(z_1^{(t)}) = \mathrm{sigmoid}\bigg( h^{(t - 1)} H + e^{(t)} I + b_1 \bigg) \\
\hat y^{(t)} &= \mathrm{softmax}(z_2^{(t)}) = \mathrm{softmax}\bigg( h^{(t)} U + b_2 \bigg) \\
J^{(t)} &= CE(y^{(t)}, \hat{y}^{(t)}) = -\sum_{j=1}^{\left|V\right|}y_j^{(t)}\mathrm{log}(\hat{y}_j^{(t)})
\end{align*}
\begin{align*}
J^{(t)}(\theta) &= - \sum_{j=1}^{\left|V\right|} y_j^{(t)} \mathrm{log}( \hat{y}_j^{(t)}) \\
&= - 1\{j=k\} y_j^{(t)} \mathrm{log}(\hat{y}_j^{(t)}) \\
&= - \mathrm{log}(\hat{y}_k^{(t)})
\end{align*}
\begin{align*}
PP^{(t)} &= \frac{1}{\sum_{j=1}^{\left|V\right|} y_j^{(t)} \hat{y}_j^{(t)}} \\
&= \frac{1}{\hat{y}_k^{(t)}} \\
&= \mathrm{exp}({J^{(t)}}) \\
&= \mathrm{exp}({-J^{(t)}})
\end{align*}
\begin{align*}
\delta_1^{(t)} &= \frac{\partial J^{(t)}}{\partial z_1^{(t)}} = (\hat{y}^{(t)} - y^{(t)}) U^T diag\{h^{(t)} \circ (1 - h^{(t)})\} \\
\frac{\partial J^{(t)}}{\partial H}\bigg|_t &= (h^{(t - 1)})^T \delta_1^{(t)} \\
\frac{\partial J^{(t)}}{\partial H}\bigg|_{(t-1)} &= (h^{(t-2)})^T \sigma_1^{(t)} H^T diag\{h^{(t-1)} \circ (1 - h^{(t-1)})\} \\
\frac{\partial J^{(t)}}{\partial H}\bigg|_{(t-1)} &= (h^{(t-2)})^T \delta_1^{(t)} H^T diag\{h^{(t-1)} \circ (1 - h^{(t-1)})\} \\
\frac{\partial J^{(t)}}{\partial L_x^{(t)}} &= \frac{\partial J^{(t)}}{\partial e^{(t)}} = \delta_1^{(t)} I^T
\end{align*}
"""


def test_sums_to_the_vocabulary_indicator_and_slips():
    got = [(r.line, r.status) for r in verify_derivation(ZYXUE).results]
    st = [s for _, s in got]
    assert st[:4] == ["pass"] * 4
    assert st[4] == "pass"            # J = -\sum_j^{|V|} y_j log y_hat_j
    assert st[5] == "fail"            # 1\{j=k\} with j left free: the term of one j
    assert st[6] == "pass"            # -log y_hat_k
    assert st[7:10] == ["pass"] * 3   # PP = 1 / \sum_j y_j y_hat_j = 1/y_hat_k = exp(J)
    assert st[10] == "fail"           # exp(-J)
    assert st[11:13] == ["pass"] * 2  # delta_1; dJ/dH|_t
    assert st[13] == "fail"           # sigma_1: a slip for delta_1 (the rows define delta_1)
    assert st[14] == "pass"           # dJ/dH|_{t-1}
    assert st[15] == "pass"           # dJ/dL_x^{(t)} = dJ/de^{(t)}


def test_a_sum_to_the_vocabulary_without_its_minus_fails():
    text = ZYXUE.replace(r"= -\sum_{j=1}", r"= \sum_{j=1}", 1)
    assert verify_derivation(text).results[3].status == "fail"


def test_a_free_component_is_no_true_class():
    got, _ = _statuses([
        r"J^{(t)}=-log\ \hat{y}_j^{(t)}",            # j free: the row for every j, not the true class
        r"J^{(t)}=-log\ \hat{y}_k^{(t)}",
    ])
    assert got[0] != "pass" and got[1] == "pass"
