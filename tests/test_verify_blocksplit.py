r"""A weight on a concatenation named by its blocks (W_f [h_{t-1}, x_t] beside W_{fh} h_{t-1} + W_{fx} x_t),
\overset{def}{=} as a defining '=', and \partial E/\partial W meaning the total where the file writes a total
with its sum over the steps (hanbingtao's LSTM notation)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.texfile import read_tex

HEAD = r"""
$$ \mathbf{f}_t=\sigma(W_f\cdot[\mathbf{h}_{t-1},\mathbf{x}_t]+\mathbf{b}_f) $$
$$ \mathbf{h}_t=\tanh(\mathbf{f}_t) $$
"""


def _verdicts(body):
    rep = verify_derivation(HEAD + body)
    out = [r.status for r in sorted(rep.results, key=lambda r: r.line)]
    assert out[:2] == ["pass", "pass"]          # the forward rows
    return out[2:]


def test_block_names_are_blocks_of_the_weight():
    v = _verdicts(r"""
\begin{align}
\mathbf{net}_{f,t}&=W_{fh}\mathbf{h}_{t-1}+W_{fx}\mathbf{x}_t+\mathbf{b}_f\\
&=W_f[\mathbf{h}_{t-1},\mathbf{x}_t]+\mathbf{b}_f
\end{align}
""")
    assert v == ["pass", "pass"]


def test_swapped_blocks_never_pass():
    v = _verdicts(r"""
\begin{align}
\mathbf{net}_{f,t}&=W_f[\mathbf{h}_{t-1},\mathbf{x}_t]+\mathbf{b}_f\\
&=W_{fx}\mathbf{h}_{t-1}+W_{fh}\mathbf{x}_t+\mathbf{b}_f
\end{align}
""")
    assert len(v) == 2 and v[1] != "pass"


def test_overset_def_starts_its_own_row():
    tex = read_tex(r"""\begin{align}
a_t&=b_t\\
&=c_t\\
\delta_{f,t}&\overset{def}{=}\frac{\partial{E}}{\partial{\mathbf{h}_{t}}}\\
\delta_{i,t}&\stackrel{\Delta}{=}\frac{\partial{E}}{\partial{\mathbf{h}_{t}}}
\end{align}""")
    assert [e.line for e in tex.equations] == [2, 3, 4, 5]


def test_total_notation_is_total_for_every_parameter():
    # hanbingtao writes dE/dW_{oh} = \sum_{j=1}^t delta_{o,j} h_{j-1}^T: dE/dW_{ox} = delta_{o,t} x_t^T (no sum) is
    # a missing sum there, not step t's contribution; W_{oh,t}, b_{o,t} (a step's copy) keep the step reading
    import sys
    sys.path.insert(0, "tests")
    from test_corpus import score
    got = {e["line"]: (r.status if r else None) for e, r in score("hanbingtao_lstm_bptt")["rows"]}
    assert all(got[k] == "fail" for k in range(188, 196))
    assert got[174] == got[176] == "pass"
    assert all(got[k] == "pass" for k in (19, 25, 26, 55, 59, 60, 63, 64, 65, 66, 67, 68, 69, 70))
