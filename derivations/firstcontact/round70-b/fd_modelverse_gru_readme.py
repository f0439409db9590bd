# Finite-difference check of modelverse_gru_readme.md (modelverseml/GRU README, batch-first GRU BPTT).
# Implements the author's forward pass (batch-first: gate = sigmoid(concat @ W.T + b)), the
# author's backward formulas as written in section 3-8, and compares with central differences.
import numpy as np
rng = np.random.default_rng(0)
m, T, nx, na, ny = 3, 4, 3, 4, 5
sig = lambda a: 1/(1+np.exp(-a))
def softmax(y):
    e = np.exp(y - y.max(axis=-1, keepdims=True)); return e/e.sum(axis=-1, keepdims=True)
P = {k: rng.normal(0, 0.6, s) for k, s in dict(Wz=(na, na+nx), Wr=(na, na+nx), W=(na, na+nx),
      bz=(na,), br=(na,), b=(na,), Wy=(ny, na), by=(ny,)).items()}
X = rng.normal(size=(m, T, nx)); h0 = rng.normal(0, .5, size=(m, na))
Y = np.zeros((m, T, ny)); Y[np.arange(m)[:, None], np.arange(T)[None, :], rng.integers(0, ny, (m, T))] = 1
NODES = ['az', 'z', 'ar', 'r', 'rh', 'ah', 'ht', 'h']
def forward(P, X, h0, off=None):
    off = off or {}
    o = lambda k, t: off.get((k, t), 0.)
    h = h0; L = 0.; cache = []
    for t in range(T):
        x = X[:, t]; concat = np.concatenate([h, x], 1)
        az = concat @ P['Wz'].T + P['bz'] + o('az', t); z = sig(az) + o('z', t)
        ar = concat @ P['Wr'].T + P['br'] + o('ar', t); r = sig(ar) + o('r', t)
        rh = r*h + o('rh', t); concat_r = np.concatenate([rh, x], 1)
        ah = concat_r @ P['W'].T + P['b'] + o('ah', t); ht = np.tanh(ah) + o('ht', t)
        hn = (1-z)*h + z*ht + o('h', t)
        p = softmax(hn @ P['Wy'].T + P['by'])
        L += -np.sum(Y[:, t]*np.log(p))/(m*T)
        cache.append(dict(hprev=h, x=x, concat=concat, z=z, r=r, concat_r=concat_r, ht=ht, h=hn, p=p))
        h = hn
    return L, cache
def fd(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        a = A[i]; A[i] = a+eps; lp = f(); A[i] = a-eps; lm = f(); A[i] = a; G[i] = (lp-lm)/(2*eps)
    return G
def fd_node(k, t, shape):
    D = np.zeros(shape)
    return fd(lambda: forward(P, X, h0, {(k, t): D})[0], D)
ok_all = True
def rep(name, a, b):
    global ok_all
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); ok = err < 1e-5; ok_all &= ok
    print(f"{'AGREE' if ok else 'DIFFER'}  {name:60s} rel.err={err:.2e}")
    return ok

# ---- sections 3-5: softmax Jacobian and CE gradient (lines 74-140) ----
yv = rng.normal(size=ny); s = softmax(yv); mi = 2
J = fd(lambda: softmax(yv)[0], yv.copy()) if False else None
Jn = np.zeros((ny, ny))
for j in range(ny):
    e = np.zeros(ny); e[j] = 1e-6; Jn[:, j] = (softmax(yv+e)-softmax(yv-e))/2e-6
Ja = np.array([[s[i]*(1-s[j]) if i == j else -s[i]*s[j] for j in range(ny)] for i in range(ny)])
rep("L94/L100/L104 softmax Jacobian s_i(1-s_j) / -s_i s_j", Ja, Jn)
dl_ds = -1/s[mi]; num = (-np.log(s[mi]+1e-6)+np.log(s[mi]-1e-6))/2e-6
rep("L116 dl/ds_m = -1/s_m", np.array(dl_ds), np.array(num))
gy = np.array([s[mi]-1 if j == mi else s[j] for j in range(ny)])
gyn = np.array([(-np.log(softmax(yv+e)[mi])+np.log(softmax(yv-e)[mi]))/2e-6 for e in np.eye(ny)*1e-6])
rep("L128-L140 dl/dy_j = s_m-1 (j=m), s_j (j!=m)", gy, gyn)
# ---- section 6 (line 152 column form; batch-first form in blockquote) ----
Wc = rng.normal(size=(4, 3)); xc = rng.normal(size=3); c = rng.normal(size=4)
f = lambda: c @ (Wc @ xc)
rep("L152 dL/dW = dL/dy x^T (y=Wx)", np.outer(c, xc), fd(f, Wc))
rep("L152 dL/dx = W^T dL/dy (y=Wx)", Wc.T @ c, fd(f, xc))

