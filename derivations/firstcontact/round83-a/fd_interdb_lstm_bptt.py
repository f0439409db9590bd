# FD check of interdb.jp 8.2 (LSTM local derivatives of the align block, line 25), numpy only.
# Forward as used inside the derivatives (column vectors):
#   o = sigma(W_o x + U_o h_prev + b_o), C = f * C_prev + i * C~, h = o * tanh(C)
#   (f, i, C~ are the usual sigmoid/sigmoid/tanh gates with their own W_*, U_*, b_*).
# Each "local derivative" is tested the way the author uses it in the backward graph:
# upstream gradient times the local factor, with {}^t v = v^T and {}^t U_o = U_o^T applied to the upstream vector.
import numpy as np
rng = np.random.default_rng(1)
nx, nh = 3, 4
sig = lambda a: 1 / (1 + np.exp(-a)); dsig = lambda a: sig(a) * (1 - sig(a))
P = {k: rng.normal(size=(nh, nx)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P.update({k: rng.normal(size=(nh, nh)) for k in ['Uf', 'Ui', 'Uc', 'Uo']})
P.update({k: rng.normal(size=(nh, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
x = rng.normal(size=(nx, 1)); hp = rng.normal(size=(nh, 1)); Cp = rng.normal(size=(nh, 1))
a = rng.normal(size=(nh, 1))          # L = a . h  (so dL/dh = a, the upstream gradient)

def step(P, x, hp, Cp, hp_o=None, C_override=None, o_override=None):
    hpo = hp if hp_o is None else hp_o          # h_prev as seen by the o gate only
    f = sig(P['Wf'] @ x + P['Uf'] @ hp + P['bf']); i = sig(P['Wi'] @ x + P['Ui'] @ hp + P['bi'])
    Ct = np.tanh(P['Wc'] @ x + P['Uc'] @ hp + P['bc'])
    zo = P['Wo'] @ x + P['Uo'] @ hpo + P['bo']; o = sig(zo) if o_override is None else o_override
    C = f * Cp + i * Ct if C_override is None else C_override
    return o * np.tanh(C), dict(o=o, zo=zo, C=C)

L = lambda h: float(np.sum(a * h))
h, c = step(P, x, hp, Cp)
eps = 1e-6
def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return g

do = a * np.tanh(c['C'])                                   # dh/do = tanh(C)
print("row25 r1 dh/do = tanh(C):", np.allclose(do, fd(lambda e: L(step(P, x, hp, Cp, o_override=c['o'] + e)[0]), (nh, 1)), atol=1e-6))
dzo = do * dsig(c['zo'])
def pert(k):
    def fun(e):
        Q = dict(P); Q[k] = P[k] + e; return L(step(Q, x, hp, Cp)[0])
    return fun
print("row25 r2 do/dW_o = sigma'(.) ^t x  -> dL/dW_o = (dL/do*sigma') x^T:", np.allclose(dzo @ x.T, fd(pert('Wo'), (nh, nx)), atol=1e-6))
print("row25 r3 do/dU_o = sigma'(.) ^t h  -> dL/dU_o = (dL/do*sigma') h^T:", np.allclose(dzo @ hp.T, fd(pert('Uo'), (nh, nh)), atol=1e-6))
print("row25 r4 do/db_o = sigma'(.)       -> dL/db_o = dL/do*sigma'     :", np.allclose(dzo, fd(pert('bo'), (nh, 1)), atol=1e-6))
fd_hp_o = fd(lambda e: L(step(P, x, hp, Cp, hp_o=hp + e)[0]), (nh, 1))
print("row25 r5 do/dh_prev = sigma'(.) ^t U_o -> U_o^T (dL/do*sigma'):", np.allclose(P['Uo'].T @ dzo, fd_hp_o, atol=1e-6),
      "| (for the record) U_o (not transposed):", np.allclose(P['Uo'] @ dzo, fd_hp_o, atol=1e-6))
dC = a * c['o'] * (1 - np.tanh(c['C']) ** 2)
print("row25 r6 dh/dC = o * tanh'(C):", np.allclose(dC, fd(lambda e: L(step(P, x, hp, Cp, C_override=c['C'] + e)[0]), (nh, 1)), atol=1e-6))
print("row25 r7 dC/di: truncated in the stored copy, not checked")
