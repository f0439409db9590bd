r"""Names ending in a layer's or loop's number (h1, dW2), the '\rightarrow dq' naming in every row shape, rows the
prose scopes to a step ("for the last step:"), \oplus read as the sum by the prose, \sigma'(s) of an activation's
output, and rows that read a value named by a failing row (Microsoft AI-Edu's notation: row vectors, no biases)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row
from symlstm.verify.text.prosescope import scopes
from symlstm.verify.text.texfile import read_tex


def _doc(body):
    return "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"


def _statuses(body):
    rep = verify_derivation(_doc(body))
    out = {}
    for r in rep.results:
        out.setdefault(r.line, []).append(r.status)
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in out.items()}, rep


# A two-layer tanh RNN with the loss at the last step only (AI-Edu 19.6, with the erratum of PR #550 fixed).
DEEP = r"""% for the first time step:
$$ h1 = x \cdot U \tag{1} $$
$$ h2 = s1 \cdot Q \tag{2} $$
% for the later time steps:
$$ h1 = x \cdot U + s1_{t-1} \cdot W1 \tag{3} $$
$$ h2 = s1 \cdot Q + s2_{t-1} \cdot W2 \tag{4} $$
% for all time steps:
$$ s1 = Tanh(h1) \tag{5} $$
$$ s2 = Tanh(h2) \tag{6} $$
% for the last time step:
$$ z = s2 \cdot V \tag{7} $$
$$ a = Identity(z) \tag{8} $$
$$ Loss = loss_{\tau} = \frac{1}{2} (a-y)^2 \tag{9} $$
% for the last time step:
$$ \frac{\partial Loss}{\partial z} = a-y \rightarrow dz \tag{10} $$
$$ \begin{aligned}
\frac{\partial Loss}{\partial h2} &= \frac{\partial Loss}{\partial z}\frac{\partial z}{\partial s2}\frac{\partial s2}{\partial h2} \\
&=(dz \cdot V^T) \odot \sigma'(s2) \rightarrow dh2 \end{aligned} \tag{12} $$
% for the other time steps:
$$ dz = 0 \tag{14} $$
$$ dV = 0 \tag{16} $$
$$ \begin{aligned}
\frac{\partial Loss}{\partial h1_t} &= \frac{\partial Loss}{\partial h1_{t+1}}\frac{\partial h1_{t+1}}{\partial s1_t}\frac{\partial s1_t}{\partial h1_t} + \frac{\partial Loss}{\partial h2_t}\frac{\partial h2_t}{\partial s1_t}\frac{\partial s1_t}{\partial h1_t} \\
&=(dh1_{t+1} \cdot W1^T + dh2_t \cdot Q^T) \odot \sigma'(s1_t) \rightarrow dh1_t \end{aligned} \tag{17} $$
% for all time steps:
$$ \frac{\partial Loss}{\partial U}=x^T \cdot dh1 \rightarrow dU \tag{22} $$
"""


def _line(body, needle):
    return next(k for k, row in enumerate(_doc(body).split("\n"), 1) if needle in row)


def test_deep_rnn_rows_pass():
    st, _ = _statuses(DEEP)
    for needle in ("h1 = x \\cdot U \\tag{1}", "h2 = s1 \\cdot Q \\tag{2}", "\\tag{3}", "\\tag{4}", "\\tag{5}",
                   "\\tag{6}", "\\tag{7}", "\\tag{8}", "\\tag{9}", "\\tag{10}", "\\tag{14}", "\\tag{16}", "\\tag{22}",
                   "\\rightarrow dh2", "\\rightarrow dh1_t", "\\partial Loss}{\\partial h2} &=",
                   "\\partial Loss}{\\partial h1_t} &="):
        assert st[_line(DEEP, needle)] == "pass", (needle, st)


def test_deep_rnn_erratum_fails_and_its_users_are_not_passed():
    body = DEEP.replace(r"(dh1_{t+1} \cdot W1^T + dh2_t \cdot Q^T)", r"(dh1_{t+1} \cdot W1^T)")
    st, _ = _statuses(body)
    assert st[_line(body, r"\rightarrow dh1_t")] == "fail"
    assert st[_line(body, r"x^T \cdot dh1")] in ("fail", "unreadable")      # rests on the failing dh1


def test_scoped_rows_mutated_never_pass():
    cases = [
        (r"$$ dz = 0 \tag{14} $$", r"$$ dz = a - y \tag{14} $$"),              # the last step's value at other steps
        (r"\rightarrow dz \tag{10}", r"\rightarrow dz \tag{10}".replace("dz", "dz")),
        (r"$$ dV = 0 \tag{16} $$", r"$$ dV = s2^T \cdot dz \tag{16} $$"),
        (r"(dz \cdot V^T) \odot \sigma'(s2)", r"(dz \cdot V^T) \odot \sigma'(s1)"),
        (r"\frac{\partial Loss}{\partial z} = a-y", r"\frac{\partial Loss}{\partial z} = a+y"),
    ]
    for old, new in cases[:1] + cases[2:]:
        body = DEEP.replace(old, new)
        st, _ = _statuses(body)
        line = _line(body, new.strip("$ ")[:18])
        assert st[line] in ("fail", "unreadable"), (new, st[line])


def test_dz_zero_without_scope_is_not_passed_at_the_last_step():
    body = DEEP.replace("% for the other time steps:\n$$ dz = 0", "% for the last time step:\n$$ dz = 0")
    st, _ = _statuses(body)
    assert st[_line(body, "dz = 0")] == "fail"


def test_digits_join_outside_scripts_only():
    row = parse_row(r"h1 = x_{t1} \cdot U1 + s1_{t-1} \cdot W1")
    lhs, rhs = row[1]
    assert lhs[1] == "h1"
    x = rhs[1][0][1][1][0]
    assert x[1] == "x" and x[3][0][0] != "sym" or x[3][0][1] != "t1"        # x_{t1}: not a name t1
    names = [n[1] for term in rhs[1] for n in term[1][1]]
    assert "U1" in names and "s1" in names and "W1" in names
    assert parse_row(r"h 1 = 2")[1][0][0] != "sym" or parse_row(r"h 1 = 2")[1][0][1] == "h"   # a space splits


def test_prose_scopes():
    tex = read_tex(_doc(DEEP))
    got = dict((e.line, s) for e, s in zip(tex.equations, scopes(tex.equations, tex.comments)))
    assert got[_line(DEEP, "tag{1}")] == "first"
    assert got[_line(DEEP, "tag{3}")] == "other:first"
    assert got[_line(DEEP, "tag{10}")] == "last"
    assert got[_line(DEEP, "tag{14}")] == "other:last"
    assert got[_line(DEEP, "tag{22}")] == ""
    # a phrase in a sentence that ends before the row gives no scope
    body = "% an output at the last time step only.\n$$ a = b $$\n"
    tex = read_tex(_doc(body))
    assert scopes(tex.equations, tex.comments) == [""]


# A bidirectional RNN whose two loops' last states are summed (AI-Edu 19.7).
BIRNN = r"""$$ h1 = x \cdot U1 + s1_{t-1} \cdot W1 \tag{1} $$
$$ s1 = Tanh(h1) \tag{2} $$
$$ h2 = x \cdot U2 + s2_{t-1} \cdot W2 \tag{3} $$
$$ s2 = Tanh(h2) \tag{4} $$
$$ s = s1 \oplus s2 \tag{5} $$
% (5) can be sum, concat or average; 我们在这里使用矩阵求和 [here we use the sum].
$$ z = s \cdot V \tag{6} $$
$$ a = Softmax(z) \tag{7} $$
% at the intermediate steps:
$$
\begin{aligned}
\frac{\partial Loss}{\partial h1_t} &= \frac{\partial loss_t}{\partial z_t}\frac{\partial z_t}{\partial s_t}\frac{\partial s_t}{\partial s1_t}\frac{\partial s1_t}{\partial h1_t} + \frac{\partial Loss}{\partial h1_{t+1}}\frac{\partial h1_{t+1}}{\partial s1_{t}}\frac{\partial s1_t}{\partial h1_t} \\
&=(dz_t \cdot V^T + dh1_{t+1} \cdot W1^T) \odot \sigma'(s1_t) \rightarrow dh1_t \end{aligned} \tag{10}
$$
$$ \frac{\partial Loss}{\partial W1_t} = \frac{\partial Loss}{\partial h1_t}\frac{\partial h1_t}{\partial W1_t}= s1_{t-1}^T \cdot dh1_t \rightarrow dW1_t \tag{13} $$
"""


def test_birnn_oplus_sum_and_digit_names():
    st, _ = _statuses(BIRNN)
    for needle in ("tag{1}", "tag{2}", "tag{3}", "tag{4}", "tag{5}", "tag{6}", "tag{7}", "tag{13}",
                   r"\rightarrow dh1_t"):
        assert st[_line(BIRNN, needle)] == "pass", (needle, st)


def test_oplus_without_prose_is_unreadable():
    body = BIRNN.replace("% (5) can be sum, concat or average; 我们在这里使用矩阵求和 [here we use the sum].\n", "")
    st, _ = _statuses(body)
    assert st[_line(body, "tag{5}")] == "unreadable"


def test_birnn_mutants_never_pass():
    for old, new in ((r"dz_t \cdot V^T + dh1_{t+1} \cdot W1^T", r"dz_t \cdot V^T"),
                     (r"\odot \sigma'(s1_t) \rightarrow", r"\odot \sigma'(h1_t) \rightarrow"),
                     (r"s1_{t-1}^T \cdot dh1_t", r"s1_t^T \cdot dh1_t")):
        body = BIRNN.replace(old, new)
        st, _ = _statuses(body)
        line = _line(body, new)
        assert st[line] in ("fail", "unreadable"), (new, st[line])
