r"""The current time t as the last step (Han Bingtao's LSTM tutorial and the Chinese posts that copy it):
``\frac{\partial E}{\partial W_{oh}} = \sum_{j=1}^t \delta_{o,j} h_{j-1}^T`` says the steps are 1..t, so rows are
checked at t = T with the (undefined) loss E read at the current output; the cell's input from the layer below
(``x_t^l``) does not make the derivation layered; the input gate's letter (``W_i``) is a label beside ``W_f``."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
$$ \mathbf{f}_t=\sigma(W_{fh}\mathbf{h}_{t-1}+W_{fx}\mathbf{x}_t+\mathbf{b}_f) $$
$$ \mathbf{i}_t=\sigma(W_{ih}\mathbf{h}_{t-1}+W_{ix}\mathbf{x}_t+\mathbf{b}_i) $$
$$ \mathbf{\tilde{c}}_t=\tanh(W_{ch}\mathbf{h}_{t-1}+W_{cx}\mathbf{x}_t+\mathbf{b}_c) $$
$$ \mathbf{o}_t=\sigma(W_{oh}\mathbf{h}_{t-1}+W_{ox}\mathbf{x}_t+\mathbf{b}_o) $$
$$ \mathbf{c}_t=\mathbf{f}_t\circ\mathbf{c}_{t-1}+\mathbf{i}_t\circ\mathbf{\tilde{c}}_t $$
$$ \mathbf{h}_t=\mathbf{o}_t\circ \tanh(\mathbf{c}_t) $$
"""

DEFS = r"""
\begin{align}
\mathbf{net}_{o,t}&=W_{oh}\mathbf{h}_{t-1}+W_{ox}\mathbf{x}_t+\mathbf{b}_o\\
\delta_{o,t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{net}_{o,t}}}
\end{align}
"""


def _verdicts(body):
    text = "\\documentclass{article}\n\\begin{document}\n" + FORWARD + DEFS + body + "\\end{document}\n"
    rep = verify_derivation(text)
    return [(r.text.strip(), r.status) for r in rep.results[8:]]


def test_sum_to_the_current_time_passes():
    rows = _verdicts(r"""
\begin{align}
\frac{\partial{E}}{\partial{W_{oh}}}&=\sum_{j=1}^t\delta_{o,j}\mathbf{h}_{j-1}^T\\
\frac{\partial{E}}{\partial{\mathbf{b}_o}}&=\sum_{j=1}^t\delta_{o,j}
\end{align}
""")
    assert [s for _, s in rows] == ["pass", "pass"], rows


def test_sum_to_the_current_time_mutated_fails():
    rows = _verdicts(r"""
\begin{align}
\frac{\partial{E}}{\partial{W_{oh}}}&=\sum_{j=1}^t\delta_{o,j}\mathbf{h}_{j}^T\\
\frac{\partial{E}}{\partial{W_{ox}}}&=\delta_{o,t}\mathbf{x}_{t}^T\\
\frac{\partial{E}}{\partial{\mathbf{b}_o}}&=\sum_{j=1}^{t-1}\delta_{o,j}
\end{align}
""")
    assert all(s in ("fail", "unreadable") for _, s in rows), rows
    assert rows[1][1] == "fail", rows        # the shared W_{ox}: one step's term is not the total


def test_without_the_sum_every_step_is_checked():
    # no sum to t: t is any step and E reads every output; a row true only at the last step fails
    rows = _verdicts(r"""
\begin{align}
\frac{\partial{E}}{\partial{\mathbf{h}_{t-1}}}&=\frac{\partial{E}}{\partial{\mathbf{h}_t}}\frac{\partial{\mathbf{h}_t}}{\partial{\mathbf{h}_{t-1}}}
\end{align}
""")
    assert rows[0][1] in ("fail", "unreadable"), rows


def test_layer_below_input_does_not_make_layers():
    rows = _verdicts(r"""
$$ \mathbf{x}_t^l=f^{l-1}(\mathbf{net}_t^{l-1}) $$
\begin{align}
\frac{\partial{E}}{\partial{W_{oh}}}&=\sum_{j=1}^t\delta_{o,j}\mathbf{h}_{j-1}^T\\
\frac{\partial{E}}{\partial{W_{oh}}}&=\sum_{j=1}^t\delta_{o,j}\mathbf{h}_{j}^T
\end{align}
""")
    assert rows[-2][1] == "pass" and rows[-1][1] == "fail", rows
