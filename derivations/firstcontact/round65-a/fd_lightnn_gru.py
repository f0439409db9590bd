# FD check of lightnn GRU (l11x0m7/lightnn@2a2e236, lightnn/layers/recurrent.py GRU.forward/backward), numpy only.
# Convention: pre_delta = dE/d(output) with E = sum over batch of the per-sample losses (lightnn losses return per-sample
# gradients); the code divides parameter gradients by nb_batch (gradient of E/B) and returns self.delta = dE/dx (not /B).
# We take E = sum(G * out) for a random G, so pre_delta = G.
import numpy as np
rng = np.random.default_rng(1)
B, T, Din, H = 3, 5, 4, 3
X = rng.normal(size=(B, T, Din))
P = {k: rng.normal(0, .6, (Din, H)) for k in ['W_r', 'W_z', 'W_h']}
P.update({k: rng.normal(0, .6, (H, H)) for k in ['U_r', 'U_z', 'U_h']})
P.update({k: rng.normal(0, .3, (H,)) for k in ['b_r', 'b_z', 'b_h']})
sig = lambda z: 1. / (1 + np.exp(-z)); dsig = lambda z: sig(z) * (1. - sig(z))   # lines 10, 15
dtanh = lambda z: 1 - np.power(np.tanh(z), 2)                                     # line 33

def forward(P, X):
    out = np.zeros((B, T, H)); c = {k: np.zeros((B, T, H)) for k in ['lr', 'lz', 'ls', 'r', 'z', 's']}
    for t in range(T):
        h_pre = np.zeros((B, H)) if t == 0 else out[:, t - 1, :]                  # 76
        x = X[:, t, :]
        r = x.dot(P['W_r']) + h_pre.dot(P['U_r']) + P['b_r']                     # 79, 84
        z = x.dot(P['W_z']) + h_pre.dot(P['U_z']) + P['b_z']                     # 80, 85
        s = x.dot(P['W_h']) + P['b_h']                                           # 81, 86
        c['lr'][:, t], c['lz'][:, t] = r, z
        r, z = sig(r), sig(z)                                                    # 91, 92
        s = s + (r * h_pre).dot(P['U_h']); c['ls'][:, t] = s; s = np.tanh(s)     # 94, 96
        c['r'][:, t], c['z'][:, t], c['s'][:, t] = r, z, s
        out[:, t, :] = z * h_pre + (1 - z) * s                                   # 102
    return out, c

def backward(P, X, out, c, pre_delta, seq):
    g = {k: np.zeros_like(v) for k, v in P.items()}; delta = np.zeros_like(X)
    time_delta = pre_delta[:, T - 1, :] if seq else pre_delta                    # 141 / 145
    for t in range(T)[::-1]:
        ls, lz, lr = c['ls'][:, t], c['lz'][:, t], c['lr'][:, t]
        oz, orr, os_ = c['z'][:, t], c['r'][:, t], c['s'][:, t]
        pre_h = np.zeros((B, H)) if t == 0 else out[:, t - 1, :]                # 155
        x = X[:, t, :]
        pds = time_delta * (1 - oz) * dtanh(ls)                                  # 159
        pdz = (time_delta * pre_h - time_delta * os_) * dsig(lz)                 # 160
        pdr = np.dot(pds[:, None, :], P['U_h'].T).reshape(-1, H) * (pre_h * dsig(lr))   # 162
        g['U_r'] += np.dot(pre_h.T, pdr) / B; g['U_z'] += np.dot(pre_h.T, pdz) / B     # 166, 167
        g['U_h'] += np.dot((orr * pre_h).T, pds) / B                                   # 168
        g['W_r'] += np.dot(x.T, pdr) / B; g['W_z'] += np.dot(x.T, pdz) / B; g['W_h'] += np.dot(x.T, pds) / B  # 170-172
        g['b_r'] += pdr.mean(0); g['b_z'] += pdz.mean(0); g['b_h'] += pds.mean(0)      # 175-177
        delta[:, t, :] = pdr.dot(P['W_r'].T) + pdz.dot(P['W_z'].T) + pds.dot(P['W_h'].T)  # 179
        if t > 0:
            time_delta = np.dot(pdz, P['U_z'].T) + time_delta * oz + \
                np.dot(pds[:, None, :], P['U_h'].T).reshape(-1, H) * orr + np.dot(pdr, P['U_r'].T)  # 184
            if seq: time_delta = time_delta + pre_delta[:, t - 1, :]            # 188
    return g, delta

rel = lambda a, b: np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
for seq in [True, False]:
    G = rng.normal(size=(B, T, H)) if seq else rng.normal(size=(B, H))
    E = lambda P, X: np.sum(G * (forward(P, X)[0] if seq else forward(P, X)[0][:, -1, :]))
    out, c = forward(P, X); g, delta = backward(P, X, out, c, G, seq)
    print(f'return_sequences={seq}')
    eps = 1e-6
    for k in P:
        num = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            o = P[k][idx]; P[k][idx] = o + eps; Ep = E(P, X); P[k][idx] = o - eps; Em = E(P, X); P[k][idx] = o
            num[idx] = (Ep - Em) / (2 * eps) / B     # code returns gradient of E/B
        r = rel(g[k], num); print(f'  d{k:4s} (lines 166-177) rel.err {r:.2e} {"AGREE" if r < 1e-6 else "DISAGREE"}')
    num = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o + eps; Ep = E(P, X); X[idx] = o - eps; Em = E(P, X); X[idx] = o
        num[idx] = (Ep - Em) / (2 * eps)
    r = rel(delta, num); print(f'  delta=dE/dx (line 179, via recursion 184/188) rel.err {r:.2e} {"AGREE" if r < 1e-6 else "DISAGREE"}')
