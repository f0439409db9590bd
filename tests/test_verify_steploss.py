r"""A loss layer of two names (the steps' losses and their stated total, ``Loss = \frac{1}{\tau}\sum_t loss_t``) and
steps written as the time letter and a number (``h_{t1}``, ``h_{t2}``: an unrolled sequence of two steps)."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


# ------------------------------------------------------------------ the total as a weighted sum of the steps' losses
MEAN = r"""$$ h_t = \tanh(W h_{t-1} + U x_t) $$
$$ y_t = V h_t $$
$$ L_t = \frac{1}{2}\|y_t - d_t\|^2 $$
$$ L = \frac{1}{T}\sum_t L_t $$
$$ \frac{\partial L}{\partial y_t} = y_t - d_t $$
$$ \frac{\partial L_t}{\partial y_t} = y_t - d_t $$
$$ \frac{\partial L}{\partial y_t} = \frac{1}{T}(y_t - d_t) $$
$$ \frac{\partial L}{\partial h_T} = \frac{\partial L_T}{\partial h_T} $$
$$ \frac{\partial L}{\partial h_T} = \frac{1}{T}\frac{\partial L_T}{\partial h_T} $$
"""


def test_mean_of_step_losses_keeps_its_weight():
    st = _statuses(MEAN)
    assert st == {1: "pass", 2: "pass", 3: "pass", 4: "pass", 5: "fail", 6: "pass", 7: "pass", 8: "fail", 9: "pass"}


def test_plain_sum_of_step_losses():
    st = _statuses(MEAN.replace(r"\frac{1}{T}\sum_t L_t", r"\sum_t L_t"))
    assert st[5] == "pass" and st[7] == "fail" and st[8] == "pass" and st[9] == "fail"


# two names: Loss the total, loss_t of an unknown loss function L of each step
TWO_NAMES = r"""$$ h_t = x_t \cdot U + s_{t-1} \cdot W + b_u $$
$$ s_t = \tanh(h_t) $$
$$ z_t = s_t \cdot V + b_v $$
$$ a_t = C(z_t) $$
$$ loss_t = L(a_t, y_t) $$
$$ Loss = \frac{1}{\tau} \sum_t^{\tau}loss_t $$
$$ \frac{\partial loss_t}{\partial z_t} = a_t - y_t  \rightarrow dz_t $$
$$ \frac{\partial Loss}{\partial s_{\tau}}=\frac{\partial loss_{\tau}}{\partial s_{\tau}} = dz_{\tau} \cdot V^T $$
$$ \frac{\partial Loss}{\partial s_{\tau}}=\frac{1}{\tau} dz_{\tau} \cdot V^T $$
$$ \frac{\partial Loss}{\partial h_3}=\frac{\partial Loss}{\partial s_3}\frac{\partial s_3}{\partial h_3} $$
$$ dh_{\tau}=dz_{\tau} \cdot V^T \odot (1 - s_{\tau}^2) $$
$$ dh_t=(dz_t \cdot V^T + dh_{t+1} \cdot W^T) \odot (1 - s_t^2) $$
$$ \frac{\partial Loss}{\partial h_t}=(dz_t \cdot V^T + dh_{t+1} \cdot W^T) \odot (1 - s_t^2) $$
$$ dh_t=(dz_t \cdot V^T + dh_{t+1} \cdot W^T) \odot s_t $$
"""


def test_total_and_step_loss_names():
    st = _statuses(TWO_NAMES)
    assert [st[k] for k in (1, 2, 3, 4, 5, 6)] == ["pass"] * 6
    assert st[7] == "unreadable"             # y_t: the target of an unknown loss L, not read
    assert st[8] == "fail"                   # the 1/tau of the mean dropped
    assert st[9] == "pass"
    assert st[10] == "pass"
    assert st[11] == "pass"                  # dh: the gradient of the steps' losses summed (the code's dh)
    assert st[12] == "pass"
    assert st[13] == "fail"                  # dz_t is the step's gradient: the 1/tau is missing
    assert st[14] == "fail"


# ------------------------------------------------------------------ numbered steps t1, t2
STEPS = r"""$$ h_{t1}=x_{t1} \cdot U + b_h $$
$$ s_{t1} = Tanh(h_{t1}) $$
$$ h_{t2}=x_{t2} \cdot U + s_{t1} \cdot W +b_h $$
$$ s_{t2} = Tanh(h_{t2}) $$
$$ z_{t2} = s_{t2} \cdot V + b_z $$
$$ loss = \frac{1}{2}(z_{t2}-y_{t2})^2 $$
$$ \frac{\partial loss}{\partial z_{t2}}=z_{t2}-y_{t2} \rightarrow dz_{t2} $$
$$ \frac{\partial loss}{\partial h_{t2}}=dz_{t2} \cdot V \cdot Tanh'(s_{t2}) \rightarrow dh_{t2} $$
$$ \frac{\partial loss}{\partial U}=dh_{t2} \cdot x_{t2} \rightarrow dU_{t2} $$
$$ \frac{\partial loss}{\partial h_{t1}}=dh_{t2} \cdot W \cdot (1-s_{t1}^2) \rightarrow dh_{t1} $$
$$ \frac{\partial loss}{\partial U}=dh_{t1} \cdot x_{t1} \rightarrow dU_{t1} $$
$$ dV_{t1} = 0 $$
$$ dW_{t1} = 0 $$
$$ db_{z_{t1}} = 0 $$
$$ dU_{t1} = 0 $$
$$ dW_{t2} = 0 $$
$$ dV_{t1} = 1 $$
$$ \frac{\partial loss}{\partial h_{t1}}=dh_{t2} \cdot W \cdot (1-s_{t2}^2) $$
$$ \frac{\partial loss}{\partial U}=dh_{t1} \cdot x_{t2} $$
$$ \frac{\partial loss}{\partial z_{t2}}=z_{t2}+y_{t2} $$
"""


def test_numbered_steps_read_as_an_unrolled_sequence():
    st = _statuses(STEPS)
    assert [st[k] for k in range(1, 7)] == ["pass"] * 6
    assert [st[k] for k in range(7, 12)] == ["pass"] * 5
    assert st[12] == "pass" and st[13] == "pass" and st[14] == "pass"      # not used at step 1
    assert st[15] == "fail" and st[16] == "fail"                           # used there
    assert st[17] != "pass"
    assert st[18] == "fail" and st[19] == "fail" and st[20] == "fail"      # mutants


def test_numbered_steps_with_transposes_are_vectors():
    # a transpose written: the example is not one of scalars; the row without it fails in the vector cell
    text = STEPS.replace(r"dz_{t2} \cdot V \cdot Tanh'(s_{t2}) \rightarrow dh_{t2}",
                         r"dz_{t2} \cdot V^T \cdot Tanh'(s_{t2}) \rightarrow dh_{t2}")
    st = _statuses(text)
    assert st[9] != "pass"          # dh_{t2} \cdot x_{t2}: a product of a vector and a vector in the wrong order


def test_numbered_names_beside_a_bare_time_are_not_steps():
    text = r"""$$ h_t = \tanh(W h_{t-1} + U x_t) $$
$$ y_{t1} = V h_t $$
$$ y_{t2} = V h_t $$
$$ dy_{t1} = 0 $$
"""
    st = _statuses(text)
    assert st[4] != "pass"
