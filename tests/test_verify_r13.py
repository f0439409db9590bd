r"""Round 13 of verify: notations met on first contact with a sixth, seventh and eighth batch of public notes
(Jekyll posts, course notebooks counting steps from 0, unrolled examples). Every expected verdict is worked out
by hand in the comment above its test."""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation
from _timing import within


def _results(text):
    return sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column))


def _statuses(res):
    return [r.status for r in res]


# Jekyll (kramdown) posts escape the backslash of the math delimiters: \\[ ... \\] is a display and \\( ... \\)
# inline math. h_t = tanh(W h_{t-1} + U x_t) in columns: dh_t/dh_{t-1} = diag(1 - h_t^2) W (pass); with the
# factors the other way round, W diag(1 - h_t^2), it is a different matrix (fail). y_t = V h_t alone on its
# line defines the output (pass).
KRAMDOWN = "\n\n".join([
    r"The forward step is \\[ h_t = \tanh(W h_{t-1} + U x_t) \\] and its Jacobian",
    r"\\[ \frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2) W \\]",
    r"\\[ \frac{\partial h_t}{\partial h_{t-1}} = W \mathrm{diag}(1 - h_t^2) \\]",
    r"\\( y_t = V h_t \\)"])


def test_markdown_escaped_math_delimiters_are_read():
    res = _results(KRAMDOWN)
    assert _statuses(res) == ["pass", "pass", "fail", "pass"], [(r.status, r.why) for r in res]


def test_a_latex_row_break_with_a_skip_is_not_markdown_math():
    # \\[4pt] ends a row of an align: two rows, h_t and the Jacobian, each read (pass, pass)
    text = "\\begin{align}\nh_t &= \\tanh(W h_{t-1} + U x_t) \\\\[4pt]\n" \
           "\\frac{\\partial h_t}{\\partial h_{t-1}} &= \\mathrm{diag}(1 - h_t^2) W\n\\end{align}\n"
    res = _results(text)
    assert _statuses(res) == ["pass", "pass"], [(r.status, r.why, r.text) for r in res]


# A thin space \, between two factors is spacing, not a separator of two equations: a = b\,c = d is one chain.
# GRU-free check on the RNN above: with delta_t = dL/dh_t given, the part of dL/dh_{t-1} through step t is
# W^T (delta_t (1 - h_t^2)) (pass; written with \, between the factors); with 1 + h_t^2 it fails.
def test_a_single_thin_space_does_not_split_a_chain():
    text = "$$h_t = \\tanh(a_t), \\quad a_t = W h_{t-1} + U x_t$$\n\n" \
           "$$\\frac{\\partial L}{\\partial a_t} = \\frac{\\partial L}{\\partial h_t}\\,\\odot (1 - h_t^2) " \
           "= (1 - h_t^2)\\,\\odot\\frac{\\partial L}{\\partial h_t}$$\n\n" \
           "$$\\frac{\\partial L}{\\partial a_t} = \\frac{\\partial L}{\\partial h_t}\\,\\odot (1 + h_t^2) " \
           "= (1 + h_t^2)\\,\\odot\\frac{\\partial L}{\\partial h_t}$$\n"
    res = _results(text)
    assert _statuses(res) == ["pass", "pass", "pass", "fail"], [(r.status, r.why, r.text) for r in res]
    assert len(res) == 4


# Notebooks that count the steps from 0 sum over t = 0..T-1: every step of the run. y_t = V h_t,
# L = \sum_t L_t: dL/dV = \sum_{t=0}^{T-1} dL_t/dy_t h_t^T (pass); with h_{t-1}^T it is wrong (fail).
STEPS_FROM_0 = [r"h_t = \tanh(W h_{t-1} + U x_t)", r"y_t = V h_t",
                r"\frac{\partial L}{\partial V} = \sum_{t=0}^{T-1} \frac{\partial L_t}{\partial y_t} h_t^T",
                r"\frac{\partial L}{\partial V} = \sum_{t=0}^{T-1} \frac{\partial L_t}{\partial y_t} h_{t-1}^T",
                r"\frac{\partial L}{\partial V} = \sum_{t=1}^{T-1} \frac{\partial L_t}{\partial y_t} h_t^T"]


