r"""Code written as equations (rebinding.py, namingrows.py): gradient-name suffixes (W\_v\_d, x\_grad),
reassigned names read in order (SSA), .* as the element-wise product, naming rows (C\_prev = C_{t-1})."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.judging.rebinding import code_statements, suffix_gradient_names
from symlstm.verify.text.rowparse import parse_row

RNN = r"""
\[ a_t = W\_x x_t + W\_h h_{t-1} + b \]
\[ h_t = tanh(a_t) \]
\[ %s \]
"""


def _status(row):
    rows = verify_derivation(RNN % row).results
    return rows[-1].status


def test_suffix_names_are_gradients():
    assert _status(r"b\_grad = dh_t \odot (1 - h_t \odot h_t)") == "pass"
    assert _status(r"b\_d = dh_t \odot (1 - h_t \odot h_t)") == "pass"
    # mutated: tanh' written as 1 - h (never a pass)
    assert _status(r"b\_grad = dh_t \odot (1 - h_t)") != "pass"


def test_suffix_rewrite():
    t = suffix_gradient_names([parse_row(r"W\_v\_d \mathrel{+}= dv \, h_t^T"), parse_row(r"x\_grad = h\_prev\_grad")])
    assert t[0][1][0][1] == "dW_v" and t[1][1][0][1] == "dx" and t[1][1][1][1] == "dh_prev"


def test_gradient_rebinding_reads_previous_binding():
    assert _status(r"da = dh_t \] \[ da = (1 - h_t \odot h_t) \odot da") == "pass"
    # mutated: the derivative written at the pre-activation's output twice: never a pass
    assert _status(r"da = dh_t \] \[ da = (1 - h_t) \odot da") != "pass"


def test_forward_rebinding_renames_and_does_not_crash():
    text = r"""
\[ xh = [x, h\_prev] \]
\[ [i, f, ci, o] = w \, xh + b \]
\[ f = f + forget\_bias \]
\[ i = sigmoid(i) \]
\[ f = sigmoid(f) \]
\[ o = sigmoid(o) \]
\[ ci = tanh(ci) \]
\[ cs = ci .* i + cs\_prev .* f \]
\[ co = tanh(cs) \]
\[ h = co .* o \]
"""
    rows = verify_derivation(text).results
    assert [r.status for r in rows] == ["pass"] * 10
    rows = verify_derivation(text.replace(r"cs = ci .* i", r"cs = ci .* o")).results
    assert all(r.status != "crash" for r in rows)
    renamed = code_statements([parse_row(r"f = g + b"), parse_row(r"f = sigmoid(f)")])
    assert renamed[0][1][0][1] == "f@1" and renamed[1][1][0][1] == "f"


def test_naming_row_is_not_a_pass():
    text = r"""
\[ h_t = tanh(W\_x x_t + W\_h h_{t-1}) \]
\[ h\_prev = h_{t-1} \]
"""
    assert verify_derivation(text).results[-1].status == "unreadable"
