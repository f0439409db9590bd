# Finite-difference check of vjp_rules_recurrent.md ("VJP Rules for Recurrent and Sequence Layers",
# sections 1-3). The document's convention is row vectors (x_t in R^{B x d_in}, W_x in R^{d_in x d_h},
# LSTM "z_t W + b" with W in R^{(d_h+d_in) x 4 d_h}); the backward formulas are implemented exactly as
# written under that row layout (forward read as s = h W_h + x W_x + b, gate = [h;x] W_g + b).
# Loss: L = sum_t sum(C_t * y_t) (RNN, through the output projection) or sum_t sum(C_t * h_t) (LSTM, GRU).
import numpy as np
rng = np.random.default_rng(1)
B, T, di, dh, dy = 2, 4, 3, 4, 3
sig = lambda a: 1/(1+np.exp(-a))
ok_all = True
def fd(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        a = A[i]; A[i] = a+eps; lp = f(); A[i] = a-eps; lm = f(); A[i] = a; G[i] = (lp-lm)/(2*eps)
    return G
def rep(name, a, b):
    global ok_all
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); ok = err < 1e-5; ok_all &= ok
    print(f"{'AGREE' if ok else 'DIFFER'}  {name:66s} rel.err={err:.2e}")
X = rng.normal(size=(T, B, di)); h0 = rng.normal(0, .5, (B, dh)); c0 = rng.normal(0, .5, (B, dh))

# ================= 1. Elman RNN =================
P = dict(Wh=rng.normal(0, .5, (dh, dh)), Wx=rng.normal(0, .5, (di, dh)), bh=rng.normal(0, .3, dh),
         Wy=rng.normal(0, .5, (dh, dy)), by=rng.normal(0, .3, dy))
Cy = rng.normal(size=(T, B, dy))
def rnn(P, X, h0, off={}):
    h = h0; L = 0; H = [h0]
    for t in range(T):
        s = h @ P['Wh'] + X[t] @ P['Wx'] + P['bh'] + off.get(('s', t), 0)
        h = np.tanh(s) + off.get(('h', t), 0); H.append(h)
        y = h @ P['Wy'] + P['by']; L += np.sum(Cy[t]*y)
    return L, H
L, H = rnn(P, X, h0)
G = {k: np.zeros_like(v) for k, v in P.items()}; gnext = np.zeros((B, dh)); gx = np.zeros_like(X); rec = {}
for t in reversed(range(T)):
    gy = Cy[t]; h = H[t+1]
    G['Wy'] += h.T @ gy; G['by'] += gy.sum(0); gout = gy @ P['Wy'].T      # L84
    g = gout + gnext                                                       # L47
    delta = g*(1-h**2)                                                     # L54
    G['Wh'] += H[t].T @ delta; G['Wx'] += X[t].T @ delta; G['bh'] += delta.sum(0)  # L60 L64 L68
    gnext = delta @ P['Wh'].T; gx[t] = delta @ P['Wx'].T                   # L74 L78
    rec[t] = dict(g=g, delta=delta)
f = lambda: rnn(P, X, h0)[0]
for k in P: rep(f"RNN L60/L64/L68/L84 g_{k}", G[k], fd(f, P[k]))
D = np.zeros((B, dh))
rep("RNN L47 g_{h_t} = output + next  (t=1)", rec[1]['g'], fd(lambda: rnn(P, X, h0, {('h', 1): D})[0], D))
rep("RNN L54 delta_t = g o (1-h^2) = dL/ds_t (t=1)", rec[1]['delta'], fd(lambda: rnn(P, X, h0, {('s', 1): D})[0], D))
rep("RNN L74 g_{h_{t-1}} = delta W_h^T   (t=0 -> dL/dh0)", gnext, fd(f, h0))
rep("RNN L78 g_{x_t} = delta W_x^T       (all t)", gx, fd(f, X))

