"""FD check of khanhngoo_lstm_highways.md (Obsidian LSTM note).  Column vectors, q_t = [h_{t-1}; x_t],
z_{G,t} = W_G q_t + b_G, * element-wise.  Loss: L = sum_t 1/2 ||y_t - yhat_t||^2, yhat_t = W_hy h_t + b_hy.
delta h_t, delta C_t = total gradients; delta G_t = gradient w.r.t. the pre-activation z_{G,t}."""
import numpy as np
rng = np.random.default_rng(2)
H, D, K, T = 3, 2, 2, 4
W = {g: rng.normal(0, .6, (H, H + D)) for g in "fiCo"}; b = {g: rng.normal(0, .3, H) for g in "fiCo"}
Why, bhy = rng.normal(0, .6, (K, H)), rng.normal(0, .3, K)
X = rng.normal(size=(T, D)); Y = rng.normal(size=(T, K)); h0 = rng.normal(0, .5, H); C0 = rng.normal(0, .5, H)
sig = lambda v: 1 / (1 + np.exp(-v))

def run(p={}, Wd=None):
    """p: ('h',t) add to h_t everywhere; ('hout',t) h_t in the output head only; ('hgate',t) h_t in
    step t+1's gates only; ('C',t) C_t everywhere; ('Cnext',t) C_t only where it enters C_{t+1};
    ('z',g,t) pre-activation; ('q',t) add to q_t in step t's gates.  Wd=(g,dW) all steps."""
    h, C = h0.copy(), C0.copy(); L = 0; cache = []
    for t in range(T):
        hg = h + p.get(('hgate', t - 1), 0)
        q = np.concatenate([hg, X[t]]) + p.get(('q', t), 0); z = {}; G = {}
        for g in "fiCo":
            Wg = W[g] + (Wd[1] if Wd and Wd[0] == g else 0)
            z[g] = Wg @ q + b[g] + p.get(('z', g, t), 0)
            G[g] = np.tanh(z[g]) if g == 'C' else sig(z[g])
        Cn = G['f'] * C + G['i'] * G['C'] + p.get(('C', t), 0)
        hn = G['o'] * np.tanh(Cn) + p.get(('h', t), 0)
        yh = Why @ (hn + p.get(('hout', t), 0)) + bhy
        L += 0.5 * np.sum((Y[t] - yh) ** 2)
        cache.append(dict(q=q, z=z, G=G, C=Cn, Cprev=C, h=hn, yh=yh))
        h, C = hn, Cn + p.get(('Cnext', t), 0)
    return L, cache
def fd(key, n, eps=1e-6):
    g = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps; g[i] = (run({key: e})[0] - run({key: -e})[0]) / (2 * eps)
    return g
chk = lambda s, A, B: print(f"{s:64s} maxerr={np.max(np.abs(np.asarray(A) - np.asarray(B))):.2e}")
L, c = run(); t = 1
dh = {tt: fd(('h', tt), H) for tt in range(T)}; dC = {tt: fd(('C', tt), H) for tt in range(T)}
local_h = Why.T @ (c[t]['yh'] - Y[t])
chk("line 98 local dL/dh_t = W_hy^T (yhat - y) (output head only)", local_h, fd(('hout', t), H))
th = np.tanh(c[t]['C'])
chk("line 99 dL/dC_t := o*(1-tanh^2) vs total dL/dC_t (should differ)", c[t]['G']['o'] * (1 - th ** 2), dC[t])
chk("line 99 ... vs local dL/dC_t = dh_t*o*(1-tanh^2) (should differ)", c[t]['G']['o'] * (1 - th ** 2), dh[t] * c[t]['G']['o'] * (1 - th ** 2))
fut_h = fd(('hgate', t), H)
chk("lines 77/107 delta h_t = local + delta h_next", local_h + fut_h, dh[t])
dz_next = {g: fd(('z', g, t + 1), H) for g in "fiCo"}
chk("line 115 future error h_t = sum_G W_{G,h}^T delta G_{t+1} (column form)", sum(W[g][:, :H].T @ dz_next[g] for g in "fiCo"), fut_h)
chk("line 114 dL/dC_{t+1} * f_{t+1} = C_t's path into C_{t+1}", dC[t + 1] * c[t + 1]['G']['f'], fd(('Cnext', t), H))
loc_C = dh[t] * c[t]['G']['o'] * (1 - th ** 2)
chk("line 108 delta C_t = dh*o*(1-tanh^2) + dC_{t+1}*f_{t+1}", loc_C + dC[t + 1] * c[t + 1]['G']['f'], dC[t])
chk("line 76 delta C_t = local + dC_{t+1}*f_t (should differ)", loc_C + dC[t + 1] * c[t]['G']['f'], dC[t])
G = c[t]['G']; dG = {'o': dh[t] * th * G['o'] * (1 - G['o']), 'f': dC[t] * c[t]['Cprev'] * G['f'] * (1 - G['f']),
                     'i': dC[t] * G['C'] * G['i'] * (1 - G['i']), 'C': dC[t] * G['i'] * (1 - G['C'] ** 2)}
for g in "ofiC":
    chk(f"lines 123/125 delta {g}_t (pre-activation)", dG[g], fd(('z', g, t), H))
chk("lines 142/150 sum_G W_G^T delta G_t = dL/dq_t (step t gates)", sum(W[g].T @ dG[g] for g in "fiCo"), fd(('q', t), H + D))
# line 131: dW_G = sum_t delta G_t q_t^T
for g in "fiCo":
    an = np.zeros((H, H + D))
    for tt in range(T):
        Gt = c[tt]['G']; tht = np.tanh(c[tt]['C'])
        d = {'o': dh[tt] * tht * Gt['o'] * (1 - Gt['o']), 'f': dC[tt] * c[tt]['Cprev'] * Gt['f'] * (1 - Gt['f']),
             'i': dC[tt] * Gt['C'] * Gt['i'] * (1 - Gt['i']), 'C': dC[tt] * Gt['i'] * (1 - Gt['C'] ** 2)}[g]
        an += np.outer(d, c[tt]['q'])
    num = np.zeros((H, H + D))
    for idx in np.ndindex(H, H + D):
        E = np.zeros((H, H + D)); E[idx] = 1e-6
        num[idx] = (run(Wd=(g, E))[0] - run(Wd=(g, -E))[0]) / 2e-6
    chk(f"line 131 dW_{g} = sum_t delta {g}_t q_t^T", an, num)
print("line 115 as written: delta G_{t+1} (H x 1) . W_{G,h} (H x H) -> column left of a matrix, ill-typed in the note's column layout")
