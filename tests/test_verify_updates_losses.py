r"""Update chains whose later links spell out the gradient: ``W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W}
= W^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z} [x^{t-z}]^T`` (the first link an update rule, the rest the gradient
of E by W, judged as ``\frac{\partial E}{\partial W} = \sum ...``), and a sum up to ``T_t`` (a count of the
steps up to t: back to the first step)."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


RNN = r"""\(\begin{aligned}
u_t &= W_{(in)}x^t + Wz^{t-1} + b \cr
z_t &= f \left( W_{(in)}x^t + Wz^{t-1} + b \right) \cr
v_t &= W_{(out)}z^t + c \cr
y_t &=g \left( W_{(out)}z^t + c\right)
\end{aligned}\)
\(\begin{aligned}
\frac{\partial E}{\partial u^t} &= \delta^t \cr
\frac{\partial E}{\partial v^t} &= \delta^{out,t}
\end{aligned}\)
\(\displaystyle W_{(in)}^{t+1} = W_{(in)}^t - \epsilon \frac{\partial E}{\partial W_{(in)}} = W_{(in)}^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z}\left[x^{t-z} \right]^T\)
\(\displaystyle W_{(out)}^{t+1} = W_{(out)}^t - \epsilon \frac{\partial E}{\partial W_{(out)}} = W_{(out)}^t - \epsilon  \delta^{out,t}\left[z^{t} \right]^T\)
\(\displaystyle W^{t+1} = W^t - \epsilon \frac{\partial E}{\partial W} = W^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z}\left[z^{t-z-1} \right]^T\)
\(\displaystyle b^{t+1} = b^t - \epsilon \frac{\partial E}{\partial b} = b^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z}\)
\(\displaystyle c^{t+1} = c^t - \epsilon \frac{\partial E}{\partial c} = c^t - \epsilon \delta^{out,t}\)
\(\begin{aligned}
E^t &= loss(y^t, d^t) \cr
&= loss \left(g(W_{(out)}z^t + c),d^t  \right)
\end{aligned}\)
"""


def test_update_chains_pass():
    st = _statuses(RNN)
    assert all(st[k] == "pass" for k in (11, 12, 13, 14, 15)), st


def test_update_chain_wrong_state_fails():
    # z^{t-z+1}: the state after the step, not the one it consumed
    st = _statuses(RNN.replace(r"\left[z^{t-z-1} \right]^T", r"\left[z^{t-z+1} \right]^T"))
    assert st[13] == "fail"


def test_update_chain_shifted_sum_fails():
    # every term one step late (delta^{t-z-1}): not the gradient
    st = _statuses(RNN.replace(r"b^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z}", r"b^t - \epsilon \sum_{z=0}^{T_t} \delta^{t-z-1}"))
    assert st[14] == "fail"


def test_update_chain_ascent_is_not_a_pass():
    # the first link moves with the gradient: never passes
    st = _statuses(RNN.replace(r"c^{t+1} = c^t - \epsilon \frac{\partial E}{\partial c} = c^t - \epsilon",
                               r"c^{t+1} = c^t + \epsilon \frac{\partial E}{\partial c} = c^t + \epsilon"))
    assert st[15] != "pass"


def test_update_chain_other_rate_in_a_later_link_not_read_as_pass():
    # the later link changes the rate: not one chain
    st = _statuses(RNN.replace(r"c^t - \epsilon \delta^{out,t}", r"c^t - 2 \epsilon \delta^{out,t}"))
    assert st[15] != "pass"