def test_a_sum_from_step_0_to_T_minus_1_covers_the_run():
    res = _results("\n\n".join("$$" + r + "$$" for r in STEPS_FROM_0))
    # the last row leaves the last step out (T-1 steps from 1): fail
    assert _statuses(res) == ["pass", "pass", "pass", "fail", "fail"], [(r.status, r.why) for r in res]


# Chinese notes define z_t = W_x x_t + W_h h_{t-1} + b, h_t = tanh(z_t), J = \sum_t \ell_t, write the last step
# out (h_T = tanh(W_x x_T + W_h h_{T-1} + b): the cell at T, pass) and then take a three-step example,
# J = \ell_1 + \ell_2 + \ell_3 (the total of a sequence of three steps: pass). J = \ell_1 + \ell_3 leaves a
# step out (fail). g_t = dJ/dh_t names the gradient (pass, not made unreadable by the rows above).
EXAMPLE = [r"J=\sum_{t=1}^{T}\ell_t", r"z_t=W_xx_t+W_hh_{t-1}+b", r"h_t=\tanh(z_t)",
           r"h_T=\tanh(W_xx_T+W_hh_{T-1}+b)", r"h_T=\tanh(W_xx_T+W_hh_{T-2}+b)",
           r"J=\ell_1+\ell_2+\ell_3", r"J=\ell_1+\ell_3", r"g_t=\frac{\partial J}{\partial h_t}"]


def test_the_last_step_written_out_and_a_short_example_of_the_total_loss():
    res = _results("\n\n".join("$$\n" + r + "\n$$" for r in EXAMPLE))
    assert _statuses(res) == ["pass", "pass", "pass", "pass", "fail", "pass", "fail", "pass"], \
        [(r.status, r.why) for r in res]
    assert "3 steps" in res[5].why
    # a total over a run of fixed length (4 steps) written with three terms leaves a step out: fail
    fixed = _results("\n\n".join("$$" + r + "$$" for r in [r"J=\sum_{t=1}^{4}\ell_t"] + EXAMPLE[1:3] +
                                   [r"J=\ell_1+\ell_2+\ell_3"]))
    assert _statuses(fixed)[-1] == "fail", [(r.status, r.why) for r in fixed]


# A path label written on the fraction: GRU h_t = (1 - u_t) h_{t-1} + u_t \tilde h_t. The part of
# dL/dh_{t-1} through h_t's own use of h_{t-1} (the "direct" path) is dL/dh_t \odot (1 - u_t) (pass);
# \odot u_t is the candidate's weight, not this path's (fail).
GRU = [r"h_t = (1-u_t) \odot h_{t-1} + u_t \odot \tilde{h}_t", r"u_t = \sigma(W_u x_t + U_u h_{t-1})",
       r"\tilde{h}_t = \tanh(W_h x_t + U_h h_{t-1})",
       r"\frac{\partial L}{\partial h_{t-1}}^{(\text{direct})} = \frac{\partial L}{\partial h_t} \odot (1 - u_t)",
       r"\frac{\partial \mathcal{L}}{\partial h_{t-1}}^{(\text{direct})} = \frac{\partial L}{\partial h_t} \odot u_t"]


def test_a_path_label_on_the_fraction_of_a_gradient():
    res = _results("\n".join("$$" + r + "$$" for r in GRU))
    assert _statuses(res) == ["pass", "pass", "pass", "pass", "fail"], [(r.status, r.why) for r in res]


