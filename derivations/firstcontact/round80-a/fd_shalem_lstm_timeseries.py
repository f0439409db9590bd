# Finite-difference check of shalem_lstm_timeseries.py (Shalem469/sstm_from_scatch lstm_from_scratch.py).
# Author's forward (lines 96-171) and BPTT (lines 220-376) re-typed; loss = mean((Wy h_T + by - target)^2).
import numpy as np

rng = np.random.default_rng(1)
input_size, hidden_size, output_size = 2, 5, 1
H = hidden_size
W = rng.normal(size=(4*H, input_size + H)) * 0.5
b = rng.normal(size=(4*H, 1)) * 0.1
Wy = rng.normal(size=(output_size, H))
by = rng.normal(size=(output_size, 1))
x = rng.normal(size=(4, input_size, 1))
target = rng.normal(size=(output_size, 1))


def sigmoid(v):
    return 1 / (1 + np.exp(-v))


def forward(x):
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); cache = []
    for t in range(len(x)):
        xt = x[t].reshape(input_size, 1)
        combined = np.vstack((h, xt))                 # 116
        z = W @ combined + b                          # 120
        f = sigmoid(z[:H]); i = sigmoid(z[H:2*H])     # 124,128
        g = np.tanh(z[2*H:3*H]); o = sigmoid(z[3*H:]) # 132,136
        c_new = f * c + i * g                         # 142
        h_new = o * np.tanh(c_new)                    # 146
        cache.append((xt, h, c, f, i, g, o, c_new, h_new))
        h, c = h_new, c_new
    return Wy @ h + by, cache                         # 169


def loss_of():
    p, _ = forward(x)
    return np.mean((p - target) ** 2)                 # 220,222


def backward():
    prediction, cache = forward(x)
    error = prediction - target
    dy = 2 * error                                    # 230
    dWy = dy @ cache[-1][-1].T                        # 236
    dby = dy                                          # 238
    dh_next = Wy.T @ dy                               # 242
    dc_next = np.zeros((H, 1))
    dW = np.zeros_like(W); db = np.zeros_like(b)
    per_t = {}
    for t in reversed(range(len(cache))):
        xt, h_prev, c_prev, f, i, g, o, c, h = cache[t]
        tanh_c = np.tanh(c)                           # 276
        dh = dh_next                                  # 282
        do = dh * tanh_c                              # 286
        dc = dh * o * (1 - tanh_c ** 2)               # 288
        dc += dc_next                                 # 294
        df = dc * c_prev; di = dc * g; dg = dc * i    # 302-306
        dc_next = dc * f                              # 308
        df_pre = df * f * (1 - f); di_pre = di * i * (1 - i)   # 317,323
        dg_pre = dg * (1 - g ** 2); do_pre = do * o * (1 - o)  # 331,336
        dz = np.vstack((df_pre, di_pre, dg_pre, do_pre))       # 346
        combined = np.vstack((h_prev, xt))            # 359
        dW += dz @ combined.T                         # 366
        db += dz                                      # 368
        dcombined = W.T @ dz                          # 374
        dh_next = dcombined[:H]                       # 376
        per_t[t] = dict(dh=dh, dc=dc, dc_prev=dc_next.copy(), dz=dz, dh_prev=dh_next.copy())
    return dict(W=dW, b=db, Wy=dWy, by=dby), per_t


def num(P):
    g = np.zeros_like(P); e = 1e-6
    for ix in np.ndindex(P.shape):
        o = P[ix]; P[ix] = o + e; fp = loss_of(); P[ix] = o - e; fm = loss_of(); P[ix] = o
        g[ix] = (fp - fm) / (2 * e)
    return g


def rep(name, a, n, lines):
    err = np.max(np.abs(a - n)) / max(1e-12, np.max(np.abs(n)))
    print(f"  lines {lines:<22} {name:<18} {'AGREES' if err < 1e-5 else 'DIFFERS'} (rel err {err:.1e})")


grads, per_t = backward()
print("== parameter gradients (dy 230, dWy 236, dby 238, BPTT 276-376 summed over t)")
rep('dWy', grads['Wy'], num(Wy), '230,236')
rep('dby', grads['by'], num(by), '230,238')
rep('dW', grads['W'], num(W), '242,276-366')
rep('db', grads['b'], num(b), '242,276-368')

# per-step state gradients: perturb h_t / c_t / z_t of the forward by an additive offset
T = len(x)


def loss_with_offset(kind, t0, off):
    h = np.zeros((H, 1)); c = np.zeros((H, 1))
    for t in range(T):
        if kind == 'h_prev' and t == t0: h = h + off
        combined = np.vstack((h, x[t]))
        z = W @ combined + b
        if kind == 'z' and t == t0: z = z + off
        f = sigmoid(z[:H]); i = sigmoid(z[H:2*H]); g = np.tanh(z[2*H:3*H]); o = sigmoid(z[3*H:])
        if kind == 'c_prev' and t == t0: c = c + off
        c = f * c + i * g
        h = o * np.tanh(c)
    return np.mean((Wy @ h + by - target) ** 2)


def num_state(kind, t0, shape):
    g = np.zeros(shape); e = 1e-6
    for ix in np.ndindex(shape):
        off = np.zeros(shape); off[ix] = e; fp = loss_with_offset(kind, t0, off)
        off[ix] = -e; fm = loss_with_offset(kind, t0, off)
        g[ix] = (fp - fm) / (2 * e)
    return g


print("== per-step quantities")
for t0 in [T-1, 1]:
    rep(f'dz (t={t0})', per_t[t0]['dz'], num_state('z', t0, (4*H, 1)), '286-346')
    rep(f'dc_prev (t={t0})', per_t[t0]['dc_prev'], num_state('c_prev', t0, (H, 1)), '288-308')
    rep(f'dh_prev (t={t0})', per_t[t0]['dh_prev'], num_state('h_prev', t0, (H, 1)), '374-376')
