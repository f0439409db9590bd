"""Finite-difference check of zh_fengdu78_ng_lstm_backward.md (fengdu78/deeplearning_ai_books, lesson5-week1.md).
numpy only, float64. One LSTM cell step in deeplearning.ai notation (column vectors, batch m as columns):
  z_* = W_*[a_prev; x] + b_*,  Gf = s(z_f), Gu = s(z_u), Go = s(z_o), cct = tanh(z_c)
  c_next = Gf*c_prev + Gu*cct,  a_next = Go*tanh(c_next)   (the form used by the backward block)
Loss: L = sum(da_next * a_next) + sum(dc_next * c_next) with fixed random da_next, dc_next, so dL/da_next = da_next and
dL/dc_next (from the future) = dc_next, exactly the inputs of the assignment's lstm_cell_backward.
'dGamma' in the note = gradient w.r.t. the gate PRE-activation z (assignment convention)."""
import json, os, sys
import numpy as np

rng = np.random.default_rng(5610)
na, nx, m = 3, 2, 2
W = {k: rng.normal(scale=0.8, size=(na, na + nx)) for k in "fuco"}
b = {k: rng.normal(scale=0.3, size=(na, 1)) for k in "fuco"}
a_prev = rng.normal(size=(na, m)); c_prev = rng.normal(size=(na, m)); x = rng.normal(size=(nx, m))
da_next = rng.normal(size=(na, m)); dc_next = rng.normal(size=(na, m))
sig = lambda z: 1 / (1 + np.exp(-z))


def cell(W, b, a_prev, c_prev, x, zpert=None, out_tanh=True):
    zpert = zpert or {}
    ax = np.vstack([a_prev, x])
    z = {k: W[k] @ ax + b[k] + zpert.get(k, 0.0) for k in "fuco"}
    Gf, Gu, Go, cct = sig(z["f"]), sig(z["u"]), sig(z["o"]), np.tanh(z["c"])
    c_next = Gf * c_prev + Gu * cct
    a_next = Go * (np.tanh(c_next) if out_tanh else c_next)
    L = np.sum(da_next * a_next) + np.sum(dc_next * c_next)
    return L, dict(Gf=Gf, Gu=Gu, Go=Go, cct=cct, c_next=c_next, a_next=a_next, ax=ax)


def fd(f, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (f(e) - f(-e)) / (2 * eps)
    return g


def rel(a, b):
    if a.shape != b.shape:
        return np.inf
    return float(np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12))


L0, v = cell(W, b, a_prev, c_prev, x)
Gf, Gu, Go, cct, cn = v["Gf"], v["Gu"], v["Go"], v["cct"], v["c_next"]
ax = v["ax"]
dz = {k: fd(lambda e, k=k: cell(W, b, a_prev, c_prev, x, zpert={k: e})[0], (na, m)) for k in "fuco"}
dW = {k: fd(lambda e, k=k: cell({**W, k: W[k] + e}, b, a_prev, c_prev, x)[0], W[k].shape) for k in "fuco"}
db = {k: fd(lambda e, k=k: cell(W, {**b, k: b[k] + e}, a_prev, c_prev, x)[0], b[k].shape) for k in "fuco"}
da_prev_fd = fd(lambda e: cell(W, b, a_prev + e, c_prev, x)[0], (na, m))
dc_prev_fd = fd(lambda e: cell(W, b, a_prev, c_prev + e, x)[0], (na, m))
dx_fd = fd(lambda e: cell(W, b, a_prev, c_prev, x + e)[0], (nx, m))