# ---- section 7: author's BPTT as written ----
L, C = forward(P, X, h0)
G = {k: np.zeros_like(v) for k, v in P.items()}
dh_next = np.zeros((m, na)); rec = {}
for t in reversed(range(T)):
    c = C[t]; z, r, ht, hprev = c['z'], c['r'], c['ht'], c['hprev']
    dscores = (c['p'] - Y[:, t])/(m*T)
    G['Wy'] += dscores.T @ c['h']; G['by'] += dscores.sum(0)          # L187
    dh_above = dscores @ P['Wy']                                       # L187
    dh = dh_above + dh_next                                            # L195
    dz = dh*(ht - hprev); dht = dh*z; dh_prev = dh*(1-z)               # L200
    dht_raw = dht*(1-ht**2)                                            # L207
    G['W'] += dht_raw.T @ c['concat_r']; G['b'] += dht_raw.sum(0)      # L207
    dconcat_r = dht_raw @ P['W']                                       # L209
    drh = dconcat_r[:, :na]; dx = dconcat_r[:, na:].copy()             # L209
    dr = drh*hprev; dh_prev += drh*r                                   # L213
    dz_raw = dz*z*(1-z); dr_raw = dr*r*(1-r)                           # L220
    G['Wz'] += dz_raw.T @ c['concat']; G['Wr'] += dr_raw.T @ c['concat']   # L222
    G['bz'] += dz_raw.sum(0); G['br'] += dr_raw.sum(0)                 # L222
    dh_prev += (dz_raw @ P['Wz'])[:, :na] + (dr_raw @ P['Wr'])[:, :na] # L227
    dx += (dz_raw @ P['Wz'])[:, na:] + (dr_raw @ P['Wr'])[:, na:]      # L229
    rec[t] = dict(dh=dh, dz=dz, dht=dht, dht_raw=dht_raw, drh=drh, dr=dr, dz_raw=dz_raw,
                  dr_raw=dr_raw, dx=dx, dh_prev=dh_prev, dh_above=dh_above)
    dh_next = dh_prev                                                  # L236
for k in P: rep(f"L187/L207/L222 dL/d{k} (summed over t)", G[k], fd(lambda: forward(P, X, h0)[0], P[k]))
for t in [T-1, 1]:
    R = rec[t]; sh = (m, na)
    rep(f"L195 dh = dh_above + dh_next  = dL/dh_t   (t={t})", R['dh'], fd_node('h', t, sh))
    rep(f"L200 dz = dh o (h~ - h_prev)  = dL/dz_t   (t={t})", R['dz'], fd_node('z', t, sh))
    rep(f"L200 dh~ = dh o z             = dL/dh~_t  (t={t})", R['dht'], fd_node('ht', t, sh))
    rep(f"L207 dh~_raw = dh~ o (1-h~^2) = dL/d a_h  (t={t})", R['dht_raw'], fd_node('ah', t, sh))
    rep(f"L209 d(r o h_prev) = dconcat_r[:, :n_a]   (t={t})", R['drh'], fd_node('rh', t, sh))
    rep(f"L213 dr = d(r o h) o h_prev   = dL/dr_t   (t={t})", R['dr'], fd_node('r', t, sh))
    rep(f"L220 dz_raw = dz o z(1-z)     = dL/da_z   (t={t})", R['dz_raw'], fd_node('az', t, sh))
    rep(f"L220 dr_raw = dr o r(1-r)     = dL/da_r   (t={t})", R['dr_raw'], fd_node('ar', t, sh))
    # dh_prev is step t's contribution: total dL/dh_{t-1} minus the output-layer part at t-1
    tot = fd_node('h', t-1, sh) - rec[t-1]['dh_above']
    rep(f"L200/L213/L227 dh_prev (four contributions) (t={t})", R['dh_prev'], tot)
rep("L200..L227 dh_prev at t=0 = dL/dh0", rec[0]['dh_prev'], fd(lambda: forward(P, X, h0)[0], h0))
Xc = X.copy(); dXn = fd(lambda: forward(P, Xc, h0)[0], Xc)
rep("L209/L229 dx<t> for all t", np.stack([rec[t]['dx'] for t in range(T)], 1), dXn)
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
