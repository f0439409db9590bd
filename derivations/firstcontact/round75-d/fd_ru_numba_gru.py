# Finite-difference check of ru_numba_gru.md (search-index file id 7840621702, class GRU).
# numpy only (the author's @njit functions are plain numpy code; numba is not needed to run them).
# Author's layout: rows = batch, weights W* (hidden, input), U* (hidden, hidden), b* (hidden, 1);
# pre-activations x_t @ W.T + h @ U.T + b.T. upstream_grad = dL/d(forward_output) of shape
# (batch, seq_len, hidden). Loss used here: L = sum(G * forward_output), G random.
import numpy as np

rng = np.random.default_rng(1)


def _forward(batch_size, seq_len, hidden_size, h_prev, x, Wz, Uz, bz, Wr, Ur, br, Wh, Uh, bh):
    if h_prev is None:
        h_prev = np.zeros((batch_size, hidden_size))
    h_states, z_gates, r_gates, h_tilde_list = [], [], [], []
    h_current = h_prev
    for t in range(seq_len):
        x_t = x[:, t, :]
        z = 1.0 / (1.0 + np.exp(-(x_t @ Wz.T + h_current @ Uz.T + bz.T)))    # line 93
        r = 1.0 / (1.0 + np.exp(-(x_t @ Wr.T + h_current @ Ur.T + br.T)))    # line 94
        h_tilde = np.tanh(x_t @ Wh.T + (r * h_current) @ Uh.T + bh.T)        # line 95
        h_current = (1 - z) * h_current + z * h_tilde                        # line 98
        z_gates.append(z); r_gates.append(r); h_tilde_list.append(h_tilde); h_states.append(h_current)
    return h_states, h_current, z_gates, r_gates, h_tilde_list, h_prev


def _backward(upstream_grad, x, batch_size, hidden_size, seq_len, z_gates, r_gates, h_tilde_list, h_states, h_prev,
              Wz, Uz, bz, Wr, Ur, br, Wh, Uh, bh, rows):
    dWz, dUz, dbz = np.zeros_like(Wz), np.zeros_like(Uz), np.zeros_like(bz)
    dWr, dUr, dbr = np.zeros_like(Wr), np.zeros_like(Ur), np.zeros_like(br)
    dWh, dUh, dbh = np.zeros_like(Wh), np.zeros_like(Uh), np.zeros_like(bh)
    d_x = np.zeros_like(x)
    d_h_next = np.zeros((batch_size, hidden_size))
    for t in range(seq_len - 1, -1, -1):
        x_t = x[:, t, :]; z_t = z_gates[t]; r_t = r_gates[t]; h_tilde = h_tilde_list[t]
        if t == 0:
            h_prev_t = h_prev
        else:
            h_prev_t = h_states[t - 1]
        d_h_next += upstream_grad[:, t, :]                                          # line 153
        d_z = d_h_next * (h_tilde - h_prev_t) * z_t * (1 - z_t)                     # line 157
        d_h_tilde = d_h_next * z_t * (1 - h_tilde ** 2)                             # line 160
        d_r = (d_h_tilde @ Uh) * h_prev_t * r_t * (1 - r_t)                         # line 163
        d_h_prev = (d_h_next * (1 - z_t) + d_z @ Uz + d_r @ Ur + d_h_tilde @ Uh * r_t)  # line 166
        rows.setdefault(t, {}).update(dict(dh=d_h_next.copy(), dz=d_z, dht=d_h_tilde, dr=d_r, dhp=d_h_prev.copy()))
        dWz += d_z.T @ x_t; dUz += d_z.T @ h_prev_t; dbz += np.sum(d_z, axis=0)[:, np.newaxis]
        dWr += d_r.T @ x_t; dUr += d_r.T @ h_prev_t; dbr += np.sum(d_r, axis=0)[:, np.newaxis]
        dWh += d_h_tilde.T @ x_t; dUh += d_h_tilde.T @ (r_t * h_prev_t); dbh += np.sum(d_h_tilde, axis=0)[:, np.newaxis]
        d_x[:, t, :] = d_z @ Wz + d_r @ Wr + d_h_tilde @ Wh                         # line 187
        d_h_next = d_h_prev                                                         # line 190
    return d_x, dWz, dUz, dbz, dWr, dUr, dbr, dWh, dUh, dbh


