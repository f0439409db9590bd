# Finite-difference check of lstm_hnghiem.md (numpy only).
# Forward (md lines 104-118): z=[h_{t-1};x_t], f,i,o = sigmoid(W z + b), g = tanh(Wg z + bg),
# c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t), p = softmax(Wy h_t + by); loss (line 192) = sum_t -log p_t[target_t]
import numpy as np
rng = np.random.default_rng(1)
H, V, T = 4, 6, 5
Z = H + V
P = {k: rng.normal(0, .5, (H, Z)) for k in ['Wi', 'Wf', 'Wo', 'Wg']}
P.update({k: rng.normal(0, .2, (H, 1)) for k in ['bi', 'bf', 'bo', 'bg']})
P['Wy'] = rng.normal(0, .5, (V, H)); P['by'] = rng.normal(0, .2, (V, 1))
inputs = rng.integers(0, V, T); targets = rng.integers(0, V, T)
hprev = rng.normal(0, .3, (H, 1)); cprev = rng.normal(0, .3, (H, 1))

sigmoid = lambda x: 1 / (1 + np.exp(-x))          # line 81
dsigmoid = lambda dx: dx * (1 - dx)               # line 84 (argument = sigmoid output)
softmax = lambda x: np.exp(x) / np.sum(np.exp(x)) # line 88
dtanh = lambda dx: 1 - dx * dx                    # line 91 (argument = tanh output)

def run(P, hprev=hprev, cprev=cprev):
    S = {'h': {-1: hprev}, 'c': {-1: cprev}}; loss = 0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        z = np.vstack([S['h'][t-1], x])
        f = sigmoid(P['Wf'] @ z + P['bf']); i = sigmoid(P['Wi'] @ z + P['bi'])
        g = np.tanh(P['Wg'] @ z + P['bg']); c = f * S['c'][t-1] + i * g
        o = sigmoid(P['Wo'] @ z + P['bo']); h = o * np.tanh(c)
        p = softmax(P['Wy'] @ h + P['by'])
        S['h'][t] = h; S['c'][t] = c
        for k, v in dict(z=z, f=f, i=i, g=g, o=o, p=p).items(): S.setdefault(k, {})[t] = v
        loss += -np.log(p[targets[t], 0])
    return loss, S

def author_backward(P, S, fix_do=False):
    G = {('d' + k): np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros((H, 1)); dcnext = np.zeros((H, 1))
    for t in reversed(range(T)):
        z, i, f, o, g, c_t, h_t, p = (S[k][t] for k in ['z', 'i', 'f', 'o', 'g', 'c', 'h', 'p'])
        cprev_ = S['c'][t-1]
        dy = np.copy(p); dy[targets[t]] -= 1                       # 140-141
        G['dWy'] += dy @ h_t.T; G['dby'] += dy                     # 142-143
        dh = P['Wy'].T @ dy; dh += dhnext                          # 145-146
        do = dh * np.tanh(c_t)                                     # 148
        do = (dsigmoid(o) if fix_do else dsigmoid(c_t)) * do       # 149 (published: dsigmoid(c_t))
        G['dWo'] += do @ z.T; G['dbo'] += do                       # 151-152
        dc = np.copy(dcnext); dc += dh * o * dtanh(np.tanh(c_t))   # 154-155
        dg = dc * i; dg = dg * dtanh(g)                            # 156-157
        G['dWg'] += dg @ z.T; G['dbg'] += dg                       # 158-159
        di = dc * g; di = di * dsigmoid(i)                         # 161-162
        G['dWi'] += di @ z.T; G['dbi'] += di                       # 163-164
        df = dc * cprev_; df = df * dsigmoid(f)                    # 166-167
        G['dWf'] += df @ z.T; G['dbf'] += df                       # 168-169
        dz = P['Wi'].T @ di + P['Wf'].T @ df + P['Wo'].T @ do + P['Wg'].T @ dg   # 171
        dhnext = dz[:H, :]                                         # 172
        dcnext = dc * f                                            # 173
    return G, dhnext, dcnext

def numgrad(key):
    X = P[key]; Gn = np.zeros_like(X); eps = 1e-6
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; lp = run(P)[0]
        X[idx] = old - eps; lm = run(P)[0]; X[idx] = old
        Gn[idx] = (lp - lm) / (2 * eps)
    return Gn

def vecgrad(which):
    Gn = np.zeros((H, 1)); eps = 1e-6
    for k in range(H):
        a = hprev.copy(); b = cprev.copy(); aa = hprev.copy(); bb = cprev.copy()
        if which == 'h': a[k] += eps; aa[k] -= eps
        else: b[k] += eps; bb[k] -= eps
        Gn[k] = (run(P, a, b)[0] - run(P, aa, bb)[0]) / (2 * eps)
    return Gn

rel = lambda a, b: np.abs(a - b).max() / max(1e-12, np.abs(a).max() + np.abs(b).max())
def rep(lbl, a, n):
    r = rel(a, n); print(f"{lbl:58s} rel.err={r:.2e}  {'AGREE' if r < 1e-6 else 'DISAGREE'}")

L, S = run(P)
Ga, dh0a, dc0a = author_backward(P, S)
Gf, dh0f, dc0f = author_backward(P, S, fix_do=True)
print("--- author's backward as published (line 149: dsigmoid(c_t)) ---")
for key, lines in [('Wy', '142'), ('by', '143'), ('Wo', '151 (via 149)'), ('bo', '152 (via 149)'),
                   ('Wg', '158'), ('bg', '159'), ('Wi', '163'), ('bi', '164'), ('Wf', '168'), ('bf', '169')]:
    rep(f"line {lines} d{key}", Ga['d' + key], numgrad(key))
rep("lines 171-172 dhprev -> dL/dh_{-1}", dh0a, vecgrad('h'))
rep("line 173 dcprev -> dL/dc_{-1}", dc0a, vecgrad('c'))
print("--- same code with line 149 using dsigmoid(o) ---")
for key in ['Wo', 'bo', 'Wg', 'Wi', 'Wf']:
    rep(f"d{key}", Gf['d' + key], numgrad(key))
rep("dL/dh_{-1}", dh0f, vecgrad('h')); rep("dL/dc_{-1}", dc0f, vecgrad('c'))
# line 149 in isolation: one step, dL/d(pre-activation of o) for L = sum(u * h_t), u fixed
u = rng.normal(size=(H, 1)); t = T - 1
z = S['z'][t]; c_t = S['c'][t]; ao = P['Wo'] @ z + P['bo']
num = np.array([[(np.sum(u * sigmoid(ao + e) * np.tanh(c_t)) - np.sum(u * sigmoid(ao - e) * np.tanh(c_t))) / 2e-6]
                for e in (1e-6 * np.eye(H)[:, [k]] for k in range(H))]).reshape(H, 1)
rep("line 149 alone: do = dsigmoid(c_t)*dh*tanh(c_t)", dsigmoid(c_t) * u * np.tanh(c_t), num)
rep("   (with dsigmoid(o) instead)", dsigmoid(S['o'][t]) * u * np.tanh(c_t), num)
