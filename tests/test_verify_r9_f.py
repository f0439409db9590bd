r"""Round 9, helper F: the notations of three new sources (a GRU and an LSTM explained as markdown theory, a GRU's
numpy code as equations), each a small derivation whose rows' verdicts are asserted; correct rows pass (or are
unreadable where the reader says so), mutated rows fail.

- ``hs_t = h_t``: a code store under a second name is an alias (copynames.py);
- ``dh_{fz} = ...; dh_{next} = dh_{fz} + ...``: code's named pieces read by their values where they are summed
  (summedparts.py); a joint reading count too large to try is unreadable (rowjudge.py);
- ``x_s[t]``, ``\partial c_s[t]``, ``h_s[t]^T``: code dictionaries typeset with a plural subscript (codeindex.py);
- ``d h_{t-1}^{(update)}``: a path labelled in prose is not read (pathlabels.py);
- ``(pre\_act) = ...``, ``d(pre\_act)``, ``d(\tanh(c_t))``: a code name in brackets (parennames.py);
- ``dWhy``, ``dby``: a code name joining a name's letters (names.code_spelling);
- ``\sigma'(z) = z(1 - z)``: the derivative through the output, a convention, not an identity (identities.py).
"""
from symlstm.verify.judging.judge import verify_derivation


def _status(text):
    out = {}
    for r in verify_derivation(text).results:
        out.setdefault(r.line, []).append(r.status)
    return {k: (v[0] if len(set(v)) == 1 else ("fail" if "fail" in v else v[0])) for k, v in out.items()}


def _doc(rows):
    return "\n".join(f"$$ {r} $$" for r in rows)


GRU_CODE = [
    r"z_t = \sigma(W_{xz} xs_t + W_{hz} hs_{t-1} + b_z)",                         # 1
    r"r_t = \sigma(W_{xr} xs_t + W_{hr} hs_{t-1} + b_r)",                         # 2
    r"h_{tilde} = \tanh(W_{xh} xs_t + W_{hh} (r_t \odot hs_{t-1}) + b_h)",        # 3
    r"h_t = z_t \odot hs_{t-1} + (1 - z_t) \odot h_{tilde}",                      # 4
    r"hs_t = h_t",                                                                # 5
    r"y_t = W_{hy} h_t + b_y",                                                    # 6
    r"p_t = \mathrm{softmax}(y_t)",                                               # 7
    r"ps_t = p_t",                                                                # 8
    r"loss \mathrel{+}= -\log(p_{t, targets_t})",                                 # 9
    r"dy = ps_t - \mathbb{1}_{targets_t}",                                        # 10
    r"dh = W_{hy}^T dy + dh_{next}",                                              # 11
    r"dh_{tilde} = dh \odot (1 - z_t)",                                           # 12
    r"dh_{tilde} = dh_{tilde} \odot (1 - h_{tilde}^2)",                           # 13
    r"dz = dh \odot (hs_{t-1} - h_{tilde})",                                      # 14
    r"dz = dz \odot z_t \odot (1 - z_t)",                                         # 15
    r"dW_{hz} \mathrel{+}= dz \, hs_{t-1}^T",                                     # 16
    r"drhp = W_{hh}^T dh_{tilde}",                                                # 17
    r"dr = drhp \odot hs_{t-1}",                                                  # 18
    r"dr = dr \odot r_t \odot (1 - r_t)",                                         # 19
    r"dh_{fz\_inner} = W_{hz}^T dz",                                              # 20
    r"dh_{fz} = dh \odot z_t",                                                    # 21
    r"dh_{fhh} = drhp \odot r_t",                                                 # 22
    r"dh_{fr} = W_{hr}^T dr",                                                     # 23
    r"dh_{next} = dh_{fz\_inner} + dh_{fz} + dh_{fhh} + dh_{fr}",                 # 24
]


def test_gru_code_copies_and_summed_pieces():
    s = _status(_doc(GRU_CODE))
    for line in list(range(1, 17)) + [18, 19, 24]:
        assert s[line] == "pass", (line, s[line])
    for line in (20, 21, 22, 23):          # pieces: checked where they are summed
        assert s[line] == "unreadable", (line, s[line])


def _mutated(rows, k, new):
    rows = list(rows)
    rows[k - 1] = new
    return _doc(rows)


def test_gru_code_mutations_fail():
    cases = [(23, r"dh_{fr} = W_{hr} dr", 24),                       # a piece without its transpose
             (24, r"dh_{next} = dh_{fz\_inner} + dh_{fz} + dh_{fr}", 24)]   # a piece dropped
    for k, new, line in cases:
        s = _status(_mutated(GRU_CODE, k, new))
        assert s[line] == "fail", (new, s[line])


