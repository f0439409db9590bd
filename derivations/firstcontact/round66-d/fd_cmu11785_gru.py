# FD check for cmu11785_gru.py (CMU 11-785 S19 HW3P1 GRU_Cell). numpy only. Column-vector layout (1-D vectors).
import numpy as np
rng = np.random.default_rng(2)
d, h = 4, 3
P = dict(Wzh=rng.normal(size=(h, h)), Wrh=rng.normal(size=(h, h)), Wh=rng.normal(size=(h, h)),
         Wzx=rng.normal(size=(h, d)), Wrx=rng.normal(size=(h, d)), Wx=rng.normal(size=(h, d)))
x = rng.normal(size=d); hp = rng.normal(size=h); delta = rng.normal(size=h)
sig = lambda v: 1/(1+np.exp(-v))
def fwd(P, x, hp):
    z = sig(P['Wzh'] @ hp + P['Wzx'] @ x); r = sig(P['Wrh'] @ hp + P['Wrx'] @ x)
    hprime = P['Wh'] @ (r * hp); hbar = np.tanh(hprime + P['Wx'] @ x)
    return (1.0 - z) * hp + z * hbar, (z, r, hbar)
def bwd(P, x, hp):   # author's lines 101-163, verbatim algebra
    _, (z, r, hbar) = fwd(P, x, hp); G = {}
    dloss_dzt = delta * (hbar - hp); dloss_dh_bar = delta * z; dht_dht1 = 1.0 - z
    dloss_dh_act = dloss_dh_bar * (1 - hbar**2)
    G['Wx'] = np.dot(dloss_dh_act.reshape(h, 1), x.reshape(1, d))
    dh_bar_dx = np.dot(dloss_dh_act.reshape(1, h), P['Wx']).reshape(d)
    G['Wh'] = np.dot(dloss_dh_act.reshape(h, 1), (r * hp).reshape(1, h))
    dh_bar_dhr = np.dot(dloss_dh_act.reshape(1, h), P['Wh']).reshape(h)
    dh_bar_drt = dh_bar_dhr * hp; dh_bar_dht1 = dh_bar_dhr * r
    dloss_drt_dact = dh_bar_drt * (r * (1 - r))
    G['Wrh'] = np.dot(dloss_drt_dact.reshape(h, 1), hp.reshape(1, h))
    drt_dht1 = np.dot(dloss_drt_dact.reshape(1, h), P['Wrh']).reshape(h)
    G['Wrx'] = np.dot(dloss_drt_dact.reshape(h, 1), x.reshape(1, d))
    drt_dx = np.dot(dloss_drt_dact.reshape(1, h), P['Wrx']).reshape(d)
    dloss_dzt_dact = dloss_dzt * (z * (1 - z))
    G['Wzh'] = np.dot(dloss_dzt_dact.reshape(h, 1), hp.reshape(1, h))
    dzt_dht1 = np.dot(dloss_dzt_dact.reshape(1, h), P['Wzh']).reshape(h)
    G['Wzx'] = np.dot(dloss_dzt_dact.reshape(h, 1), x.reshape(1, d))
    dzt_dx = np.dot(dloss_dzt_dact.reshape(1, h), P['Wzx']).reshape(d)
    G['x'] = dh_bar_dx + drt_dx + dzt_dx
    G['h'] = delta * dht_dht1 + dh_bar_dht1 + drt_dht1 + dzt_dht1
    inter = dict(dzt=dloss_dzt, dhbar=dloss_dh_bar, dhact=dloss_dh_act, dhr=dh_bar_dhr, drt=dh_bar_drt, dract=dloss_drt_dact, dzact=dloss_dzt_dact)
    return G, inter
L = lambda P, x, hp: delta @ fwd(P, x, hp)[0]
G, I = bwd(P, x, hp); eps = 1e-6
ok = lambda e: 'AGREE' if e < 1e-6 else 'DISAGREE'
rows = dict(Wx=110, Wh=116, Wrh=131, Wrx=137, Wzh=148, Wzx=154)
for k in ['Wx', 'Wh', 'Wrh', 'Wrx', 'Wzh', 'Wzx']:
    g = np.zeros_like(P[k])
    for idx in np.ndindex(g.shape):
        Pp = {a: v.copy() for a, v in P.items()}; Pm = {a: v.copy() for a, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps; g[idx] = (L(Pp, x, hp) - L(Pm, x, hp)) / (2*eps)
    e = np.max(np.abs(G[k] - g)); print(f"row {rows[k]} d{k}: max err {e:.2e} -> {ok(e)}")
for nm, base, row in [('x', x, '113/140/157/160'), ('h', hp, '103/124/134/151/161')]:
    g = np.zeros_like(base)
    for i in range(len(base)):
        p = base.copy(); p[i] += eps; m_ = base.copy(); m_[i] -= eps
        g[i] = (L(P, p, hp) - L(P, m_, hp))/(2*eps) if nm == 'x' else (L(P, x, p) - L(P, x, m_))/(2*eps)
    e = np.max(np.abs(G[nm] - g)); print(f"rows {row} d{nm}: max err {e:.2e} -> {ok(e)}")
# intermediate quantities vs FD of L w.r.t. the intermediate (perturbation hooks)
def L_hook(key, vec):
    ax = P['Wzh'] @ hp + P['Wzx'] @ x + (vec if key == 'zpre' else 0); z = sig(ax) + (vec if key == 'z' else 0)
    ar = P['Wrh'] @ hp + P['Wrx'] @ x + (vec if key == 'rpre' else 0); r = sig(ar) + (vec if key == 'r' else 0)
    rh = r * hp + (vec if key == 'rh' else 0)
    hpre = P['Wh'] @ rh + P['Wx'] @ x + (vec if key == 'hpre' else 0); hbar = np.tanh(hpre) + (vec if key == 'hbar' else 0)
    return delta @ ((1.0 - z) * hp + z * hbar)
for key, val, row in [('z', I['dzt'], 101), ('hbar', I['dhbar'], 102), ('hpre', I['dhact'], 109), ('rh', I['dhr'], 119),
                      ('r', I['drt'], 123), ('rpre', I['dract'], 130), ('zpre', I['dzact'], 147)]:
    g = np.array([(L_hook(key, eps*np.eye(h)[i]) - L_hook(key, -eps*np.eye(h)[i]))/(2*eps) for i in range(h)])
    e = np.max(np.abs(val - g)); print(f"row {row} dL/d{key}: max err {e:.2e} -> {ok(e)}")
