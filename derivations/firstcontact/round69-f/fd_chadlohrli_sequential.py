# Finite-difference check of chadlohrli_sequential.py (numpy only).
# The verbatim transcription is exec'd (with sequtils' sigmoid/softmax supplied), so the
# author's backward formulas are evaluated exactly as written.
import sys, types, os, copy
import numpy as np

def sigmoid(x, deriv=False):
    sigm = 1. / (1. + np.exp(-x))
    if deriv:
        return sigm * (1. - sigm)
    return sigm
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)
mod = types.ModuleType("sequtils"); mod.sigmoid = sigmoid; mod.softmax = softmax; mod.np = np
mod.__all__ = ["sigmoid", "softmax", "np"]
sys.modules["sequtils"] = mod
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chadlohrli_sequential.py")).read()
ns = {}; exec(compile(src, "chadlohrli_sequential.py", "exec"), ns)
RNN, LSTM, GRU = ns["RNN"], ns["LSTM"], ns["GRU"]

rng = np.random.default_rng(0)
V, H, eps = 5, 4, 1e-6
X = [None, 2, 0, 3]; Y = [2, 0, 3, 1]

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def report(name, got, want):
    r = rel(got, want); print(f"{'AGREE' if r < 1e-5 else 'DISAGREE':9s} {name:50s} rel.err={r:.2e}")

def fd_param(lossf, params, key):
    g = np.zeros_like(params[key])
    for idx in np.ndindex(params[key].shape):
        p = copy.deepcopy(params); p[key][idx] += eps; lp = lossf(p)
        p = copy.deepcopy(params); p[key][idx] -= eps; lm = lossf(p)
        g[idx] = (lp - lm) / (2 * eps)
    return g
def fd_vec(f, v):
    g = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        vp = v.copy(); vp[idx] += eps; vm = v.copy(); vm[idx] -= eps
        g[idx] = (f(vp) - f(vm)) / (2 * eps)
    return g

# ---------------- RNN ----------------
print("== RNN (lines 25-26 forward, 55-62 step backward, 81-84 BPTT) ==")
m = RNN(); m.vocab_size = V
P = {"Wax": rng.normal(size=(H, V)), "Waa": rng.normal(size=(H, H)) * .5, "Wya": rng.normal(size=(V, H)),
     "b": rng.normal(size=(H, 1)), "by": rng.normal(size=(V, 1))}
a0 = rng.normal(size=(H, 1)) * .5
loss, cache = m.rnn_forward(X, Y, a0, P)
gr, _ = m.rnn_backward(X, Y, P, cache)
for k in ["Wax", "Waa", "Wya", "b", "by"]:
    report("d" + k + " (T=4)", gr["d" + k], fd_param(lambda p: m.rnn_forward(X, Y, a0, p)[0], P, k))
report("da_next after t=0 vs dL/da0 (line 62)", gr["da_next"], fd_vec(lambda v: m.rnn_forward(X, Y, v, P)[0], a0))

# ---------------- LSTM ----------------
print("== LSTM (lines 120-127 forward, 164-192 cell backward, 232-236 BPTT) ==")
m = LSTM(); m.vocab_size = V
P = {k: rng.normal(size=(H, H + V)) * .7 for k in ["Wf", "Wi", "Wc", "Wo"]}
P.update({k: rng.normal(size=(H, 1)) * .5 for k in ["bf", "bi", "bc", "bo"]})
P["Wy"] = rng.normal(size=(V, H)); P["by"] = rng.normal(size=(V, 1))
a0 = rng.normal(size=(H, 1)) * .5; c0 = rng.normal(size=(H, 1)) * .5
keys = ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo", "Wy", "by"]
# (a) one time step: per-step formulas and the messages passed to t-1
X1, Y1 = [1], [3]
loss, cache = m.lstm_forward(X1, Y1, a0, c0, P)
gr, _, _ = m.lstm_backward(X1, Y1, P, cache)
for k in keys:
    report("d" + k + " (T=1, lines 164-183)", gr["d" + k], fd_param(lambda p: m.lstm_forward(X1, Y1, a0, c0, p)[0], P, k))
