r"""Round 10, helper T: fused-kernel backward formulas (CANN's aclnnThnnFusedLstmCellBackward style).

A kernel's documentation states the backward formulas of one cell call and leaves the forward cell to a sibling
document; the file states it with ``% symlstm: given`` and writes the prose's meanings of the kernel's input
gradient (``\delta c_t``: the gradient arriving at c_t from outside the cell, i.e. through step t+1) and of its
workspace name (``\text{grad\_}c_{total}``: the total gradient at c_t) as a legend (``% symlstm: let``).
Every correct row passes; each mutant row (a factor swapped, a term dropped, a gate order swapped, a sign) fails.
"""
from symlstm.verify.judging.judge import verify_derivation

LSTM_KERNEL = r"""\documentclass{article}
\begin{document}
% symlstm: given a_i = W_{ii} x_t + W_{hi} h_{t-1} + b_i; a_f = W_{if} x_t + W_{hf} h_{t-1} + b_f; a_g = W_{ig} x_t + W_{hg} h_{t-1} + b_g; a_o = W_{io} x_t + W_{ho} h_{t-1} + b_o; i = \sigma(a_i); f = \sigma(a_f); g = \tanh(a_g); o = \sigma(a_o); c_t = f \odot c_{t-1} + i \odot g; h_t = o \odot gcx; b = \begin{bmatrix} b_i \\ b_f \\ b_g \\ b_o \end{bmatrix}
% symlstm: let \delta c_t = \frac{\partial L}{\partial c_t}\Big|_{t+1}; \text{grad\_}c_{total} = \frac{\partial L}{\partial c_t}
$$ \begin{aligned}
gcx &= \tanh(c_t) \\
\text{grad\_}c_{total} &= \delta h_t \cdot o \cdot (1 - gcx^2) + \delta c_t \\
\delta c_{t-1} &= \text{grad\_}c_{total} \cdot f
\end{aligned} $$
$$ \begin{aligned}
\delta a_o &= (\delta h_t \cdot gcx) \cdot o \cdot (1 - o) \\
\delta a_i &= (\text{grad\_}c_{total} \cdot g) \cdot i \cdot (1 - i) \\
\delta a_f &= (\text{grad\_}c_{total} \cdot c_{t-1}) \cdot f \cdot (1 - f) \\
\delta a_g &= (\text{grad\_}c_{total} \cdot i) \cdot (1 - g^2)
\end{aligned} $$
$$ \delta b = \sum_{n=1}^{N} \begin{bmatrix} \delta a_i \\ \delta a_f \\ \delta a_g \\ \delta a_o \end{bmatrix}_n $$
\end{document}
"""


def _statuses(text):
    return [r.status for r in verify_derivation(text).results]


def test_lstm_kernel_rows_pass():
    assert _statuses(LSTM_KERNEL) == ["pass"] * 8


def test_lstm_kernel_mutants_fail():
    mutants = [
        (r"(1 - gcx^2) + \delta c_t", r"(1 - gcx^2)", 1),                       # the outside gradient dropped
        (r"\delta c_{t-1} &= \text{grad\_}c_{total} \cdot f", r"\delta c_{t-1} &= \text{grad\_}c_{total} \cdot i", 2),
        (r"(\delta h_t \cdot gcx) \cdot o", r"(\delta h_t \cdot (1 - gcx^2)) \cdot o", 3),
        (r"(\text{grad\_}c_{total} \cdot g) \cdot i", r"(\text{grad\_}c_{total} \cdot g) \cdot f", 4),
        (r"(\text{grad\_}c_{total} \cdot c_{t-1})", r"(\text{grad\_}c_{total} \cdot c_t)", 5),  # wrong time
        (r"\cdot (1 - g^2)", r"\cdot (1 - g)", 6),
        (r"\delta a_i \\ \delta a_f \\ \delta a_g", r"\delta a_i \\ \delta a_g \\ \delta a_f", 7),  # gates swapped
    ]
    for old, new, k in mutants:
        assert LSTM_KERNEL.count(old) == 1
        got = _statuses(LSTM_KERNEL.replace(old, new))
        assert got[k] == "fail", (new, got)


