"""LaTeX and text in textbook notation; standalone documents compile with pdflatex."""
import shutil

import pytest
import sympy

import symlstm
from symlstm.latex.printing import latex, latex_document, markdown

LSTM_FORWARD = r"""\begin{align}
i_{t} &= \sigma\left(W_{i} x_{t} + U_{i} h_{t-1} + b_{i}\right) \\
f_{t} &= \sigma\left(W_{f} x_{t} + U_{f} h_{t-1} + b_{f}\right) \\
g_{t} &= \tanh\left(W_{g} x_{t} + U_{g} h_{t-1} + b_{g}\right) \\
c_{t} &= f_{t} \odot c_{t-1} + i_{t} \odot g_{t} \\
o_{t} &= \sigma\left(W_{o} x_{t} + U_{o} h_{t-1} + b_{o}\right) \\
h_{t} &= o_{t} \odot \tanh\left(c_{t}\right)
\end{align}"""

RNN_BACKWARD = r"""\begin{align}
\bar{h}_{t} &= W x_{t} + U h_{t-1} + b \\
\delta h_{t} &= \Delta_{t} + U^{\top} \delta \bar{h}_{t+1} \\
\delta \bar{h}_{t} &= \delta h_{t} \odot \left(1 - h_{t}^{2}\right) \\
\delta x_{t} &= W^{\top} \delta \bar{h}_{t} \\
\delta W &= \sum_{t} \delta \bar{h}_{t}\, x_{t}^{\top} \\
\delta U &= \sum_{t} \delta \bar{h}_{t}\, h_{t-1}^{\top} \\
\delta b &= \sum_{t} \delta \bar{h}_{t} \\
\delta h_{0} &= U^{\top} \delta \bar{h}_{1} \\
\frac{\partial h_{t}}{\partial h_{t-1}} &= \operatorname{diag}\left(1 - h_{t}^{2}\right) U
\end{align}"""


def test_lstm_forward_latex_is_textbook_notation():
    assert symlstm.cell("lstm").latex() == LSTM_FORWARD


def test_rnn_backward_latex():
    assert symlstm.derive("rnn").latex() == RNN_BACKWARD


@pytest.mark.parametrize("rows, expected", [
    ("peephole_lstm", r"i_{t} &= \sigma\left(W_{i} x_{t} + U_{i} h_{t-1} + p_{i} \odot c_{t-1} + b_{i}\right)"),
    ("gru", r"n_{t} &= \tanh\left(W_{n} x_{t} + U_{n} \left(r_{t} \odot h_{t-1}\right) + b_{n}\right)"),
    ("gru", r"h_{t} &= z_{t} \odot h_{t-1} + \left(1 - z_{t}\right) \odot n_{t}"),
    ("gru_reset_after", r"n_{t} &= \tanh\left(W_{n} x_{t} + r_{t} \odot \left(U_{n} h_{t-1} + b_{hn}\right) + b_{n}\right)"),
])
def test_forward_rows(rows, expected):
    assert expected in symlstm.cell(rows).latex().splitlines()[1:-1] or \
        expected + r" \\" in symlstm.cell(rows).latex().splitlines()


def test_lstm_backward_rows():
    tex = symlstm.derive("peephole_lstm").latex()
    assert (r"\delta c_{t} &= \delta h_{t} \odot o_{t} \odot \left(1 - \tanh^{2}\left(c_{t}\right)\right)"
            r" + \delta \bar{o}_{t} \odot p_{o}") in tex
    assert r"\delta c_{t+1} \odot f_{t+1}" in tex
    assert r"\delta \bar{i}_{t} &= \delta i_{t} \odot i_{t} \odot \left(1 - i_{t}\right)" in tex
    assert r"\delta W_{f} &= \sum_{t} \delta \bar{f}_{t}\, x_{t}^{\top}" in tex
    assert r"\frac{\partial c_{t}}{\partial c_{t-1}}" in tex


def test_renaming_is_a_setting():
    c = symlstm.cell("lstm")
    tex = c.latex(names={"c": "C", "g": r"\tilde{C}"})
    assert r"C_{t} &= f_{t} \odot C_{t-1} + i_{t} \odot \tilde{C}_{t}" in tex


def test_text_and_markdown():
    c = symlstm.cell("lstm")
    assert c.text().splitlines()[3] == "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t"
    md = markdown(c, symlstm.derive(c))
    assert md.count("$$") == 4 and r"\begin{aligned}" in md


def test_sigmoid_prints_as_sigma():
    a = sympy.Symbol("a")
    assert latex(symlstm.sigmoid(a)) == r"\sigma\left(a\right)"
    assert latex(symlstm.sigmoid(a).diff(a)) == r"\sigma\left(a\right) \odot \left(1 - \sigma\left(a\right)\right)"


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex not installed (apt-get install texlive-latex-base texlive-latex-recommended)")
@pytest.mark.parametrize("name", symlstm.available_cells())
def test_document_compiles_with_pdflatex(name, tmp_path):
    from symlstm.latex.pdf import compile_pdf
    c = symlstm.cell(name)
    pdf = compile_pdf(latex_document(c, symlstm.derive(c)), tmp_path / f"{name}.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
