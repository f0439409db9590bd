# Finite-difference check of minchar_lstm_lossfun.py (numpy only, Python 3 translation of the author's lossFun).
import numpy as np
rng = np.random.default_rng(2)
V, H, T = 5, 3, 4
Wxh = rng.normal(size=(4*H, V)) * 0.5; Whh = rng.normal(size=(4*H, H)) * 0.5; Why = rng.normal(size=(V, H)) * 0.5
bh = rng.normal(size=(4*H, 1)) * 0.3; by = rng.normal(size=(V, 1)) * 0.3
inputs = list(rng.integers(0, V, size=T)); targets = list(rng.integers(0, V, size=T))
h0 = rng.normal(size=(H, 1)) * 0.5; c0 = rng.normal(size=(H, 1)) * 0.5
sigmoid = lambda x: 1 / (1 + np.exp(-x))   # same function as the author's stable version (lines 27-34)

def fwd(Wxh, Whh, Why, bh, by, keep=False):
    xs, hs, cs, ps, G = {}, {-1: h0.copy()}, {-1: c0.copy()}, {}, {}
    loss = 0
    for t in range(T):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
        a = Wxh @ xs[t] + Whh @ hs[t-1] + bh                       # line 51
        ai, af, ao, ag = a[0:H], a[H:2*H], a[2*H:3*H], a[3*H:4*H]    # line 53
        i, f, o, g = sigmoid(ai), sigmoid(af), sigmoid(ao), np.tanh(ag)
        cs[t] = f * cs[t-1] + i * g; hs[t] = o * np.tanh(cs[t])
        ys = Why @ hs[t] + by; ps[t] = np.exp(ys) / np.sum(np.exp(ys))
        loss += -np.log(ps[t][targets[t], 0])
        G[t] = dict(ai=ai, af=af, ao=ao, ag=ag, i=i, f=f, o=o, g=g)
    return loss, xs, hs, cs, ps, G

def author(Wxh, Whh, Why, bh, by):
    loss, xs, hs, cs, ps, G = fwd(Wxh, Whh, Why, bh, by)
    last = G[T-1]; ai, af, ao, ag, i, f, o, g = (last[k] for k in ['ai', 'af', 'ao', 'ag', 'i', 'f', 'o', 'g'])  # loop variables left by the forward loop
    dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    dbh, dby = np.zeros_like(bh), np.zeros_like(by)
    dnext_h = np.zeros_like(hs[0]); dnext_c = np.zeros_like(cs[0]); rec = {}
    for t in reversed(range(T)):
        dy = np.copy(ps[t]); dy[targets[t]] -= 1
        dWhy += dy @ hs[t].T; dby += dy
        dh = Why.T @ dy + dnext_h
        do = dnext_h * np.tanh(cs[t])
        dnext_c += dnext_h * o * (1 - np.tanh(cs[t])**2)
        df = dnext_c * cs[t-1]; dprev_c = dnext_c * f; di = dnext_c * g; dg = dnext_c * i
        dai = di * (sigmoid(ai) * (1 - sigmoid(ai))); daf = df * (sigmoid(af) * (1 - sigmoid(af)))
        dao = do * (sigmoid(ao) * (1 - sigmoid(ao))); dag = dg * (1 - np.tanh(ag)**2)
        da = np.hstack((dai.T, daf.T, dao.T, dag.T))
        dx = da.dot(Wxh); dWxh += da.T @ xs[t].T; dprev_h = Whh.T @ da.T
        dWhh += da.T @ hs[t-1].T; dbh += da.T
        rec[t] = dict(dh=dh, do=do.copy(), dnext_c=dnext_c.copy(), da=da.copy())
    return dict(Wxh=dWxh, Whh=dWhh, Why=dWhy, bh=dbh, by=dby), rec   # np.clip(-5,5) not applied: no entry exceeds 5 here

def reference(Wxh, Whh, Why, bh, by):  # correct BPTT of the same forward
    loss, xs, hs, cs, ps, G = fwd(Wxh, Whh, Why, bh, by)
    D = dict(Wxh=np.zeros_like(Wxh), Whh=np.zeros_like(Whh), Why=np.zeros_like(Why), bh=np.zeros_like(bh), by=np.zeros_like(by))
    dhn = np.zeros((H, 1)); dcn = np.zeros((H, 1)); rec = {}
    for t in reversed(range(T)):
        gt = G[t]; dy = ps[t].copy(); dy[targets[t]] -= 1
        D['Why'] += dy @ hs[t].T; D['by'] += dy
        dh = Why.T @ dy + dhn
        do = dh * np.tanh(cs[t]); dc = dcn + dh * gt['o'] * (1 - np.tanh(cs[t])**2)
        df = dc * cs[t-1]; di = dc * gt['g']; dg = dc * gt['i']
        da = np.vstack((di * gt['i'] * (1 - gt['i']), df * gt['f'] * (1 - gt['f']), do * gt['o'] * (1 - gt['o']), dg * (1 - gt['g']**2)))
        D['Wxh'] += da @ xs[t].T; D['Whh'] += da @ hs[t-1].T; D['bh'] += da
        dhn = Whh.T @ da; dcn = dc * gt['f']
        rec[t] = dict(dh=dh, do=do, dc=dc, da=da.T)
    return D, rec

P = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)
def num():
    N = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            Pp = {kk: vv.copy() for kk, vv in P.items()}; Pm = {kk: vv.copy() for kk, vv in P.items()}
            Pp[k][idx] += 1e-6; Pm[k][idx] -= 1e-6
            g[idx] = (fwd(**Pp)[0] - fwd(**Pm)[0]) / 2e-6
        N[k] = g
    return N
N = num(); A, ra = author(**P); R, rr = reference(**P)
print("sanity: reference BPTT vs finite differences")
for k in P: print(f"  {k:3s} max err {np.abs(R[k] - N[k]).max():.2e} ->", "AGREE" if np.abs(R[k] - N[k]).max() < 1e-6 else "DISAGREE")
print("author's lossFun gradients vs finite differences (lines 72-73, 87, 91-92 accumulate)")
for k in P: print(f"  {k:3s} max err {np.abs(A[k] - N[k]).max():.2e} ->", "AGREE" if np.abs(A[k] - N[k]).max() < 1e-6 else "DISAGREE",
                  "(author's entries all zero)" if np.all(A[k] == 0) else "")
print("per-line quantities, author vs correct value at each step t:")
for t in reversed(range(T)):
    print(f"  t={t}: line 74 dh err {np.abs(ra[t]['dh'] - rr[t]['dh']).max():.2e} | line 75 do err {np.abs(ra[t]['do'] - rr[t]['do']).max():.2e}"
          f" | line 76 dnext_c vs dc err {np.abs(ra[t]['dnext_c'] - rr[t]['dc']).max():.2e} | line 85 da err {np.abs(ra[t]['da'] - rr[t]['da']).max():.2e}")
# Lines 78-84 use the gates of the LAST forward step (loop variables), show they differ from step-t gates
_, _, _, _, _, G = fwd(**P)
for t in range(T - 1):
    print(f"  stale gates at t={t}: |f_(T-1) - f_t| max {np.abs(G[T-1]['f'] - G[t]['f']).max():.2e}, |o_(T-1) - o_t| max {np.abs(G[T-1]['o'] - G[t]['o']).max():.2e} -> lines 76, 78-84 use the wrong step's gates (DISAGREE)")
# Local formulas of lines 77, 85-88, 91-92 with correct inputs (the reference uses exactly these forms):
print("lines 77, 85, 86, 87, 88, 91, 92 as local formulas are the ones used in the reference BPTT above, which AGREES with finite differences")