res, note = {}, {}
th = np.tanh(cn)
# (1) line 42
res[42] = rel(da_next * th * Go * (1 - Go), dz["o"])
# (2) line 44, as printed: dc_next*G_i + G_o(1-tanh^2(c_next)) * i_t * da_next * cct * (1-tanh(cct)^2), G_i = i_t = Gu
res[44] = rel(dc_next * Gu + Go * (1 - th ** 2) * Gu * da_next * cct * (1 - np.tanh(cct) ** 2), dz["c"])
note[44] = f"; correct form (dc_next*Gu + Go(1-tanh^2)Gu*da_next)*(1-cct^2) rel.err {rel((dc_next*Gu + Go*(1-th**2)*Gu*da_next)*(1-cct**2), dz['c']):.1e}"
# (3) line 46, as printed
res[46] = rel(dc_next * cct + Go * (1 - th ** 2) * cct * da_next * Gu * (1 - Gu), dz["u"])
note[46] = f"; parenthesised form rel.err {rel((dc_next + Go*(1-th**2)*da_next)*cct*Gu*(1-Gu), dz['u']):.1e}"
# (4) line 48, as printed, reading c~_prev charitably as c_prev (an actual previous candidate would be worse)
res[48] = rel(dc_next * c_prev + Go * (1 - th ** 2) * c_prev * da_next * Gf * (1 - Gf), dz["f"])
note[48] = f" (c~_prev read as c_prev; precedence error remains); parenthesised c_prev form rel.err {rel((dc_next + Go*(1-th**2)*da_next)*c_prev*Gf*(1-Gf), dz['f']):.1e}"
# (5)-(8) lines 52-55 with the true pre-activation gradients
for line, k in ((52, "f"), (53, "u"), (54, "c"), (55, "o")):
    res[line] = rel(dz[k] @ ax.T, dW[k])
# line 57: db = sum over the batch of dGamma
res[57] = max(rel(np.sum(dz[k], axis=1, keepdims=True), db[k]) for k in "fuco")
# (9) line 61: W^T dGamma summed (full W) vs da_prev
full = sum(W[k].T @ dz[k] for k in "fuco")
res[61] = rel(full, da_prev_fd)
note[61] = f" (printed result has shape {full.shape}, da_prev has {da_prev_fd.shape}); a-block W[:, :n_a]^T form rel.err {rel(sum(W[k][:, :na].T @ dz[k] for k in 'fuco'), da_prev_fd):.1e}"
# (10) line 63
res[63] = rel(dc_next * Gf + Go * (1 - th ** 2) * Gf * da_next, dc_prev_fd)
# (11) line 64
res[64] = rel(full, dx_fd)
note[64] = f" (printed result has shape {full.shape}, dx has {dx_fd.shape}); x-block W[:, n_a:]^T form rel.err {rel(sum(W[k][:, na:].T @ dz[k] for k in 'fuco'), dx_fd):.1e}"
# line 18: a<t> = Gamma_o * c<t>. Consistency with the backward block: with this forward, eq.(1) and eq.(10) no longer hold.
dzo_noT = fd(lambda e: cell(W, b, a_prev, c_prev, x, zpert={"o": e}, out_tanh=False)[0], (na, m))
dcp_noT = fd(lambda e: cell(W, b, a_prev, c_prev + e, x, out_tanh=False)[0], (na, m))
res[18] = max(rel(da_next * th * Go * (1 - Go), dzo_noT), rel(dc_next * Gf + Go * (1 - th ** 2) * Gf * da_next, dcp_noT))
note[18] = " (eq.(1)/(10) of the note evaluated against FD of the model with a = Gamma_o*c: inconsistent)"

here = os.path.dirname(os.path.abspath(__file__))
exp = json.load(open(os.path.join(here, "expected.json")))["zh_fengdu78_ng_lstm_backward.md"]
ok = True
for line in sorted(int(k) for k in exp):
    e = exp[str(line)]["expected"]
    if line in res:
        num = "pass" if res[line] < 1e-6 else "fail"
        msg = f"rel.err {res[line]:.2e}{note.get(line, '')}"
    elif line in (2, 8):
        num = "fail"; msg = "malformed formula as printed (unbalanced parenthesis / stray '>'): not numerically checkable; typo verdict"
    else:
        num = "pass"; msg = "forward definition used by the check"
    print(f"line {line}: expected {e}, numeric {num} ({msg})")
    ok &= (num == e)
sys.exit(0 if ok else 1)
