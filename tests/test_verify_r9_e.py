r"""Round 9, helper E: notations of slides and Q&A answers.

* ``\frac{\partial}{\partial c_{t-1}}(\ldots)``: the operator on a name or on its defining expression reads like the
  fraction (dopread.py); ``v \odot \frac{\partial u}{\partial x}`` is diag(v) J; a product-rule row whose gate
  derivatives the step reading zeroes is read with every derivative total (everypath.py);
* ``h_{t+1} = \tanh(U x_t + W h_t)``: a forward row one step ahead (shiftedrows.py);
* ``\partial h_{t+1}/\partial h_t`` and ``dy/dx`` inline (slashfrac.py);
* ``\prod_{j} A_j \frac{\partial h_k}{\partial W}``: the trailing factor after the product (prodscope.py), and
  ``\partial h_{j-1}/\partial h_j`` (zero by causality) never makes a row pass (causalzero.py);
* a restatement with the bias renamed (renamedparams.py);
* ``\partial L/\partial h_k = \partial L/\partial h_T \prod ...`` with no loss stated (unstatedloss.py).
"""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(rows):
    src = "\n".join(f"$${r}$$" for r in rows)
    rep = verify_derivation(src)
    out = {}
    for r in rep.results:
        out.setdefault(r.line, []).append(r.status)
    return [("fail" if "fail" in s else "unreadable" if "unreadable" in s else "pass") for _, s in sorted(out.items())]


LSTM = [r"o_t=\sigma(x_t, h_{t-1};W_o)", r"\tilde{c}_t=\tanh(x_t, h_{t-1};W_g)", r"f_t=\sigma(x_t, h_{t-1};W_f)",
        r"i_t=\sigma(x_t, h_{t-1};W_i)", r"c_t=f_t\odot{c_{t-1}}+i_t\odot{\tilde{c}_t}", r"h_t=o_t\odot\tanh(c_t)"]


def test_operator_and_product_rule():
    rows = LSTM + [
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(f_t\odot{c_{t-1}}+i_t\odot{\tilde{c}_t})",
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}} c_t",
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial{f_t}}{\partial{c_{t-1}}}\odot{c_{t-1}}+f_t\odot"
        r"\frac{\partial{c_{t-1}}}{\partial{c_{t-1}}}+\frac{\partial{i_t}}{\partial{c_{t-1}}}\odot{\tilde{c}_t}+i_t\odot"
        r"\frac{\partial{\tilde{c}_t}}{\partial{c_{t-1}}}",
        # mutants: f_t dropped; the product rule with a term dropped, with a minus
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial}{\partial c_{t-1}}(c_{t-1}+i_t\odot{\tilde{c}_t})",
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial{f_t}}{\partial{c_{t-1}}}\odot{c_{t-1}}+f_t\odot"
        r"\frac{\partial{c_{t-1}}}{\partial{c_{t-1}}}+\frac{\partial{i_t}}{\partial{c_{t-1}}}\odot{\tilde{c}_t}",
        r"\frac{\partial c_t}{\partial c_{t-1}}=\frac{\partial{f_t}}{\partial{c_{t-1}}}\odot{c_{t-1}}+f_t\odot"
        r"\frac{\partial{c_{t-1}}}{\partial{c_{t-1}}}+\frac{\partial{i_t}}{\partial{c_{t-1}}}\odot{\tilde{c}_t}-i_t\odot"
        r"\frac{\partial{\tilde{c}_t}}{\partial{c_{t-1}}}",
    ]
    assert _statuses(rows) == ["pass"] * 6 + ["pass"] * 3 + ["fail"] * 3


