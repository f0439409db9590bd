r"""Round 10, helper W: weights labelled as vectors, gradients labelled as rows, blocks of a weight named by a
further subscript, and arrowed parts of a gradient defined by a chain (the notation of one-block LSTM notes with
scalar gates: ``a_\iota = \underbrace{w_\iota^T}_{1\times(N+2D+1)} [x; z_h; s; 1]``, ``w_{\iota,x}``,
``\delta_{zz}^{(t)\rightarrow(t-1)}``). Each derivation's correct rows pass; a mutated row (a wrong transpose, a
swapped block, a wrong sign, a missing path) fails."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\begin{align}
a_{\iota}^{(t)} & = \underbrace{\mathbf{w}_{\iota}^{\text{T}}}_{1\times(N+2D+1)} \cdot \left[\mathbf{x}^{(t)}; \mathbf{z}_{h}^{(t-1)}; \mathbf{s}^{(t-1)}; 1\right] \\
g_{\iota}^{(t)} & = f_{\iota}\left(a_{\iota}^{(t)}\right)
\end{align}
\begin{align}
\mathbf{a}_{c}^{(t)} & = \mathbf{W}_{c}^{\text{T}} \cdot \left[\mathbf{x}^{(t)}; \mathbf{z}_{h}^{(t-1)}; 1\right] \\
\mathbf{z}_{c}^{(t)} & = f_{c}\left(\mathbf{a}_{c}^{(t)}\right)
\end{align}
\begin{align}
a_{\phi}^{(t)} & = \mathbf{w}_{\phi}^{\text{T}} \cdot \left[\mathbf{x}^{(t)}; \mathbf{z}_{h}^{(t-1)}; \mathbf{s}^{(t-1)}; 1\right] \\
g_{\phi}^{(t)} & = f_{\phi}\left(a_{\phi}^{(t)}\right)
\end{align}
\begin{equation}
\mathbf{s}^{(t)} = g_{\phi}^{(t)} \mathbf{s}^{(t-1)} + g_{\iota}^{(t)} \mathbf{z}_{c}^{(t)}
\end{equation}
\begin{align}
a_{\omega}^{(t)} & = \mathbf{w}_{\omega}^{\text{T}} \cdot \left[\mathbf{x}^{(t)}; \mathbf{z}_{h}^{(t-1)}; \mathbf{s}^{(t)}; 1\right] \\
g_{\omega}^{(t)} & = f_{\omega}\left(a_{\omega}^{(t)}\right) \\
\mathbf{z}_h^{(t)} & = f_h\left(g_{\omega}^{(t)} f_s\left(\mathbf{s}^{(t)}\right)\right)
\end{align}
\begin{align}
\boldsymbol{\delta}_{s}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{s}^{(t)}} && \boldsymbol{\delta}_{\mathbf{z}_c}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{z}_c^{(t)}} && \boldsymbol{\delta}_{\mathbf{z}_h}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial \mathbf{z}_h^{(t)}}
\end{align}
\begin{align}
\delta_{g_{\omega}}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial g_{\omega}^{(t)}} && \delta_{g_{\phi}}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial g_{\phi}^{(t)}} && \delta_{g_{\iota}}^{(t)} \overset{not.}{=} \dfrac{\partial E}{\partial g_{\iota}^{(t)}}
\end{align}
"""

