# Finite-difference check of revsic LSTM_numpy.ipynb (revsic_lstm_numpy.md), numpy only.
# Row layout: x_cat = [x_t, h_{t-1}] (batch, D+H); gates = act(x_cat @ w + b); many-to-one:
# out = h_T @ wy + by, pred = softmax(out), L = sum_b cross_entropy(pred, Y) (eps 1e-6 dropped here).
import numpy as np
rng = np.random.default_rng(1)
T, B, D, HID, O = 4, 3, 5, 4, 3
IN = D + HID
P = {k: rng.normal(size=(IN, HID)) * .6 for k in ('wf', 'wi', 'wc', 'wo')}
P['wy'] = rng.normal(size=(HID, O)) * .6
for k in ('bf', 'bi', 'bc', 'bo'): P[k] = rng.normal(size=HID) * .3
P['by'] = rng.normal(size=O) * .3
Xt = rng.normal(size=(T, B, D)); Y = np.eye(O)[rng.integers(0, O, size=B)]
sigmoid = lambda a: 1 / (1 + np.exp(-a))
tanh = lambda a: 2 / (1 + np.exp(-2 * a)) - 1          # line 84
deriv_sigmoid = lambda o: o * (1 - o)                  # line 80
deriv_tanh = lambda o: 1 - np.square(o)                # line 87
def softmax(a): e = np.exp(a); return e / np.sum(e, axis=1, keepdims=True)

def lstm(P):
    caches, states = [], [[np.zeros((B, HID)), np.zeros((B, HID))]]
    for x in Xt:
        c_prev, h_prev = states[-1]
        x = np.column_stack([x, h_prev])                # line 101
        hf = sigmoid(x @ P['wf'] + P['bf']); hi = sigmoid(x @ P['wi'] + P['bi'])
        ho = sigmoid(x @ P['wo'] + P['bo']); hc = tanh(x @ P['wc'] + P['bc'])
        c = hf * c_prev + hi * hc                       # line 107
        h = ho * tanh(c)                                # line 108
        states.append([c, h]); caches.append([x, hf, hi, ho, hc])
    return caches, states

def loss(P):
    _, states = lstm(P)
    pred = softmax(states[-1][1] @ P['wy'] + P['by'])
    return -np.sum(Y * np.log(pred))

def backward(P, inject_every_step=True):
    caches, states = lstm(P)
    c, h = states[-1]
    pred = softmax(h @ P['wy'] + P['by'])
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dout = pred - Y                                     # line 147
    g['wy'] = h.T @ dout                                # line 148
    g['by'] = np.sum(dout, axis=0)                      # line 149
    dc_next = np.zeros_like(c); dh_next = np.zeros_like(h)
    for t in range(T):
        c, h = states[-t-1]; c_prev, h_prev = states[-t-2]
        x, hf, hi, ho, hc = caches[-t-1]
        tc = tanh(c)                                    # line 160
        if inject_every_step or t == 0:
            dh = dout @ P['wy'].T + dh_next             # line 161 (as written: every step)
        else:
            dh = dh_next                                # corrected: output only at the last step
        dc = dh * ho * deriv_tanh(tc) + dc_next         # lines 163-164
        dho = dh * tc * deriv_sigmoid(ho)               # lines 166-167
        dhf = dc * c_prev * deriv_sigmoid(hf)           # lines 169-170
        dhi = dc * hc * deriv_sigmoid(hi)               # lines 172-173
        dhc = dc * hi * deriv_tanh(hc)                  # lines 175-176
        dX = 0
        for gate, d in (('f', dhf), ('i', dhi), ('o', dho), ('c', dhc)):
            g['w' + gate] += x.T @ d                    # lines 178/182/186/190
            g['b' + gate] += np.sum(d, axis=0)          # lines 179/183/187/191
            dX = dX + d @ P['w' + gate].T               # lines 180/184/188/192, 194
        dc_next = hf * dc                               # line 196
        dh_next = dX[:, -HID:]                          # line 197
    return g

def fd(P, eps=1e-6):
    g = {}
    for k, v in P.items():
        gk = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]; v[idx] = old + eps; lp = loss(P); v[idx] = old - eps; lm = loss(P); v[idx] = old
            gk[idx] = (lp - lm) / (2 * eps)
        g[k] = gk
    return g

num = fd(P)
def report(tag, g):
    print(tag)
    for k in P:
        ok = np.allclose(g[k], num[k], rtol=1e-5, atol=1e-7)
        print(f"   {k:3s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(g[k]-num[k])):.2e}")
report("author's BPTT as written (line 161 adds dout @ wy.T at every step):", backward(P, True))
report("line 161 changed to add dout @ wy.T only at the last time step (t == 0), every other line as written:", backward(P, False))
# helpers
a = rng.normal(size=7)
print("line 84  tanh helper == np.tanh:", np.allclose(tanh(a), np.tanh(a)))
s = sigmoid(a); e = 1e-6
print("line 80  deriv_sigmoid(out) == d sigmoid/da:", np.allclose(deriv_sigmoid(s), (sigmoid(a+e)-sigmoid(a-e))/(2*e), atol=1e-8))
print("line 87  deriv_tanh(out)   == d tanh/da:", np.allclose(deriv_tanh(np.tanh(a)), (np.tanh(a+e)-np.tanh(a-e))/(2*e), atol=1e-8))
