r"""Components written after the time in one subscript (g_{t, i} beside g_t, V_{i, j} beside V), indicators
\mathbf{1}(i=j), cases '\text{if } i = j': read for every component of a vector cell with a softmax output."""
from symlstm.verify.judging.judge import verify_derivation

CELL = r"""
\begin{align}
    z_t &= Ux_t + Ws_{t-1} \\
    s_t &= \text{tanh}(z_t) \\
    g_t &= Vs_t \\
    \hat{y}_t &= \text{softmax}(g_t) \\
    L_t &= -y^\top_t\log(\hat{y}_t)
\end{align}
"""


def _verdicts(rows):
    text = CELL + "".join("\\begin{equation}\n" + r + "\n\\end{equation}\n" for r in rows)
    rep = verify_derivation(text)
    lines = {r.line: r.status for r in rep.results}
    out, line = [], CELL.count("\n") + 2
    for r in rows:
        out.append(lines.get(line))
        line += 3
    return out


def test_component_rows_beside_softmax():
    rows = [
        r"\frac{\partial L_t}{\partial V} = (\hat{y}_t - y_t)s_t^\top",
        r"\frac{\partial \hat{y}_{t, i}}{\partial g_{t, j}} = \hat{y}_{t, i}(\mathbf{1}(i=j) - \hat{y}_{t, j})",
        r"\frac{\partial \hat{y}_{t, i}}{\partial g_{t, j}} = \begin{cases} \hat{y}_{t, i}(1 - \hat{y}_{t, i}) & "
        r"\text{if }i = j\\ -\hat{y}_{t, i}\hat{y}_{t, j} & \text{if }i \neq j \end{cases}",
        r"\frac{\partial L_t}{\partial g_{t, i}} = \sum_{k=1}^C\frac{\partial L_t}{\partial \hat{y}_{t, k}}"
        r"\frac{\partial \hat{y}_{t, k}}{\partial g_{t, i}}",
        r"\frac{\partial L_t}{\partial V_{i, j}} = (\hat{y}_{t, i} - y_{t, i})s_{t, j}",
        r"g_{t, i} = \sum_{d = 1}^DV_{i, d}s_{t, d}, \quad (i=1, 2, \dots, C)",
    ]
    assert _verdicts(rows) == ["pass"] * len(rows)


def test_wrong_component_rows_never_pass():
    rows = [
        r"\frac{\partial L_t}{\partial V} = (\hat{y}_t - y_t)s_t^\top",
        r"\frac{\partial \hat{y}_{t, i}}{\partial g_{t, j}} = \hat{y}_{t, i}(\mathbf{1}(i=j) + \hat{y}_{t, j})",
        r"\frac{\partial \hat{y}_{t, i}}{\partial g_{t, j}} = \begin{cases} \hat{y}_{t, i}(1 - \hat{y}_{t, j}) & "
        r"\text{if }i = j\\ \hat{y}_{t, i}\hat{y}_{t, j} & \text{if }i \neq j \end{cases}",
        r"\frac{\partial L_t}{\partial V_{i, j}} = (\hat{y}_{t, j} - y_{t, j})s_{t, i}",
        r"\frac{\partial L_t}{\partial g_{t, i}} = \hat{y}_{t, i}",
        r"\hat{y}_{t, i} = \frac{\exp(g_{t, i})}{\sum_{i=j}^C\exp(g_{t, j})}",
    ]
    out = _verdicts(rows)
    assert out[0] == "pass"
    for v in out[1:]:
        assert v in ("fail", "unreadable"), v
