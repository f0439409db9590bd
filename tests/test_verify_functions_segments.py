"""Undefined function letters are different functions; a restated model opens its own cell with its repeats;
a loss stated only at the current step."""
from symlstm.verify.judging.judge import verify_derivation

FG = r"""
\begin{align}
u_t &= W z_{t-1} + U x_t \\
z_t &= f(u_t) \\
y_t &= g(V z_t) \\
\delta_t &= \frac{\partial E}{\partial u_t}
\end{align}
\begin{align}
ROW
\end{align}
"""


def _status(text):
    return {r.line: r.status for r in verify_derivation(text).results}


def test_two_undefined_letters_are_two_functions():
    good = [r"\delta_t = f'(u_t) \odot \frac{\partial E}{\partial z_t}", r"z_t = f(u_t)", r"y_t = g(V f(u_t))"]
    bad = [r"\delta_t = g'(u_t) \odot \frac{\partial E}{\partial z_t}",    # g' where f' is meant
           r"z_t = g(u_t)", r"y_t = f(V z_t)", r"y_t = g(V g(u_t))"]
    for row in good:
        assert _status(FG.replace("ROW", row))[9] == "pass", row
    for row in bad:
        assert _status(FG.replace("ROW", row))[9] != "pass", row


CALLS = r"""
\begin{align}
h_t &= f(x_t, h_{t-1}; W) \\
y_t &= V h_t \\
h_t &= g(x_t, h_{t-1}; W)
\end{align}
"""


def test_two_undefined_calls_are_two_functions():
    s = _status(CALLS)
    assert s[5] != "pass"


RESTATED = r"""
$$\begin{gathered}
h_t=f(x_t, h_{t-1};\psi) \\
\hat{y}=g(h_T;\phi) \\
\mathcal{L}(\theta)=||\hat{y}-y||
\end{gathered}$$
$$\begin{gathered}
T=4 \\
\frac{\partial\mathcal{L}(\theta)}{\partial\phi}=\frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}}\frac{\partial\hat{y}}{\partial\phi}
\end{gathered}$$
$$\begin{gathered}
h_t=f(x_t, h_{t-1};\psi) \\
\hat{y}_t=g(h_t;\phi) \\
\mathcal{L}(\theta)=\sum_{t=1}^T{||\hat{y}_t-y_t||}
\end{gathered}$$
$$\begin{gathered}
T=4\\
\frac{\partial\mathcal{L}(\theta)}{\partial\psi} = \sum_{t=1}^T \sum_{k=1}^{t}{ \frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}_t}\frac{\partial\hat{y}_t}{\partial{h_t}}\Big( \prod_{i=k}^{t-1}{ \frac{\partial{h_{i+1}}}{\partial{h_i}} } \Big)\frac{\partial{h_k}}{\partial\psi} } \\
\frac{\partial\mathcal{L}(\theta)}{\partial\psi} = \sum_{t=1}^T \sum_{k=1}^{t}{ \frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}_t}\frac{\partial\hat{y}_t}{\partial{h_t}}\Big( \prod_{i=k}^{t}{ \frac{\partial{h_{i+1}}}{\partial{h_i}} } \Big)\frac{\partial{h_k}}{\partial\psi} } \\
\frac{\partial\mathcal{L}(\theta)}{\partial\psi} = \sum_{t=1}^{T-1} \sum_{k=1}^{t}{ \frac{\partial\mathcal{L}(\theta)}{\partial\hat{y}_t}\frac{\partial\hat{y}_t}{\partial{h_t}}\Big( \prod_{i=k}^{t-1}{ \frac{\partial{h_{i+1}}}{\partial{h_i}} } \Big)\frac{\partial{h_k}}{\partial\psi} }
\end{gathered}$$
"""


def test_restated_model_keeps_its_repeated_first_row():
    s = _status(RESTATED)
    assert s[12] == "pass" and s[13] == "pass"
    assert s[18] == "pass", s           # the sum over paths of the many-to-many model, in the second cell
    assert s[19] != "pass"              # a product one step too long
    assert s[20] != "pass"              # the last step's loss left out


LAST = r"""
\begin{align}
u_t &= W z_{t-1} + U x_t \\
z_t &= f(u_t) \\
v_t &= V z_t \\
y_t &= g(v_t)
\end{align}
\begin{align}
\frac{\partial E}{\partial u^t} &= f'(u_t) \odot V^T \frac{\partial E}{\partial v_t} \\
\frac{\partial E}{\partial u^t} &= g'(u_t) \odot V^T \frac{\partial E}{\partial v_t} \\
\frac{\partial E}{\partial V} &= \frac{\partial E}{\partial v_t} z_t^T \\
\frac{\partial E}{\partial V} &= \frac{\partial E}{\partial v_t} z_{t-1}^T
\end{align}
\begin{align}
E^t &= loss(y^t, d^t)
\end{align}
"""


def test_loss_stated_at_the_current_step_is_the_last_steps_loss():
    s = _status(LAST)
    assert s[9] == "pass" and s[11] == "pass", s
    assert s[10] != "pass" and s[12] != "pass"


def test_a_loss_of_every_step_is_not_read_as_the_last():
    text = LAST.replace(r"E^t &= loss(y^t, d^t)", r"E^t &= loss(y^t, d^t) \\ E &= \sum_t E^t")
    s = _status(text)
    assert s[9] != "pass"               # dE/du^t misses the later steps' terms
