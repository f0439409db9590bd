"""Finite-difference check of gru_adam_trainer.py (search-index file id 14313700272).

Author's conventions: row vectors, batch in rows, z = s(x Wz + h Uz + bz), r = s(x Wr + h Ur + br),
h~ = tanh(x Wh + (r*h) Uh + bh), h = z*h_prev + (1-z)*h~  (the 'opposite' update convention),
pred_t = h_t Wy + by, L = mean over (T, B, O) of (pred - target)^2.
The author's backward formulas are typed below as written; the Adam steps are left out (gradients compared at
fixed weights).
"""
import numpy as np

rng = np.random.default_rng(1)
D, H, O, B, T = 3, 4, 1, 2, 4
sig = lambda a: 1 / (1 + np.exp(-np.clip(a, -15, 15)))                     # line 39
P = {k: rng.normal(size=s) * 0.7 for k, s in dict(
    Wz=(D, H), Uz=(H, H), bz=(1, H), Wr=(D, H), Ur=(H, H), br=(1, H),
    Wh=(D, H), Uh=(H, H), bh=(1, H), Wy=(H, O), by=(1, O)).items()}
X = rng.normal(size=(T, B, D))
Y = rng.normal(size=(T, B, O))


def forward(P, X, h0, pert=None, t_pert=None):
    h = h0
    cache, outs = [], []
    for t in range(X.shape[0]):
        xt = X[t]
        z = sig(xt @ P['Wz'] + h @ P['Uz'] + P['bz'])                       # line 56
        r = sig(xt @ P['Wr'] + h @ P['Ur'] + P['br'])                       # line 59
        if pert is not None and t == t_pert and 'z' in pert: z = z + pert['z']
        if pert is not None and t == t_pert and 'r' in pert: r = r + pert['r']
        hc = np.tanh(xt @ P['Wh'] + (r * h) @ P['Uh'] + P['bh'])           # line 62
        if pert is not None and t == t_pert and 'hc' in pert: hc = hc + pert['hc']
        cache.append(dict(xt=xt, z=z, r=r, hc=hc, h_prev=h))
        h = z * h + (1 - z) * hc                                            # line 65
        outs.append(h)
    outs = np.array(outs)
    preds = np.array([outs[t] @ P['Wy'] + P['by'] for t in range(X.shape[0])])   # line 152
    return cache, outs, preds, h


def loss(P, X, Y, h0, **kw):
    return np.mean((forward(P, X, h0, **kw)[2] - Y) ** 2)                  # line 161