#: (row, expected verdict): each row is appended to FORWARD in its own equation.
ROWS = [
    # the loss's derivative labelled as a row: delta_{z_h} (1 x D) times a column is a number
    (r"\delta_{g_{\omega}}^{(t)} = \dfrac{\partial E}{\partial \mathbf{z}_{h}^{(t)}} \dfrac{\partial \mathbf{z}_h^{(t)}}{\partial g_{\omega}^{(t)}} = \underbrace{\boldsymbol{\delta}_{\mathbf{z}_h}^{(t)}}_{1 \times D}\left(f_h'\left(g_{\omega}^{(t)}f_s\left(\mathbf{s}^{(t)}\right)\right) \odot f_s\left(\mathbf{s}^{(t)}\right)\right)", "pass"),
    (r"\delta_{g_{\omega}}^{(t)} = \boldsymbol{\delta}_{\mathbf{z}_h}^{(t)}\left(f_h'\left(g_{\omega}^{(t)}f_s\left(\mathbf{s}^{(t)}\right)\right) \odot \mathbf{s}^{(t)}\right)", "fail"),
    (r"\delta_{g_{\iota}}^{(t)} = \boldsymbol{\delta}_s^{(t)} \mathbf{z}_c^{(t)}", "pass"),
    (r"\delta_{g_{\iota}}^{(t)} = \boldsymbol{\delta}_s^{(t)} \mathbf{s}^{(t-1)}", "fail"),
    # a gradient by a weight vector is a row: [x^T; ...; 1] is the row, [x; ...; 1] the column (transposed)
    (r"\dfrac{\partial E}{\partial \mathbf{w}_{\iota}^{(t)}} = \dfrac{\partial E}{\partial g_{\iota}^{(t)}} \dfrac{\partial g_{\iota}^{(t)}}{\partial \mathbf{w}_{\iota}^{(t)}} = \delta_{g_{\iota}}^{(t)} f_{\iota}'\left(a_{\iota}^{(t)}\right) \left[{\mathbf{x}^{(t)}}^{\text{T}}; {\mathbf{z}_{h}^{(t-1)}}^{\text{T}}; {\mathbf{s}^{(t-1)}}^{\text{T}}; 1\right]", "pass"),
    (r"\dfrac{\partial E}{\partial \mathbf{w}_{\iota}^{(t)}} = \dfrac{\partial E}{\partial g_{\iota}^{(t)}} \dfrac{\partial g_{\iota}^{(t)}}{\partial \mathbf{w}_{\iota}^{(t)}} = \delta_{g_{\iota}}^{(t)} f_{\iota}'\left(a_{\iota}^{(t)}\right) \left[\mathbf{x}^{(t)}; \mathbf{z}_{h}^{(t-1)}; \mathbf{s}^{(t-1)}; 1\right]", "fail"),
    (r"\dfrac{\partial E}{\partial \mathbf{w}_{\phi}^{(t)}} = \delta_{g_{\phi}}^{(t)} f_{\phi}'\left(a_{\phi}^{(t)}\right) \left[{\mathbf{x}^{(t)}}^{\text{T}}; {\mathbf{z}_{h}^{(t-1)}}^{\text{T}}; {\mathbf{s}^{(t)}}^{\text{T}}; 1\right]", "fail"),
    # blocks of a weight named by a further subscript: w_{phi,s} multiplies s, w_{phi,z} z_h
    (r"\boldsymbol{\delta}^{(t) \rightarrow (t-1)}_s = \delta_{g_{\phi}}^{(t)}f_{\phi}'\left(a_{\phi}^{(t)}\right)\mathbf{w}_{\phi, s}^{\text{T}} + \delta_{g_{\iota}}^{(t)}f_{\iota}'\left(a_{\iota}^{(t)}\right)\mathbf{w}_{\iota, s}^{\text{T}} + g_{\phi}^{(t)}\boldsymbol{\delta}_{s}^{(t)}", "pass"),
    (r"\boldsymbol{\delta}^{(t) \rightarrow (t-1)}_s = \delta_{g_{\phi}}^{(t)}f_{\phi}'\left(a_{\phi}^{(t)}\right)\mathbf{w}_{\phi, z}^{\text{T}} + \delta_{g_{\iota}}^{(t)}f_{\iota}'\left(a_{\iota}^{(t)}\right)\mathbf{w}_{\iota, s}^{\text{T}} + g_{\phi}^{(t)}\boldsymbol{\delta}_{s}^{(t)}", "fail"),
    (r"\boldsymbol{\delta}^{(t) \rightarrow (t-1)}_s = \delta_{g_{\phi}}^{(t)}f_{\phi}'\left(a_{\phi}^{(t)}\right)\mathbf{w}_{\phi, s}^{\text{T}} + \delta_{g_{\iota}}^{(t)}f_{\iota}'\left(a_{\iota}^{(t)}\right)\mathbf{w}_{\iota, s}^{\text{T}} + g_{\phi}^{(t)}{\boldsymbol{\delta}_{s}^{(t)}}^{\text{T}}", "fail"),
    # an arrowed name defined by a chain from the loss: the part of dE/dz_h^{(t-1)} step t sends back
    (r"\boldsymbol{\delta}_{zz}^{(t)\rightarrow(t-1)} \overset{\text{not.}}{=} \dfrac{\partial E}{\partial \mathbf{z}_h^{(t)}} \dfrac{\partial \mathbf{z}_h^{(t)}}{\partial \mathbf{z}_{h}^{(t-1)}}", "fail"),
    (r"\boldsymbol{\delta}_{zz}^{(t)\rightarrow(t-1)} = \delta_{g_{\iota}}^{(t)} f'_{\iota}\left(a_{\iota}^{(t)}\right) \mathbf{w}_{\iota, z}^{\text{T}} + \delta_{g_{\phi}}^{(t)} f'_{\phi}\left(a_{\phi}^{(t)}\right) \mathbf{w}_{\phi, z}^{\text{T}} + \delta_{g_{\omega}}^{(t)} f'_{\omega}\left(a_{\omega}^{(t)}\right) \mathbf{w}_{\omega, z}^{\text{T}} + \left(\boldsymbol{\delta}_{\mathbf{z}_c}^{(t)} \odot {f'_{c}\left(\mathbf{a}_{c}^{(t)}\right)}^{\text{T}}\right) \mathbf{W}_{c, z}^{\text{T}}", "pass"),
    (r"\boldsymbol{\delta}_{zz}^{(t)\rightarrow(t-1)} = \delta_{g_{\iota}}^{(t)} f'_{\iota}\left(a_{\iota}^{(t)}\right) \mathbf{w}_{\iota, z}^{\text{T}} + \delta_{g_{\phi}}^{(t)} f'_{\phi}\left(a_{\phi}^{(t)}\right) \mathbf{w}_{\phi, z}^{\text{T}} + \delta_{g_{\omega}}^{(t)} f'_{\omega}\left(a_{\omega}^{(t)}\right) \mathbf{w}_{\omega, z}^{\text{T}}", "fail"),
    (r"\boldsymbol{\delta}_{zz}^{(t)\rightarrow(t-1)} = \delta_{g_{\iota}}^{(t)} f'_{\iota}\left(a_{\iota}^{(t)}\right) \mathbf{w}_{\iota, z}^{\text{T}} + \delta_{g_{\phi}}^{(t)} f'_{\phi}\left(a_{\phi}^{(t)}\right) \mathbf{w}_{\phi, z}^{\text{T}} + \delta_{g_{\omega}}^{(t)} f'_{\omega}\left(a_{\omega}^{(t)}\right) \mathbf{w}_{\omega, z}^{\text{T}} + \left(\boldsymbol{\delta}_{\mathbf{z}_c}^{(t)} \odot {f'_{c}\left(\mathbf{a}_{c}^{(t)}\right)}^{\text{T}}\right) \mathbf{W}_{c, x}^{\text{T}}", "fail"),
]


