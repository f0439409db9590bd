r"""Round 9, helper D: notations read for the sources of that round (kh-kim's many-to-one RNN, Wayne82's BPTT
notes, Talwar's RNN notes, Roelants' linear RNN, dragonhyq's BPTT notes).

- a many-to-one output ``\hat{y} = g(h_T; \phi)``: computed once, at the last step (numeric/laststep.py);
- the loss's own name as a value: ``L = \sum_t L_t = -\sum_t y_t \log(\hat{y}_t)`` restated (numeric/lossvalue.py);
- a forward row restated in a time letter of its own, ``h_j = f(W h_{j-1} + ...)`` (cell/owntimeletter.py);
- a ')' never opened: as printed not an expression, the row fails (text/rowparse.py);
- ``w_{rec}^m`` beside ``S_{k-m}``: m counts steps, a power (numeric/countpowers.py);
- ``[y_{t,1}, y_{t,2}, \cdots, y_{t,C}]``: a vector by its components, C its size (numeric/componentlists.py);
- ``\frac{\partial W}{\partial W}`` in a chain: the identity, dropped (judging/selfderivs.py).

Each test asserts the verdict of every row; correct rows pass, mutated rows fail.
"""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    rep = verify_derivation(text.lstrip("\n"))
    return {r.line: r.status for r in rep.results}


MANY_TO_ONE = r"""
$$\begin{gathered}
h_t=f(x_t, h_{t-1};\psi) \\
\hat{y}=g(h_T;\phi) \\
\theta=\{\phi,\psi\} \\
\mathcal{L}(\theta)=||\hat{y}-y||
\end{gathered}$$
$$\begin{gathered}
T=4 \\
\frac{\partial\mathcal{L}(\theta)}{\partial\phi}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial\phi} \\
\frac{\partial\mathcal{L}(\theta)}{\partial\phi}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial\psi} \\
\frac{\partial\mathcal{L}(\theta)}{\partial h_2}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial h_4}\frac{\partial h_4}{\partial h_3}\frac{\partial h_3}{\partial h_2} \\
\frac{\partial\mathcal{L}(\theta)}{\partial h_2}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial h_4}\frac{\partial h_4}{\partial h_3} \\
\begin{aligned}
\frac{\partial\mathcal{L}(\theta)}{\partial\psi} =&\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial\psi} +\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial{h_3}}\frac{\partial{h_3}}{\partial\psi} +\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial{h_3}}\frac{\partial{h_3}}{\partial{h_2}}\frac{\partial{h_2}}{\partial\psi} +\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial{h_3}}\frac{\partial{h_3}}{\partial{h_2}}\frac{\partial{h_2}}{\partial{h_1}}\frac{\partial{h_1}}{\partial\psi} \\
=&\sum_{t=1}^{T}{ \frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\Big(\prod_{i=t}^{T-1}{ \frac{\partial{h_{i+1}}}{\partial{h_i}} }\Big)\frac{\partial{h_t}}{\partial\psi} }
\end{aligned} \\
\frac{\partial\mathcal{L}(\theta)}{\partial\psi}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial\psi} +\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial{h_4}}\frac{\partial{h_4}}{\partial{h_3}}\frac{\partial{h_3}}{\partial\psi}
\end{gathered}$$
"""


def test_many_to_one_output_read_at_the_last_step():
    s = _statuses(MANY_TO_ONE)
    assert [s[k] for k in (2, 3, 4, 5)] == ["pass"] * 4        # forward rows, \hat{y} = g(h_T; \phi) included
    assert s[9] == "pass"          # phi reaches L only through \hat{y}
    assert s[10] == "fail"         # mutated: \partial \hat{y} / \partial \psi
    assert s[11] == "pass"         # chained through h_4, h_3
    assert s[12] == "fail"         # mutated: a factor dropped
    assert s[14] == "pass" and s[15] == "pass"      # the four paths, and their sum with \prod (a continuation row)
    assert s[17] == "fail"         # mutated: two of the four paths only