# TeX's \frac12 (one digit for each argument) and \sideset{}{_l}\sum (the sum over l) are read; a name given to a
# gradient in the prose ("and denote $g_t := \partial L/\partial o_t$") is a row of the derivation (pass). With
# o_t = V h_t: dL/dV = \sum_t g_t h_t^T (pass); \sum_t h_t g_t^T is its transpose, another matrix (fail).
def test_frac_digits_sideset_and_a_gradient_named_in_prose():
    from symlstm.verify.text.rowparse import parse_row
    assert parse_row(r"L = \frac12\sum_t y_t")[1][1][1][0] == ("frac", ("num", "1"), ("num", "2"))
    assert parse_row(r"a = \sideset{}{_l}\sum{x_l}")[1][1][:2] == ("big", "sum")
    text = "\n\n".join([r"$$h_t = \tanh(W h_{t-1} + U x_t), \quad o_t = V h_t$$",
                        r"$$L = \sum_t \frac12 \|o_t\|^2$$",
                        r"and denote $g_t := \frac{\partial L}{\partial o_t}$ at each step.",
                        r"$$\frac{\partial L}{\partial V} = \sum_t g_t h_t^T$$",
                        r"$$\frac{\partial L}{\partial V} = \sum_t h_t g_t^T$$"])
    res = _results(text)
    assert [r.text.split("=")[0].strip()[:3] for r in res][3] == "g_t"
    assert _statuses(res)[3:] == ["pass", "pass", "fail"], [(r.status, r.why, r.text) for r in res]


# A walkthrough of a one-unit RNN (a Bengali note): the weights are given numbers (W_{xh} = 0.5), so every
# quantity is a number, and the loss sums three steps, so the sequence has three. By hand: L = 1/2 \sum (y_t -
# t_t)^2 gives dL/dy_t = y_t - t_t (pass) and t_t - y_t fails; with numbers, dL/da_t = dL/dh_t (1 - h_t^2)
# (pass: a product of numbers; for vectors the same row multiplies two columns). The worked example's values
# (0.9183 from the note's data) cannot be checked at the reader's values: unreadable, not failed. A table that
# compares two variants of h_t side by side defines neither (both unreadable), so the cell above still stands.
# The given values themselves (W_{xh} = 0.5) are the example's, not the reader's: unreadable.
WALKTHROUGH = r"""$$h_t = \tanh(a_t), \quad a_t = W_{xh}x_t + W_{hh}h_{t-1}$$

$$y_t = W_{hy}h_t$$

$$L = \frac12\sum_{t=1}^{3}(y_t - t_t)^2$$

* $W_{xh}=0.5$
* $W_{hh}=0.1$
* $W_{hy}=1.0$

$$\frac{\partial L}{\partial y_t} = y_t - t_t$$

$$\frac{\partial L}{\partial y_t} = t_t - y_t$$

$$\frac{\partial L}{\partial a_t} = \frac{\partial L}{\partial h_t} (1 - h_t^2)$$

$$dy_3 = y_3 - t_3 = 0.9183 - 1.5 = -0.5817$$

| Component | Paper | PyTorch |
|---|---|---|
| state | $$h_t = (1-z_t) h_{t-1}$$ | $$h_t = z_t h_{t-1}$$ |

$$\frac{\partial L}{\partial W_{hy}} = \sum_{t=1}^{3} (y_t - t_t) h_t$$
"""


def test_a_walkthrough_of_single_units_with_its_numbers_and_a_comparison_table():
    res = _results(WALKTHROUGH)
    assert _statuses(res) == ["pass"] * 4 + ["unreadable"] * 3 + ["pass", "fail", "pass", "unreadable", "unreadable", "unreadable",
                                             "pass"], [(r.status, r.why) for r in res]
    assert "worked example" in res[10].why and "comparing variants" in res[11].why


# Hugo (and some Jekyll themes) escape the subscript sign as well: \mathbf{h}\_{t-1}, W\_{hh}. With h_t =
# tanh(W_hh h_{t-1} + W_xh x_t): dh_t/dh_{t-1} = diag(1 - h_t^2) W_hh (pass); W_hh^T diag(1 - h_t^2) is
# another matrix (fail). A file that never escapes a subscript keeps \_ inside code names (dh\_next).
HUGO = "\n\n".join([
    r"$$\mathbf{h}\_{t}=\tanh \left(W\_{h h} \mathbf{h}\_{t-1}+W\_{x h} \mathbf{x}\_{t}\right)$$",
    r"$$\frac{\partial \mathbf{h}\_{t}}{\partial \mathbf{h}\_{t-1}} = \operatorname{diag}(1-\mathbf{h}\_t^2) W\_{hh}$$",
    r"$$\frac{\partial \mathbf{h}\_{t}}{\partial \mathbf{h}\_{t-1}} = W\_{hh}^T \operatorname{diag}(1-\mathbf{h}\_t^2)$$"])