def num_grad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = A[i]
        A[i] = old + eps; fp = f()
        A[i] = old - eps; fm = f()
        A[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def cmp(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-8)
    print(f"  {name:62s} {'AGREE' if ok else 'DIFFER'}  max|diff|={np.max(np.abs(a - b)):.2e}")


def author_backward(P, cache, self_h, dh_next, variant='as_written'):
    """variant 'as_written': lines 85-110 exactly (self.h = final state h_T);
       'prev': self.h replaced by the step's h_prev (isolates the other rows);
       'fixed': 'prev' plus tanh' in dr and the two missing dh_prev terms."""
    g = {k: 0 for k in ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh']}
    dh_prev = np.zeros_like(self_h)
    for t in reversed(range(len(cache))):
        c = cache[t]
        xt, z, r, h_candidate = c['xt'], c['z'], c['r'], c['hc']
        hh = self_h if variant == 'as_written' else c['h_prev']
        dh = dh_next[t] + dh_prev                                           # line 87
        dz = dh * (hh - h_candidate)                                        # line 90
        dz_input = dz * z * (1 - z)                                         # line 91
        g['Wz'] += xt.T @ dz_input                                          # line 92
        g['Uz'] += hh.T @ dz_input                                          # line 93
        g['bz'] += np.sum(dz_input, axis=0, keepdims=True)                  # line 94
        dh_candidate = dh * (1 - z)                                         # line 97
        dh_prev = dh * z + dz_input @ P['Uz'].T                             # line 98
        if variant == 'fixed':
            dr = ((dh_candidate * (1 - h_candidate ** 2)) @ P['Uh'].T) * hh
        else:
            dr = (dh_candidate @ P['Uh'].T) * hh                            # line 100
        dr_input = dr * r * (1 - r)                                         # line 101
        g['Wr'] += xt.T @ dr_input                                          # line 102
        g['Ur'] += hh.T @ dr_input                                          # line 103
        g['br'] += np.sum(dr_input, axis=0, keepdims=True)                  # line 104
        dh_tilde = dh_candidate * (1 - h_candidate ** 2)                    # line 107
        g['Wh'] += xt.T @ dh_tilde                                          # line 108
        g['Uh'] += (r * hh).T @ dh_tilde                                    # line 109
        g['bh'] += np.sum(dh_tilde, axis=0, keepdims=True)                  # line 110
        if variant == 'fixed':
            dh_prev = dh_prev + r * (dh_tilde @ P['Uh'].T) + dr_input @ P['Ur'].T
    return g, dh_prev


h0 = np.zeros((B, H))                                                       # reset_state (line 36)
cache, outs, preds, hT = forward(P, X, h0)
L = lambda: loss(P, X, Y, h0)

print("== output layer (lines 192-196)")
dout_author = np.array([(preds[t] - Y[t]) / (B * T) for t in range(T)])     # line 192
pp = preds.copy()
dpred_num = num_grad(lambda: np.mean((pp - Y) ** 2), pp)
cmp("line 192 dout = (pred - target)/(B*T)  vs dL/dpred", dout_author, dpred_num)
cmp("  (reference) 2*(pred - target)/(B*T*O)", 2 * (preds - Y) / (B * T * O), dpred_num)
dWy_a = sum(outs[t].T @ dout_author[t] for t in range(T))                   # line 194
cmp("line 194 dWy with the author's dout", dWy_a, num_grad(L, P['Wy']))
cmp("line 194 dWy fed with the TRUE dL/dpred", sum(outs[t].T @ dpred_num[t] for t in range(T)), num_grad(L, P['Wy']))
cmp("line 195 dby fed with the TRUE dL/dpred", sum(np.sum(dpred_num[t], axis=0, keepdims=True) for t in range(T)),
    num_grad(L, P['by']))
dgru_true = np.array([dpred_num[t] @ P['Wy'].T for t in range(T)])          # line 196 with the true dout
ho = outs.copy()
dgru_num = num_grad(lambda: np.mean((np.array([ho[t] @ P['Wy'] + P['by'] for t in range(T)]) - Y) ** 2), ho)
cmp("line 196 dgru_outputs[t] = dout Wy^T (true dout) vs dL/dh_t (direct)", dgru_true, dgru_num)

print("== GRU backward, whole sequence (T=4), upstream = the TRUE dL/dh_t of the output layer")
for variant in ['as_written', 'prev', 'fixed']:
    g, _ = author_backward(P, cache, hT, dgru_true, variant)
    print(f" variant {variant}")
    for k in ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh']:
        cmp(f"   d{k}", g[k], num_grad(L, P[k]))

print("== single step (T=1, random h0): rows in isolation")
X1, Y1 = X[:1], Y[:1]
h01 = rng.normal(size=(B, H)) * 0.8
c1, o1, p1, hT1 = forward(P, X1, h01)
L1 = lambda: loss(P, X1, Y1, h01)
dh_up = (2 * (p1 - Y1) / (B * 1 * O))[0] @ P['Wy'].T                          # true dL/dh_1
c = c1[0]
pz = np.zeros((B, H)); dz_num = num_grad(lambda: loss(P, X1, Y1, h01, pert={'z': pz}, t_pert=0), pz)
cmp("line 90 dz = dh*(self.h - h_candidate), self.h = h_T (as written)", dh_up * (hT1 - c['hc']), dz_num)
cmp("line 90 with self.h replaced by h_prev", dh_up * (c['h_prev'] - c['hc']), dz_num)
pr = np.zeros((B, H)); dr_num = num_grad(lambda: loss(P, X1, Y1, h01, pert={'r': pr}, t_pert=0), pr)
cmp("line 100 dr = (dh_candidate Uh^T)*self.h (as written)", ((dh_up * (1 - c['z'])) @ P['Uh'].T) * hT1, dr_num)
cmp("line 100 with self.h -> h_prev (tanh' still missing)", ((dh_up * (1 - c['z'])) @ P['Uh'].T) * c['h_prev'], dr_num)
cmp("  (reference) ((dh_candidate*(1-h~^2)) Uh^T)*h_prev",
    ((dh_up * (1 - c['z']) * (1 - c['hc'] ** 2)) @ P['Uh'].T) * c['h_prev'], dr_num)
ph = np.zeros((B, H)); dhc_num = num_grad(lambda: loss(P, X1, Y1, h01, pert={'hc': ph}, t_pert=0), ph)
cmp("line 97 dh_candidate = dh*(1-z)  [dL/dh~]", dh_up * (1 - c['z']), dhc_num)
cmp("line 107/110 batch-sum of dh_tilde = dh_candidate*(1-h~^2) vs dL/dbh",
    np.sum(dh_up * (1 - c['z']) * (1 - c['hc'] ** 2), axis=0, keepdims=True), num_grad(L1, P['bh']))
g1, dh_prev_prev = author_backward(P, c1, hT1, dh_up[None], 'prev')
dh0_num = num_grad(L1, h01)
cmp("line 98 dh_prev = dh*z + dz_input Uz^T (self.h -> h_prev)", dh_prev_prev, dh0_num)
g1f, dh_prev_fixed = author_backward(P, c1, hT1, dh_up[None], 'fixed')
cmp("  (reference) + r*(dh_tilde Uh^T) + dr_input Ur^T", dh_prev_fixed, dh0_num)
dh_tilde1 = dh_up * (1 - c['z']) * (1 - c['hc'] ** 2)
dz_input1 = dh_up * (c['h_prev'] - c['hc']) * c['z'] * (1 - c['z'])       # correct dz_input
cmp("line 109 dUh = (r*self.h)^T dh_tilde, self.h = h_T (as written)", (c['r'] * hT1).T @ dh_tilde1, num_grad(L1, P['Uh']))
cmp("line 109 with self.h -> h_prev", (c['r'] * c['h_prev']).T @ dh_tilde1, num_grad(L1, P['Uh']))
cmp("line 108 dWh = xt^T dh_tilde", c['xt'].T @ dh_tilde1, num_grad(L1, P['Wh']))
cmp("line 93 dUz = self.h^T dz_input (as written, correct dz_input)", hT1.T @ dz_input1, num_grad(L1, P['Uz']))
cmp("line 93 with self.h -> h_prev", c['h_prev'].T @ dz_input1, num_grad(L1, P['Uz']))
cmp("line 92 dWz = xt^T dz_input (correct dz_input)", c['xt'].T @ dz_input1, num_grad(L1, P['Wz']))
dr_input1 = dr_num * c['r'] * (1 - c['r'])                                  # line 101 fed with the true dL/dr
cmp("line 101/104 batch-sum of dr_input (true dL/dr) vs dL/dbr", np.sum(dr_input1, axis=0, keepdims=True), num_grad(L1, P['br']))
cmp("line 103 dUr = self.h^T dr_input (as written, true dr_input)", hT1.T @ dr_input1, num_grad(L1, P['Ur']))
cmp("line 103 with self.h -> h_prev", c['h_prev'].T @ dr_input1, num_grad(L1, P['Ur']))
cmp("line 102 dWr = xt^T dr_input (true dr_input)", c['xt'].T @ dr_input1, num_grad(L1, P['Wr']))
