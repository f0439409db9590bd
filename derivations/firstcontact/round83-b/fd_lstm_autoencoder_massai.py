"""Finite-difference check of lstm_autoencoder_massai.py (numpy only).
Forward as written: concat=[h_prev, x]; f,i,o = sigmoid(W_* concat + b_*), c_hat = tanh(W_c concat + b_c),
c = f*c_prev + i*c_hat, h = o*tanh(c); latent = tanh(W_latent h_T + b_latent); hidden = tanh(W_dec1 latent + b_dec1);
output_step = W_out hidden + b_out, reconstruction = tile(output_step, T); loss = mean((seq - reconstruction)**2)."""
import numpy as np
rng = np.random.default_rng(2)
sig = lambda x: 1 / (1 + np.exp(-x))
H, F, L, T = 4, 1, 3, 4          # hidden, input_size (=1 as in the author's main), latent, seq_len (<=5: truncation inactive)
P = {g: rng.standard_normal((H, H + F)) * 0.6 for g in 'fico'}
B = {g: rng.standard_normal(H) * 0.2 for g in 'fico'}
W_latent = rng.standard_normal((L, H)) * .7; b_latent = rng.standard_normal(L) * .1
W_dec1 = rng.standard_normal((H, L)) * .7; b_dec1 = rng.standard_normal(H) * .1
W_out = rng.standard_normal((F, H)) * .7; b_out = rng.standard_normal(F) * .1
seq = rng.standard_normal((T, F))

def cell(x, h_prev, c_prev):
    concat = np.concatenate([h_prev, x])
    f = sig(P['f'] @ concat + B['f']); i = sig(P['i'] @ concat + B['i'])
    c_hat = np.tanh(P['c'] @ concat + B['c']); c = f * c_prev + i * c_hat
    o = sig(P['o'] @ concat + B['o']); h = o * np.tanh(c)
    return h, c, dict(f=f, i=i, c_hat=c_hat, c=c, o=o, h=h, c_prev=c_prev, concat=concat)

def full_loss():
    h = np.zeros(H); c = np.zeros(H); caches = []
    for t in range(T):
        h, c, ca = cell(seq[t], h, c); caches.append(ca)
    latent = np.tanh(W_latent @ h + b_latent)
    hidden = np.tanh(W_dec1 @ latent + b_dec1)
    rec = np.tile(W_out @ hidden + b_out, (T, 1))
    return np.mean((seq - rec) ** 2), caches, latent, hidden, h

def num(A, fun, eps=1e-6):
    g = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        o = A[ix]; A[ix] = o + eps; a = fun(); A[ix] = o - eps; b = fun(); A[ix] = o
        g[ix] = (a - b) / (2 * eps)
    return g

def cell_backward(dh, dc_next, ca):   # lines 94-128 without the in-place update; returns per-gate dW, db, dc_prev
    f, i, c_hat, c, o, c_prev, concat = (ca[k] for k in ['f', 'i', 'c_hat', 'c', 'o', 'c_prev', 'concat'])
    tanh_c = np.tanh(c); do = dh * tanh_c; do_raw = do * o * (1 - o)
    dc = dh * o * (1 - tanh_c**2) + dc_next
    df = dc * c_prev; df_raw = df * f * (1 - f)
    di = dc * c_hat; di_raw = di * i * (1 - i)
    dc_hat = dc * i; dc_hat_raw = dc_hat * (1 - c_hat**2)
    raws = {'f': df_raw, 'i': di_raw, 'c': dc_hat_raw, 'o': do_raw}
    dW = {g: np.clip(np.outer(raws[g], concat), -5, 5) for g in 'fico'}
    db = {g: np.clip(raws[g], -5, 5) for g in 'fico'}
    return dW, db, dc * f, raws

print("== (a) one LSTMCell.backward step, local loss Lloc = gh.h + gc.c ==")
x = rng.standard_normal(F); hp = rng.standard_normal(H) * .5; cp = rng.standard_normal(H) * .5
gh = rng.standard_normal(H) * .3; gc = rng.standard_normal(H) * .3
def Lloc():
    h, c, _ = cell(x, hp, cp); return gh @ h + gc @ c
_, _, ca = cell(x, hp, cp)
dW, db, dc_prev, raws = cell_backward(gh, gc, ca)
for g, ln in zip('fico', ['103', '107', '111', '96']):
    e1 = np.abs(dW[g] - num(P[g], Lloc)).max(); e2 = np.abs(db[g] - num(B[g], Lloc)).max()
    print(f"gate {g} (raw at line {ln}, dW line 122, db line 123): dW err {e1:.2e}, db err {e2:.2e} -> {'AGREE' if max(e1, e2) < 1e-6 else 'DISAGREE'}")