LOSS_RESTATED = r"""
$$\begin{align}
h_t &= f(W_{hh} h_{t-1} + W_{xh} x_t + b_h) \\
z_t &= W_{hy} h_t + b_y \\
\hat{y}_t &= \text{softmax}(z_t)
\end{align}$$
$$L_t = -y_{t} \log(\hat{y}_{t})$$
$$L = \sum_{t} L_t = -\sum_{t} y_{t} \log(\hat{y}_{t})$$
$$L = \sum_{t} L_t = \sum_{t} y_{t} \log(\hat{y}_{t})$$
$$L = \sum_{t} L_t = -\sum_{t} \log(\hat{y}_{t})$$
$$L = \sum_{t} L_t = -\sum_{t} y_{t}^T \log(\hat{y}_{t})$$
"""


def test_loss_name_restated_as_a_value():
    s = _statuses(LOSS_RESTATED)
    assert [s[k] for k in (2, 3, 4, 6)] == ["pass"] * 4
    assert s[7] == "pass"          # the loss row written as a vector: its sum, like the loss row itself
    assert s[8] == "fail"          # mutated: the sign
    assert s[9] == "fail"          # mutated: the label dropped
    assert s[10] == "pass"         # the dot product written with a transpose


NORM_LOSS = r"""
$$\begin{gathered}
h_t=f(x_t, h_{t-1};\psi) \\
\hat{y}_t=g(h_t;\phi) \\
\mathcal{L}(\theta)=\sum_{t=1}^T{||\hat{y}_t-y_t||}
\end{gathered}$$
$$\begin{gathered}
\mathcal{L}(\theta)=\sum_{t=1}^{T}{||\hat{y}_t-y_t||} \\
\mathcal{L}(\theta)=\sum_{t=1}^{T}{||\hat{y}_t+y_t||} \\
\mathcal{L}(\theta)=\sum_{t=2}^{T}{||\hat{y}_t-y_t||} \\
\mathcal{L}(\theta)=\sum_{t=1}^{T}{(\hat{y}_t-y_t)}
\end{gathered}$$
"""


def test_loss_restated_with_a_norm():
    s = _statuses(NORM_LOSS)
    assert [s[k] for k in (2, 3, 4)] == ["pass"] * 3
    assert s[7] == "pass"
    assert s[8] == "fail"          # mutated: a sign
    assert s[9] == "fail"          # mutated: a step dropped
    assert s[10] == "fail"         # the norm dropped: a vector beside a scalar loss


OWN_LETTER = r"""
$$\begin{align}
h_t &= f(W_{hh} h_{t-1} + W_{xh} x_t + b_h) \\
z_t &= W_{hy} h_t + b_y \\
\hat{y}_t &= \text{softmax}(z_t)
\end{align}$$
$$L_t = -y_{t} \log(\hat{y}_{t})$$
$$h_j = f(W_{hh} h_{j-1} + W_{xh} x_j + b_h)$$
$$h_j = f(W_{hh} h_{j-1} + W_{xh} x_j - b_h)$$
$$h_j = f(W_{hh} h_{j-1} + W_{xh} x_{j-1} + b_h)$$
$$h_j = f(W_{hh}^T h_{j-1} + W_{xh} x_j + b_h)$$
$$h_j = f(W_{hh} h_{j-1} + V x_j + b_h)$$
"""


def test_forward_row_restated_in_its_own_time_letter():
    s = _statuses(OWN_LETTER)
    assert [s[k] for k in (2, 3, 4, 6)] == ["pass"] * 4
    assert s[7] == "pass"
    assert s[8] == "fail"          # mutated: the sign of the bias
    assert s[9] == "fail"          # mutated: the input's step
    assert s[10] == "fail"         # mutated: a transpose
    assert s[11] == "unreadable"   # a weight the cell never writes: another model in j, not read


UNOPENED = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t) \\
\delta_t &= \frac{\partial L}{\partial h_t} \\
a_t &= W^T (\delta_t \odot (1 - h_t^2)) \\
b_t &= W^T (\delta_t \odot (1 - h_t^2))) \\
c_t &= W^T \left( \delta_t \odot (1 - h_t^2) \right. \\
 &\quad \left. + \delta_t \right)