def _text():
    body = FORWARD + "".join(f"\\begin{{equation}}\n{r}\n\\end{{equation}}\n" for r, _ in ROWS)
    return "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + body + "\\end{document}\n"


def test_scalar_gates_rows_blocks_and_arrows():
    text = _text()
    lines = text.splitlines()
    report = verify_derivation(text)
    by_line = {r.line: r for r in report.results}
    got = []
    for row, expected in ROWS:
        line = lines.index(row) + 1
        r = by_line.get(line)
        got.append((line, expected, r.status if r else None, (r.why or "")[:120] if r else ""))
    bad = [g for g in got if g[1] != g[2]]
    assert not bad, bad
    forward = [r for r in report.results if r.line < lines.index(ROWS[0][0])]
    assert all(r.status == "pass" for r in forward), [(r.line, r.status, r.why) for r in forward if r.status != "pass"]


def test_unlabelled_weights_keep_the_default():
    r"""Without the label 1 x (...) the gates are vectors as wide as the state (the reader's default): the row that
    reads a gate as a number is not passed."""
    text = _text().replace(r"\underbrace{\mathbf{w}_{\iota}^{\text{T}}}_{1\times(N+2D+1)}", r"\mathbf{w}_{\iota}^{\text{T}}")
    lines = text.splitlines()
    report = verify_derivation(text)
    by_line = {r.line: r for r in report.results}
    row = ROWS[5][0]          # the column [x; z_h; s; 1] for dE/dw_iota: never a pass
    r = by_line[lines.index(row) + 1]
    assert r.status != "pass", (r.status, r.why)


