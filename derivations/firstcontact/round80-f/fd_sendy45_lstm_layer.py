# Finite-difference check of sendy45_lstm_layer.py (author's forward and backward, transcribed with numpy).
import numpy as np
rng = np.random.default_rng(0)
B, T, D, H = 2, 4, 3, 3
sig = lambda z: 1 / (1 + np.exp(-z))
P = {k: rng.normal(size=(D, H)) * 0.6 for k in ['W_fx', 'W_ix', 'W_ox', 'W_cx']}
P.update({k: rng.normal(size=(H, H)) * 0.6 for k in ['W_fh', 'W_ih', 'W_oh', 'W_ch']})
P.update({k: rng.normal(size=(1, H)) * 0.3 for k in ['b_f', 'b_i', 'b_o', 'b_c']})
emb = rng.normal(size=(B, T, D)); h0 = rng.normal(size=(B, H)) * 0.5; c0 = rng.normal(size=(B, H)) * 0.5
G = rng.normal(size=(B, T, H))          # L = sum(G * outputs)  =>  dlogits = G
Gc = rng.normal(size=(B, H))            # plus sum(Gc * c_T)    =>  dc_external[:, -1, :] = Gc

def forward(P, emb, h0, c0, hook=None):
    hk = hook or (lambda n, t, v: v)
    h, c = h0, c0; cache = dict(h=[], x=[], f=[], i=[], o=[], c=[], ct=[]); outs = []
    for t in range(T):
        x_t = hk('x', t, emb[:, t, :])
        f_t = sig(x_t @ P['W_fx'] + h @ P['W_fh'] + P['b_f'])
        i_t = sig(x_t @ P['W_ix'] + h @ P['W_ih'] + P['b_i'])
        c_tilde = np.tanh(x_t @ P['W_cx'] + h @ P['W_ch'] + P['b_c'])
        c = hk('c', t, f_t * c + i_t * c_tilde)
        o_t = sig(x_t @ P['W_ox'] + h @ P['W_oh'] + P['b_o'])
        h = hk('h', t, o_t * np.tanh(c))
        for k, v in zip(['h', 'x', 'f', 'i', 'o', 'c', 'ct'], [h, x_t, f_t, i_t, o_t, c, c_tilde]): cache[k].append(v)
        outs.append(h)
    return np.stack(outs, 1), c, cache

def loss(P, emb, h0, c0, hook=None):
    out, cT, _ = forward(P, emb, h0, c0, hook); return np.sum(G * out) + np.sum(Gc * cT)

def backward(P, cache, dlogits, dc_ext):   # lines 188-373 as written
    d = {k: np.zeros_like(v) for k, v in P.items()}; demb = np.zeros((B, T, D)); rec = {'dh': {}, 'dc': {}, 'da_o': {}}
    dh_next = np.zeros((B, H)); dc_next = dc_ext
    for t in reversed(range(T)):
        x_t, f_t, i_t, o_t, c, c_tilde = cache['x'][t], cache['f'][t], cache['i'][t], cache['o'][t], cache['c'][t], cache['ct'][t]
        h_prev = cache['h'][t - 1] if t > 0 else h0
        c_prev = cache['c'][t - 1] if t > 0 else c0
        dh = dlogits[:, t, :].copy(); dh += dh_next; rec['dh'][t] = dh
        c_t_tanh = np.tanh(c); do_t = dh * c_t_tanh
        da_o = do_t * o_t * (1 - o_t); rec['da_o'][t] = da_o
        d['W_ox'] += x_t.T @ da_o; d['W_oh'] += h_prev.T @ da_o; d['b_o'] += np.sum(da_o, axis=0, keepdims=True)
        dc_t_h = dh * o_t * (1 - c_t_tanh * c_t_tanh)
        dc = dc_t_h + dc_next; rec['dc'][t] = dc
        dc_tilde = dc * i_t; da_c_tilde = dc_tilde * (1 - c_tilde ** 2)
        d['W_cx'] += x_t.T @ da_c_tilde; d['W_ch'] += h_prev.T @ da_c_tilde; d['b_c'] += np.sum(da_c_tilde, axis=0, keepdims=True)
        df_t = dc * c_prev; da_f = df_t * f_t * (1 - f_t)
        d['W_fx'] += x_t.T @ da_f; d['W_fh'] += h_prev.T @ da_f; d['b_f'] += np.sum(da_f, axis=0, keepdims=True)
        di_t = dc * c_tilde; da_i = di_t * i_t * (1 - i_t)
        d['W_ix'] += x_t.T @ da_i; d['W_ih'] += h_prev.T @ da_i; d['b_i'] += np.sum(da_i, axis=0, keepdims=True)
        dx_t = da_f @ P['W_fx'].T + da_i @ P['W_ix'].T + da_o @ P['W_ox'].T + da_c_tilde @ P['W_cx'].T
        dh_prev = da_f @ P['W_fh'].T + da_i @ P['W_ih'].T + da_o @ P['W_oh'].T + da_c_tilde @ P['W_ch'].T
        dh_next = dh_prev; dc_next = f_t * dc; demb[:, t, :] = dx_t
    return d, demb, dh_next, dc_next, rec

def num(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; a = f(); X[idx] = old - eps; b = f(); X[idx] = old; g[idx] = (a - b) / (2 * eps)
    return g

def num_hook(name, t, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        def L(s):
            def hk(n, tt, v):
                if n == name and tt == t: v = v.copy(); v[idx] += s
                return v
            return loss(P, emb, h0, c0, hk)
        g[idx] = (L(1e-6) - L(-1e-6)) / 2e-6
    return g

_, _, cache = forward(P, emb, h0, c0)
d, demb, dh0, dc0, rec = backward(P, cache, G, Gc)
def rep(line, name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"line {line:4s} {name:22s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")
lines = {'W_ox': '254', 'W_oh': '256', 'b_o': '258', 'W_cx': '278', 'W_ch': '280', 'b_c': '282',
         'W_fx': '295', 'W_fh': '297', 'b_f': '299', 'W_ix': '313', 'W_ih': '315', 'b_i': '317'}
for k, ln in lines.items(): rep(ln, 'd' + k, d[k], num(lambda: loss(P, emb, h0, c0), P[k]))
rep('353', 'demb (dx_t, 333)', demb, num(lambda: loss(P, emb, h0, c0), emb))
rep('372', 'dh_init (345)', dh0, num(lambda: loss(P, emb, h0, c0), h0))
rep('373', 'dc_init (350)', dc0, num(lambda: loss(P, emb, h0, c0), c0))
for t in range(T):
    rep('239', f'dh total t={t}', rec['dh'][t], num_hook('h', t, (B, H)))
    rep('268', f'dc total t={t}', rec['dc'][t], num_hook('c', t, (B, H)))
