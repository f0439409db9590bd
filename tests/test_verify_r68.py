r"""Round 68: a gradient name read as the rows after it use it.

* The Coursera C5W1 LSTM backward as several course copies publish it (derivations/firstcontact/round56-i,
  maclschmitt): ``dot = da_next * np.tanh(c_next)`` lacks the factor ``ot * (1 - ot)`` that the notebook's
  equation 7 gives dΓ_o, and every later row reads ``dot`` as the output gate's pre-activation gradient
  (``dWo = np.dot(dot, concat.T)``). The name's row holds as the gradient of o itself, so the reader passed it and
  failed the four rows that use it; now the row fails too, naming the rows that read it so
  (judging/usereadings.py).
* With one such use the file is ambiguous (the name's row right as o's gradient, the use missing the factor):
  the name's row keeps its pass.

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation

CELL = """```python
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]
    bf = parameters["bf"]
    Wi = parameters["Wi"]
    bi = parameters["bi"]
    Wc = parameters["Wc"]
    bc = parameters["bc"]
    Wo = parameters["Wo"]
    bo = parameters["bo"]
    n_x, m = xt.shape
    n_a, m = a_prev.shape
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, cache

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, concat.T)
    dWi = np.dot(dit, concat.T)
    dWc = np.dot(dcct, concat.T)
    dWo = np.dot(dot, concat.T)
    dbf = np.sum(dft, axis=1, keepdims=True)
    dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True)
    dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = np.dot(parameters['Wf'][:, :n_a].T, dft) + np.dot(parameters['Wi'][:, :n_a].T, dit) + np.dot(parameters['Wc'][:, :n_a].T, dcct) + np.dot(parameters['Wo'][:, :n_a].T, dot)
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    dxt = np.dot(parameters['Wf'][:, n_a:].T, dft) + np.dot(parameters['Wi'][:, n_a:].T, dit) + np.dot(parameters['Wc'][:, n_a:].T, dcct) + np.dot(parameters['Wo'][:, n_a:].T, dot)
    return dxt, da_prev, dc_prev
```
"""


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def test_a_name_its_uses_read_as_the_pre_activation_gradient_fails_at_its_row():
    got = _verdicts(CELL)
    # (line numbers: the fence opens on line 1)
    # 27 dot = da * tanh(c): dL/do, but dWo, dbo, da_prev, dxt read it as dL/d(o's pre-activation), which is
    #    da * tanh(c) * o (1 - o): the row lacks sigmoid' -> fail, naming the rows that use it
    assert got[27][0] == "fail" and "35, 39, 40, 42" in got[27][1] and "pre-activation" in got[27][1]
    # 28-30: the candidate's and the gates' pre-activation gradients, each with its function's derivative
    #    (dc_next carried in, the tanh(c) path through o), as the notebook's equations 8-10 write them: pass
    # 31: concat = [a_prev; xt]: pass (forward)
    # 32-34, 36-38: dW = d(pre) concat^T and db = sum over the batch, for f, i, c~: one step's contribution, pass
    for line in (28, 29, 30, 31, 32, 33, 34, 36, 37, 38, 41):
        assert got[line][0] == "pass", (line, got[line])
    # 35 dWo, 39 dbo, 40 da_prev, 42 dxt read dot, which is short of o (1 - o): each is wrong by that factor
    for line in (35, 39, 40, 42):
        assert got[line][0] == "fail", (line, got[line])
    # 41 dc_prev = dc_next f + da o (1 - tanh^2 c) f: what reaches c_{t-1} through this step, pass (above)


def test_the_same_backward_with_the_factor_passes_every_row():
    fixed = CELL.replace("dot = da_next * np.tanh(c_next)", "dot = da_next * np.tanh(c_next) * ot * (1 - ot)")
    got = _verdicts(fixed)
    # dot now is dL/d(o's pre-activation): every row from 27 to 42 holds
    for line in range(27, 43):
        assert got[line][0] == "pass", (line, got[line])


def test_one_use_leaves_the_name_as_its_row_reads_it():
    # only dWo reads dot: dot = da * tanh(c) is right as dL/do (pass); dWo = dot concat^T lacks o (1 - o): fail
    one = CELL.replace("    dbo = np.sum(dot, axis=1, keepdims=True)\n", "") \
        .replace(" + np.dot(parameters['Wo'][:, :n_a].T, dot)", "") \
        .replace(" + np.dot(parameters['Wo'][:, n_a:].T, dot)", "")
    got = _verdicts(one)
    assert got[27][0] == "pass", got[27]
    assert got[35][0] == "fail", got[35]