\end{align}
"""


def test_bracket_never_opened_fails():
    s = _statuses(UNOPENED)
    assert s[2] == "pass" and s[3] == "pass" and s[4] == "pass"
    assert s[5] == "fail"          # a ')' never opened: not an expression as printed
    assert s[6] != "fail"          # \left( ... \right. split over rows is not unbalanced


COUNT_POWER = r"""
$$S_{k} = f(S_{k-1} \cdot W_{rec} + X_k \cdot W_x)$$
$ s_{k} = s_{k-1} \cdot w_{rec} + x_k \cdot w_x $
$$\frac{\partial s_{k}}{\partial s_{k-m}} = w_{rec}^m$$
$$\frac{\partial s_{k}}{\partial s_{k-m}} = w_{x}^m$$
$$\frac{\partial s_{k}}{\partial s_{k-m}} = w_{rec}^m w_{rec}$$
$$\frac{\partial s_{k}}{\partial s_{k-m}} = \frac{\partial s_{k}}{\partial s_{k-1}} \cdot \cdots \cdot \frac{\partial s_{k-m+1}}{\partial s_{k-m}} = w_{rec}^m$$
$$\frac{\partial s_{m}}{\partial s_{k-m}} = w_{rec}^m$$
"""


def test_a_letter_counting_steps_is_a_power_of_a_weight():
    s = _statuses(COUNT_POWER)
    assert s[1] == "pass" and s[2] == "pass"
    assert s[3] == "pass"          # m only in k - m: a count, w_rec to the power m
    assert s[4] != "pass"          # mutated: the other weight
    assert s[5] == "fail"          # mutated: one factor too many
    assert s[6] == "pass"          # the product of the m one-step factors
    assert s[7] == "unreadable"    # m also a step (s_m): a power or the copy at step m is not read


COMPONENTS = r"""
\begin{equation}
    s_t = \tanh(z_t), \quad z_t = U x_t + W s_{t-1}
\end{equation}
\begin{equation}
    \hat{y}_t = \text{softmax}(V s_t)
\end{equation}
\begin{equation}
    L_t = -\sum_{i=1}^{C}y_{t, i}\log(\hat{y}_{t, i})
\end{equation}
\begin{equation}
    \frac{\partial L_t}{\partial \hat{y}_t} = [-\frac{y_{t, 1}}{\hat{y}_{t, 1}}, -\frac{y_{t, 2}}{\hat{y}_{t, 2}}, \cdots, -\frac{y_{t, C}}{\hat{y}_{t, C}}]
\end{equation}
\begin{equation}
    \frac{\partial L_t}{\partial \hat{y}_t} = [\frac{y_{t, 1}}{\hat{y}_{t, 1}}, \frac{y_{t, 2}}{\hat{y}_{t, 2}}, \cdots, \frac{y_{t, C}}{\hat{y}_{t, C}}]
\end{equation}
\begin{equation}
    \frac{\partial s_i}{\partial z_i} = \text{diag}((1-s_{i, 1}^2), (1-s_{i, 2}^2), \cdots, (1-s_{i, D}^2))
\end{equation}
\begin{equation}
    \frac{\partial s_i}{\partial z_i} = \text{diag}((1+s_{i, 1}^2), (1+s_{i, 2}^2), \cdots, (1+s_{i, D}^2))
\end{equation}
\begin{equation}
    \frac{\partial s_i}{\partial z_i} = \text{diag}((1-s_{i, 1}^2), (1-s_{i, 3}^2), \cdots, (1-s_{i, D}^2))
\end{equation}
"""


def test_a_vector_written_by_its_components_with_an_elision():
    s = _statuses(COMPONENTS)
    assert s[2] == "pass" and s[5] == "pass" and s[8] == "pass"
    assert s[11] == "pass"         # components 1, 2, ..., C: C the size of y_t
    assert s[14] == "fail"         # mutated: the sign of every entry
    assert s[17] == "pass"         # diag of the components 1 ... D
    assert s[20] == "fail"         # mutated: 1 + s^2
    assert s[23] == "unreadable"   # entries 1, 3, ...: not the components in order


SELF_DERIVATIVE = r"""
\begin{equation}
    s_t = \tanh(U x_t + W s_{t-1})
\end{equation}
\begin{equation}
    \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W}  + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W}
\end{equation}
\begin{equation}
    \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W}  - \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W}
\end{equation}
\begin{equation}
    \frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W}  + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-2}}{\partial W}
\end{equation}
"""


def test_a_derivative_of_a_weight_by_itself_is_the_identity():
    s = _statuses(SELF_DERIVATIVE)
    assert s[2] == "pass"
    assert s[5] == "pass"          # \partial W / \partial W: W's identity, the recursion of Pascanu et al.
    assert s[8] == "fail"          # mutated: the sign of the recurrent term
    assert s[11] == "fail"         # mutated: the step of the last factor
