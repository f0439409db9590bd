# FD check of lightnn SimpleRNN (l11x0m7/lightnn@2a2e236, lightnn/layers/recurrent.py SimpleRNN.forward/backward), numpy only.
# Same convention as the GRU: pre_delta = dE/d(output), E = sum over batch; parameter grads are of E/B; self.delta = dE/dx.
import numpy as np
rng = np.random.default_rng(2)
B, T, Din, H = 3, 5, 4, 3
X = rng.normal(size=(B, T, Din))
P = {'W': rng.normal(0, .6, (Din, H)), 'U': rng.normal(0, .6, (H, H)), 'b': rng.normal(0, .3, (H,))}
dtanh = lambda z: 1 - np.power(np.tanh(z), 2)                                    # line 14

def forward(P, X):
    out = np.zeros((B, T, H)); logits = np.zeros((B, T, H)); pre_state = np.zeros((B, H))   # 53
    for t in range(T):
        out[:, t, :] = X[:, t, :].dot(P['W']) + pre_state.dot(P['U']) + P['b']  # 56, 58
        logits[:, t, :] = out[:, t, :]                                          # 59
        out[:, t, :] = np.tanh(out[:, t, :])                                    # 60
        pre_state = out[:, t, :]                                                # 61
    return out, logits

def backward(P, X, out, logits, pre_delta, seq, method=3):
    g = {k: np.zeros_like(v) for k, v in P.items()}; delta = np.zeros_like(X)
    td = pre_delta[:, T - 1, :] * dtanh(logits[:, T - 1, :]) if seq else pre_delta * dtanh(logits[:, -1, :])  # 79 / 83
    for t in range(T - 1, -1, -1):
        pre_logit = np.zeros((B, H)) if t == 0 else logits[:, t - 1, :]        # 85
        x = X[:, t, :]
        pre_state = np.zeros((B, H)) if t == 0 else out[:, t - 1, :]           # 87
        g['U'] += np.dot(pre_state.T, td) / B                                   # 89
        g['W'] += np.dot(x.T, td) / B                                           # 91
        g['b'] += np.mean(td, axis=0)                                           # 94
        delta[:, t, :] = np.dot(td, P['W'].T)                                   # 96
        if t > 0:
            if method == 1:   # commented-out "方法1" (line 101)
                td = np.asarray(list(map(np.dot, *(td, np.asarray(list(map(lambda logit: (dtanh(logit) * P['U'].T), pre_logit)))))))
            elif method == 2: # commented-out "方法2" (line 110)
                td = td.copy()
                for bn in range(B):
                    td[bn, :] = np.dot(td[bn, :], np.dot(np.diag(dtanh(pre_logit[bn])), P['U']).T)
            else:             # "方法3" (line 115)
                td = np.sum(td[:, None, :].transpose((0, 2, 1)) * (dtanh(pre_logit)[:, None, :] * P['U'].T), axis=1)
            if seq:
                td += pre_delta[:, t - 1, :] * dtanh(pre_logit)                 # 118
    return g, delta

rel = lambda a, b: np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
eps = 1e-6
for seq in [True, False]:
    G = rng.normal(size=(B, T, H)) if seq else rng.normal(size=(B, H))
    E = lambda P, X: np.sum(G * (forward(P, X)[0] if seq else forward(P, X)[0][:, -1, :]))
    out, logits = forward(P, X)
    nums = {}
    for k in P:
        num = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            o = P[k][idx]; P[k][idx] = o + eps; Ep = E(P, X); P[k][idx] = o - eps; Em = E(P, X); P[k][idx] = o
            num[idx] = (Ep - Em) / (2 * eps) / B
        nums[k] = num
    numx = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o + eps; Ep = E(P, X); X[idx] = o - eps; Em = E(P, X); X[idx] = o
        numx[idx] = (Ep - Em) / (2 * eps)
    for method in [3, 1, 2]:
        g, delta = backward(P, X, out, logits, G, seq, method)
        res = {k: rel(g[k], nums[k]) for k in P}; res['delta'] = rel(delta, numx)
        print(f'return_sequences={seq} recursion method {method}: ' +
              ', '.join(f'd{k} {v:.1e} {"AGREE" if v < 1e-6 else "DISAGREE"}' for k, v in res.items()))
