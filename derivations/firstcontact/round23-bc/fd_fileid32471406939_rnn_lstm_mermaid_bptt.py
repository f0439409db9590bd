"""FD check of file id 32471406939 (fileid32471406939_rnn_lstm_mermaid_bptt.md).
RNN part: column vectors, phi = tanh, psi = elementwise sigmoid, L = sum_t 1/2||y_t - yhat_t||^2 (generic L(y_t, yhat_t)).
  dL/dh_t in (7) = total derivative; dh_t/dW_hh in (8) = immediate partial (h_{t-1} held fixed).
LSTM part: row vectors, batch N: z = x_t W + h_{t-1} U + b, z = [z_f | z_i | z_g | z_o]; many-to-one:
  Y_pred = h_T W_y + b_y, MSE L = 1/2 sum (Y_pred - Y)^2; dh_t, dc_t, do_t ... = gradients of L (do_t etc. w.r.t. gate pre-activations)."""
import numpy as np
rng = np.random.default_rng(2)
eps = 1e-6
sg = lambda a: 1 / (1 + np.exp(-a))
def rep(line, a, b):
    ok = np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
def fd(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        p = x.copy(); p[idx] += eps; m = x.copy(); m[idx] -= eps
        g[idx] = (f(p) - f(m)) / (2 * eps)
    return g
# ---------------- RNN ----------------
D, H, K, T = 3, 4, 2, 4
Wxh = rng.normal(size=(H, D)) * .6; Whh = rng.normal(size=(H, H)) * .6; bh = rng.normal(size=H) * .2
Why = rng.normal(size=(K, H)) * .6; by = rng.normal(size=K) * .2
xs = rng.normal(size=(T + 1, D)); yt_ = rng.normal(size=(T + 1, K))
def rnn(Whh=Whh, Why=Why, hadd=None):
    hs = [np.zeros(H)]; ys = [None]; zs = [None]; us = [None]
    for t in range(1, T + 1):
        u = Wxh @ xs[t] + Whh @ hs[-1] + bh; h = np.tanh(u)
        if hadd is not None and hadd[0] == t: h = h + hadd[1]
        z = Why @ h + by; hs.append(h); zs.append(z); us.append(u); ys.append(sg(z))
    return hs, ys, zs, us
def Lr(**kw):
    hs, ys, _, _ = rnn(**kw); return sum(.5 * np.sum((ys[t] - yt_[t])**2) for t in range(1, T + 1))
hs, ys, zs, us = rnn()
rep(23, hs[2], np.tanh(Wxh @ xs[2] + Whh @ hs[1] + bh)); rep(24, ys[2], sg(Why @ hs[2] + by))
rep(28, Lr(), sum(.5 * np.sum((ys[t] - yt_[t])**2) for t in range(1, T + 1)))
dsg = lambda z: sg(z) * (1 - sg(z))
gWhy = fd(lambda v: Lr(Why=v), Why)
rep(34, sum(np.outer((ys[t] - yt_[t]) * dsg(zs[t]), hs[t]) for t in range(1, T + 1)), gWhy)
a = rng.normal(size=K); t = 2
rep(36, np.outer(a * dsg(zs[t]), hs[t]), fd(lambda v: a @ sg(v @ hs[t] + by), Why))
rep(38, zs[t], Why @ hs[t] + by)
gh = {t: fd(lambda v, t=t: Lr(hadd=(t, v)), np.zeros(H)) for t in range(1, T + 1)}
gWhh = fd(lambda v: Lr(Whh=v), Whh)
rep(40, sum(np.outer(gh[t] * (1 - hs[t]**2), hs[t - 1]) for t in range(1, T + 1)), gWhh)
b_ = rng.normal(size=H)
rep(42, np.outer(b_ * (1 - np.tanh(us[t])**2), hs[t - 1]), fd(lambda v: b_ @ np.tanh(Wxh @ xs[t] + v @ hs[t - 1] + bh), Whh))
rep(44, us[t], Wxh @ xs[t] + Whh @ hs[t - 1] + bh)
# ---------------- LSTM (rows) ----------------
N, D, H, K, T = 2, 3, 4, 2, 4
W = rng.normal(size=(D, 4 * H)) * .5; U = rng.normal(size=(H, 4 * H)) * .5; b = rng.normal(size=4 * H) * .3
Wy = rng.normal(size=(H, K)); byl = rng.normal(size=K); X = rng.normal(size=(T + 1, N, D)); Y = rng.normal(size=(N, K))
sl = {'f': slice(0, H), 'i': slice(H, 2 * H), 'g': slice(2 * H, 3 * H), 'o': slice(3 * H, 4 * H)}
def lstm(W=W, U=U, b=b, Wy=Wy, byl=byl, add=None):
    h = np.zeros((N, H)); c = np.zeros((N, H)); st = [dict(h=h, c=c)]
    for t in range(1, T + 1):
        z = X[t] @ W + h @ U + b
        if add is not None and add[0] == t and add[1] == 'z': z = z + add[2]
        f, i, g, o = sg(z[:, sl['f']]), sg(z[:, sl['i']]), np.tanh(z[:, sl['g']]), sg(z[:, sl['o']])
        cp = c; c = f * cp + i * g
        if add is not None and add[0] == t and add[1] == 'c': c = c + add[2]
        hp = h; h = o * np.tanh(c)
        if add is not None and add[0] == t and add[1] == 'h': h = h + add[2]
        st.append(dict(z=z, f=f, i=i, g=g, o=o, c=c, h=h, cp=cp, hp=hp, x=X[t]))
    Yp = h @ Wy + byl
    return st, Yp
def Ll(**kw):
    _, Yp = lstm(**kw); return .5 * np.sum((Yp - Y)**2)
st, Yp = lstm(); t = 2; s = st[t]
rep(48, s['z'], X[t] @ W + st[t - 1]['h'] @ U + b)
rep(50, s['f'], sg(X[t] @ W[:, sl['f']] + st[t - 1]['h'] @ U[:, sl['f']] + b[sl['f']]))
rep(51, s['i'], sg(s['z'][:, sl['i']])); rep(52, s['g'], np.tanh(s['z'][:, sl['g']])); rep(53, s['o'], sg(s['z'][:, sl['o']]))
rep(55, s['c'], s['f'] * s['cp'] + s['i'] * s['g']); rep(56, s['h'], s['o'] * np.tanh(s['c']))
rep(58, Yp, st[T]['h'] @ Wy + byl)
dY = Yp - Y
rep(68, st[T]['h'].T @ dY, fd(lambda v: Ll(Wy=v), Wy))
rep(69, dY.sum(0), fd(lambda v: Ll(byl=v), byl))
Z = np.zeros((N, H))
dh = {t: fd(lambda v, t=t: Ll(add=(t, 'h', v)), Z) for t in range(1, T + 1)}
dc = {t: fd(lambda v, t=t: Ll(add=(t, 'c', v)), Z) for t in range(1, T + 1)}
dz = {t: fd(lambda v, t=t: Ll(add=(t, 'z', v)), np.zeros((N, 4 * H))) for t in range(1, T + 1)}
rep(70, dY @ Wy.T, dh[T])
t = T - 2; s = st[t]
rep(81, dh[t] * np.tanh(s['c']) * s['o'] * (1 - s['o']), dz[t][:, sl['o']])
rep(82, dh[t] * s['o'] * (1 - np.tanh(s['c'])**2), dc[t])          # as written: no carried dc_{t+1} f_{t+1}
dct = dc[t]                                                         # rows below fed the true total dc_t
rep(84, dct * s['cp'] * s['f'] * (1 - s['f']), dz[t][:, sl['f']])
rep(85, dct * s['g'] * s['i'] * (1 - s['i']), dz[t][:, sl['i']])
rep(86, dct * s['i'] * (1 - s['g']**2), dz[t][:, sl['g']])
dzt = np.concatenate([dct * s['cp'] * s['f'] * (1 - s['f']), dct * s['g'] * s['i'] * (1 - s['i']),
                      dct * s['i'] * (1 - s['g']**2), dh[t] * np.tanh(s['c']) * s['o'] * (1 - s['o'])], 1)
rep(89, dzt, dz[t])
rep(95, sum(st[t]['x'].T @ dz[t] for t in range(1, T + 1)), fd(lambda v: Ll(W=v), W))
rep(96, sum(st[t - 1]['h'].T @ dz[t] for t in range(1, T + 1)), fd(lambda v: Ll(U=v), U))
rep(97, sum(dz[t].sum(0) for t in range(1, T + 1)), fd(lambda v: Ll(b=v), b))
t = T - 1
rep(100, dz[t] @ U.T, dh[t - 1])
sp = st[t - 1]
rep(101, dc[t] * st[t]['f'], dc[t - 1] - dh[t - 1] * sp['o'] * (1 - np.tanh(sp['c'])**2))
