# FD checks for zh_genblog_lstm_future_trends_bptt.md
# Column vectors, concat v_t = [h_{t-1}; x_t] (h first, so W[:, :n_h] multiplies h_{t-1}),
# f,i,o = sigma(W v + b), C~ = tanh(W_C v + b_C), C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t).
# Loss: L = sum_t a_t.h_t + 0.5 sum_t |h_t|^2 (3 steps); rows are checked at the middle step t = 2.
# "*" between a gradient and [h_{t-1}, x_t]^T is read as the outer product; "dL/df_t * W_f[:, :n_h]" as the
# row-vector product (dL/df_t)^T W_f[:, :n_h]; "sum" in the bias rows as the sum over time steps.
import numpy as np
rng = np.random.default_rng(3)
nx, nh, S = 3, 2, 3
W = {g: rng.normal(size=(nh, nh + nx)) * 0.7 for g in 'fioC'}
B = {g: rng.normal(size=(nh, 1)) * 0.3 for g in 'fioC'}
X = [None] + [rng.normal(size=(nx, 1)) for _ in range(S)]
A = [None] + [rng.normal(size=(nh, 1)) for _ in range(S)]
h0 = rng.normal(size=(nh, 1)) * 0.5; C0 = rng.normal(size=(nh, 1)) * 0.5
sig = lambda z: 1 / (1 + np.exp(-z))
res = {}
def rep(line, ok): res[line] = res.get(line, True) and bool(ok)

def forward(pert=None, Wstep=None, W=W, B=B):
    """pert = (s, name, vec): add vec to f,i,o,Ct (gate values), C (C_s), h (h_s) or hprev (h_{s-1} as input of step s).
    Wstep = (s, gate, matrix): use a different W_gate at step s only."""
    h, C = h0, C0; L = 0.0; cache = [None]
    for s in range(1, S + 1):
        Q = lambda nm, v: v + pert[2] if (pert is not None and pert[0] == s and pert[1] == nm) else v
        hp = Q('hprev', h); v = np.vstack([hp, X[s]])
        Wg = lambda g: Wstep[2] if (Wstep is not None and Wstep[0] == s and Wstep[1] == g) else W[g]
        f = Q('f', sig(Wg('f') @ v + B['f'])); i = Q('i', sig(Wg('i') @ v + B['i']))
        Ct = Q('Ct', np.tanh(Wg('C') @ v + B['C'])); o = Q('o', sig(Wg('o') @ v + B['o']))
        Cp = C; C = Q('C', f * Cp + i * Ct); h = Q('h', o * np.tanh(C))
        L += (A[s].T @ h).item() + 0.5 * (h.T @ h).item()
        cache.append(dict(v=v, f=f, i=i, Ct=Ct, o=o, Cp=Cp, C=C, h=h))
    return L, cache
L0, K = forward()
eps = 1e-6
def fd(s, name):
    g = np.zeros((nh, 1))
    for a in range(nh):
        e = np.zeros((nh, 1)); e[a] = eps
        g[a] = (forward((s, name, e))[0] - forward((s, name, -e))[0]) / (2 * eps)
    return g
def fdW_step(s, gate):  # contribution of step s to dL/dW_gate
    G = np.zeros_like(W[gate])
    for idx in np.ndindex(G.shape):
        Mp = W[gate].copy(); Mp[idx] += eps; Mm = W[gate].copy(); Mm[idx] -= eps
        G[idx] = (forward(Wstep=(s, gate, Mp))[0] - forward(Wstep=(s, gate, Mm))[0]) / (2 * eps)
    return G
def fdB(gate):
    G = np.zeros_like(B[gate])
    for a in range(nh):
        Bp = {k: v.copy() for k, v in B.items()}; Bm = {k: v.copy() for k, v in B.items()}
        Bp[gate][a] += eps; Bm[gate][a] -= eps
        G[a] = (forward(B=Bp)[0] - forward(B=Bm)[0]) / (2 * eps)
    return G

