"""Finite-difference check of tr_lstm_tagger.py (Turkish NumPy LSTM tagger).

The transcribed source is executed as-is (matplotlib stubbed), so the author's
forward and backward code is what is being tested.  Then:
  (A) author's LSTMModel.backward vs central differences of the author's loss,
      for T = 1 and for T = 4;
  (B) the author's LSTMCell.backward formulas, called once per step with the
      cell's cache restored to that step's forward values (what line 340
      would need), vs central differences  -> shows the per-step formulas
      (lines 154-207) are right and only the driver call at line 340 fails.
"""
import sys, types
import numpy as np

sys.modules.setdefault("matplotlib", types.ModuleType("matplotlib"))
sys.modules.setdefault("matplotlib.pyplot", types.ModuleType("matplotlib.pyplot"))
src = open(__file__.replace("fd_tr_lstm_tagger.py", "tr_lstm_tagger.py")).read()
ns = {}
exec(compile(src, "tr_lstm_tagger.py", "exec"), ns)
LSTMModel = ns["LSTMModel"]

PARAMS = ["Wi", "Ui", "bi", "Wf", "Uf", "bf", "Wo", "Uo", "bo", "Wc", "Uc", "bc"]


def make(seed, V=7, E=3, H=4, O=5):
    np.random.seed(seed)
    m = LSTMModel(V, E, H, O)
    m.Wy = np.random.randn(H, O) * 0.5      # larger output weights -> visible gradients
    m.by = np.random.randn(O) * 0.1
    for k in ["bi", "bf", "bo", "bc"]:
        setattr(m.lstm_cell, k, np.random.randn(H) * 0.1)
    return m


def loss_of(m, X, Y):
    return m.forward(X, Y)[1]


def numgrad(m, X, Y, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + eps; lp = loss_of(m, X, Y)
        arr[i] = old - eps; lm = loss_of(m, X, Y)
        arr[i] = old
        g[i] = (lp - lm) / (2 * eps)
    return g


def rel(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


def author_grads(m, X, Y):
    cell = m.lstm_cell
    cell.grads = {k: np.zeros_like(getattr(cell, k)) for k in PARAMS}
    m.forward(X, Y)
    m.backward(Y)
    g = {k: cell.grads[k].copy() for k in PARAMS}
    g["Wy"] = m.dWy.copy(); g["by"] = m.dby.copy(); g["E"] = m.embedding.grad_weights.copy()
    return g


def cache_restored_grads(m, X, Y):
    """Same per-step formulas (LSTMCell.backward, verbatim), but before each call the
    cell attributes are set to step t's forward values."""
    cell = m.lstm_cell
    cell.grads = {k: np.zeros_like(getattr(cell, k)) for k in PARAMS}
    B, T = X.shape
    embeds = m.embedding.forward(X)
    h = np.zeros((B, m.hidden_size)); c = np.zeros((B, m.hidden_size))
    caches = []
    for t in range(T):
        cell.forward(embeds[:, t, :], h, c)
        caches.append({k: getattr(cell, k) for k in ["x", "h_prev", "c_prev", "i_t", "f_t", "o_t", "c_tilde", "c_next", "h_next"]})
        h, c = cell.h_next, cell.c_next
    m.forward(X, Y)                      # to set probs / h_states exactly as the author
    dL = m.probs.copy()
    for b in range(B):
        for t in range(T):
            dL[b, t, Y[b, t]] -= 1
    dL /= (B * T)
    dWy = np.zeros_like(m.Wy); dby = np.zeros_like(m.by)
    dh_next = np.zeros((B, m.hidden_size)); dc_next = np.zeros((B, m.hidden_size))
    dembed = np.zeros((B, T, m.embedding.embedding_dim))
    for t in reversed(range(T)):
        dy = dL[:, t, :]
        dh = dy @ m.Wy.T + dh_next
        dWy += m.h_states[t + 1].T @ dy; dby += dy.sum(0)
        for k, v in caches[t].items():
            setattr(cell, k, v)
        dx, dh_next, dc_next = cell.backward(dh, dc_next)
        dembed[:, t, :] = dx
    m.embedding.backward(dembed)
    g = {k: cell.grads[k].copy() for k in PARAMS}
    g["Wy"] = dWy; g["by"] = dby; g["E"] = m.embedding.grad_weights.copy()
    return g


def fd_all(m, X, Y):
    cell = m.lstm_cell
    out = {k: numgrad(m, X, Y, getattr(cell, k)) for k in PARAMS}
    out["Wy"] = numgrad(m, X, Y, m.Wy); out["by"] = numgrad(m, X, Y, m.by)
    out["E"] = numgrad(m, X, Y, m.embedding.weights)
    return out


for T in (1, 4):
    m = make(0)
    rng = np.random.default_rng(1)
    X = rng.integers(0, 7, size=(2, T)); Y = rng.integers(0, 5, size=(2, T))
    fd = fd_all(m, X, Y)
    ga = author_grads(m, X, Y)
    gc = cache_restored_grads(m, X, Y)
    print(f"=== T = {T} (batch 2) ===")
    print(f"{'param':6s} {'author (line 340 as written)':>30s} {'per-step formulas, cache restored':>36s}")
    for k in PARAMS + ["Wy", "by", "E"]:
        ra, rc = rel(ga[k], fd[k]), rel(gc[k], fd[k])
        print(f"{k:6s} {ra:14.2e} {'OK' if ra < 1e-5 else 'MISMATCH':>15s} {rc:20.2e} {'OK' if rc < 1e-5 else 'MISMATCH':>15s}")

print("""
Reading: with T = 1 the author's backward agrees with finite differences everywhere
(lines 154-207 and 309-337 are right).  With T = 4 the author's gradients for every
LSTM parameter and the embedding disagree, while the very same LSTMCell.backward
formulas agree once each call sees its own step's cache: the fault is line 340,
which calls lstm_cell.backward for every t although the cell only holds the
attributes of its last forward call (t = T-1).  Wy/by (line 336-337) stay right.""")