e = np.abs(dc_prev - num(cp, Lloc)).max()
print(f"line 128 dc_prev = dc*f: err {e:.2e} -> {'AGREE' if e < 1e-6 else 'DISAGREE'}")
dh_prev_true = num(hp, Lloc)
dh_prev_formula = sum(P[g][:, :H].T @ raws[g] for g in 'fico')
print(f"dL/dh_prev (never computed by backward; caller uses zeros, line 239): |FD| = {np.abs(dh_prev_true).max():.2e}; "
      f"sum_g W_g[:, :H].T @ d_raw_g err {np.abs(dh_prev_formula - dh_prev_true).max():.2e}")

print("== (b) decoder gradients in train_step ==")
loss, caches, latent, hidden, hT = full_loss()
rec = np.tile(W_out @ hidden + b_out, (T, 1))
error = rec - seq; mean_error = np.mean(error, axis=0)          # lines 209-210
g_bout = num(b_out, lambda: full_loss()[0])
print(f"line 210 mean_error as dL/d output_step: author {mean_error}, FD {g_bout}, ratio FD/author = {(g_bout / mean_error)[0]:.4f} (= 2/F) -> DISAGREE")
d_hidden = W_out.T @ g_bout                                       # use the true upstream to test the later lines
e = np.abs(np.outer(g_bout, hidden) - num(W_out, lambda: full_loss()[0])).max()
print(f"line 217 outer(upstream, hidden) with true upstream: err {e:.2e} -> AGREE")
d_hidden = d_hidden * (1 - hidden**2)                           # line 221
e = np.abs(d_hidden - num(b_dec1, lambda: full_loss()[0])).max()
print(f"lines 216/221/224 d_hidden (true upstream): err {e:.2e} -> AGREE")
d_latent = W_dec1.T @ d_hidden                                    # line 222
e = np.abs(np.outer(d_hidden, latent) - num(W_dec1, lambda: full_loss()[0])).max()
print(f"line 223 outer(d_hidden, latent): err {e:.2e} -> AGREE")
d_latent = d_latent * (1 - latent**2)                             # line 227
e1 = np.abs(d_latent - num(b_latent, lambda: full_loss()[0])).max()
e2 = np.abs(np.outer(d_latent, hT) - num(W_latent, lambda: full_loss()[0])).max()
print(f"lines 222/227/229/230 d_latent, outer(d_latent, h): err {max(e1, e2):.2e} -> AGREE")

print("== (c) dh = W_latent.T @ d_latent AFTER the update of line 229 (lr = 0.002 as in main) ==")
hv = hT.copy()
def loss_from_hT():
    latent_ = np.tanh(W_latent @ hv + b_latent); hidden_ = np.tanh(W_dec1 @ latent_ + b_dec1)
    return np.mean((seq - np.tile(W_out @ hidden_ + b_out, (T, 1))) ** 2)
g_hT = num(hv, loss_from_hT)
W_lat_upd = W_latent - 0.002 * np.clip(np.outer(d_latent, hT), -5, 5)
print(f"line 233 pre-update W_latent.T @ d_latent: err {np.abs(W_latent.T @ d_latent - g_hT).max():.2e} (AGREE); "
      f"post-update (as written): err {np.abs(W_lat_upd.T @ d_latent - g_hT).max():.2e} -> DISAGREE (O(lr))")

print("== (d) encoder BPTT, starting from the true dL/dh_T ==")
def encoder_grads(propagate_dh):
    Gw = {g: np.zeros_like(P[g]) for g in 'fico'}
    dh = g_hT.copy(); dc = np.zeros(H)
    for t in range(T - 1, -1, -1):
        dW, db_, dc, raws = cell_backward(dh, dc, caches[t])
        for g in 'fico': Gw[g] += dW[g]
        dh = sum(P[g][:, :H].T @ raws[g] for g in 'fico') if propagate_dh else np.zeros(H)
    return Gw
Ga = encoder_grads(False); Gc = encoder_grads(True)
for g in 'fico':
    n = num(P[g], lambda: full_loss()[0])
    print(f"W_{g}: as written (line 239 dh = 0): err {np.abs(Ga[g] - n).max():.2e} DISAGREE | with dh_prev propagated: err {np.abs(Gc[g] - n).max():.2e} AGREE")
