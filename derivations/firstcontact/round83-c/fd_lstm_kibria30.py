# Finite-difference check of lstm_kibria30.md (numpy only).
# Forward (md lines 79-91): z=[h;x], f,i,o = sigmoid(W z + b), g = tanh(Wc z + bc), c = f*c_prev + i*g,
# h = o*tanh(c); y = Wy h_T + by (many-to-one). Loss (line 32) = 0.5*mean((y_true - y_pred)^2), one output.
import numpy as np
rng = np.random.default_rng(2)
Hs, D, T = 5, 1, 8
P = {k: rng.normal(0, .6, (Hs, Hs + D)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P.update({k: rng.normal(0, .2, (Hs, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
P['Wy'] = rng.normal(0, .6, (1, Hs)); P['by'] = rng.normal(0, .2, (1, 1))
seq = rng.uniform(0, 1, T); target = 0.37

sigmoid = lambda x: 1 / (1 + np.exp(-x)); dsigmoid = lambda y: y * (1 - y)   # lines 15-19
tanh = np.tanh; dtanh = lambda y: 1 - y ** 2                                 # lines 21-25

def forward(P):
    h = np.zeros((Hs, 1)); c = np.zeros((Hs, 1)); c_prev = c; cache = []
    for x in seq:
        x = np.array(x).reshape(-1, 1); z = np.vstack((h, x))
        f = sigmoid(P['Wf'] @ z + P['bf']); i = sigmoid(P['Wi'] @ z + P['bi'])
        g = tanh(P['Wc'] @ z + P['bc']); o = sigmoid(P['Wo'] @ z + P['bo'])
        c = f * c_prev + i * g; h = o * tanh(c)
        cache.append((z, f, i, g, o, c, h, c_prev)); c_prev = c
    return P['Wy'] @ h + P['by'], cache

def loss(P):
    y, _ = forward(P); return 0.5 * np.mean((target - y) ** 2)

def backward(P):            # md lines 97-132 as written, without clipping and update
    y, cache = forward(P)
    tg = np.array([[target]])
    z, f, i, g, o, c, h, c_prev = cache[-1]
    y = P['Wy'] @ h + P['by']; dy = y - tg
    G = {'dWy': dy @ h.T, 'dby': dy}
    for k in ['Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo']: G['d' + k] = np.zeros_like(P[k])
    dh_next = P['Wy'].T @ dy; dc_next = np.zeros_like(c)
    for t in reversed(range(len(cache))):
        z, f, i, g, o, c, h, c_prev = cache[t]
        dh = dh_next
        do = dh * np.tanh(c) * dsigmoid(o)
        dc = dc_next + dh * o * dtanh(np.tanh(c))
        df = dc * c_prev * dsigmoid(f)
        di = dc * g * dsigmoid(i)
        dg = dc * i * dtanh(g)
        G['dWf'] += df @ z.T; G['dbf'] += df
        G['dWi'] += di @ z.T; G['dbi'] += di
        G['dWc'] += dg @ z.T; G['dbc'] += dg
        G['dWo'] += do @ z.T; G['dbo'] += do
        dz = P['Wf'].T @ df + P['Wi'].T @ di + P['Wc'].T @ dg + P['Wo'].T @ do
        dh_next = dz[:Hs, :]; dc_next = dc * f
    return G

def numgrad(key):
    X = P[key]; Gn = np.zeros_like(X); eps = 1e-6
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; lp = loss(P)
        X[idx] = old - eps; lm = loss(P); X[idx] = old
        Gn[idx] = (lp - lm) / (2 * eps)
    return Gn

rel = lambda a, b: np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
G = backward(P)
for key, line in [('Wy', '104'), ('by', '105'), ('Wf', '125 (df line 121)'), ('bf', '125'),
                  ('Wi', '126 (di line 122)'), ('bi', '126'), ('Wc', '127 (dg line 123)'), ('bc', '127'),
                  ('Wo', '128 (do line 119)'), ('bo', '128')]:
    r = rel(G['d' + key], numgrad(key))
    print(f"line {line:20s} d{key:3s} rel.err={r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")
print("(dWf..dbo depend on the recursion of lines 112-113, 118, 120, 130-132: their agreement checks it)")