def test_markdown_escaped_subscripts():
    from symlstm.verify.text.texfile import read_tex
    res = _results(HUGO)
    assert _statuses(res) == ["pass", "pass", "fail"], [(r.status, r.why) for r in res]
    assert r"dh\_next" in read_tex(r"$$dh\_next = dh \odot o$$").equations[0].text


# Bookkeeping written as equations: a table's column of shapes, (m, 4) = (m, 3) {(4, 3)}^T + {(4, 1)}^T, and a
# code call's keyword, axis=0, beside the formula, claim nothing about values: unreadable (they passed as
# definitions of new names, or failed). The formula in the same row is still read: with a_t = W x_t + U h_{t-1}
# and h_t = tanh(a_t), dL/da_t = dL/dh_t (1 - h_t^2) element-wise (pass).
SHAPES = r"""$$a_t = W x_t + U h_{t-1}, \quad h_t = \tanh(a_t)$$

|formula|shapes|
|-|-|
|$\frac{\partial L}{\partial a_t} = \frac{\partial L}{\partial h_t} \odot (1 - h_t^2)$|$(m, 4) = (m, 3) {(4, 3)}^T + {(4, 1)}^T$|
|$\frac{\partial L}{\partial U} = \sum_t \frac{\partial L}{\partial a_t} h_{t-1}^T, axis=0$|$(4, 4)=(m, 4)^T(m, 4)$|
"""


def test_dimension_checks_and_code_keywords_are_not_equations():
    res = _results(SHAPES)
    assert _statuses(res) == ["pass", "pass", "pass", "unreadable", "pass", "unreadable", "unreadable"], \
        [(r.status, r.why, r.text) for r in res]
    assert "dimension check" in res[3].why and "keyword argument" in res[5].why



# Notes that state an LSTM, then a GRU, then go back to the LSTM's backward pass "using its forward equations"
# (writing h_t = o_t \odot \tanh(c_t) again): the rows after it are the LSTM's, judged against it (they were
# judged against the GRU, every row reading an LSTM gate unreadable). By hand, for the LSTM: dL/do_t = dL/dh_t
# \odot tanh(c_t) (pass; \odot c_t fails), dL/dg_t = dL/dc_t \odot i_t (pass). A weight named only in the
# prose ("Recall ... $a_{all} = W_{all} v_t + b_{all}$") is the author's, which the reader cannot tie to a row:
# its gradient is unreadable; a weight written nowhere (W_none) still fails.
RECALLED = r"""An LSTM:

$$f_t = \sigma(W_f x_t + U_f h_{t-1})$$

$$i_t = \sigma(W_i x_t + U_i h_{t-1})$$

$$o_t = \sigma(W_o x_t + U_o h_{t-1})$$

$$g_t = \tanh(W_g x_t + U_g h_{t-1})$$

$$c_t = f_t \odot c_{t-1} + i_t \odot g_t$$

$$h_t = o_t \odot \tanh(c_t)$$

A GRU:

$$z_t = \sigma(W_z x_t + U_z h_{t-1})$$

$$r_t = \sigma(W_r x_t + U_r h_{t-1})$$

$$n_t = \tanh(W_n x_t + U_n (r_t \odot h_{t-1}))$$

$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t$$

Back to the LSTM's backward pass, using its forward equations

$$h_t = o_t \odot \tanh(c_t)$$

$$\frac{\partial L}{\partial o_t} = \frac{\partial L}{\partial h_t} \odot \tanh(c_t)$$

$$\frac{\partial L}{\partial o_t} = \frac{\partial L}{\partial h_t} \odot c_t$$

$$\frac{\partial L}{\partial g_t} = \frac{\partial L}{\partial c_t} \odot i_t$$

Stack the deltas into $\delta_t^{\text{all}} = [\delta_t^{a_i}; \, \delta_t^{a_f}]$. Recall the concatenated projection: $\mathbf{a}_{\text{all}} = \mathbf{W}_{\text{all}} \mathbf{v}_t + \mathbf{b}_{\text{all}}$, where $\mathbf{v}_t = [\mathbf{h}_{t-1}; \, \mathbf{x}_t]$.

$$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{\text{all}}} = \sum_{t=1}^T \delta_t^{\text{all}} \, \mathbf{v}_t^T$$

$$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{\text{none}}} = \sum_{t=1}^T \delta_t^{\text{all}} \, \mathbf{v}_t^T$$
"""