GRU_KERNEL = r"""\documentclass{article}
\begin{document}
% symlstm: given r = \sigma((W_{ir} x_t + b_{ir}) + (W_{hr} h_{t-1} + b_{hr})); z = \sigma((W_{iz} x_t + b_{iz}) + (W_{hz} h_{t-1} + b_{hz})); hn = W_{hn} h_{t-1} + b_{hn}; n = \tanh((W_{in} x_t + b_{in}) + r \odot hn); h_t = (1 - z) \odot n + z \odot h_{t-1}
% symlstm: let go = \frac{\partial L}{\partial h_t}; hx = h_{t-1}; \mathrm{grad\_hx} = \frac{\partial L}{\partial h_{t-1}}\Big|_{z \odot h_{t-1}}
% symlstm: let \mathrm{grad\_input\_gates} = \begin{bmatrix} \frac{\partial L}{\partial (W_{ir} x_t + b_{ir})} \\ \frac{\partial L}{\partial (W_{iz} x_t + b_{iz})} \\ \frac{\partial L}{\partial (W_{in} x_t + b_{in})} \end{bmatrix}; \mathrm{grad\_hidden\_gates} = \begin{bmatrix} \frac{\partial L}{\partial (W_{hr} h_{t-1} + b_{hr})} \\ \frac{\partial L}{\partial (W_{hz} h_{t-1} + b_{hz})} \\ \frac{\partial L}{\partial hn} \end{bmatrix}
$$r_{b,j} = \mathrm{storage}_{b,\ j},\quad z_{b,j} = \mathrm{storage}_{b,\ h+j}$$
$$\mathrm{gin}_{b,j} = go_{b,j} \cdot (1 - z_{b,j}) \cdot (1 - n_{b,j}^2)$$
$$\mathrm{gig}_{b,j} = go_{b,j} \cdot (hx_{b,j} - n_{b,j}) \cdot (1 - z_{b,j}) \cdot z_{b,j}$$
$$\mathrm{grg}_{b,j} = \mathrm{gin}_{b,j} \cdot hn_{b,j} \cdot (1 - r_{b,j}) \cdot r_{b,j}$$
$$\mathrm{ghn}_{b,j} = \mathrm{gin}_{b,j} \cdot r_{b,j}$$
$$\mathrm{ghx}_{b,j} = go_{b,j} \cdot z_{b,j}$$
$$\mathrm{grad\_input\_gates} = [\,\mathrm{grg} \;\big\|\; \mathrm{gig} \;\big\|\; \mathrm{gin}\,] \in \mathbb{R}^{B \times 3H}$$
$$\mathrm{grad\_hidden\_gates} = [\,\mathrm{grg} \;\big\|\; \mathrm{gig} \;\big\|\; \mathrm{ghn}\,] \in \mathbb{R}^{B \times 3H}$$
$$\mathrm{grad\_hx} = \mathrm{ghx} \in \mathbb{R}^{B \times H}$$
\end{document}
"""


def test_gru_kernel_rows():
    r"""``_{b,j}`` on every name: the element-wise row; ``storage_{b, h+j}``: a packed array, not read (and it
    defines nothing); ``gin``..: workspace temporaries, each the gradient of a pre-activation (``ghx``, a path's
    part, is the gradient of no quantity: unreadable); the outputs checked through the legend."""
    got = _statuses(GRU_KERNEL)
    assert got == ["unreadable", "unreadable", "pass", "pass", "pass", "pass", "unreadable", "pass", "pass",
                   "pass"], got


