"""Course-notes RNN derivations (AI-Edu style): the layout decided by most rows (backward rows vote too), the
arrow that names a computed value (``... \\rightarrow dz_t``), ``Tanh`` capitalised, ``C(z_t)`` a function,
steps named t1, t2 (concrete steps) and step contributions ``dV_{t1} = 0`` (never passed as definitions: checked)."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


ROWS = r"""$$ h_t = x_t \cdot U + s_{t-1} \cdot W $$
$$ s_t = \tanh(h_t) $$
$$ z_t = V \cdot s_t $$
$$ a_t = C(z_t) $$
$$ \frac{\partial L}{\partial h_t} = \frac{\partial L}{\partial s_t} \odot (1 - s_t^2) $$
$$ \frac{\partial L}{\partial s_t} = dz_t \cdot V^T + dh_{t+1} \cdot W^T $$
$$ dh_t = (dz_t \cdot V^T + dh_{t+1} \cdot W^T) \odot (1-s_t^2) $$
"""


def test_minority_layout_row_fails():
    st = _statuses(ROWS)
    # row 3 is written in the column layout, every other row (backward rows too) in rows
    assert st == {1: "pass", 2: "pass", 3: "fail", 4: "pass", 5: "pass", 6: "pass", 7: "pass"}


def test_majority_row_never_fails_for_the_minority():
    fixed = ROWS.replace(r"z_t = V \cdot s_t", r"z_t = s_t \cdot V")
    assert set(_statuses(fixed).values()) == {"pass"}


def test_disagreeing_forward_rows_never_both_pass():
    text = "$$ h_t = x_t \\cdot U + s_{t-1} \\cdot W $$\n$$ s_t = \\tanh(h_t) $$\n$$ z_t = V \\cdot s_t $$\n"
    st = _statuses(text)
    assert st[1] != "pass" or st[3] != "pass"


NAMED = r"""$$ h_t = U x_t + W s_{t-1} $$
$$ s_t = Tanh(h_t) $$
$$ y_t = V s_t $$
$$ L = \sum_t \frac{1}{2} \| y_t - d_t \|^2 $$
$$ \frac{\partial L}{\partial y_t} = y_t - d_t \rightarrow dy_t $$
$$ \frac{\partial L}{\partial V} = \sum_t dy_t s_t^T \rightarrow dV $$
$$ \frac{\partial L}{\partial y_t} = y_t + d_t \rightarrow dy_t $$
"""


def test_naming_arrow_and_capital_tanh():
    assert _statuses(NAMED) == {1: "pass", 2: "pass", 3: "pass", 4: "pass", 5: "pass", 6: "pass", 7: "fail"}


def test_wrong_named_value_fails():
    bad = NAMED.replace(r"\sum_t dy_t s_t^T \rightarrow dV", r"\sum_t dy_t s_t^T \rightarrow dy_t")
    assert _statuses(bad)[6] != "pass"


STEPS = r"""$$ h_{t1}=x_{t1} \cdot U + b_h $$
$$ s_{t1} = Tanh(h_{t1}) $$
$$ h_{t2}=x_{t2} \cdot U + s_{t1} \cdot W +b_h $$
$$ s_{t2} = Tanh(h_{t2}) $$
$$ z_{t2} = s_{t2} \cdot V + b_z $$
$$ loss = \frac{1}{2}(z_{t2}-y_{t2})^2 $$
$$ \frac{\partial loss}{\partial z_{t2}}=z_{t2}-y_{t2} \rightarrow dz_{t2} $$
$$ dV_{t1} = 0 $$
$$ dW_{t1} = 1 $$
"""


def test_numbered_steps_and_step_contributions():
    # t1, t2: concrete steps of an unrolled sequence (test_verify_steploss.py); dV_{t1} step 1's contribution
    st = _statuses(STEPS)
    assert [st[k] for k in range(1, 7)] == ["pass"] * 6
    assert st[7] == "pass" and st[8] == "pass" and st[9] == "fail"