report("gradients['da_next'] (line 186) vs dL/da_prev", gr["da_next"], fd_vec(lambda v: m.lstm_forward(X1, Y1, v, c0, P)[0], a0))
report("gradients['dc_next'] (line 189) vs dL/dc_prev", gr["dc_next"], fd_vec(lambda v: m.lstm_forward(X1, Y1, a0, v, P)[0], c0))
x1 = cache[0][0]
def loss_x(v):
    _, _, yp, *_ = m.lstm_step_forward(v, a0, c0, P); return -np.log(yp[Y1[0], 0])
report("gradients['dxt'] (line 191) vs dL/dx_t", gr["dxt"], fd_vec(loss_x, x1))
# what line 186 would give with all four terms (i.e. if line 187 were part of the expression)
(xx, yh, a, ap, c, cp, ft, it, cct, ot) = (cache[0][0], cache[1][0], cache[2][0], cache[2][-1], cache[3][0], cache[3][-1],
                                          cache[4][0], cache[5][0], cache[6][0], cache[7][0])
dy = yh.copy(); dy[Y1[0]] -= 1
da = P["Wy"].T @ dy; dct = da * ot * (1 - np.tanh(c) ** 2)
dft = dct * cp * ft * (1 - ft); dit = dct * cct * it * (1 - it); dcct = dct * it * (1 - cct ** 2); dot_ = da * np.tanh(c) * ot * (1 - ot)
full = sum(P[W][:, :H].T @ d for W, d in [("Wf", dft), ("Wc", dcct), ("Wi", dit), ("Wo", dot_)])
report("  four-term da_prev (lines 186+187 joined) vs FD", full, fd_vec(lambda v: m.lstm_forward(X1, Y1, v, c0, P)[0], a0))
# (b) whole sequence: the missing terms corrupt every earlier step
loss, cache = m.lstm_forward(X, Y, a0, c0, P)
gr, _, _ = m.lstm_backward(X, Y, P, cache)
for k in ["Wf", "Wi", "Wo", "Wy"]:
    report("d" + k + " (T=4, as published)", gr["d" + k], fd_param(lambda p: m.lstm_forward(X, Y, a0, c0, p)[0], P, k))
fixed = src.replace("np.dot(parameters['Wc'][:, :n_a].T, dcct) \n        + np.dot(parameters['Wi'][:, :n_a].T, dit)",
                    "np.dot(parameters['Wc'][:, :n_a].T, dcct) \\\n        + np.dot(parameters['Wi'][:, :n_a].T, dit)")
assert fixed != src
ns2 = {}; exec(compile(fixed, "fixed", "exec"), ns2); m2 = ns2["LSTM"](); m2.vocab_size = V
gr2, _, _ = m2.lstm_backward(X, Y, P, m2.lstm_forward(X, Y, a0, c0, P)[1])
for k in ["Wf", "Wi", "Wo", "Wy"]:
    report("  d" + k + " (T=4, line 186 with a line continuation)", gr2["d" + k], fd_param(lambda p: m.lstm_forward(X, Y, a0, c0, p)[0], P, k))

# ---------------- GRU ----------------
print("== GRU (lines 278-286 forward, 321-349 cell backward, 383-387 BPTT) ==")
m = GRU(); m.vocab_size = V
P = {k: rng.normal(size=(H, H + V)) * .7 for k in ["Wz", "Wr", "Wch"]}
P.update({k: rng.normal(size=(H, 1)) * .5 for k in ["bz", "br", "bch"]})
P["Wy"] = rng.normal(size=(V, H)); P["by"] = rng.normal(size=(V, 1))
c0 = rng.normal(size=(H, 1)) * .5
loss, cache = m.gru_forward(X, Y, c0, P)
gr, _ = m.gru_backward(X, Y, P, cache)
for k in ["Wz", "Wr", "Wch", "bz", "br", "bch", "Wy", "by"]:
    report("d" + k + " (T=4)", gr["d" + k], fd_param(lambda p: m.gru_forward(X, Y, c0, p)[0], P, k))
report("dc_next after t=0 vs dL/dc0 (line 349)", gr["dc_next"], fd_vec(lambda v: m.gru_forward(X, Y, v, P)[0], c0))
