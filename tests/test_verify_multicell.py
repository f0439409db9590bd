r"""Several cells stated in one file (slides recalling an Elman RNN, then an LSTM, then a GRU), the form of the
recurrence ``h_t = f(h_{t-1}, x_t)`` before the cell, remarks after an equation (``\quad \text{(olvido)}``,
``\quad (\text{sin } W_{hh})``, a closing ``?``) and activations written with their parameters
(``\tanh(x_t, h_{t-1}; W_g)``)."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    out = {}
    for r in verify_derivation(text).results:
        out.setdefault(r.line, []).append(r.status)
    return {k: v[0] if len(v) == 1 else v for k, v in out.items()}


SLIDES = r"""\documentclass{article}
\begin{document}
$$h_t = f(h_{t-1}, x_t)$$
$$h_t = \tanh(W_{xh} \cdot x_t + W_{hh} \cdot h_{t-1} + b_h)$$
$$y_t = W_{hy} \cdot h_t + b_y$$
$$\frac{\partial h_t}{\partial h_{t-1}} = \text{diag}(1-h_t^2) W_{hh}$$
$$h_t = \tanh(W_{xh} \cdot x_t + W_{hh} \cdot h_{t-1} + b_h)$$
$$f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f) \quad \text{(olvido)}$$
$$i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i) \quad \text{(entrada)}$$
$$o_t = \sigma(W_o \cdot [h_{t-1}, x_t] + b_o) \quad \text{(salida)}$$
$$\tilde{c}_t = \tanh(W_c \cdot [h_{t-1}, x_t] + b_c) \quad \text{(candidato)}$$
$$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t \quad \text{(celda)}$$
$$h_t = o_t \odot \tanh(c_t) \quad \text{(salida)}$$
$$\frac{\partial c_t}{\partial c_{t-1}} = f_t \quad (\text{sin } W_{hh}, \text{ sin } \tanh')$$
$$\boxed{h_t = o_t \odot \tanh(c_t)} \quad \text{Salida}$$
$$r_t = \sigma(W_r [h_{t-1}, x_t] + b_r) \quad \text{(reset)}$$
$$z_t = \sigma(W_z [h_{t-1}, x_t] + b_z) \quad \text{(actualización)}$$
$$\tilde{h}_t = \tanh(W_h [r_t \odot h_{t-1}, x_t] + b_h)$$
$$\boxed{h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t}$$
$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$$
\end{document}
"""


def test_three_cells_in_turn():
    st = _statuses(SLIDES)
    assert st[3] == "pass"      # the form h_t = f(h_{t-1}, x_t): exactly what the RNN's row reads (formrows.py)
    assert _statuses(SLIDES.replace("f(h_{t-1}, x_t)", "f(h_{t}, x_t)", 1))[3] == "fail"     # a wrong argument
    assert all(st[k] == "pass" for k in range(4, 21)), st


def test_wrong_rows_of_each_cell_fail():
    # the Elman Jacobian transposed; the LSTM's forget gate as the direct path with a wrong factor; the GRU's
    # interpolation with the gates swapped: each against its own cell
    bad = SLIDES.replace(r"\text{diag}(1-h_t^2) W_{hh}$$", r"W_{hh}^T \text{diag}(1-h_t^2)$$")
    assert _statuses(bad)[6] == "fail"
    bad = SLIDES.replace(r"= f_t \quad (\text{sin }", r"= i_t \quad (\text{sin }")
    assert _statuses(bad)[14] == "fail"
    bad = SLIDES.replace(r"$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$$",
                         r"$$h_t = (1 - r_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$$")
    st = _statuses(bad)
    assert st[20] == "fail" and st[19] == "pass"


def test_elman_rows_are_not_read_against_the_lstm():
    st = _statuses(SLIDES)
    assert st[4] == st[7] == "pass"         # W_{xh} is the Elman cell's, not a name of the LSTM's rows


def test_remark_never_hides_a_claim():
    # a remark holds no '=': a second claim after \quad is judged, and a wrong one fails
    text = SLIDES.replace(r"\quad \text{(celda)}", r"\quad c_{t-1} = f_t")
    st = _statuses(text)
    assert "pass" not in (st[12] if isinstance(st[12], list) else [st[12]])[1:]


def test_question_mark_closes_the_claim():
    text = SLIDES.replace(r"= f_t \quad (\text{sin } W_{hh}, \text{ sin } \tanh')$$", r"= f_t?$$")
    assert _statuses(text)[14] == "pass"
    text = SLIDES.replace(r"= f_t \quad (\text{sin } W_{hh}, \text{ sin } \tanh')$$", r"= i_t?$$")
    assert _statuses(text)[14] == "fail"


ABSTRACT = r"""$$ \begin{aligned}
o_t&=\sigma(x_t, h_{t-1};W_o) \\
\tilde{c}_t&=\tanh(x_t, h_{t-1};W_g) \\
f_t&=\sigma(x_t, h_{t-1};W_f) \\
i_t&=\sigma(x_t, h_{t-1};W_i) \\
c_t&=f_t\odot{c_{t-1}}+i_t\odot{\tilde{c}_t} \\
&=\sigma(x_t, h_{t-1};W_f)\odot{c_{t-1}}+\sigma(x_t, h_{t-1};W_i)\odot{\tanh(x_t, h_{t-1};W_g)} \\
h_t&=o_t\odot\tanh(c_t) \\
\end{aligned} $$
"""


def test_activations_with_parameters_are_gates_of_the_state_width():
    st = _statuses(ABSTRACT)
    assert all(st[k] == "pass" for k in range(2, 9)), st


def test_activations_with_parameters_swapped_fail():
    bad = ABSTRACT.replace(r"\odot{\tanh(x_t, h_{t-1};W_g)}", r"\odot{\tanh(x_t, h_{t-1};W_i)}")
    assert _statuses(bad)[7] == "fail"