def test_gru_kernel_mutants_fail():
    """A wrong temporary fails in its own row, where the slip is made: the stacks that read it hold when it is
    the pre-activation's gradient they mean it to be (since round 24; before, its uses failed and its row was the
    gradient of nothing); a temporary that is the gradient of another quantity (ghx = go (1 - z), n's) passes as
    that, and the output row reading it fails."""
    mutants = [
        (r"\cdot (1 - z_{b,j}) \cdot z_{b,j}$$", r"\cdot (1 - z_{b,j})$$", (3,)),                # sigma' dropped
        (r"\mathrm{gin}_{b,j} = go_{b,j}", r"\mathrm{gin}_{b,j} = 2 go_{b,j}", (2,)),
        (r"go_{b,j} \cdot (hx_{b,j} - n_{b,j})", r"go_{b,j} \cdot (n_{b,j} - hx_{b,j})", (3,)),   # sign
        (r"\mathrm{gin}_{b,j} \cdot hn_{b,j}", r"\mathrm{gin}_{b,j} \cdot hx_{b,j}", (4,)),
        (r"\mathrm{ghn}_{b,j} = \mathrm{gin}_{b,j} \cdot r_{b,j}", r"\mathrm{ghn}_{b,j} = \mathrm{gin}_{b,j} \cdot z_{b,j}", (5,)),
        (r"\mathrm{ghx}_{b,j} = go_{b,j} \cdot z_{b,j}", r"\mathrm{ghx}_{b,j} = go_{b,j} \cdot (1 - z_{b,j})", (9,)),
        (r"[\,\mathrm{grg} \;\big\|\; \mathrm{gig} \;\big\|\; \mathrm{gin}\,]",
         r"[\,\mathrm{gig} \;\big\|\; \mathrm{grg} \;\big\|\; \mathrm{gin}\,]", (7,)),           # blocks swapped
        (r"\mathrm{gig} \;\big\|\; \mathrm{ghn}\,]", r"\mathrm{gig} \;\big\|\; \mathrm{gin}\,]", (8,)),
        (r"\mathrm{grad\_hx} = \mathrm{ghx}", r"\mathrm{grad\_hx} = \mathrm{gig}", (9,)),
    ]
    for old, new, rows in mutants:
        assert GRU_KERNEL.count(old) == 1, old
        got = _statuses(GRU_KERNEL.replace(old, new))
        assert all(got[k] == "fail" for k in rows), (new, got)


def test_index_pairs_and_batch_sums():
    from symlstm.verify.text.batchunits import batch_sums, drop_index_pairs, packed_arrays
    from symlstm.verify.text.rowparse import parse_row
    row = parse_row(r"gin_{b,j} = go_{b,j} \cdot (1 - z_{b,j})")
    assert drop_index_pairs([row]) == [parse_row(r"gin = go \odot (1 - z)")]
    mixed = parse_row(r"a_{b,j} = W h_{b,j}")            # a weight without the pair: left as written
    assert drop_index_pairs([mixed]) == [mixed]
    timed = parse_row(r"a_{t,j} = c_{t,j}")               # the time letter is never one of the pair
    assert drop_index_pairs([timed]) == [timed]
    assert packed_arrays([parse_row(r"z_{b,j} = S_{b,\ 2h+j}")]) == {"S"}
    assert packed_arrays([parse_row(r"z_{b,j} = S_{b,\ j}")]) == set()
    s = parse_row(r"g_{k} = \sum_{b=0}^{B-1} G_{b,k}")
    assert batch_sums([s]) == [parse_row("g = G")]
    other = parse_row(r"g_{k} = \sum_{b=0}^{B-1} G_{b,k} x_b")     # b also alone: not a batch sum
    assert batch_sums([other]) == [other]
    steps = parse_row(r"g = \sum_{t=1}^{T} G_{t,k}")                # over the steps: left as written
    assert batch_sums([steps]) == [steps]


def test_without_the_cell_rows_rest_on_the_packed_array():
    """The same rows without the directives: z, n, hx, hn come only from the packed array, so the workspace rows
    rest on unreadable definitions (never definitions that hold whatever they say), mutated or not."""
    bare = "\n".join(line for line in GRU_KERNEL.split("\n") if not line.startswith("% symlstm:"))
    got = _statuses(bare)
    assert got[0] == "pass" and got[1] == "unreadable", got        # r = storage_{b,j}; z: a block offset
    assert all(s == "unreadable" for s in got[2:]), got
    mutant = bare.replace(r"\mathrm{gin}_{b,j} = go_{b,j}", r"\mathrm{gin}_{b,j} = -go_{b,j}")
    assert _statuses(mutant)[2] == "unreadable"