def test_row_one_step_ahead_and_inline_derivatives():
    rows = [r"\mathbf{h_{t+1}}=tanh(\mathbf{ U x_{t}+W h_{t}})",
            r"\frac{\partial h_{t+1}}{\partial h_t} = diag(1-h_{t+1}^2) W",
            r"\partial h_{t+1}/\partial h_t = diag(1-h_{t+1}^2) W",
            r"y=tanh(x), dy/dx=1-tanh^2(x)=1-y^2",
            # mutants: transposed, wrong step, wrong sign, the input of the wrong step
            r"\frac{\partial h_{t+1}}{\partial h_t} = W^T diag(1-h_{t+1}^2)",
            r"\partial h_{t+1}/\partial h_t = diag(1-h_{t}^2) W",
            r"y=tanh(x), dy/dx=1+tanh^2(x)=1-y^2",
            r"h_{t+1} = \tanh(U x_{t+1} + W h_t)"]
    assert _statuses(rows) == ["pass"] * 4 + ["fail"] * 4


RNN = [r"h_t = \tanh(W_{xh} \cdot x_t + W_{hh} \cdot h_{t-1} + b_h)", r"y_t = W_{hy} \cdot h_t + b_y"]
BPTT = r"\frac{\partial \mathcal{L}}{\partial W_{hh}} = \sum_{t=1}^{T} \sum_{k=1}^{%s} \frac{\partial \mathcal{L}_t}" \
       r"{\partial h_t} \prod_{j=k+1}^{t} \frac{\partial h_{%s}}{\partial h_{%s}} \frac{\partial h_k}{\partial W_{hh}}"


def test_product_scope_and_causal_zero():
    rows = RNN + [BPTT % ("t", "j", "j-1"),
                  BPTT % ("t-1", "j", "j-1"),        # mutant: the direct term k = t dropped
                  BPTT % ("t", "j-1", "j")]          # swapped: zero by causality, never a pass
    assert _statuses(rows) == ["pass", "pass", "pass", "fail", "unreadable"]


def test_restatement_with_a_renamed_bias():
    rows = RNN + [r"\frac{\partial \mathcal{L}}{\partial h_t} = \frac{\partial \mathcal{L}}{\partial h_t}",
                  r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b)",
                  r"h_t = \tanh(W_{xh} x_t - W_{hh} h_{t-1} + b)",
                  r"h_t = \sigma(W_{xh} x_t + W_{hh} h_{t-1} + b)"]
    assert _statuses(rows)[3:] == ["pass", "fail", "fail"]


def test_loss_at_the_last_step_not_stated():
    rows = [RNN[0],
            r"\frac{\partial \mathcal{L}}{\partial h_k} = \frac{\partial \mathcal{L}}{\partial h_T} \prod_{j=k+1}^{T} "
            r"\frac{\partial h_j}{\partial h_{j-1}}",
            r"\frac{\partial \mathcal{L}}{\partial h_k} = \frac{\partial \mathcal{L}}{\partial h_T} \prod_{j=k}^{T} "
            r"\frac{\partial h_j}{\partial h_{j-1}}"]
    assert _statuses(rows) == ["pass", "unreadable", "fail"]


def test_chain_through_a_name_no_row_defines():
    rows = RNN + [r"\frac{\partial L}{\partial W_{hh}} = \frac{\partial L}{\partial A} \frac{\partial A}{\partial W_{hh}}",
                  r"\frac{\partial L}{\partial h_0} = \frac{\partial L}{\partial A} \frac{\partial A}{\partial h_0}",
                  # mutants: the wrong variable at the end; a factor 2; out of chain order (not read)
                  r"\frac{\partial L}{\partial W_{hh}} = \frac{\partial L}{\partial A} \frac{\partial A}{\partial W_{xh}}",
                  r"\frac{\partial L}{\partial h_0} = 2 \frac{\partial L}{\partial A} \frac{\partial A}{\partial h_0}",
                  r"\frac{\partial L}{\partial h_0} = \frac{\partial A}{\partial h_0} \frac{\partial L}{\partial A}"]
    assert _statuses(rows) == ["pass", "pass", "pass", "pass", "fail", "fail", "unreadable"]
