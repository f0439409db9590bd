r"""Round 10, helper P: gradients labelled by the path they cover (``d h_{t-1}^{(update)}``,
``d h_{t-1}^{(\tilde{h})}``, ``d h_{t-1}^{(\text{carry over})}``): read as the part through the named quantity's
equation (numeric/pathlabels.py). Correct rows pass; rows with the wrong gate, a dropped term or the reset on
the wrong side of the matrix fail."""
from symlstm.verify.judging.judge import verify_derivation

GRU = r"""
\begin{align}
z_t &= \sigma(U_z x_t + W_z h_{t-1} + b_z) \\
r_t &= \sigma(U_r x_t + W_r h_{t-1} + b_r) \\
\tilde{h}_t &= \tanh(U_{\tilde{h}} x_t + b_{\tilde{h}x} + r_t \odot (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h})) \\
h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t \\
dh_t &\equiv \frac{\partial L}{\partial h_t} \\
(pre\_act) &= U_{\tilde{h}} x_t + b_{\tilde{h}x} + r_t \odot (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h}) \\
dpre\_act &= dh_t \odot (1 - z_t) \odot (1 - \tilde{h}_t^2) \\
dz_t &= dh_t \odot (h_{t-1} - \tilde{h}_t) \odot z_t \odot (1 - z_t) \\
dr_t &= (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h}) \odot dpre\_act \odot r_t \odot (1 - r_t) \\
%s
\end{align}
"""


def _verdicts(rows):
    text = GRU % " \\\\\n".join(rows)
    rep = verify_derivation(text)
    first = min(r.line for r in rep.results if r.text.lstrip().startswith("d h_{t-1}^"))
    return [(r.text, r.status, r.why) for r in rep.results if r.line >= first]


def test_labelled_parts_correct_rows_pass():
    rows = [
        r"d h_{t-1}^{(from\_h)} &= dh_t \odot z_t",
        r"d h_{t-1}^{(\text{carry over})} &= dh_t \odot z_t",
        r"d h_{t-1}^{(update)} &= W_z^T \, dz_t",
        r"d h_{t-1}^{(reset)} &= W_r^T \, dr_t",
        r"d h_{t-1}^{(\tilde{h})} &= W_{\tilde{h}}^T (r_t \odot dpre\_act)",
        r"d h_{t-1}^{(\text{candidate part})} &= W_{\tilde{h}}^T (r_t \odot dpre\_act) + W_r^T \, dr_t",
    ]
    got = _verdicts(rows)
    assert [s for _, s, _ in got] == ["pass"] * len(rows), got


def test_labelled_parts_mutants_fail():
    rows = [
        r"d h_{t-1}^{(from\_h)} &= dh_t \odot (1 - z_t)",                 # wrong factor
        r"d h_{t-1}^{(\text{carry over})} &= dh_t \odot z_t + W_z^T \, dz_t",     # another path added
        r"d h_{t-1}^{(update)} &= W_r^T \, dr_t",                         # the other gate's path
        r"d h_{t-1}^{(reset)} &= W_z^T \, dz_t",                          # swapped gate
        r"d h_{t-1}^{(\tilde{h})} &= (r_t) \odot W_{\tilde{h}}^T \cdot dpre\_act",   # reset on the wrong side
        r"d h_{t-1}^{(\text{candidate part})} &= r_t \odot (W_{\tilde{h}}^T \cdot dpre\_act) + W_r^T \, dr_t",
        r"d h_{t-1}^{(update)} &= W_z \, dz_t",                           # transpose dropped (square: values)
        r"d h_{t-1}^{(\tilde{h})} &= - W_{\tilde{h}}^T (r_t \odot dpre\_act)",      # sign
    ]
    got = _verdicts(rows)
    assert [s for _, s, _ in got] == ["fail"] * len(rows), got


def test_unknown_label_word_is_unreadable():
    got = _verdicts([r"d h_{t-1}^{(\text{other way})} &= dh_t \odot z_t"])
    assert got[0][1] == "unreadable" and "label" in got[0][2], got


def test_bare_delta_named_in_a_chain():
    rows = [
        r"d\tilde{h}_t &= \Delta \equiv \frac{\partial L}{\partial \tilde{h}_t}",
        r"d(pre\_act) &= \Delta \odot (1 - \tilde{h}_t^2)",
    ]
    text = (GRU % r"d h_{t-1}^{(update)} &= W_z^T \, dz_t").replace(r"\end{align}", " \\\\\n" + " \\\\\n".join(rows) + "\n\\end{align}")
    rep = verify_derivation(text)
    got = [(r.text, r.status) for r in rep.results if "Delta" in r.text]
    assert [s for _, s in got] == ["pass", "pass"], got
    bad = text.replace(r"\Delta \odot (1 - \tilde{h}_t^2)", r"\Delta \odot (1 - \tilde{h}_t)")
    got = [(r.text, r.status) for r in verify_derivation(bad).results if "Delta" in r.text]
    assert [s for _, s in got] == ["pass", "fail"], got
    bad = text.replace(r"\partial \tilde{h}_t}", r"\partial h_t}")       # \Delta named as another gradient
    got = [(r.text, r.status) for r in verify_derivation(bad).results if "Delta" in r.text]
    assert got[0][1] == "fail" and got[1][1] != "pass", got


