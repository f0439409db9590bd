# Finite-difference check of CosmicGenos RNN.ipynb (cosmicgenos_rnn.md), numpy only.
# Forward as in the note: hidden_states[0] = h0 = 0, hidden_states[t+1] = h_t, outputs[t] = Wyh h_t + by.
# Loss (prose line 40): L = 1/2 * sum_{t,b} (y_t - target_t)^2, so dL/dy_t = y_t - target_t.
import numpy as np
rng = np.random.default_rng(0)
T, B, D, H, O = 4, 3, 5, 4, 2
P = dict(Whx=rng.normal(size=(H, D)) * .7, Whh=rng.normal(size=(H, H)) * .7,
         Wyh=rng.normal(size=(O, H)) * .7, bh=rng.normal(size=(H, 1)) * .3, by=rng.normal(size=(O, 1)) * .3)
X = rng.normal(size=(T, B, D)); Y = rng.normal(size=(T, B, O))

def forward(P):
    h = np.zeros((H, B)); hs = [h]; outs = np.zeros((T, B, O))
    for t, x in enumerate(X):
        x = x.T
        h = np.tanh(P['Whh'] @ h + P['Whx'] @ x + P['bh'])   # line 89
        y = P['Wyh'] @ h + P['by']                          # line 94
        outs[t] = y.T; hs.append(h)
    return outs, hs

def loss(P):
    outs, _ = forward(P)
    return 0.5 * np.sum((outs - Y) ** 2)

def backward(P, i_y=0, i_tanh=0, i_hh=-1):
    """author's backward; the index offsets are the author's (0, 0, -1) by default.
    correct offsets: hidden_states[t+1] for h_t in lines 115/119, hidden_states[t] for h_{t-1} in line 122."""
    outs, hs = forward(P)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dhlast = np.zeros((H, B))
    for t in reversed(range(T)):
        dy = outs[t].T - Y[t].T                                  # line 114
        g['Wyh'] += dy @ hs[t + i_y].T                           # line 115
        g['by'] += np.sum(dy, axis=1, keepdims=True)             # line 116
        dh = P['Wyh'].T @ dy + dhlast                            # line 118
        dtanh = (1 - hs[t + i_tanh] ** 2) * dh                   # line 119
        g['bh'] += np.sum(dtanh, axis=1, keepdims=True)          # line 120
        g['Whx'] += dtanh @ X[t]                                 # line 121
        g['Whh'] += dtanh @ hs[t + i_hh].T                       # line 122
        dhlast = P['Whh'].T @ dtanh                              # line 123
    return g

def fd(P, eps=1e-6):
    g = {}
    for k, v in P.items():
        gk = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]; v[idx] = old + eps; lp = loss(P); v[idx] = old - eps; lm = loss(P); v[idx] = old
            gk[idx] = (lp - lm) / (2 * eps)
        g[k] = gk
    return g

num = fd(P)
def report(tag, g):
    print(tag)
    for k in P:
        ok = np.allclose(g[k], num[k], rtol=1e-5, atol=1e-7)
        print(f"   {k:4s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(g[k]-num[k])):.2e}")
report("author's backward as written (lines 114-123):", backward(P))
report("only line 115 fixed (hidden_states[t+1]):", backward(P, i_y=1))
report("only line 119 fixed (122 as written): Whh must still differ:", backward(P, i_tanh=1))
report("lines 119 and 122 fixed, 115 as written:", backward(P, i_tanh=1, i_hh=0))
report("lines 115, 119, 122 fixed (every other line kept as written):", backward(P, i_y=1, i_tanh=1, i_hh=0))

# line 114: dy = y - target equals dL/dy for L = 1/2 sum (y-target)^2
outs, hs = forward(P)
print("line 114 dy = outputs-targets is dL/dy:", np.allclose(outs - Y, outs - Y))  # trivially by the loss definition
# line 122 at t = 0 reads hidden_states[-1], the LAST state h_T, instead of h0 = 0:
print("line 122 at t=0 uses hidden_states[-1] == h_T (not h0):", np.allclose(hs[-1], hs[T]), "h0 all zero:", np.allclose(hs[0], 0))
