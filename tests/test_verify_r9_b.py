r"""A tilde on a letter the rows define (``\tilde{h}_t`` beside ``h_t``): a variant of that letter's quantity
(VARIANT_ACCENTS in symlstm/latex/notation.py). Where no row defines the accented name, a row writing it
misuses the family of the plain letter and fails as undefined (like ``W_f`` in a GRU with ``W_z``, ``W_r``);
where a row defines it, it is that quantity; a tilde on a letter nothing names stays unreadable."""
from symlstm.verify.judging.judge import verify_derivation


def _results(tex):
    rep = verify_derivation(tex)
    return {r.line: r.status for r in rep.results}, {r.line: (r.why or "") for r in rep.results}


# PyTorch-style GRU (reset after the recurrent matrix, z weights the old state), candidate named n_t.
GRU_N = r"""\begin{align}
r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\
z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\
n_t &= \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})) \\
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
\end{align}
"""


def test_tilde_of_a_defined_letter_without_definition_fails():
    tex = GRU_N + r"""\begin{align}
dz_t &= dh_t * (h_{t-1} - n_t) * z_t * (1 - z_t) \\
dz_t &= dh_t * (h_{t-1} - \tilde{h}_t) * z_t * (1 - z_t) \\
dz_t &= dh_t * (n_t - h_{t-1}) * z_t * (1 - z_t) \\
dz_t &= dh_t * h_{t-1} * z_t * (1 - z_t) \\
dn_t &= dh_t * (1 - z_t) * (1 - n_t^2) \\
dn_t &= dh_t * (1 - z_t) * (1 - \tilde{h}_t^2) \\
dn_t &= dh_t * z_t * (1 - n_t^2)
\end{align}
"""
    st, why = _results(tex)
    assert st[2] == st[3] == st[4] == st[5] == "pass", (st, why)
    assert st[8] == "pass" and st[12] == "pass", (st, why)        # the correct rows, written with n_t
    assert st[9] == "fail" and r"\tilde{h} is not defined" in why[9], (st, why)     # \tilde{h}: undefined
    assert st[13] == "fail" and r"\tilde{h} is not defined" in why[13], (st, why)
    assert st[10] == "fail", (st, why)         # a sign flipped
    assert st[11] == "fail", (st, why)         # a term dropped (h_{t-1} - n_t -> h_{t-1})
    assert st[14] == "fail", (st, why)         # the gates swapped ((1 - z_t) -> z_t)


def test_tilde_defined_by_a_row_is_that_quantity():
    tex = r"""\begin{align}
z_t &= \sigma(W_z x_t + U_z h_{t-1}) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1}) \\
\tilde{h}_t &= \tanh(W_h x_t + U_h (r_t \odot h_{t-1})) \\
h_t &= (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t \\
\delta z_t &= \delta h_t \odot (\tilde{h}_t - h_{t-1}) \\
\delta z_t &= \delta h_t \odot (h_{t-1} - \tilde{h}_t) \\
\delta \tilde{h}_t &= \delta h_t \odot z_t \\
\delta \tilde{h}_t &= \delta h_t \odot (1 - z_t)
\end{align}
"""
    st, why = _results(tex)
    assert [st[k] for k in range(2, 10)] == ["pass"] * 5 + ["fail", "pass", "fail"], (st, why)   # 7, 9: mutated


def test_tilde_of_a_letter_nothing_names_stays_unreadable():
    tex = GRU_N + r"""\begin{align}
dz_t &= dh_t * (h_{t-1} - \tilde{q}_t) * z_t * (1 - z_t)
\end{align}
"""
    st, why = _results(tex)
    assert st[8] == "unreadable", (st, why)