STACKED = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
$$ \begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ tanh \end{pmatrix} W \begin{pmatrix} h_{t - 1} \\ x_{t} \end{pmatrix} $$
$$ \begin{aligned}
c_{t} &= f \odot c_{t - 1} + i \odot g \\
c_{t} &= %s
\end{aligned} $$
$$ h_{t} = o \odot tanh(c_{t}) $$
\end{document}
"""

#: c_t written out with the blocks of W named by operand and output letters (either order); a swap fails.
BLOCK_ROWS = [
    (r"\sigma(W_{hf} h_{t-1} + W_{xf} x_{t}) \odot c_{t-1} + \sigma(W_{hi} h_{t-1} + W_{xi} x_{t}) \odot tanh(W_{hg} h_{t-1} + W_{xg} x_{t})", "pass"),
    (r"\sigma(W_{fh} h_{t-1} + W_{fx} x_{t}) \odot c_{t-1} + \sigma(W_{ih} h_{t-1} + W_{ix} x_{t}) \odot tanh(W_{gh} h_{t-1} + W_{gx} x_{t})", "pass"),
    (r"\sigma(W_{hi} h_{t-1} + W_{xi} x_{t}) \odot c_{t-1} + \sigma(W_{hf} h_{t-1} + W_{xf} x_{t}) \odot tanh(W_{hg} h_{t-1} + W_{xg} x_{t})", "fail"),
    (r"\sigma(W_{xf} h_{t-1} + W_{hf} x_{t}) \odot c_{t-1} + \sigma(W_{hi} h_{t-1} + W_{xi} x_{t}) \odot tanh(W_{hg} h_{t-1} + W_{xg} x_{t})", "fail"),
]


def test_blocks_of_a_stacked_weight_named_by_letters():
    for row, expected in BLOCK_ROWS:
        text = STACKED % row
        line = text.splitlines().index(r"c_{t} &= " + row) + 1
        got = [r for r in verify_derivation(text).results if r.line == line]
        assert got and got[0].status == expected, (row, expected, [(r.status, r.why) for r in got])


NAMED = r"""\documentclass{article}
\usepackage{amsmath}
\begin{document}
$$ h_{t} = tanh \left( W_{hh} h_{t-1} + W_{xh}x_{t} \right) $$
$$ h_{t} = tanh \begin{pmatrix} (W_{hh} W_{xh}) \begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix} $$
$$ h_{t} = %s $$
\end{document}
"""


def test_a_new_name_for_the_block_row_written_before():
    for row, ok in ((r"tanh \begin{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix}", True),
                    (r"\sigma \begin{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_{t} \end{pmatrix} \end{pmatrix}", False),
                    (r"tanh \begin{pmatrix} W \begin{pmatrix} x_{t} \\ h_{t-1} \end{pmatrix} \end{pmatrix}", False)):
        text = NAMED % row
        line = text.splitlines().index(f"$$ h_{{t}} = {row} $$") + 1
        got = [r for r in verify_derivation(text).results if r.line == line]
        assert got, row
        assert (got[0].status == "pass") == ok, (row, got[0].status, got[0].why)
