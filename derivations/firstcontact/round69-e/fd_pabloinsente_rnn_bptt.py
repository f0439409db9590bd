# Finite-difference check of pabloinsente_rnn_bptt.md (LSTM forward functions, RNN BPTT sketch). numpy only.
import numpy as np
rng = np.random.default_rng(1)
d, h, K, T = 3, 4, 3, 3
res = {}
def report(line, ok, msg=""):
    res[line] = bool(ok); print(f"line {line}: {'AGREES' if ok else 'DISAGREES'} {msg}")
sig = lambda z: 1/(1+np.exp(-z))

# ---------- LSTM forward (lines 38, 50, 56, 66, 74, 80, 88): check the expansion line 80 equals line 74 built from 38/50/56
W = {k: rng.normal(size=(h, d)) for k in ('xf','xi','xc','xo')}
W.update({k: rng.normal(size=(h, h)) for k in ('hf','hi','hc','ho')})
b = {k: rng.normal(size=h) for k in 'fico'}
x, hp, cp = rng.normal(size=d), rng.normal(size=h), rng.normal(size=h)
f = sig(W['xf']@x + W['hf']@hp + b['f'])           # 38
i = sig(W['xi']@x + W['hi']@hp + b['i'])           # 50
ct = np.tanh(W['xc']@x + W['hc']@hp + b['c'])      # 56
o = sig(W['xo']@x + W['ho']@hp + b['o'])           # 66
c = cp*f + i*ct                                    # 74
c80 = (cp*sig(W['xf']@x + W['hf']@hp + b['f'])) + (sig(W['xi']@x + W['hi']@hp + b['i'])*np.tanh(W['xc']@x + W['hc']@hp + b['c']))
hnew = o*np.tanh(c)                                # 88 (O_t read as o_t)
for l in (38, 50, 56, 66, 74, 88): report(l, True, "forward definition")
report(80, np.allclose(c, c80), "expansion of c_t equals (74) with (38),(50),(56) substituted")

# ---------- softmax / cross-entropy (lines 97-98, 109)
z = rng.normal(size=K); p = np.exp(z)/np.exp(z).sum()
report(97, True, "z_t = W_hz h_t + b_z definition"); report(98, np.isclose(p.sum(), 1.0), "softmax normalises")
report(109, True, "cross-entropy definition")

# ---------- simple RNN (lines 128-129) and BPTT sketch
Wxh, Whh, Whz = rng.normal(size=(h, d))*0.7, rng.normal(size=(h, h))*0.7, rng.normal(size=(K, h))
bh, bz = rng.normal(size=h)*0.1, rng.normal(size=K)*0.1
xs = [None] + [rng.normal(size=d) for _ in range(T)]
ys = [None] + [np.eye(K)[rng.integers(K)] for _ in range(T)]
h0 = rng.normal(size=h)*0.3
act = np.tanh   # generic sigma of line 129 taken as tanh
def fwd(Wxh, Whh, Whz, bh, bz):
    hs, zs = [h0], [None]
    for t in range(1, T+1):
        hs.append(act(Whh@hs[-1] + Wxh@xs[t] + bh)); zs.append(Whz@hs[-1] + bz)
    return hs, zs
def Et(t, *P):
    hs, zs = fwd(*P); q = np.exp(zs[t]-zs[t].max()); q /= q.sum()
    return -np.sum(ys[t]*np.log(q))
E = lambda *P: sum(Et(t, *P) for t in range(1, T+1))
P0 = [Wxh, Whh, Whz, bh, bz]
def fd(fun, k, eps=1e-6):
    Wt = P0[k]; G = np.zeros_like(Wt)
    for idx in np.ndindex(Wt.shape):
        Pp = [q.copy() for q in P0]; Pp[k][idx] += eps
        Pm = [q.copy() for q in P0]; Pm[k][idx] -= eps
        G[idx] = (fun(*Pp) - fun(*Pm))/(2*eps)
    return G
for l in (128, 129): report(l, True, "forward definition")
hs, zs = fwd(*P0)
dz = {}
for t in range(1, T+1):
    q = np.exp(zs[t]-zs[t].max()); q /= q.sum(); dz[t] = q - ys[t]
# line 138: dE/dW_hz = sum_t dE/dz_t dz_t/dW_hz ; line 144 bias
report(138, np.allclose(sum(np.outer(dz[t], hs[t]) for t in range(1, T+1)), fd(E, 2), atol=1e-6), "dE/dW_hz summed over t")
report(144, np.allclose(sum(dz[t] for t in range(1, T+1)), fd(E, 4), atol=1e-6), "dE/db_z summed over t")
# E_3 terms
E3 = lambda *P: Et(3, *P)
dEdh3 = Whz.T @ dz[3]
dact = lambda t: 1 - hs[t]**2
def terms(kind, nterms):
    G = np.zeros_like({'Whh': Whh, 'bh': bh, 'Wxh': Wxh}[kind]); g = dEdh3.copy()
    for k in range(3, 3-nterms, -1):
        dpre = g*dact(k)
        G = G + (np.outer(dpre, hs[k-1]) if kind == 'Whh' else np.outer(dpre, xs[k]) if kind == 'Wxh' else dpre)
        g = Whh.T @ dpre
    return G
# line 158: one term with dh3/dW_hh read as the TOTAL derivative -> equals FD
eps = 1e-6; J = np.zeros((h,) + Whh.shape)
for idx in np.ndindex(Whh.shape):
    Pp = [q.copy() for q in P0]; Pp[1][idx] += eps; Pm = [q.copy() for q in P0]; Pm[1][idx] -= eps
    J[(slice(None),)+idx] = (fwd(*Pp)[0][3] - fwd(*Pm)[0][3])/(2*eps)
g158 = np.tensordot(dEdh3, J, axes=(0, 0))
report(158, np.allclose(g158, fd(E3, 1), atol=1e-6), "dE3/dW_hh with dh3/dW_hh total derivative")
# with dh3/dW_hh read as the immediate partial only, it is the incomplete first term:
print("  (immediate-only reading of line 158 differs from FD by", np.abs(terms('Whh', 1)-fd(E3, 1)).max(), ")")
# line 167: two terms, second factor dh2/dW_hh total
J2 = np.zeros((h,) + Whh.shape)
for idx in np.ndindex(Whh.shape):
    Pp = [q.copy() for q in P0]; Pp[1][idx] += eps; Pm = [q.copy() for q in P0]; Pm[1][idx] -= eps
    J2[(slice(None),)+idx] = (fwd(*Pp)[0][2] - fwd(*Pm)[0][2])/(2*eps)
g167 = terms('Whh', 1) + np.tensordot(Whh.T @ (dEdh3*dact(3)), J2, axes=(0, 0))
report(167, np.allclose(g167, fd(E3, 1), atol=1e-6), "dE3/dW_hh, immediate + via h2 (dh2/dW_hh total)")
report(180, np.allclose(terms('Whh', 3), fd(E3, 1), atol=1e-6), "dE3/dW_hh, three immediate terms")
report(198, np.allclose(terms('bh', 3), fd(E3, 3), atol=1e-6), "dE3/db_h, three terms")
report(216, np.allclose(terms('Wxh', 3), fd(E3, 0), atol=1e-6), "dE3/dW_xh, three terms")
print("summary:", res)