def test_a_cell_recalled_after_another_and_names_written_in_the_prose():
    res = _results(RECALLED)
    assert _statuses(res) == ["pass"] * 10 + ["pass", "pass", "fail", "pass", "unreadable", "fail"], \
        [(r.line, r.status, r.why) for r in res]
    assert "prose" in res[-2].why



# A \delta defined as the gradient of the current step's error ("\delta h_t = \partial E_t/\partial h_t, where E_t is
# the error at time t"): every \delta of the notes is a derivative of E_t. By hand for the LSTM, with E_t reading
# h_t: \delta o_t = \delta h_t \circ tanh C_t, \delta C_t = \delta h_t \circ o_t \circ (1 - tanh^2 C_t),
# \delta f_t = \delta C_t \circ C_{t-1} (pass: the chains too, each link of E_t); \delta C_t without o_t and
# \delta o_t = \delta h_t \circ C_t fail. (Read as the total loss's gradients, the four correct rows failed.)
STEP_ERROR = r"""$$f_t = \sigma(W_f [h_{t-1}, x_t] + b_f)$$

$$i_t = \sigma(W_i [h_{t-1}, x_t] + b_i)$$

$$\tilde{C}_t = \tanh(W_C [h_{t-1}, x_t] + b_C)$$

$$C_t = f_t \circ C_{t-1} + i_t \circ \tilde{C}_t$$

$$o_t = \sigma(W_o [h_{t-1}, x_t] + b_o)$$

$$h_t = o_t \circ \tanh{C_t}$$

$ \delta h_t = \frac{\partial E_t}{\partial h_t }$

$ \delta o_t = \frac{\partial E_t}{\partial o_t} = \frac{\partial E_t}{\partial h_t } \frac{\partial h_t}{\partial o_t } = \delta h_t \circ \tanh{C_t} $

$ \delta C_t = \frac{\partial E_t}{\partial C_t} = \frac{\partial E_t}{\partial h_t } \frac{\partial h_t}{\partial C_t } = \delta h_t \circ o_t \circ [1- \tanh^2{C_t}] $

$ \delta f_t = \frac{\partial E_t}{\partial f_t} = \frac{\partial E_t}{\partial C_t } \frac{\partial C_t}{\partial f_t } = \delta C_t \circ C_{t-1} $

$ \delta C_t = \delta h_t \circ [1- \tanh^2{C_t}] $

$ \delta o_t = \delta h_t \circ C_t $
"""


def test_deltas_defined_as_gradients_of_the_step_error():
    res = _results(STEP_ERROR)
    assert _statuses(res) == ["pass"] * 10 + ["fail", "fail"], [(r.line, r.status, r.why) for r in res]



# A section heading that gives the steps of its rows ("### The case of $t = T$", then prose, then the rows):
# h_t = tanh(W h_{t-1} + U x_t), y_t = V h_t, L = \sum_t 1/2 |y_t - d_t|^2. By hand: at t = T, dL/dh_T = V^T
# (y_T - d_T) (pass: nothing later); for t < T the same row misses W^T((1 - h_{t+1}^2) \odot dL/dh_{t+1})
# (fail), and with it holds (pass). Without the heading's scope the first row failed at the other steps.
HEADED = r"""$$h_t = \tanh(W h_{t-1} + U x_t), \quad y_t = V h_t$$

$$L = \sum_t \frac12 (y_t - d_t)^T (y_t - d_t)$$

### The case of $t = T$

For this case, the gradient is straightforward. We have

$$\frac{\partial L}{\partial h_t} = V^T (y_t - d_t)$$

### The case of $t < T$

Here the later steps add a term.

$$\frac{\partial L}{\partial h_t} = V^T (y_t - d_t)$$

$$\frac{\partial L}{\partial h_t} = V^T (y_t - d_t) + W^T \left((1 - h_{t+1}^2) \odot \frac{\partial L}{\partial h_{t+1}}\right)$$
"""