# ================= 2. LSTM =================
W = rng.normal(0, .5, (dh+di, 4*dh)); b = rng.normal(0, .3, 4*dh); Ch = rng.normal(size=(T, B, dh))
def lstm(W, b, X, h0, c0, off={}):
    h, c = h0, c0; L = 0; S = []
    for t in range(T):
        z = np.concatenate([h, X[t]], 1); a = z @ W + b + off.get(('a', t), 0)
        f_, i_, g_, o_ = sig(a[:, :dh]), sig(a[:, dh:2*dh]), np.tanh(a[:, 2*dh:3*dh]), sig(a[:, 3*dh:])
        cn = f_*c + i_*g_ + off.get(('c', t), 0); hn = o_*np.tanh(cn) + off.get(('h', t), 0)
        S.append(dict(z=z, f=f_, i=i_, g=g_, o=o_, c=cn, cp=c)); h, c = hn, cn; L += np.sum(Ch[t]*hn)
    return L, S
L, S = lstm(W, b, X, h0, c0)
gW = np.zeros_like(W); gb = np.zeros_like(b); gh_next = np.zeros((B, dh)); gc = np.zeros((B, dh)); gxl = np.zeros_like(X); rec = {}
for t in reversed(range(T)):
    s = S[t]; gh = Ch[t] + gh_next
    d_o = gh*np.tanh(s['c'])                                               # L139
    gct = gc + gh*s['o']*(1-np.tanh(s['c'])**2)                            # L143
    d_f = gct*s['cp']; d_i = gct*s['g']; d_c = gct*s['i']                  # L149 L153 L157
    gc = gct*s['f']                                                        # L163
    df = d_f*s['f']*(1-s['f']); dI = d_i*s['i']*(1-s['i'])                 # L169 L173
    dc = d_c*(1-s['g']**2); do = d_o*s['o']*(1-s['o'])                     # L177 L181
    Dl = np.concatenate([df, dI, dc, do], 1)                               # L187
    gW += s['z'].T @ Dl; gb += Dl.sum(0)                                   # L192 L196
    gz = Dl @ W.T                                                          # L202
    gh_next = gz[:, :dh]; gxl[t] = gz[:, dh:]                              # L206
    rec[t] = dict(gct=gct, Dl=Dl, gh=gh)
f = lambda: lstm(W, b, X, h0, c0)[0]
rep("LSTM L192 g_W += z^T Delta", gW, fd(f, W)); rep("LSTM L196 g_b", gb, fd(f, b))
D4 = np.zeros((B, 4*dh))
rep("LSTM L169-L187 Delta_t = dL/d(zW+b) (t=1)", rec[1]['Dl'], fd(lambda: lstm(W, b, X, h0, c0, {('a', 1): D4})[0], D4))
rep("LSTM L143 g_c^total = dL/dc_t (t=1)", rec[1]['gct'], fd(lambda: lstm(W, b, X, h0, c0, {('c', 1): D})[0], D))
rep("LSTM g_{h_t} received (output + step t+1) = dL/dh_t (t=1)", rec[1]['gh'], fd(lambda: lstm(W, b, X, h0, c0, {('h', 1): D})[0], D))
rep("LSTM L206 g_{h_{t-1}} = g_z[:, :d_h] (t=0 -> dL/dh0)", gh_next, fd(f, h0))
rep("LSTM L163 g_{c_{t-1}} = g_c^total o f (t=0 -> dL/dc0)", gc, fd(f, c0))
rep("LSTM L206 g_{x_t} = g_z[:, d_h:] (all t)", gxl, fd(f, X))

# ================= 3. GRU =================
Q = dict(Wr=rng.normal(0, .5, (dh+di, dh)), Wz=rng.normal(0, .5, (dh+di, dh)), Wh=rng.normal(0, .5, (dh+di, dh)),
         br=rng.normal(0, .3, dh), bz=rng.normal(0, .3, dh), bh=rng.normal(0, .3, dh))
def gru(Q, X, h0, off={}):
    h = h0; L = 0; S = []
    o = lambda k, t: off.get((k, t), 0)
    for t in range(T):
        hx = np.concatenate([h, X[t]], 1)
        ar = hx @ Q['Wr'] + Q['br'] + o('ar', t); r = sig(ar) + o('r', t)
        az = hx @ Q['Wz'] + Q['bz'] + o('az', t); z = sig(az) + o('z', t)
        rh = r*h + o('rh', t); rx = np.concatenate([rh, X[t]], 1)
        ah = rx @ Q['Wh'] + Q['bh'] + o('ah', t); ht = np.tanh(ah) + o('ht', t)
        hn = (1-z)*h + z*ht + o('h', t)
        S.append(dict(hx=hx, rx=rx, r=r, z=z, ht=ht, hp=h)); h = hn; L += np.sum(Ch[t]*hn)
    return L, S
