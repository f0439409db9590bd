r"""Round 43 notations.

* numpy's sums that keep their axis, ``dz.sum(axis=0, keepdims=True)`` and its transpose ``.T`` (numpy-ml's RNN and
  LSTM cells, D. Bourgin, 2019): the bias gradient of a batch of rows is the sum over the batch's rows.
"""
from symlstm.verify import verify_file

ROW_STEP = '''# RNN step, rows are examples

```python
def step_forward(x, h_prev, Wx, Wh, b):
    z = x @ Wx + h_prev @ Wh + b
    h = np.tanh(z)
    return h, z

def step_backward(dh, x, h_prev, h, Wx, Wh):
    dz = dh * (1 - h ** 2)
    dWx = x.T @ dz
    dWh = h_prev.T @ dz
    db = dz.sum(axis=0, keepdims=True)
    dx = dz @ Wx.T
    dh_prev = dz @ Wh.T
    return dx, dh_prev, dWx, dWh, db
```
'''


def _statuses(text, tmp_path, name="notes.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return {r.line: r.status for r in verify_file(None, str(p), timeout=10).results}


def test_a_sum_that_keeps_its_axis(tmp_path):
    assert _statuses(ROW_STEP, tmp_path) == {5: "pass", 6: "pass", 10: "pass", 11: "pass", 12: "pass",
                                             13: "pass", 14: "pass", 15: "pass"}
    # over the wrong axis (each example's sum over its units): the bias gradient fails
    wrong = _statuses(ROW_STEP.replace("axis=0, keepdims", "axis=1, keepdims"), tmp_path)
    assert wrong[13] == "fail" and all(s == "pass" for k, s in wrong.items() if k != 13)
    # columns are examples: the transposed sum of the transpose is the sum over the columns
    col = (ROW_STEP.replace("x @ Wx + h_prev @ Wh", "Wx @ x + Wh @ h_prev")
           .replace("x.T @ dz", "dz @ x.T").replace("h_prev.T @ dz", "dz @ h_prev.T")
           .replace("dz.sum(axis=0, keepdims=True)", "dz.T.sum(axis=0, keepdims=True).T")
           .replace("dz @ Wx.T", "Wx.T @ dz").replace("dz @ Wh.T", "Wh.T @ dz"))
    assert set(_statuses(col, tmp_path).values()) == {"pass"}
    assert _statuses(col.replace("dz.T.sum(axis=0, keepdims=True).T", "dz.sum(axis=0, keepdims=True).T"),
                     tmp_path)[13] == "fail"
