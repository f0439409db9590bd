r"""Round 12 of verify: derivations found on first contact with notes outside the corpus. Every expected
verdict is worked out by hand in the comment above its test."""
from __future__ import annotations

from symlstm.verify.judging.judge import verify_derivation


def _results(rows, open_="$$", close="$$", sep="\n"):
    """The results of the rows, each a display of its own, in line order."""
    text = sep.join(open_ + r + close for r in rows)
    return sorted(verify_derivation(text).results, key=lambda r: r.line)


# Notes on a framework's layers: a linear layer in columns, Y = W X, with its gradients, then an RNN in rows,
# h_t = tanh(h_{t-1} W_h + x_t W_x + b). No name is shared: two models, each in its own layout (before, one
# layout was chosen for both and the RNN row failed as "a column vector times a matrix on its right").
# By hand: Y = W X gives dL/dX = W^T dL/dY and dL/dW = dL/dY X^T; written the other way round (dL/dY W^T,
# X^T dL/dY) they are ill-typed for Y = W X. In rows, h_t = tanh(a_t), a_t = h_{t-1} W_h + ...: what reaches
# h_{t-1} through step t is (dL/dh_t * (1 - h_t^2)) W_h^T; W_h^T (...) on the left is ill-typed for a row.
LAYERS = [r"Y = W X",
          r"\frac{\partial L}{\partial X} = W^T \frac{\partial L}{\partial Y}",
          r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T",
          r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} X^T",
          r"\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}",
          r"h_t = \tanh(h_{t-1} W_h + x_t W_x + b)",
          r"\frac{\partial L}{\partial h_{t-1}} = (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)) W_h^T",
          r"\frac{\partial L}{\partial h_{t-1}} = W_h^T (\frac{\partial L}{\partial h_t} \odot (1 - h_t^2))"]


def test_two_unrelated_models_are_read_each_in_its_layout():
    res = _results(LAYERS)
    assert [r.status for r in res] == ["pass", "pass", "fail", "pass", "fail", "pass", "pass", "fail"], \
        [(r.status, r.why) for r in res]


def test_one_model_in_one_layout_is_not_split():
    # the same RNN whose rows mix the layouts (shared names): the row in the other layout still fails
    res = _results([r"h_t = \tanh(h_{t-1} W_h + x_t W_x + b)", r"y_t = V h_t"])
    assert [r.status for r in res] != ["pass", "pass"], [(r.status, r.why) for r in res]
