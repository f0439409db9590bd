r"""Stated shapes (W \in \mathbb{R}^{F \times U}), forward chains that introduce a name (h = \sigma(z) = \sigma(Ux + ...)),
names with decorated or timed subscripts (z_{\tilde{h}_t}, z_{z_t}), thin-space separators, untimed left sides."""
from symlstm.verify.judging.judge import verify_derivation


def statuses(text):
    return [r.status for r in verify_derivation(text).results]


SHAPES = r"""
$ i_{t} = \sigma (W_{xi}^{T} \cdot X_{t} +  W_{hi}^{T} \cdot h_{t-1}  + b_{i})$
$ c_{t} = \tanh (W_{xc}^{T} \cdot X_{t} + W_{hc}^{T} \cdot h_{t-1} + b_{c})$
$ C_{t} = C_{t-1} + i_{t} \circ c_{t}$
$ h_{t} = \tanh(C_{t})$
$X_{t} \in \mathbb{R}^{B \times F}$
$h_{t} \in \mathbb{R}^{B \times U}$
$W_{xi} \in \mathbb{R}^{F \times U}$
$W_{xc} \in \mathbb{R}^{F \times U}$
$W_{hi} \in \mathbb{R}^{U \times U}$
$W_{hc} \in \mathbb{R}^{U \times U}$
$b_{i} \in \mathbb{R}^{U}$
"""


def test_stated_shapes_orient_the_weights():
    assert statuses(SHAPES) == ["pass"] * 4


def test_stated_shapes_make_the_untransposed_product_fail():
    bad = SHAPES.replace(r"W_{xc}^{T} \cdot X_{t}", r"W_{xc} \cdot X_{t}")
    assert statuses(bad)[1] == "fail"


def test_without_statements_the_weights_act_from_the_left():
    plain = "\n".join(line for line in SHAPES.splitlines() if r"\in" not in line)
    # W^T X first met transposed: W is stored as the transpose of the shape its use gives (numprod.settle)
    assert statuses(plain)[:2] == ["pass", "pass"]
    assert statuses(plain.replace("^{T}", ""))[:2] == ["pass", "pass"]
    mixed = plain.replace(r"W_{hc}^{T} \cdot h_{t-1}", r"W_{xc} \cdot h_{t-1}")     # W_xc both ways: F != U
    assert statuses(mixed)[1] != "pass"


def test_row_form_with_stated_shapes():
    text = r"""
$ i_{t} = \sigma (X_{t}\cdot W_{xi} + h_{t-1} \cdot W_{hi} + b_{i})$
$ h_{t} = i_{t} \circ \tanh(h_{t-1})$
$X_{t} \in \mathbb{R}^{B \times F}$
$h_{t} \in \mathbb{R}^{B \times U}$
$W_{xi} \in \mathbb{R}^{F \times U}$
$W_{hi} \in \mathbb{R}^{U \times U}$
"""
    assert statuses(text) == ["pass", "pass"]


CHAIN = r"""
$$h^{(t)} = \sigma(z^{(t)}) = \sigma(Ux^{(t)} + Wh^{(t-1)} +b)$$
$$o^{(t)} = Vh^{(t)} +c$$
$$L = \sum\limits_{t=1}^{\tau} \frac{1}{2} (o^{(t)})^T o^{(t)}$$
$$\frac{\partial L}{\partial z^{(t)}} = \frac{\partial L}{\partial h^{(t)}} \circ h^{(t)} \circ (1 - h^{(t)})$$
$$\frac{\partial L}{\partial b} = \sum\limits_{t=1}^{\tau} \frac{\partial L}{\partial h^{(t)}} \circ h^{(t)} \circ (1 - h^{(t)})$$
$$\frac{\partial L}{\partial b} = \sum\limits_{t=1}^{\tau} \frac{\partial L}{\partial h^{(t)}} \circ (1 - (h^{(t)})^2)$$
"""


def test_a_chain_defines_its_intermediate_name():
    assert statuses(CHAIN) == ["pass", "pass", "pass", "pass", "pass", "fail"]


def test_a_chain_whose_links_differ_defines_nothing():
    st = statuses(CHAIN.replace(r"= \sigma(Ux", r"= \tanh(Ux"))
    assert st[0] != "pass"          # \sigma(z) = \tanh(...) states no z: the row is not read as a definition


GRU = r"""
$$ z_t = \sigma(h_{t-1} \cdot W_z + x_t \cdot U_z) $$
$$ r_t = \sigma(h_{t-1} \cdot W_r + x_t \cdot U_r) $$
$$ \tilde{h}_ t = \tanh((r_t \circ h_{t-1}) \cdot W_h + x_t \cdot U_h) $$
$$ h_t = (1 - z_t) \circ h_{t-1} + z_t \circ \tilde{h}_ t $$
$$ z_{zt} = h_{t-1} \cdot W_z + x_t \cdot U_z $$
$$ z_{\tilde{h}_ t} = (r_t \circ h_{t-1}) \cdot W_h + x_t \cdot U_h $$
$$ \frac{\partial{loss}}{\partial{z_{\tilde{h}_ t}}} = \frac{\partial{loss}}{\partial{h_t}} \circ z_t \circ (1-(\tilde{h}_ t)^2) $$
$$ \frac{\partial{loss}}{\partial{z_{z_t}}} = \frac{\partial{loss}}{\partial{h_t}} \circ (\tilde{h}_ t - h_{t-1}) \circ z_t \circ (1-z_t) $$
$$ \frac{\partial{loss}}{\partial{z_{z_t}}} = \frac{\partial{loss}}{\partial{h_t}} \circ (h_{t-1} - \tilde{h}_ t) \circ z_t \circ (1-z_t) $$
"""


def test_decorated_and_timed_subscripts():
    assert statuses(GRU) == ["pass"] * 8 + ["fail"]


def test_an_untimed_left_side_fails():
    st = statuses(GRU.replace(r"$$ h_t = (1 - z_t)", r"$$ h = (1 - z_t)"))
    assert st[3] == "fail"
    assert "pass" not in st[8:]


def test_thin_spaces_separate_side_by_side_equations():
    text = r"""
$$ a_t = \tanh(W x_t + U a_{t-1}) $$
$$ g_{t} = \begin{bmatrix} a_{t} \\ x_{t} \end{bmatrix}\,\,\,\,\, m = \begin{bmatrix} a_{t} \end{bmatrix} $$
"""
    res = verify_derivation(text).results
    assert len(res) == 3 and all("unexpected character" not in (r.why or "") for r in res)
