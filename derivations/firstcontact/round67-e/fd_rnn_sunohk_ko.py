# Finite-difference check of rnn_sunohk_ko.md (sunohk/NLP_practice ch05/RNN_기본.ipynb). numpy only.
# Author's conventions: row vectors, x:(N,D), h:(N,H), Wx:(D,H), Wh:(H,H), b:(H,);
# t = h_prev@Wh + x@Wx + b ; h_next = tanh(t). dh_next = dL/dh_next (total), dt = dL/dt.
import numpy as np
rng = np.random.default_rng(0)

def fwd(x, h_prev, Wx, Wh, b):
    t = np.matmul(h_prev, Wh) + np.matmul(x, Wx) + b          # line 19
    return np.tanh(t)                                          # line 20

def author_backward(dh_next, x, h_prev, h_next, Wx, Wh):
    dt = dh_next * (1-h_next**2)                               # line 29
    db = np.sum(dt, axis=0)                                    # line 30
    dWh = np.matmul(h_prev.T, dt)                              # line 31
    dh_prev = np.matmul(x.T, dt)                               # line 32 (author)
    dWx = np.matmul(x.T, dt)                                   # line 33
    dx = np.matmul(dt, Wx.T)                                   # line 34
    return dict(db=db, dWh=dWh, dh_prev=dh_prev, dWx=dWx, dx=dx)

def numgrad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in range(A.size):
        old = A.flat[i]
        A.flat[i] = old + eps; fp = f()
        A.flat[i] = old - eps; fm = f()
        A.flat[i] = old
        g.flat[i] = (fp - fm) / (2*eps)
    return g

def report(name, line, a, n):
    if a.shape != n.shape:
        print(f"line {line:3d} {name:8s}: DISAGREE (shape {a.shape} vs true {n.shape})"); return False
    err = np.max(np.abs(a-n)) / (np.max(np.abs(n)) + 1e-12)
    ok = err < 1e-6
    print(f"line {line:3d} {name:8s}: {'agree' if ok else 'DISAGREE'} (rel err {err:.2e})"); return ok

for (N, D, H) in [(4, 3, 5), (3, 3, 3)]:   # second case: N==D so line 32 even has the right shape
    print(f"--- single RNN cell, N={N} D={D} H={H}; L = sum(G*h_next)")
    x = rng.standard_normal((N, D)); h_prev = rng.standard_normal((N, H))
    Wx = rng.standard_normal((D, H))*0.5; Wh = rng.standard_normal((H, H))*0.5; b = rng.standard_normal(H)*0.1
    G = rng.standard_normal((N, H))
    L = lambda: np.sum(G * fwd(x, h_prev, Wx, Wh, b))
    h_next = fwd(x, h_prev, Wx, Wh, b)
    g = author_backward(G, x, h_prev, h_next, Wx, Wh)
    # line 29: dt = dL/dt ; check by FD w.r.t. t directly
    t0 = np.matmul(h_prev, Wh) + np.matmul(x, Wx) + b
    tt = t0.copy(); Lt = lambda: np.sum(G*np.tanh(tt))
    report('dt', 29, G*(1-h_next**2), numgrad(Lt, tt))
    report('db', 30, g['db'], numgrad(L, b))
    report('dWh', 31, g['dWh'], numgrad(L, Wh))
    report('dh_prev', 32, g['dh_prev'], numgrad(L, h_prev))
    report('dWx', 33, g['dWx'], numgrad(L, Wx))
    report('dx', 34, g['dx'], numgrad(L, x))
    print("   (correct dh_prev would be dt@Wh.T:", end=' ')
    report('dh_prev*', 32, np.matmul(G*(1-h_next**2), Wh.T), numgrad(L, h_prev))

# TimeRNN (lines 74, 90, 94): L = sum(Gs*hs), h0 = 0 (stateful=False)
print("--- TimeRNN over T steps; L = sum(Gs*hs), h0=0")
N, T, D, H = 2, 4, 3, 5
xs = rng.standard_normal((N, T, D)); Wx = rng.standard_normal((D, H))*0.5
Wh = rng.standard_normal((H, H))*0.5; b = rng.standard_normal(H)*0.1; Gs = rng.standard_normal((N, T, H))
def time_fwd():
    h = np.zeros((N, H)); hs = []; cache = []
    for t in range(T):
        hp = h; h = fwd(xs[:, t, :], h, Wx, Wh, b)           # line 74
        hs.append(h); cache.append((xs[:, t, :], hp, h))
    return np.stack(hs, 1), cache
def time_bwd(cell_dh_prev):
    _, cache = time_fwd()
    dxs = np.empty((N, T, D)); dh = 0; grads = [0, 0, 0]
    for t in reversed(range(T)):
        x, hp, hn = cache[t]
        dhn = Gs[:, t, :] + dh                                 # line 90 (argument of layer.backward)
        g = author_backward(dhn, x, hp, hn, Wx, Wh)
        dh = cell_dh_prev(g, dhn, hn)
        dxs[:, t, :] = g['dx']
        for i, k in enumerate(['dWx', 'dWh', 'db']):
            grads[i] += g[k]                                   # line 94
    return dxs, grads
L = lambda: np.sum(Gs * time_fwd()[0])
num = dict(dWx=numgrad(L, Wx), dWh=numgrad(L, Wh), db=numgrad(L, b), dxs=numgrad(L, xs))
correct = lambda g, dhn, hn: np.matmul(dhn*(1-hn**2), Wh.T)
dxs, grads = time_bwd(correct)
print("  with the cell's dh_prev replaced by dt@Wh.T (tests lines 90/94 alone):")
report('dWx', 94, grads[0], num['dWx']); report('dWh', 94, grads[1], num['dWh']); report('db', 94, grads[2], num['db'])
report('dxs', 90, dxs, num['dxs'])
print("  with the author's cell as written (line 32), N=2 != D=3 -> shape error in recursion:")
try:
    dxs, grads = time_bwd(lambda g, dhn, hn: g['dh_prev'])
    report('dWh', 32, grads[1], num['dWh'])
except ValueError as e:
    print("  line  32 dh_prev : DISAGREE (recursion breaks:", str(e).split('\n')[0][:70], ")")
