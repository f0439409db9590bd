# Finite-difference check of paulmorio/simpleRNN rnn_class.py (SimpleRNN.backprop), numpy only.
# Forward (note lines 89-92): h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), y_t = W_hy h_t + b_y,
# p_t = softmax(y_t), L = sum_t -log p_t[target_t].  Column vectors.
import numpy as np

rng = np.random.default_rng(0)
V, H, T = 6, 5, 7
W_xh = rng.normal(0, 0.5, (H, V)); W_hh = rng.normal(0, 0.5, (H, H)); W_hy = rng.normal(0, 0.5, (V, H))
b_h = rng.normal(0, 0.3, (H, 1)); b_y = rng.normal(0, 0.3, (V, 1))
hprev = rng.normal(0, 0.5, (H, 1))
inputs = rng.integers(0, V, T); targets = rng.integers(0, V, T)

def tanh(z): return np.tanh(z)                      # line 136
def tanh_prime(z): return 1.0 - np.tanh(z) ** 2     # line 142

def onehot(i):
    x = np.zeros((V, 1)); x[i] = 1; return x

def forward(P):
    W_xh, W_hh, W_hy, b_h, b_y = P
    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(hprev); loss = 0.0
    for t in range(T):
        xs[t] = onehot(inputs[t])
        hs[t] = tanh(W_xh @ xs[t] + W_hh @ hs[t-1] + b_h)          # 89
        ys[t] = W_hy @ hs[t] + b_y                                 # 90
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))              # 91
        loss += -np.log(ps[t][targets[t], 0])                      # 92
    return loss, xs, hs, ps

def backprop(P, fixed=False, clip=True):
    W_xh, W_hh, W_hy, b_h, b_y = P
    loss, xs, hs, ps = forward(P)
    nW_xh, nW_hh, nW_hy = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(W_hy)
    nb_h, nb_y = np.zeros_like(b_h), np.zeros_like(b_y)
    dhnext = np.zeros_like(hs[0]); clipped = False
    rec = {}
    for t in reversed(range(T)):
        delta_y = np.copy(ps[t]); delta_y[targets[t]] -= 1                     # 99-100
        nW_hy += delta_y @ hs[t].T                                             # 101
        nb_y += delta_y                                                        # 102
        delta_h = W_hy.T @ delta_y + dhnext                                    # 105
        if fixed:
            delta_hraw = (1 - hs[t] ** 2) * delta_h                            # corrected 106
        else:
            delta_hraw = tanh_prime(hs[t]) * delta_h                           # 106 as written
        nW_hh += delta_hraw @ hs[t-1].T                                        # 107
        nb_h += delta_hraw                                                     # 108
        dhnext = W_hh.T @ delta_hraw                                           # 109
        nW_xh += delta_hraw @ xs[t].T                                          # 112
        rec[t] = (delta_h.copy(), delta_hraw.copy())
        if clip:
            for d in [nW_xh, nW_hh, nW_hy, nb_h, nb_y]:                        # 115-116
                if np.any(np.abs(d) > 5): clipped = True
                np.clip(d, -5, 5, out=d)
    return dict(W_xh=nW_xh, W_hh=nW_hh, W_hy=nW_hy, b_h=nb_h, b_y=nb_y), rec, clipped

P = [W_xh, W_hh, W_hy, b_h, b_y]; names = ['W_xh', 'W_hh', 'W_hy', 'b_h', 'b_y']

def fd_params(eps=1e-6):
    out = {}
    for n, p in zip(names, P):
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + eps; lp = forward(P)[0]
            p[idx] = old - eps; lm = forward(P)[0]
            p[idx] = old; g[idx] = (lp - lm) / (2 * eps)
        out[n] = g
    return out

def fd_state(t, eps=1e-6):
    """dL/dh_t and dL/da_t by perturbing h_t / a_t inside the forward pass."""
    def run(dh=None, da=None):
        hs = {-1: hprev.copy()}; loss = 0.0
        for s in range(T):
            a = W_xh @ onehot(inputs[s]) + W_hh @ hs[s-1] + b_h
            if da is not None and s == t: a = a + da
            h = np.tanh(a)
            if dh is not None and s == t: h = h + dh
            hs[s] = h
            y = W_hy @ h + b_y; p = np.exp(y) / np.exp(y).sum()
            loss += -np.log(p[targets[s], 0])
        return loss
    gh, ga = np.zeros((H, 1)), np.zeros((H, 1))
    for i in range(H):
        e = np.zeros((H, 1)); e[i] = eps
        gh[i] = (run(dh=e) - run(dh=-e)) / (2 * eps)
        ga[i] = (run(da=e) - run(da=-e)) / (2 * eps)
    return gh, ga

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))

num = fd_params()
ana, rec, clipped = backprop(P, fixed=False)
anaf, recf, clippedf = backprop(P, fixed=True)
print('clipping active in author run:', clipped, '/ corrected run:', clippedf)
print('--- author formulas as written (line 106 uses tanh_prime(hs[t]) = 1 - tanh(h_t)^2) ---')
for n in names:
    r = rel(ana[n], num[n]); print(f'{n:5s} rel.err {r:.2e}  {"AGREE" if r < 1e-6 else "DISAGREE"}')
print('--- same code with line 106 replaced by (1 - hs[t]**2) * delta_h ---')
for n in names:
    r = rel(anaf[n], num[n]); print(f'{n:5s} rel.err {r:.2e}  {"AGREE" if r < 1e-6 else "DISAGREE"}')

# per-line checks at individual steps
t = T - 1
gh, ga = fd_state(t)
print('--- per-step rows ---')
print(f'line 105 delta_h at t=T-1 vs FD dL/dh_t: rel {rel(rec[t][0], gh):.2e}')
print(f'line 106 delta_hraw (author) at t=T-1 vs FD dL/da_t: rel {rel(rec[t][1], ga):.2e}  -> {"AGREE" if rel(rec[t][1], ga) < 1e-6 else "DISAGREE (line 106 fails)"}')
print(f'line 106 corrected at t=T-1 vs FD dL/da_t: rel {rel(recf[t][1], ga):.2e}')
t = 2
gh, ga = fd_state(t)
print(f'line 105/109 (corrected chain) delta_h at t=2 vs FD dL/dh_t: rel {rel(recf[t][0], gh):.2e}')
print(f'line 105 (author chain, inherits 106) delta_h at t=2 vs FD: rel {rel(rec[t][0], gh):.2e}')
# helper rows
z = rng.normal(0, 1, 10); e = 1e-6
print(f'line 142 tanh_prime(z) vs FD d tanh/dz at z: rel {rel(tanh_prime(z), (np.tanh(z+e)-np.tanh(z-e))/(2*e)):.2e}')
h = np.tanh(z)
print(f'line 106 usage: tanh_prime(h) vs true derivative 1-h^2 at the same step: max abs diff {np.max(np.abs(tanh_prime(h) - (1 - h**2))):.3f}')
