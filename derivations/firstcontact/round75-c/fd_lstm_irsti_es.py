# Finite-difference check of lstm_irsti_es.py (Jazmine-rv/LSTM_IRSTI, lstm_model_numpy.py), numpy only.
# Column layout: x_t (input, B), h, c (H, B); concat = [h_prev; x_t]; many-to-one, y = sigmoid(W_out h_T + b_out),
# loss = mean((y - y_true)**2) with output_size = 1 (as app.py uses it).
import numpy as np
rng = np.random.default_rng(1)
T, D, H, B = 5, 2, 4, 3
X = rng.normal(size=(T, D, B)); Yt = rng.uniform(size=(1, B))
P = {k: rng.normal(0, .6, (H, H + D)) for k in ['W_f', 'W_i', 'W_c', 'W_o']}
P.update({k: rng.normal(0, .3, (H, 1)) for k in ['b_f', 'b_i', 'b_c', 'b_o']})
P['W_out'] = rng.normal(0, .6, (1, H)); P['b_out'] = rng.normal(0, .3, (1, 1))
sig = lambda x: 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))   # line 39

def forward(P):
    h = np.zeros((H, B)); c = np.zeros((H, B)); caches = []
    for t in range(T):
        concat = np.vstack([h, X[t]])                                  # 57
        f = sig(P['W_f'] @ concat + P['b_f']); i = sig(P['W_i'] @ concat + P['b_i'])   # 60, 61
        ct = np.tanh(P['W_c'] @ concat + P['b_c']); o = sig(P['W_o'] @ concat + P['b_o'])  # 62, 63
        c_prev = c; c = f * c_prev + i * ct; h = o * np.tanh(c)       # 66, 67
        caches.append(dict(concat=concat, f=f, i=i, c_tilde=ct, o=o, c_next=c, c_prev=c_prev, tanh_c_next=np.tanh(c)))
    z = P['W_out'] @ h + P['b_out']; y = 1.0 / (1.0 + np.exp(-z))     # 198, 199
    return y, caches, h

def loss(P):
    y = forward(P)[0]; return np.mean((y - Yt) ** 2)                   # 295

def cell_backward(P, dh_next, dc_next, cache, divide=True):
    concat, f, i, ct, o = cache['concat'], cache['f'], cache['i'], cache['c_tilde'], cache['o']
    c_prev, tc = cache['c_prev'], cache['tanh_c_next']; bs = concat.shape[1] if divide else 1
    do = dh_next * tc * (o * (1 - o))                                  # 103
    dc = dc_next + dh_next * o * (1 - tc ** 2)                         # 106
    df = dc * c_prev * (f * (1 - f))                                   # 109
    di = dc * ct * (i * (1 - i))                                       # 110
    dct = dc * i * (1 - ct ** 2)                                       # 111
    dc_prev = dc * f                                                   # 114
    g = {'W_f': df @ concat.T / bs, 'b_f': df.sum(1, keepdims=True) / bs,       # 117, 118
         'W_i': di @ concat.T / bs, 'b_i': di.sum(1, keepdims=True) / bs,       # 120, 121
         'W_c': dct @ concat.T / bs, 'b_c': dct.sum(1, keepdims=True) / bs,     # 123, 124
         'W_o': do @ concat.T / bs, 'b_o': do.sum(1, keepdims=True) / bs}       # 126, 127
    dconcat = P['W_f'].T @ df + P['W_i'].T @ di + P['W_c'].T @ dct + P['W_o'].T @ do   # 130
    return dconcat[:H], dc_prev, g                                     # 134

def author_backward(P, dy_pred, caches, h_T, divide=True, dh_override=None):
    bs = dy_pred.shape[1]
    out = {'W_out': dy_pred @ h_T.T / bs, 'b_out': dy_pred.sum(1, keepdims=True) / bs}   # 215, 216
    dh = P['W_out'].T @ dy_pred if dh_override is None else dh_override                   # 219
    dc = np.zeros_like(dh); acc = {k: np.zeros_like(P[k]) for k in ['W_f', 'b_f', 'W_i', 'b_i', 'W_c', 'b_c', 'W_o', 'b_o']}
    for cache in reversed(caches):
        dh, dc, g = cell_backward(P, dh, dc, cache, divide)            # 236
        for k in acc: acc[k] += g[k]                                   # 240
    acc.update(out); return acc, dh

def fd(key, h=1e-6):
    G = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        old = P[key][idx]; P[key][idx] = old + h; lp = loss(P); P[key][idx] = old - h; lm = loss(P); P[key][idx] = old
        G[idx] = (lp - lm) / (2 * h)
    return G

y, caches, hT = forward(P)
dy_pred = 2 * (y - Yt) / B                                             # 299
# line 299 itself: dL/dy
yy = y.copy(); Gy = np.zeros_like(y)
for j in range(B):
    a = yy.copy(); a[0, j] += 1e-6; b = yy.copy(); b[0, j] -= 1e-6
    Gy[0, j] = (np.mean((a - Yt) ** 2) - np.mean((b - Yt) ** 2)) / 2e-6
print("line 299 dy_pred = dL/dy_pred:", 'AGREE' if np.allclose(Gy, dy_pred, atol=1e-8) else 'DISAGREE')

FD = {k: fd(k) for k in P}
A, _ = author_backward(P, dy_pred, caches, hT)
def cmp(lab, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-9)
    r = np.median((a / b)[np.abs(b) > 1e-10]) if np.any(np.abs(b) > 1e-10) else float('nan')
    print(f"{lab:58s} {'AGREE' if ok else 'DISAGREE'}  (median ratio author/FD = {r:.4f})")
print("--- author's code exactly as written ---")
for k in ['W_out', 'b_out', 'W_f', 'b_f', 'W_i', 'b_i', 'W_c', 'b_c', 'W_o', 'b_o']:
    cmp(f"{k}", A[k], FD[k])
print("sigmoid'(z) at the output, y(1-y) =", (y * (1 - y)).ravel(), " batch B =", B)

# isolate line 215/216: with the missing sigmoid' restored, only the extra /batch_size remains
dz = dy_pred * y * (1 - y)
cmp("215 dW_out with dz=dy*y(1-y) but still /batch_size", dz @ hT.T / B, FD['W_out'])
cmp("215 dW_out with dz=dy*y(1-y) and no extra /batch_size", dz @ hT.T, FD['W_out'])
cmp("216 db_out with dz and no extra /batch_size", dz.sum(1, keepdims=True), FD['b_out'])
# line 219: dh_T
cmp("219 dh_next = W_out.T @ dy_pred  vs true W_out.T @ dz", P['W_out'].T @ dy_pred, P['W_out'].T @ dz)
# cell lines 103-134 fed with the TRUE dL/dh_T: without the /batch_size they reproduce FD exactly
Acorr, _ = author_backward(P, dy_pred, caches, hT, divide=False, dh_override=P['W_out'].T @ dz)
print("--- cell backward (lines 103-134, 236, 240) fed with the true dL/dh_T ---")
for k in ['W_f', 'b_f', 'W_i', 'b_i', 'W_c', 'b_c', 'W_o', 'b_o']:
    cmp(f"{k} without /batch_size (lines 103-114,130,134,236,240)", Acorr[k], FD[k])
Adiv, _ = author_backward(P, dy_pred, caches, hT, divide=True, dh_override=P['W_out'].T @ dz)
for k in ['W_f', 'b_f', 'W_i', 'b_i', 'W_c', 'b_c', 'W_o', 'b_o']:
    cmp(f"{k} as written with /batch_size (lines 117-127)", Adiv[k], FD[k])
