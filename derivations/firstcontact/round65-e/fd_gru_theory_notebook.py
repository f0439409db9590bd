"""FD check for gru_theory_notebook.md (legalaspro simple-gru.ipynb, markdown derivation).
Column vectors. Forward (lines 44-57): z=s(Uz x+Wz h+bz), r=s(Ur x+Wr h+br),
pre = Uh x + bhx + r*(Wh h + bhh), ht~=tanh(pre), h_t = z*h_{t-1} + (1-z)*ht~.
Loss for the check: L = g . h_t (g = dh_t given), one step; plus a 3-step BPTT check with L = sum_t g_t . h_t.
"""
import numpy as np
rng = np.random.default_rng(1)
n_in, n_h = 3, 4
s = lambda a: 1 / (1 + np.exp(-a))
P = {k: rng.normal(size=(n_h, n_in)) for k in ['Uz', 'Ur', 'Uh']}
P.update({k: rng.normal(size=(n_h, n_h)) for k in ['Wz', 'Wr', 'Wh']})
P.update({k: rng.normal(size=(n_h, 1)) * 0.3 for k in ['bz', 'br', 'bhx', 'bhh']})

def step(P, x, hp):
    z = s(P['Uz'] @ x + P['Wz'] @ hp + P['bz']); r = s(P['Ur'] @ x + P['Wr'] @ hp + P['br'])
    a = P['Wh'] @ hp + P['bhh']; ht = np.tanh(P['Uh'] @ x + P['bhx'] + r * a)
    return z * hp + (1 - z) * ht, dict(z=z, r=r, a=a, ht=ht)

def author_step_back(P, x, hp, c, dh):
    z, r, a, ht = c['z'], c['r'], c['a'], c['ht']
    dz = dh * (hp - ht)                       # 93 / 234
    dh_from_h = dh * z                        # 94 / 219 / 260
    dht = dh * (1 - z)                        # 95
    dpre = dht * (1 - ht ** 2)                # 117 / 144
    dr = a * dpre                             # 178 / 189
    dr = dr * r * (1 - r)                     # 183 / 190
    dzp = dz * z * (1 - z)                    # 239
    g = dict(Uh=dpre @ x.T, bhx=dpre,         # 150, 151, 281, 283
             Wh=dpre @ hp.T, bhh=dpre,        # rule 282/283 applied to the candidate
             Uz=dzp @ x.T, Wz=dzp @ hp.T, bz=dzp,   # 246-248
             Ur=dr @ x.T, Wr=dr @ hp.T, br=dr)
    dh_cand = r * (P['Wh'].T @ dpre)          # 200 / 216 / 261 / 268
    dh_prev = dh_from_h + dh_cand + P['Wr'].T @ dr + P['Wz'].T @ dzp   # 267-270
    return g, dh_prev, dict(dz=dz, dht=dht, dpre=dpre, dr=dr, dzp=dzp, dh_cand=dh_cand)

x = rng.normal(size=(n_in, 1)); hp = rng.normal(size=(n_h, 1)); gvec = rng.normal(size=(n_h, 1))
h, c = step(P, x, hp)
g, dhp, inter = author_step_back(P, x, hp, c, gvec)
eps = 1e-6
def num_param(k):
    G = np.zeros_like(P[k])
    for idx in np.ndindex(G.shape):
        o = P[k][idx]; P[k][idx] = o + eps; lp = (gvec * step(P, x, hp)[0]).sum()
        P[k][idx] = o - eps; lm = (gvec * step(P, x, hp)[0]).sum(); P[k][idx] = o; G[idx] = (lp - lm) / (2 * eps)
    return G
for k in ['Uz', 'Wz', 'bz', 'Ur', 'Wr', 'br', 'Uh', 'bhx', 'Wh', 'bhh']:
    ok = np.allclose(g[k], num_param(k), rtol=1e-5, atol=1e-7)
    print(f"d{k:<4}", "agree" if ok else "DISAGREE")
num_hp = np.array([((gvec * step(P, x, hp + eps * e)[0]).sum() - (gvec * step(P, x, hp - eps * e)[0]).sum()) / (2 * eps)
                   for e in np.eye(n_h)[:, :, None]]).reshape(n_h, 1)
print("dh_{t-1} total (lines 267-270, uses r*(Wh^T dpre))", "agree" if np.allclose(dhp, num_hp, atol=1e-7) else "DISAGREE")
correct_cand = P['Wh'].T @ (c['r'] * inter['dpre'])
fixed = dhp - inter['dh_cand'] + correct_cand
print("dh_{t-1} with candidate part Wh^T (r*dpre)       ", "agree" if np.allclose(fixed, num_hp, atol=1e-7) else "DISAGREE")
# correct rule for Wh / bhh of the candidate
print("dWh = (r*dpre) h^T (correct form)                ", "agree" if np.allclose((c['r'] * inter['dpre']) @ hp.T, num_param('Wh'), atol=1e-7) else "DISAGREE")
print("dbhh = r*dpre (correct form)                     ", "agree" if np.allclose(c['r'] * inter['dpre'], num_param('bhh'), atol=1e-7) else "DISAGREE")
# Jacobian line 135: d pre / d h_{t-1} = r (.) Wh  (row-scaled) -- check vs FD of pre
def pre(hv):
    z = None; r = s(P['Ur'] @ x + P['Wr'] @ hv + P['br'])
    return P['Uh'] @ x + P['bhx'] + c['r'] * (P['Wh'] @ hv + P['bhh'])   # r held fixed: partial wrt direct path
J = np.column_stack([(pre(hp + eps * e[:, None]) - pre(hp - eps * e[:, None])).ravel() / (2 * eps) for e in np.eye(n_h)])
print("line 135 partial  d pre/d h_{t-1} = r (.) Wh     ", "agree" if np.allclose(J, c['r'] * P['Wh'], atol=1e-7) else "DISAGREE")
print("   so its transpose applied to dpre is Wh^T(r*dpre); r*(Wh^T dpre) equals it:", np.allclose((c['r'] * P['Wh']).T @ inter['dpre'], inter['dh_cand']))
