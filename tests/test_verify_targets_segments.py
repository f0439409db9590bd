r"""The loss's target, a cell stated twice, bound step indices named like components, elisions (dragonhyq_bptt,
wayne82_rnn_bptt notation)."""
import textwrap

import pytest

from symlstm.verify.judging.judge import verify_derivation


def verdicts(body):
    text = "\\begin{document}\n" + textwrap.dedent(body).strip("\n") + "\n\\end{document}\n"
    report = verify_derivation(text)
    lines = text.splitlines()
    return {lines[r.line - 1].strip(): (r.status, r.why) for r in report.results}


def status(v, needle):
    hits = [s for k, s in v.items() if needle in k]
    assert len(hits) == 1, (needle, list(v))
    return hits[0][0]


# the output named as the label: y_t = softmax(z_t) beside L_t = -y_t \log \hat y_t (\hat y_t defined nowhere)
WAYNE = r"""
\begin{align}
h_t &= \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h) \\
z_t &= W_{hy} h_t + b_y \\
y_t &= \text{softmax}(z_t)
\end{align}
$$L_t = -y_{t} \log(\hat{y}_{t})$$
$$\frac{\partial L_t}{\partial W_{hy}} = (\hat{y}_{t} - y_{t}) h_{t}^T$$
$$\frac{\partial L_t}{\partial b_y} = \hat{y}_{t} - y_{t}$$
$$\frac{\partial L_t}{\partial b_y} = \hat{y}_{t} + y_{t}$$
$$\frac{\partial L_t}{\partial W_{hy}} = (\hat{y}_{t} - y_{t}) h_{t-1}^T$$
"""


def test_target_defined_as_output():
    v = verdicts(WAYNE)
    assert status(v, r"y_t &= \text{softmax}") == "fail"
    assert "target of the loss" in v[r"y_t &= \text{softmax}(z_t)"][1]
    assert status(v, r"L_t = -y_{t}") == "pass"
    assert status(v, r"= (\hat{y}_{t} - y_{t}) h_{t}^T") == "pass"
    assert status(v, r"= \hat{y}_{t} - y_{t}$$") == "pass"
    assert status(v, r"= \hat{y}_{t} + y_{t}$$") == "fail"          # mutated
    assert status(v, r"h_{t-1}^T") == "fail"                          # mutated


# a scalar statement (sigmoid), then the vector one (softmax) through new names; a generic lemma y = Wx
DRAGON = r"""
\begin{align}
    s_t &= tanh(Ux_t + Ws_{t-1}) \\
    \hat{y}_t &= sigm(Vs_t) \\
    E_t &= -y_t\log \hat{y}_t
\end{align}
\begin{equation}
    \frac{\partial E_t}{\partial V} = \frac{\partial E_t}{\partial \hat{y}_t}\frac{\partial \hat{y}_t}{\partial V}
\end{equation}
\begin{align}
    z_t &= Ux_t + Ws_{t-1} \\
    s_t &= \text{tanh}(z_t) \\
    g_t &= Vs_t \\
    \hat{y}_t &= \text{softmax}(g_t) \\
    L_t &= -y^\top_t\log(\hat{y}_t)
\end{align}
\begin{equation}
    L_t = -\sum_{i=1}^{C}y_{t, i}\log(\hat{y}_{t, i})
\end{equation}
\begin{equation}
\frac{\partial L_t}{\partial g_t} = (\hat{y}_t - y_t)^\top
\end{equation}
\begin{equation}
\frac{\partial L_t}{\partial g_t} = (\hat{y}_t + y_t)^\top
\end{equation}
\begin{equation}
    y = Wx
\end{equation}
\begin{equation}
    \frac{\partial L_t}{\partial V} = (\hat{y}_t - y_t)s_t^\top
\end{equation}
\begin{equation}
    \frac{\partial L_t}{\partial V} = (\hat{y}_t - y_t)s_{t-1}^\top
\end{equation}
\begin{align}
    \frac{\partial L_t}{\partial W} &= \sum_{k=1}^t \frac{\partial L_t}{\partial s_t}\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W}
\end{align}
\begin{align}
    \frac{\partial L_t}{\partial W} &= \sum_{k=1}^t \frac{\partial L_t}{\partial s_t}\frac{\partial s_k}{\partial W}
\end{align}
\begin{equation}
    \frac{\partial s_i}{\partial z_i} = \text{diag}((1-s_{i, 1}^2), (1-s_{i, 2}^2), \cdots, (1-s_{i, D}^2))
\end{equation}
"""


def test_cell_stated_again_with_another_output():
    v = verdicts(DRAGON)
    assert status(v, r"\hat{y}_t &= \text{softmax}(g_t)") == "pass"
    assert status(v, r"= (\hat{y}_t - y_t)^\top") == "pass"
    assert status(v, r"= (\hat{y}_t + y_t)^\top") == "fail"        # mutated
    assert status(v, r"= (\hat{y}_t - y_t)s_t^\top") == "pass"
    assert status(v, r"s_{t-1}^\top") == "fail"                      # mutated
    assert status(v, "y = Wx") == "unreadable"                       # a lemma, not the label's definition


def test_bound_step_index_named_like_a_component():
    v = verdicts(DRAGON)
    # k is a component letter in \sum_{k=1}^C elsewhere; here a step: never "s is not defined"
    assert status(v, r"\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W}") == "pass"
    assert status(v, r"\frac{\partial L_t}{\partial s_t}\frac{\partial s_k}{\partial W}") != "pass"   # mutated


def test_elision_is_unreadable():
    v = verdicts(DRAGON)
    # diag((1-s_{i,1}^2), (1-s_{i,2}^2), \cdots, (1-s_{i,D}^2)): one template from component 1, D the size
    # (componentlists.py); a sign flipped in every entry fails, one entry off the pattern is not read
    assert status(v, r"\text{diag}((1-s_{i, 1}^2)") == "pass"
    flipped = DRAGON.replace(r"(1-s_{i, 1}^2), (1-s_{i, 2}^2), \cdots, (1-s_{i, D}^2)",
                             r"(1+s_{i, 1}^2), (1+s_{i, 2}^2), \cdots, (1+s_{i, D}^2)")
    assert flipped != DRAGON and status(verdicts(flipped), r"\text{diag}((1+s_{i, 1}^2)") == "fail"
    odd = DRAGON.replace(r"(1-s_{i, 2}^2), \cdots", r"(1+s_{i, 2}^2), \cdots")
    assert odd != DRAGON and status(verdicts(odd), r"\text{diag}((1-s_{i, 1}^2)") != "pass"
    w = verdicts(r"""
    $$h_t = \tanh(W h_{t-1} + U x_t)$$
    $$\frac{\partial h_t}{\partial h_{t-3}} = \frac{\partial h_t}{\partial h_{t-1}} \cdots \frac{\partial h_{t-2}}{\partial h_{t-3}}$$
    """)
    assert status(w, r"\cdots") == "pass"          # the chain's pattern fills the one factor elided (elision.py)
    w = verdicts(r"""
    $$h_t = \tanh(W h_{t-1} + U x_t)$$
    $$\frac{\partial h_t}{\partial h_{t-3}} = \frac{\partial h_t}{\partial h_{t-1}} \cdots \frac{\partial h_{t-1}}{\partial h_{t-3}}$$
    """)
    assert status(w, r"\cdots") != "pass"