N, T, D, H = 3, 4, 3, 4
names = ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh']
shapes = {'W': (H, D), 'U': (H, H), 'b': (H, 1)}
P = {n: rng.normal(0, 0.6, shapes[n[0]]) for n in names}
x = rng.normal(size=(N, T, D))
h0 = rng.normal(size=(N, H))
G = rng.normal(size=(N, T, H))


def loss(P_, x_, h0_):
    hs = _forward(N, T, H, h0_, x_, *[P_[n] for n in names])[0]
    return np.sum(G * np.stack(hs, axis=1))


hs, hc, zs, rs, hts, hp = _forward(N, T, H, h0, x, *[P[n] for n in names])
rows = {}
out = _backward(G, x, N, H, T, zs, rs, hts, hs, hp, *[P[n] for n in names], rows)
grads = dict(zip(['x'] + names, out))

eps = 1e-6
print("parameter / input gradients vs central finite differences of L = sum(G * forward_output):")
for n in names:
    fd = np.zeros_like(P[n])
    for idx in np.ndindex(P[n].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[n][idx] += eps; Pm[n][idx] -= eps
        fd[idx] = (loss(Pp, x, h0) - loss(Pm, x, h0)) / (2 * eps)
    ok = np.allclose(grads[n], fd, rtol=1e-5, atol=1e-8)
    print(f"  d{n:3s}: {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(grads[n]-fd)):.2e}")
fd = np.zeros_like(x)
for idx in np.ndindex(x.shape):
    xp = x.copy(); xm = x.copy(); xp[idx] += eps; xm[idx] -= eps
    fd[idx] = (loss(P, xp, h0) - loss(P, xm, h0)) / (2 * eps)
print(f"  d_x : {'AGREE' if np.allclose(grads['x'], fd, rtol=1e-5, atol=1e-8) else 'DISAGREE'}  max|diff|={np.max(np.abs(grads['x']-fd)):.2e}")

# Row-level: d_h_next (after line 153) must equal dL/dh_t (total); d_h_prev (line 166) must equal
# dL/dh_{t-1} restricted to paths through step t, i.e. total dL/dh_{t-1} minus G[:, t-1].
print("row-level checks per step (FD of L w.r.t. the hidden state, by perturbing h_t and re-running the rest):")


def loss_from(t0, h_start):
    # run steps t0..T-1 from hidden state h_start, plus the fixed contributions of steps < t0
    hs_, *_ = _forward(N, T - t0, H, h_start, x[:, t0:, :], *[P[n] for n in names])
    return np.sum(G[:, t0:, :] * np.stack(hs_, axis=1))


for t in range(T):
    # dL/dh_t (total) = G[:, t] + d/dh_t of steps > t
    ht = hs[t]
    fdh = np.zeros_like(ht)
    for idx in np.ndindex(ht.shape):
        hp_ = ht.copy(); hm_ = ht.copy(); hp_[idx] += eps; hm_[idx] -= eps
        fdh[idx] = (loss_from(t + 1, hp_) - loss_from(t + 1, hm_)) / (2 * eps) if t + 1 < T else 0.0
    total = G[:, t, :] + fdh
    print(f"  t={t}: d_h_next after line 153 == dL/dh_t: {np.allclose(rows[t]['dh'], total, atol=1e-7)}", end="")
    hprev = hs[t - 1] if t > 0 else h0
    fdp = np.zeros_like(hprev)
    for idx in np.ndindex(hprev.shape):
        hp_ = hprev.copy(); hm_ = hprev.copy(); hp_[idx] += eps; hm_[idx] -= eps
        fdp[idx] = (loss_from(t, hp_) - loss_from(t, hm_)) / (2 * eps)
    print(f" ; d_h_prev (line 166) == dL/dh_(t-1) via step t..: {np.allclose(rows[t]['dhp'], fdp, atol=1e-7)}")
