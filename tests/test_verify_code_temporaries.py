r"""Code written as equations: temporaries (``dt`` reassigned), a product named by its factors (``dhr``) and a
weight stacked from blocks (``W_x = [W_{xz}, W_{xr}, W_{xh}]``, row layout). Every row's verdict, and mutants
that must not pass."""
import pytest

from symlstm.verify.judging.judge import verify_derivation

GRU = r"""
$$ W_x = [W_{xz}, W_{xr}, W_{xh}] $$
$$ W_h = [W_{hz}, W_{hr}, W_{hh}] $$
$$ b = [b_z, b_r, b_h] $$
$$ z = \sigma(x W_{xz} + h_{prev} W_{hz} + b_z) $$
$$ r = \sigma(x W_{xr} + h_{prev} W_{hr} + b_r) $$
$$ h_{hat} = \tanh(x W_{xh} + (r \odot h_{prev}) W_{hh} + b_h) $$
$$ h_{next} = (1 - z) \odot h_{prev} + z \odot h_{hat} $$
$$ dh_{hat} = dh_{next} \odot z $$
$$ dh_{prev} = dh_{next} \odot (1 - z) $$
$$ dt = dh_{hat} \odot (1 - h_{hat}^2) $$
$$ db_h = dt $$
$$ dW_{hh} = (r \odot h_{prev})^T dt $$
$$ dhr = dt W_{hh}^T $$
$$ dW_{xh} = x^T dt $$
$$ dx = dt W_{xh}^T $$
$$ dh_{prev} += r \odot dhr $$
$$ dz = dh_{next} \odot h_{hat} - dh_{next} \odot h_{prev} $$
$$ dt = dz \odot z \odot (1 - z) $$
$$ db_z = dt $$
$$ dW_{hz} = h_{prev}^T dt $$
$$ dh_{prev} += dt W_{hz}^T $$
$$ dW_{xz} = x^T dt $$
$$ dx += dt W_{xz}^T $$
$$ dr = dhr \odot h_{prev} $$
$$ dt = dr \odot r \odot (1 - r) $$
$$ db_r = dt $$
$$ dW_{hr} = h_{prev}^T dt $$
$$ dh_{prev} += dt W_{hr}^T $$
$$ dW_{xr} = x^T dt $$
$$ dx += dt W_{xr}^T $$
$$ dW_x = [dW_{xz}, dW_{xr}, dW_{xh}] $$
$$ dW_h = [dW_{hz}, dW_{hr}, dW_{hh}] $$
$$ db = [db_z, db_r, db_h] $$
"""


def _verdicts(text):
    return {r.line: r for r in verify_derivation(text).results}


def _line(text, row):
    return text[:text.index(row)].count("\n") + 1


def test_every_row_passes():
    res = _verdicts(GRU)
    assert len(res) == 33
    assert all(r.status == "pass" for r in res.values()), [(k, r.status, r.why) for k, r in res.items()
                                                            if r.status != "pass"]
    assert "pre-activation of z" in res[_line(GRU, r"dt = dz \odot z")].why      # the second dt


@pytest.mark.parametrize("row, mutant, bad", [
    # a wrong temporary: its row names no gradient of the cell, but its uses hold when it is the gradient of the
    # pre-activation (what db_h = dt means it to be): the row fails, and its uses pass (the slip is reported where
    # it is made, as a reader checking each line given the lines above does; since round 24)
    (r"dt = dh_{hat} \odot (1 - h_{hat}^2)", r"dt = dh_{hat} \odot (1 - h_{hat})",
     {r"dt = dh_{hat} \odot (1 - h_{hat})": "fail", r"db_h = dt": "pass"}),
    (r"dt = dz \odot z \odot (1 - z)", r"dt = dz \odot z", {r"dt = dz \odot z $$": "fail", r"db_z = dt": "pass"}),
    (r"dhr = dt W_{hh}^T", r"dhr = dt W_{hh}", {}),
    (r"dh_{prev} += r \odot dhr", r"dh_{prev} += h_{prev} \odot dhr", {}),
    (r"dr = dhr \odot h_{prev}", r"dr = dhr \odot r", {}),
    (r"dW_x = [dW_{xz}, dW_{xr}, dW_{xh}]", r"dW_x = [dW_{xz}, dW_{xh}, dW_{xr}]", {}),
    (r"db = [db_z, db_r, db_h]", r"db = [db_r, db_z, db_h]", {}),
    (r"dW_{hz} = h_{prev}^T dt", r"dW_{hz} = x^T dt", {}),
])
def test_mutants_do_not_pass(row, mutant, bad):
    text = GRU.replace("$$ " + row + " $$", "$$ " + mutant + " $$")
    assert text != GRU
    res = _verdicts(text)
    assert res[_line(text, mutant)].status != "pass"
    for other, status in bad.items():
        assert res[_line(text, other)].status == status


def test_uses_read_the_latest_definition():
    # db_z = dt after the third dt (the reset gate's): the gradient of z's bias is not that value
    text = GRU.replace("$$ db_r = dt $$", "$$ db_r = dt $$\n$$ db_z = dt $$")
    res = _verdicts(text)
    lines = [k for k, r in res.items() if r.text.strip() == "db_z = dt"]
    assert [res[k].status for k in sorted(lines)] == ["pass", "fail"]


def test_stacked_gradient_is_not_vacuous():
    # the blocks of the stack are the true gradients: a stack of a block twice fails
    text = GRU.replace(r"dW_h = [dW_{hz}, dW_{hr}, dW_{hh}]", r"dW_h = [dW_{hz}, dW_{hz}, dW_{hh}]")
    res = _verdicts(text)
    assert res[_line(text, r"dW_h = [dW_{hz}, dW_{hz}")].status == "fail"


def test_temporary_never_read_later_is_not_a_definition():
    text = GRU.replace("$$ db = [db_z, db_r, db_h] $$", "$$ db = [db_z, db_r, db_h] $$\n$$ dq = dz \\odot z $$")
    res = _verdicts(text)
    assert res[_line(text, r"dq = dz")].status != "pass"