LSTM_THEORY = [
    r"i_t = \sigma(W_{xi} \, x_s[t] + W_{hi}\, h_s[t-1] + b_i).",                 # 1
    r"f_t = \sigma(W_{xf} \, x_s[t] + W_{hf} \, h_s[t-1] + b_f).",                # 2
    r"o_t = \sigma(W_{xo} \, x_s[t] + W_{ho} \, h_s[t-1] + b_o).",                # 3
    r"\tilde{c}_t = \tanh(W_{xc} \, x_s[t] + W_{hc}\, h_s[t-1] + b_c).",          # 4
    r"c_s[t] = f_t \odot c_s[t-1] \;+\; i_t \odot \tilde{c}_t.",                  # 5
    r"h_s[t] = o_t \odot \tanh(c_s[t]).",                                         # 6
    r"y_s[t] = W_{hy}\, h_s[t] + b_y,",                                           # 7
    r"p_s[t] = \mathrm{softmax}(y_s[t])",                                         # 8
    r"\text{loss} = -\sum_{t} \log(p_s[t]_{(\text{target}[t])}).",               # 9
    r"\frac{\partial \text{loss}}{\partial y_s[t]} = p_s[t] - \mathbf{1}\{\text{target}[t]\}.",   # 10
    r"dWhy \;+=\; dy \; h_s[t]^T, \quad dby \;+=\; dy.",                          # 11
    r"d(\tanh(c_s[t])) = dh \odot o_t",                                           # 12
    r"\sigma'(z) = z(1 - z)",                                                     # 13
    r"\partial c_s[t]/\partial f_t = c_s[t-1]",                                   # 14
    r"\frac{\partial L}{\partial c_s[t-1]} = \frac{\partial L}{\partial c_s[t]} \odot f_t.",   # 15
]


def test_lstm_theory_code_indexing():
    s = _status(_doc(LSTM_THEORY))
    for line in range(1, 16):
        assert s[line] == "pass", (line, s[line])   # 13: the convention sigma'(z) = z(1-z) (identities.py)


def test_lstm_theory_mutations_fail():
    cases = [(12, r"d(\tanh(c_s[t])) = dh \odot \tanh(c_s[t])"),     # the wrong factor
             (13, r"\sigma'(z) = z(1 + z)"),                               # not the output form
             (15, r"\frac{\partial L}{\partial c_s[t-1]} = \frac{\partial L}{\partial c_s[t]} \odot i_t.")]   # swapped gate
    for k, new in cases:
        s = _status(_mutated(LSTM_THEORY, k, new))
        assert s[k] == "fail", (new, s[k])


GRU_THEORY = [
    r"z_t = \sigma(U_z x_t + W_z h_{t-1} + b_z).",                                                        # 1
    r"r_t = \sigma(U_r x_t + W_r h_{t-1} + b_r).",                                                        # 2
    r"\tilde{h}_t = \tanh\bigl(U_{\tilde{h}} x_t + b_{\tilde{h}x} + r_t \odot (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h})\bigr).",  # 3
    r"h_t = z_t \odot h_{t-1} \;+\; (1 - z_t)\odot \tilde{h}_t.",                                         # 4
    r"dh_t \equiv \frac{\partial L}{\partial h_t}",                                                       # 5
    r"\frac{\partial \tilde{h}_t}{\partial (pre\_act)} = (1 - \tilde{h}_t^2),",                           # 6
    r"(pre\_act) = U_{\tilde{h}} x_t + b_{\tilde{h}x} + r_t \odot (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h}).",   # 7
    r"dr_t = (W_{\tilde{h}} h_{t-1} + b_{\tilde{h}h}) \odot dpre\_act,",                                  # 8
    r"d h_{t-1}^{(update)} = W_z^T \, dz_t",                                                              # 9
    r"dz_t = dh_t \odot (h_{t-1} - \tilde{h}_t).",                                                        # 10
]


def test_gru_theory_named_subexpression_and_labelled_paths():
    s = _status(_doc(GRU_THEORY))
    for line in (1, 2, 3, 4, 5, 6, 7, 8, 10):
        assert s[line] == "pass", (line, s[line])
    assert s[9] == "pass"                 # a path labelled by the gate it runs through (pathlabels.py)


def test_gru_theory_mutations_fail():
    cases = [(8, r"dr_t = (W_{\tilde{h}} h_{t-1}) \odot dpre\_act,"),      # a bias dropped
             (6, r"\frac{\partial \tilde{h}_t}{\partial (pre\_act)} = (1 + \tilde{h}_t^2),"),
             (10, r"dz_t = dh_t \odot (\tilde{h}_t - h_{t-1})."),
             ]
    for k, new in cases:
        s = _status(_mutated(GRU_THEORY, k, new))
        assert s[k] == "fail", (new, s[k])
    # a bracketed name defined by an expression the forward rows do not write (the reset dropped): not read
    s = _status(_mutated(GRU_THEORY, 7, r"(pre\_act) = U_{\tilde{h}} x_t + b_{\tilde{h}x} + W_{\tilde{h}} h_{t-1} + "
                                        r"b_{\tilde{h}h}."))
    assert s[7] == "unreadable"