L, S = gru(Q, X, h0)
GQ = {k: np.zeros_like(v) for k, v in Q.items()}; gnext = np.zeros((B, dh)); gxg = np.zeros_like(X); rec = {}
for t in reversed(range(T)):
    s = S[t]; g = Ch[t] + gnext
    d_ht = g*s['z']; d_z = g*(s['ht']-s['hp']); g1 = g*(1-s['z'])              # L247 L251 L255
    dlt_h = d_ht*(1-s['ht']**2)                                              # L261
    GQ['Wh'] += s['rx'].T @ dlt_h; GQ['bh'] += dlt_h.sum(0)                  # L265 L269
    tmp = dlt_h @ Q['Wh'].T; d_rh, gx1 = tmp[:, :dh], tmp[:, dh:]            # L273
    d_r = d_rh*s['hp']; g2 = d_rh*s['r']                                     # L279 L283
    dlt_r = d_r*s['r']*(1-s['r'])                                            # L289
    GQ['Wr'] += s['hx'].T @ dlt_r; GQ['br'] += dlt_r.sum(0)                  # L293 L297
    tmp = dlt_r @ Q['Wr'].T; g3, gx2 = tmp[:, :dh], tmp[:, dh:]              # L301
    dlt_z = d_z*s['z']*(1-s['z'])                                            # L307
    GQ['Wz'] += s['hx'].T @ dlt_z; GQ['bz'] += dlt_z.sum(0)                  # L311 L315
    tmp = dlt_z @ Q['Wz'].T; g4, gx3 = tmp[:, :dh], tmp[:, dh:]              # L319
    gnext = g1+g2+g3+g4; gxg[t] = gx1+gx2+gx3                                # L325 L329
    rec[t] = dict(g=g, d_ht=d_ht, d_z=d_z, dlt_h=dlt_h, d_rh=d_rh, d_r=d_r, dlt_r=dlt_r, dlt_z=dlt_z, gprev=gnext)
f = lambda: gru(Q, X, h0)[0]
for k in Q: rep(f"GRU L265/L269/L293/L297/L311/L315 g_{k}", GQ[k], fd(f, Q[k]))
node = lambda k, t: fd(lambda: gru(Q, X, h0, {(k, t): D})[0], D)
for t in [T-1, 1]:
    R = rec[t]
    rep(f"GRU g_{{h_t}} received = dL/dh_t (t={t})", R['g'], node('h', t))
    rep(f"GRU L247 d_h~ = g o z = dL/dh~_t (t={t})", R['d_ht'], node('ht', t))
    rep(f"GRU L251 d_z = g o (h~ - h_prev) = dL/dz_t (t={t})", R['d_z'], node('z', t))
    rep(f"GRU L261 delta_h~ = d_h~ o (1-h~^2) = dL/da_h (t={t})", R['dlt_h'], node('ah', t))
    rep(f"GRU L273 d_(r o h) = (delta_h~ W_h^T)[:, :d_h] (t={t})", R['d_rh'], node('rh', t))
    rep(f"GRU L279 d_r = d_(r o h) o h_prev = dL/dr_t (t={t})", R['d_r'], node('r', t))
    rep(f"GRU L289 delta_r = dL/da_r (t={t})", R['dlt_r'], node('ar', t))
    rep(f"GRU L307 delta_z = dL/da_z (t={t})", R['dlt_z'], node('az', t))
    rep(f"GRU L325 g_(h_(t-1)) = sum of 4 parts = dL/dh_(t-1) - C_(t-1) (t={t})", R['gprev'], node('h', t-1) - Ch[t-1])
rep("GRU L325 g_{h_{t-1}} at t=0 = dL/dh0", rec[0]['gprev'], fd(f, h0))
rep("GRU L273/L301/L319/L329 g_{x_t} (all t)", gxg, fd(f, X))
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
# Info (not a row verdict): if the GRU forward is read literally in column form (W_r of shape d_h x (d_h+d_in),
# r = sigma(W_r [h;x])), the true gradient is delta_r^T [h;x], i.e. the transpose of what L293 gives;
# the formulas hold for the row layout the document declares in its convention block and LSTM section.
