r"""Rounds 82 and 83 of reading derivations as written (issue 10): pages as they are published.

* A one-line HTML comment of Markdown is no text: a ``$$`` in it opened a display that swallowed the file (a CSDN
  post's LSTM read nothing). A comment over several lines is a block the author put aside, and is read still.
* MDX and React pages write their math as components (``<MathBlock tex="..." />``, ``<InlineMath math={"..."} />``):
  read as ``$$...$$`` and ``$...$``, at the TeX's own columns; their Python shown from a template string
  (``const PY_CODE = `import numpy as np ... ` ``) is read as a python fence.
* A line copied from a KaTeX page (the MathML's text, the TeX, the HTML's text) is read as its TeX.
* A loop over the steps counted by any lower-case name (``for char in range(len(data))``: a character model).
* A choice of the step before inside a formula, in parentheses (``df = dc * (c[t-1] if t > 0 else 0.0)``).

Every expected verdict is worked out by hand in the comments.
"""
import time

from symlstm.verify.api import verify_file
from symlstm.verify.text.sourcefiles import html_comments, katex_copies, math_components, template_code


def _verdicts(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {r.line: (r.status, r.column, r.why or "") for r in verify_file(None, p).results}


# An Elman RNN, h_t = tanh(W_hh h_{t-1} + W_xh x_t), and the gradient carried back one step through h_t:
# delta_{t-1} = W_hh^T (delta_t * (1 - h_t^2)) + dL_{t-1}/dh_{t-1} (delta_t = dL/dh_t, the total): right.
# Without the transpose it is wrong (W_hh is not symmetric).
RNN = r"h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)"
BACK = r"\delta_{t-1} = W_{hh}^\top (\delta_t \odot (1 - h_t^2)) + \frac{\partial L_{t-1}}{\partial h_{t-1}}"
WRONG = BACK.replace(r"W_{hh}^\top", "W_{hh}")


def test_a_dollar_pair_in_a_comment_opens_no_display(tmp_path):
    text = f"<!-- transcribed from a post whose $$ block is broken -->\nThe forward pass:\n\n$${RNN}$$\n\n" \
           f"and the gradient carried back:\n\n$${BACK}$$\n"
    v = _verdicts(tmp_path, "c.md", text)
    assert v[4][0] == "pass" and v[8][0] == "pass" and set(v) == {4, 8}, v
    assert _verdicts(tmp_path, "c.md", text.replace(BACK, WRONG))[8][0] == "fail"
    # a block commented out over several lines is still read (and judged)
    v = _verdicts(tmp_path, "c.md", f"$${RNN}$$\n\n<!--\n$${WRONG}$$\n-->\n")
    assert v[1][0] == "pass" and v[4][0] == "fail", v
    # inside a fence a comment is code; every line keeps its number
    assert html_comments("a <!-- $$ --> b\n```\n<!-- x -->\n```\n") == "a  b\n```\n<!-- x -->\n```\n"


def test_mdx_math_components(tmp_path):
    text = (f'<p>The forward pass:</p>\n<MathBlock tex="{RNN}" />\n'
            '<p>Its gradient, <InlineMath tex="\\delta_t = \\frac{\\partial L}{\\partial h_t}" />:</p>\n'
            f'<MathBlock tex="{BACK}" />\n'
            '<MathBlock math={"\\\\frac{\\\\partial L}{\\\\partial W_{xh}} = '
            '\\\\sum_t (\\\\delta_t \\\\odot (1 - h_t^2)) x_t^\\\\top"} />\n')
    v = _verdicts(tmp_path, "page.md", text)
    # lines 2, 4: the forward row and the carried gradient; 3 the definition of delta; 5: dL/dW_xh summed over the
    # steps of (delta_t * (1 - h_t^2)) x_t^T: right. The TeX keeps its column (after `<MathBlock tex="`: 17).
    assert {k: s for k, (s, _, _) in v.items()} == {2: "pass", 3: "pass", 4: "pass", 5: "pass"}, v
    assert v[2][1] == 17
    assert _verdicts(tmp_path, "page.md", text.replace(BACK, WRONG))[4][0] == "fail"
    inline = '<InlineMath tex="a &lt; b" />'
    assert math_components(inline).strip() == "$a < b$" and math_components(inline).index("a") == inline.index('"') + 1


# min-char-rnn's loss function, its steps counted by `char` (a character model) and, in the page, by t.
CHAR_RNN = """import numpy as np


def lossFun(inputs, targets, hprev):
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev)
    loss = 0
    for char in range(len(inputs)):
        xs[char] = np.zeros((vocab_size, 1))
        xs[char][inputs[char]] = 1
        hs[char] = np.tanh(np.dot(Wxh, xs[char]) + np.dot(Whh, hs[char - 1]) + bh)
        ys[char] = np.dot(Why, hs[char]) + by
        ps[char] = np.exp(ys[char]) / np.sum(np.exp(ys[char]))
        loss += -np.log(ps[char][targets[char], 0])
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dhnext = np.zeros_like(hs[0])
    for char in reversed(range(len(inputs))):
        dy = np.copy(ps[char])
        dy[targets[char]] -= 1
        dWhy += np.dot(dy, hs[char].T)
        dby += dy
        dh = np.dot(Why.T, dy) + dhnext
        dhraw = (1 - hs[char] * hs[char]) * dh
        dbh += dhraw
        dWxh += np.dot(dhraw, xs[char].T)
        dWhh += np.dot(dhraw, hs[char - 1].T)
        dhnext = np.dot(Whh.T, dhraw)
    return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]
"""


def test_a_step_loop_counted_by_a_word(tmp_path):
    # Karpathy's gradients, all right: the forward rows 11-14, the starts 15-16, dy 19-20, the accumulations 21,
    # 22, 25-27 (step t's contributions), dh 23 (with the gradient carried from t+1), dhraw 24, dhnext 28.
    # Since round 89 also hs[-1] = np.copy(hprev) (6: the state the first step reads) and the one-hot input (10).
    v = _verdicts(tmp_path, "charrnn.py", CHAR_RNN)
    assert {k: s for k, (s, _, _) in v.items()} == {k: "pass" for k in (6, 10, 11, 12, 13, 14, 15, 16, 19, 20, 21, 22,
                                                                         23, 24, 25, 26, 27, 28)}, v
    # dW_hh with h at the step itself, not the step before: wrong
    bad = CHAR_RNN.replace("np.dot(dhraw, hs[char - 1].T)", "np.dot(dhraw, hs[char].T)")
    assert _verdicts(tmp_path, "charrnn.py", bad)[27][0] == "fail"
    # an epoch is no step: its loop is not read as one (nothing of the cell is read at an epoch)
    epochs = CHAR_RNN.replace("char", "epoch")
    assert not any(s == "pass" and k == 11 for k, (s, _, _) in _verdicts(tmp_path, "epochs.py", epochs).items())


def test_python_in_a_template_string(tmp_path):
    code = CHAR_RNN.replace("[char - 1]", "[t - 1]").replace("char", "t").split("\n")
    page = ['<h3>The simple RNN</h3>', f'<MathBlock tex="{RNN}" />', "", "const PY_CODE = `import numpy as np"]
    text = "\n".join(page + code[1:-1]) + "`\n"
    v = _verdicts(tmp_path, "rnn.md", text)
    # the page's row (2) and the code's rows, three lines further down than in the file (the fence opens at 4)
    assert v[2][0] == "pass" and all(v[k + 3][0] == "pass" for k in (11, 14, 23, 24, 27, 28)), v
    assert _verdicts(tmp_path, "rnn.md", text.replace("np.dot(Whh.T, dhraw)", "np.dot(Whh, dhraw)"))[31][0] == "fail"
    # JavaScript in a template string stays text
    js = "const f = `\nfunction g(x) {\n  return x;\n}\n`;\n"
    assert template_code(js) == js


def test_a_line_copied_from_a_katex_page(tmp_path):
    text = (f"前向传播\nht=tanh(Whhht−1+Wxhxt) \\Huge {RNN} ht=tanh(Whhht−1+Wxhxt)\n反向\n"
            f"δt−1=Whh⊤(δt⊙(1−ht2))+∂Lt−1∂ht−1 \\Huge {BACK} δt−1=Whh⊤(δt⊙(1−ht2))+∂ht−1∂Lt−1\n")
    v = _verdicts(tmp_path, "k.md", text)
    assert v[2][0] == "pass" and v[4][0] == "pass" and set(v) == {2, 4}, v
    assert v[2][1] == 30        # h_t's own column, after the MathML's text and \Huge
    wrong = text.replace(BACK, WRONG)
    assert _verdicts(tmp_path, "k.md", wrong)[4][0] == "fail"
    # two renderings of different characters around TeX: no copy, left as it is
    line = "a=b \\alpha = \\beta c=d"
    assert katex_copies(line) == line


# A numpy LSTM (column vectors, z = [h_{t-1}; x_t]) whose backward takes c_{t-1} by a choice inside a formula.
LSTM = """import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class LSTM:
    def forward(self, x):
        T = len(x)
        H = self.H
        h = np.zeros((T, H))
        c = np.zeros((T, H))
        f = np.zeros((T, H))
        i = np.zeros((T, H))
        o = np.zeros((T, H))
        g = np.zeros((T, H))
        z = np.zeros((T, H + self.I))
        h_prev = np.zeros(H)
        c_prev = np.zeros(H)
        for t in range(T):
            z_t = np.concatenate([h_prev, x[t]])
            z[t] = z_t
            f[t] = sigmoid(self.Wf @ z_t + self.bf)
            i[t] = sigmoid(self.Wi @ z_t + self.bi)
            o[t] = sigmoid(self.Wo @ z_t + self.bo)
            g[t] = np.tanh(self.Wc @ z_t + self.bc)
            c[t] = f[t] * c_prev + i[t] * g[t]
            h[t] = o[t] * np.tanh(c[t])
            h_prev = h[t]
            c_prev = c[t]
        return h, (z, f, i, o, g, c, h)

    def backward(self, dh_out, cache):
        z, f, i, o, g, c, h = cache
        T, H = h.shape
        dh_next = np.zeros(H)
        dc_next = np.zeros(H)
        for t in reversed(range(T)):
            dh = dh_out[t] + dh_next
            do = dh * np.tanh(c[t])
            dc = dh * o[t] * (1 - np.tanh(c[t]) ** 2) + dc_next
            df = dc * (c[t-1] if t > 0 else 0.0)
            di = dc * g[t]
            dg = dc * i[t]
            dc_prev = dc * f[t]
            df_raw = df * f[t] * (1 - f[t])
            di_raw = di * i[t] * (1 - i[t])
            do_raw = do * o[t] * (1 - o[t])
            dg_raw = dg * (1 - g[t] ** 2)
            dz = self.Wf.T @ df_raw + self.Wi.T @ di_raw + self.Wo.T @ do_raw + self.Wc.T @ dg_raw
            dh_next = dz[:H]
            dc_next = dc_prev
        return dh_next, dc_next
"""


def test_a_first_step_choice_inside_a_formula(tmp_path):
    # df = dc * c_{t-1} (c_{-1} = 0, the start c_prev = 0): right, and so the rows after it, through dz (51) and
    # the gradient carried to h_{t-1} (52). Before, the choice's parenthesis swallowed rows 43-52.
    v = _verdicts(tmp_path, "lstm.py", LSTM)
    assert all(v[k][0] == "pass" for k in range(41, 53)), v
    # the forget gate's gradient with h_{t-1} for c_{t-1}: wrong
    bad = LSTM.replace("(c[t-1] if t > 0", "(h[t-1] if t > 0")
    assert _verdicts(tmp_path, "lstm.py", bad)[43][0] == "fail"


def test_hostile_pages_are_answered_at_once():
    for text in ("<MathBlock " * 20000, '<MathBlock tex="' + "a" * 200000, "<!--" * 50000 + "$$",
                 "x = `\n" * 20000, ("ab " + "\\x " * 30000 + "ba\n") * 3, "<InlineMath math={\"" + "\\\\" * 50000):
        start = time.perf_counter()
        katex_copies(html_comments(template_code(math_components(text))))
        assert time.perf_counter() - start < 1.0


def test_statements_after_one_another_on_a_line(tmp_path):
    # two lines of Karpathy's loop each holding two statements: each is read, judged and reported at its column
    text = CHAR_RNN.replace("        dby += dy\n        dh = np.dot(Why.T, dy) + dhnext\n",
                            "        dby += dy; dh = np.dot(Why.T, dy) + dhnext\n") \
        .replace("        dWxh += np.dot(dhraw, xs[char].T)\n        dWhh += np.dot(dhraw, hs[char - 1].T)\n",
                 "        dWxh += np.dot(dhraw, xs[char].T); dWhh += np.dot(dhraw, hs[char - 1].T)\n")
    p = tmp_path / "semi.py"
    p.write_text(text, encoding="utf-8")
    got = {(r.line, r.column): r.status for r in verify_file(None, p).results}
    assert got[(22, 9)] == got[(22, 20)] == got[(25, 9)] == got[(25, 44)] == "pass", got
    assert all(s == "pass" for s in got.values()) and len(got) == 18, got       # (with hs[-1] and the one-hot)
    p.write_text(text.replace("dWhh += np.dot(dhraw, hs[char - 1].T)", "dWhh += np.dot(dhraw, hs[char].T)"))
    got = {(r.line, r.column): r.status for r in verify_file(None, p).results}
    assert got[(25, 44)] == "fail" and got[(25, 9)] == "pass", got
    # an empty store made to be filled (self.h = {}) is no formula (it was an unreadable row)
    layer = "class RNN:\n    def forward(self, x):\n        self.h = {}\n        self.h[-1] = np.zeros((self.n, 1))\n" \
            "        for t in range(len(x)):\n            self.h[t] = np.tanh(self.Wx @ x[t] + self.Wh @ self.h[t - 1])\n"
    v = _verdicts(tmp_path, "layer.py", "import numpy as np\n\n\n" + layer)
    assert 6 not in v and v[9][0] == "pass", v


# A layer's backward handed the gradient of its outputs (one array for every step): at step t the state's total
# gradient is that step's part plus what step t+1 carries back, dh = dH[t] + dh_next (right, as each row below).
LAYER = """import numpy as np


class RNN:
    def forward(self, x):
        T = len(x)
        self.h = {}
        self.x = x
        self.h[-1] = np.zeros((self.n, 1))
        for t in range(T):
            self.h[t] = np.tanh(self.Wx @ x[t] + self.Wh @ self.h[t - 1] + self.b)
        return self.h

    def backward(self, dH):
        dWx = np.zeros_like(self.Wx)
        dWh = np.zeros_like(self.Wh)
        db = np.zeros_like(self.b)
        dh_next = np.zeros((self.n, 1))
        for t in reversed(range(len(self.x))):
            dh = dH[t] + dh_next
            da = (1 - self.h[t] ** 2) * dh
            dWx += da @ self.x[t].T
            dWh += da @ self.h[t - 1].T
            db += da
            dh_next = self.Wh.T @ da
        return dWx, dWh, db
"""


def test_the_gradient_a_layer_is_handed_by_its_outputs(tmp_path):
    for name in ("dH", "dh_out", "dout", "dhs"):
        v = _verdicts(tmp_path, "layer.py", LAYER.replace("dH", name))
        # the forward row (11), the starts (15-18) and every backward row (20-25): right; dh at 20 reads the
        # handed array's step t as Delta_t, the loss's gradient reaching h_t directly
        assert {k: s for k, (s, _, _) in v.items()} == {k: "pass" for k in (11, 15, 16, 17, 18, 20, 21, 22, 23,
                                                                             24, 25)}, (name, v)
    # the gradient carried back without W_h's transpose: wrong
    bad = _verdicts(tmp_path, "layer.py", LAYER.replace("self.Wh.T @ da", "self.Wh @ da"))
    assert bad[25][0] == "fail", bad
    # a store at the step after its own (H[t + 1] = h): the handed array's steps may be the stores' or not; unread
    shifted = LAYER.replace("self.h[t] = np.tanh(", "self.hs[t + 1] = self.h[t] = np.tanh(")
    assert _verdicts(tmp_path, "layer.py", shifted).get(20, ("absent",))[0] != "pass"


def test_bigodot_over_a_range(tmp_path):
    # a gated recurrence h_t = f_t * h_{t-1} + U x_t whose gate reads no h: dh_T/dh_t = diag(f_{t+1} * ... * f_T)
    # exactly; the product from k = t to T - 1 is off by one step (a revision sheet's slip): wrong
    cell = "$$f_t = \\sigma(W x_t + b)$$\n\n$$h_t = f_t \\odot h_{t-1} + U x_t$$\n\n"
    right = "$$\\frac{\\partial h_T}{\\partial h_t} = \\operatorname{diag}\\left( \\bigodot_{k=t+1}^{T} f_k \\right)$$\n"
    v = _verdicts(tmp_path, "g.md", cell + right)
    assert [v[k][0] for k in (1, 3, 5)] == ["pass"] * 3, v
    v = _verdicts(tmp_path, "g.md", cell + right.replace("k=t+1}^{T}", "k=t}^{T-1}"))
    assert v[5][0] == "fail", v


# An LSTM's forward rows (column vectors), then the constant error carousel across steps k < t.
CEC = ("$$f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f)$$\n$$i_t = \\sigma(W_i x_t + U_i h_{t-1} + b_i)$$\n"
       "$$o_t = \\sigma(W_o x_t + U_o h_{t-1} + b_o)$$\n$$\\tilde{c}_t = \\tanh(W_c x_t + U_c h_{t-1} + b_c)$$\n"
       "$$c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t$$\n$$h_t = o_t \\odot \\tanh(c_t)$$\n\n")


def test_a_jacobian_across_steps_counted_by_a_letter(tmp_path):
    # dc_t/dc_k along the cell state's own path (h held at each step) is diag(f_{k+1} ... f_t): right under that
    # reading (the total, through the hidden states too, differs), written with diag or with the vectors
    v = _verdicts(tmp_path, "cec.md", CEC + "$$\\frac{\\partial c_t}{\\partial c_k} = \\prod_{i=k+1}^{t} "
                  "\\operatorname{diag}(f_i)$$\n\n$$\\frac{\\partial c_t}{\\partial c_k} = \\prod_{i=k+1}^{t} f_i$$\n")
    assert v[8][0] == v[10][0] == "pass" and "one-step partials" in v[8][2], v
    # off by one step, the input gate for the forget gate, the hidden state's Jacobian: wrong
    v = _verdicts(tmp_path, "cec.md", CEC + "$$\\frac{\\partial c_t}{\\partial c_k} = \\prod_{i=k}^{t-1} f_i$$\n\n"
                  "$$\\frac{\\partial c_t}{\\partial c_k} = \\prod_{j=k+1}^{t} i_j$$\n\n"
                  "$$\\frac{\\partial h_t}{\\partial h_k} = \\prod_{i=k+1}^{t} f_i$$\n")
    assert v[8][0] == v[10][0] == v[12][0] == "fail", v


def test_react_katex_children(tmp_path):
    # react-katex's components with their TeX as a child, a template string whose backslashes are doubled
    text = ("        <BlockMath>{`\n          " + RNN.replace("\\", "\\\\") + "\n        `}</BlockMath>\n"
            "        <BlockMath>{`" + BACK.replace("\\", "\\\\") + "`}</BlockMath>\n"
            "        <InlineMath>{'" + WRONG.replace("\\", "\\\\") + "'}</InlineMath>\n")
    v = _verdicts(tmp_path, "page.js.md", text)
    assert v[2][0] == "pass" and v[4][0] == "pass" and v[5][0] == "fail" and set(v) == {2, 4, 5}, v