LSTM = r"""
\begin{align}
i_t &= \sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i) \\
f_t &= \sigma(W_{xf} x_t + W_{hf} h_{t-1} + b_f) \\
o_t &= \sigma(W_{xo} x_t + W_{ho} h_{t-1} + b_o) \\
\tilde{c}_t &= \tanh(W_{xc} x_t + W_{hc} h_{t-1} + b_c) \\
c_t &= f_t \odot c_{t-1} + i_t \odot \tilde{c}_t \\
h_t &= o_t \odot \tanh(c_t) \\
dh_t &= \frac{\partial L}{\partial h_t} \\
dc_t &= \frac{\partial L}{\partial c_t} \\
di &= dc_t \odot \tilde{c}_t \odot i_t \odot (1 - i_t) \\
dc\_tilde &= dc_t \odot i_t \odot (1 - \tilde{c}_t^2) \\
%s
\end{align}
"""


def test_pre_act_code_names():
    rows = [r"\frac{\partial L}{\partial (pre\_act\_i)} &= di",                 # pass
            r"\frac{\partial L}{\partial (pre\_act\_c\_tilde)} &= dc\_tilde",   # pass
            r"\frac{\partial L}{\partial W_{xi}} &= \sum_t \frac{\partial L}{\partial (pre\_act\_i)} x_t^T",   # pass
            r"\frac{\partial L}{\partial (pre\_act\_f)} &= di",                 # fail: another gate
            r"\frac{\partial L}{\partial W_{xf}} &= \sum_t \frac{\partial L}{\partial (pre\_act\_i)} x_t^T",   # fail
            r"\frac{\partial L}{\partial (pre\_act\_c\_tilde)} &= dc_t \odot i_t"]    # fail: the tanh' dropped
    rep = verify_derivation(LSTM % " \\\\\n".join(rows))
    got = [(r.text, r.status) for r in rep.results if "pre\\_act" in r.text]
    assert [s for _, s in got] == ["pass", "pass", "pass", "fail", "fail", "fail"], got


def test_placeholder_sign_says_so():
    rep = verify_derivation(LSTM % r"\frac{\partial L}{\partial W_{(\cdot)}} &= dc_t \odot i_t")
    r = [r for r in rep.results if r"(\cdot)" in r.text][0]
    assert r.status == "unreadable" and "placeholder" in r.why, r.why


RNN = r"""
\begin{align}
h_t &= f(W_{hh} h_{t-1} + W_{xh} x_t + b_h) \\
%s
\end{align}
"""


def test_placeholder_argument_of_the_one_application():
    rows = [r"\frac{\partial h_t}{\partial h_{t-1}} &= \operatorname{diag}(f'(\cdot)) W_{hh}",                # pass
            r"\prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}} &= \prod_{j=k+1}^{t} "
            r"\operatorname{diag}(f'(\cdot)) W_{hh}",                                                          # pass
            r"\frac{\partial h_t}{\partial h_{t-1}} &= \operatorname{diag}(f'(\cdot)) W_{hh}^T",              # fail
            r"\prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}} &= \prod_{j=k+1}^{t} f'(\cdot) \cdot W_{hh}",   # fail
            ]
    rep = verify_derivation(RNN % " \\\\\n".join(rows))
    got = [(r.text, r.status) for r in rep.results if r"\cdot)" in r.text]
    assert [s for _, s in got] == ["pass", "pass", "fail", "fail"], got


def test_placeholder_of_a_function_applied_twice_is_unreadable():
    rep = verify_derivation(LSTM % r"\frac{\partial i_t}{\partial h_{t-1}} &= \operatorname{diag}(\sigma'(\cdot)) W_{hi}")
    r = [r for r in rep.results if r"\cdot)" in r.text][0]
    assert r.status == "unreadable" and "placeholder" in r.why, r.why


def test_output_convention_and_elided_premise():
    rows = [r"\sigma'(z) &= z(1 - z)",                      # pass: sigma' written through the output
            r"\tanh'(a) &= 1 - a^2",                        # pass
            r"\sigma'(y) &= y(1 + y)",                      # fail
            r"\tanh'(b) &= 1 - b",                          # fail
            r"di &= \ldots \quad\Rightarrow\quad \frac{\partial L}{\partial W_{xi}} = \sum_t di \, x_t^T",     # pass
            r"di &= ... \quad\Rightarrow\quad \frac{\partial L}{\partial W_{xi}} = \sum_t di \, h_{t-1}^T"]   # fail
    rep = verify_derivation(LSTM % " \\\\\n".join(rows))
    by_line = {}
    for r in rep.results:
        by_line.setdefault(r.line, []).append(r.status)
    got = [by_line[k] for k in sorted(by_line)][-len(rows):]
    assert got == [["pass"], ["pass"], ["fail"], ["fail"], ["pass"], ["fail"]], got