s = 2; k = K[s]
# forward lines (3.1 and the 4.1 block)
ok_f = np.allclose(k['f'], sig(W['f'] @ k['v'] + B['f'])); ok_i = np.allclose(k['i'], sig(W['i'] @ k['v'] + B['i']))
ok_Ct = np.allclose(k['Ct'], np.tanh(W['C'] @ k['v'] + B['C'])); ok_C = np.allclose(k['C'], k['f'] * k['Cp'] + k['i'] * k['Ct'])
ok_o = np.allclose(k['o'], sig(W['o'] @ k['v'] + B['o'])); ok_h = np.allclose(k['h'], k['o'] * np.tanh(k['C']))
for ln, ok in ((14, ok_f), (22, ok_i), (23, ok_Ct), (31, ok_C), (37, ok_o), (38, ok_h),
               (92, ok_f), (93, ok_i), (94, ok_Ct), (95, ok_C), (96, ok_o), (97, ok_h)):
    rep(ln, ok)
dh = fd(s, 'h'); dC = fd(s, 'C'); dC_next = fd(s + 1, 'C')
do = dh * np.tanh(k['C'])
rep(52, np.allclose(do, fd(s, 'o'), atol=1e-6))
rep(53, np.allclose(do @ k['v'].T, fdW_step(s, 'o'), atol=1e-6))
assert np.allclose((do * k['o'] * (1 - k['o'])) @ k['v'].T, fdW_step(s, 'o'), atol=1e-6)   # with sigma' it is right
rep(54, np.allclose(sum(fd(t, 'h') * np.tanh(K[t]['C']) for t in range(1, S + 1)), fdB('o'), atol=1e-6))
rep(58, np.allclose(dh * k['o'] * (1 - np.tanh(k['C']) ** 2) + dC_next * K[s + 1]['f'], dC, atol=1e-6))
df = dC * k['Cp']; di = dC * k['Ct']; dCt = dC * k['i']
rep(62, np.allclose(df, fd(s, 'f'), atol=1e-6))
rep(63, np.allclose(df @ k['v'].T, fdW_step(s, 'f'), atol=1e-6))
rep(64, np.allclose(sum(fd(t, 'C') * K[t]['Cp'] for t in range(1, S + 1)), fdB('f'), atol=1e-6))
rep(68, np.allclose(di, fd(s, 'i'), atol=1e-6))
rep(69, np.allclose(dCt, fd(s, 'Ct'), atol=1e-6))
rep(70, np.allclose(di @ k['v'].T, fdW_step(s, 'i'), atol=1e-6))
rep(71, np.allclose(sum(fd(t, 'C') * K[t]['Ct'] for t in range(1, S + 1)), fdB('i'), atol=1e-6))
rep(72, np.allclose(dCt @ k['v'].T, fdW_step(s, 'C'), atol=1e-6))
rep(73, np.allclose(sum(fd(t, 'C') * K[t]['i'] for t in range(1, S + 1)), fdB('C'), atol=1e-6))
# line 77: contribution of step t to dL/dh_{t-1}
r77 = (df.T @ W['f'][:, :nh] + di.T @ W['i'][:, :nh] + dCt.T @ W['C'][:, :nh] + do.T @ W['o'][:, :nh]).T
rep(77, np.allclose(r77, fd(s, 'hprev'), atol=1e-6))
fixed = (W['f'][:, :nh].T @ (df * k['f'] * (1 - k['f'])) + W['i'][:, :nh].T @ (di * k['i'] * (1 - k['i']))
         + W['C'][:, :nh].T @ (dCt * (1 - k['Ct'] ** 2)) + W['o'][:, :nh].T @ (do * k['o'] * (1 - k['o'])))
assert np.allclose(fixed, fd(s, 'hprev'), atol=1e-6)   # with the activation derivatives it is right

for ln in sorted(res):
    print(f"line {ln}: {'OK' if res[ln] else 'MISMATCH'}")
