r"""Partials of one quantity by several arguments of its row, listed in one display (siblingpartials.py)."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
$$ z_t = \sigma(U_z x_t + W_z h_{t-1} + b_z) $$
$$ r_t = \sigma(U_r x_t + W_r h_{t-1} + b_r) $$
$$ \tilde{h}_t = \tanh(U_h x_t + r_t \odot (W_h h_{t-1}) + b_h) $$
$$ h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t $$
"""


def _statuses(display):
    rep = verify_derivation(FORWARD + display + "\n")
    return [x.status for x in rep.results][4:]


def test_listed_partials_pass():
    assert _statuses(r"$$ \frac{\partial h_t}{\partial z_t} = h_{t-1} - \tilde{h}_t, \quad "
                     r"\frac{\partial h_t}{\partial h_{t-1}} = z_t, \quad "
                     r"\frac{\partial h_t}{\partial \tilde{h}_t} = 1 - z_t $$") == ["pass"] * 3


def test_listed_partials_mutated_fail():
    assert _statuses(r"$$ \frac{\partial h_t}{\partial z_t} = h_{t-1} - \tilde{h}_t, \quad "
                     r"\frac{\partial h_t}{\partial h_{t-1}} = 1 - z_t, \quad "
                     r"\frac{\partial h_t}{\partial \tilde{h}_t} = z_t $$") == ["pass", "fail", "fail"]
    assert _statuses(r"$$ \frac{\partial h_t}{\partial z_t} = \tilde{h}_t - h_{t-1}, \quad "
                     r"\frac{\partial h_t}{\partial h_{t-1}} = -z_t $$") == ["fail", "fail"]


def test_jacobian_alone_is_the_total():
    # written alone, \partial h_t / \partial h_{t-1} claims the whole one-step Jacobian: z_t drops paths
    assert _statuses(r"$$ \frac{\partial h_t}{\partial h_{t-1}} = z_t $$") == ["fail"]
    # beside a derivative of another quantity: no sign of the row's partials
    assert _statuses(r"$$ \frac{\partial z_t}{\partial h_{t-1}} = W_z, \quad "
                     r"\frac{\partial h_t}{\partial h_{t-1}} = z_t $$")[1] == "fail"