def test_a_heading_gives_the_steps_of_its_section():
    res = _results(HEADED)
    assert _statuses(res) == ["pass", "pass", "pass", "pass", "fail", "pass"], [(r.line, r.status, r.why) for r in res]



# Forward rows written inline in the items of a list ("- Activation: hidden state $h_t = \tanh(z_t)$, where $z_t =
# W h_{t-1} + U x_t$; output $o_t = V h_t$", "- Loss: $L = 1/2 \sum_t (o_t - y_t)^2$") are the cell (they were
# skipped, leaving every row unreadable). By hand: dL/do_t = o_t - y_t (pass), y_t - o_t (fail), dL/dh_t =
# V^T (o_t - y_t) + W^T ((1 - h_{t+1}^2) \odot dL/dh_{t+1}) (pass).
LISTED = r"""Model:

- Activation: hidden state $h_t = \tanh(z_t)$, where $z_t = W h_{t-1} + U x_t$; output $o_t = V h_t$ (linear)
- Loss: $L = \frac{1}{2} \sum_{t=1}^T (o_t - y_t)^2$
- Sizes: $h_t$ has 3 units

$$\frac{\partial L}{\partial o_t} = o_t - y_t$$

$$\frac{\partial L}{\partial o_t} = y_t - o_t$$

$$\frac{\partial L}{\partial h_t} = V^T (o_t - y_t) + W^T ((1 - h_{t+1}^2) \odot \frac{\partial L}{\partial h_{t+1}})$$
"""


def test_forward_rows_inline_in_list_items():
    res = _results(LISTED)
    assert _statuses(res) == ["pass"] * 5 + ["fail", "pass"], [(r.line, r.status, r.why) for r in res]


# A claim that differentiates a name only a failing forward row defines holds vacuously against the stand-in
# (no gradient flows through it): "\partial y/\partial h_t = 7 \partial y/\partial h_{t+1} W_{hh}" passed as 0 = 0.
# By hand it is wrong (fail); the reader, whose y is a stand-in, cannot tell: unreadable, never pass.
STAND_IN = r"""$$h_{t} = tanh(W_{xh}x_{t} + W_{hh} h_{t-1} + b_{h})$$

$$y = W_{hy}h_{n} + b_{y}$$

$$\frac{\partial y}{\partial h_{t}} = 7\frac{\partial y}{\partial h_{t+1}}W_{hh}$$
"""


def test_a_claim_resting_on_a_failing_row_is_not_passed():
    res = _results(STAND_IN)
    assert res[-1].status == "unreadable" and "vacuously" in res[-1].why, [(r.status, r.why) for r in res]


def test_hostile_delimiters_are_read_in_linear_time():
    # unclosed \[, \\[ (Markdown-escaped), \( and a flood of displays: each scan once (they rescanned the file from
    # every opener: a 40 kB file took 20 s); too many equations is a clean error. Bounds generous for a busy machine.
    from symlstm.verify.text.latexparse import LatexError
    from symlstm.verify.text.texfile import MAX_FILE_CHARS, read_tex
    for unit in ["\\[ a ", "\\\\[ a ", "\\( a ", "\\\\( a ", "$$ a $$\n", "\\begin{align} a "]:
        text = unit * ((MAX_FILE_CHARS // 2) // len(unit))

        def read():
            try:
                read_tex(text)
            except LatexError as e:
                assert "limit" in str(e) or "never closed" in str(e), str(e)

        seconds, _ = within(3.0, read)
        assert seconds < 3.0, (unit, seconds)
