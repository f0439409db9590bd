r"""Bounds in vanishing-gradient derivations: ``\leq`` / ``\geq`` rows are checked at every sampled point.

Hand-worked for h_t = tanh(W h_{t-1} + U x_t + b): dh_t/dh_{t-1} = diag(1 - h_t^2) W with every
diagonal entry in (0, 1], so its spectral norm is at most ||W|| (and ||W||^{t-k} over t - k steps), and
||diag(1 - h_t^2)|| <= 1; a quarter of ||W|| is not a bound at random weights.
"""
from symlstm.verify.judging.judge import verify_derivation

ROWS = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t + b) \\
\frac{\partial h_t}{\partial h_{t-1}} &= \mathrm{diag}(1 - h_t^2) W \\
\left\| \frac{\partial h_t}{\partial h_{t-1}} \right\| &\leq \|W\| \\
\left\| \frac{\partial h_t}{\partial h_{t-1}} \right\| &\leq \frac{1}{4} \|W\| \\
\left\| \frac{\partial h_t}{\partial h_{k}} \right\| &\le \|W\|^{t-k} \\
1 &\geq \|\mathrm{diag}(1 - h_t^2)\|
\end{align}
"""


def test_bounds_are_checked_and_do_not_join_the_row_above():
    statuses = [(r.line, r.status) for r in verify_derivation(ROWS).results]
    assert statuses == [(3, "pass"), (4, "pass"), (5, "pass"), (6, "fail"), (7, "pass"), (8, "pass")]
