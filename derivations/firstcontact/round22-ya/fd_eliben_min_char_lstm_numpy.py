"""Finite-difference check of eliben_min_char_lstm_numpy.md (Eli Bendersky, min-char-lstm.py).
Standalone numpy, float64. Re-implements the author's forward pass (column vectors, x stacked
above h, softmax + cross-entropy summed over steps) with optional perturbations injected at
intermediate nodes, runs the author's backward loop verbatim, and compares each backward line
with central finite differences.  Line numbers refer to the .md file."""
import numpy as np

rng = np.random.default_rng(0)
V, H, T = 4, 3, 4
HV = H + V
P = {k: rng.normal(0, 0.5, s) for k, s in dict(Wf=(H, HV), bf=(H, 1), Wi=(H, HV), bi=(H, 1),
     Wcc=(H, HV), bcc=(H, 1), Wo=(H, HV), bo=(H, 1), Wy=(V, H), by=(V, 1)).items()}
inputs = list(rng.integers(0, V, T))
targets = list(rng.integers(0, V, T))
hprev = rng.normal(0, 0.5, (H, 1))
cprev = rng.normal(0, 0.5, (H, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(P, pert=None):
    pert = pert or {}
    g = lambda name, t, val: val + pert[(name, t)] if (name, t) in pert else val
    c = {}
    hs = {-1: hprev.copy()}
    cs = {-1: cprev.copy()}
    loss = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        xh = g('xh', t, np.vstack((x, hs[t - 1])))
        af = g('af', t, P['Wf'] @ g('xh_f', t, xh) + P['bf'])
        ai = g('ai', t, P['Wi'] @ g('xh_i', t, xh) + P['bi'])
        ao = g('ao', t, P['Wo'] @ g('xh_o', t, xh) + P['bo'])
        acc = g('acc', t, P['Wcc'] @ g('xh_cc', t, xh) + P['bcc'])
        f, i, o, cc = sigmoid(af), sigmoid(ai), g('o', t, sigmoid(ao)), np.tanh(acc)
        cs[t] = g('c', t, f * g('cprev_c', t, cs[t - 1]) + i * cc)
        tc = g('tanhc', t, np.tanh(cs[t]))
        hs[t] = g('h', t, tc * o)
        y = g('y', t, P['Wy'] @ hs[t] + P['by'])
        p = np.exp(y) / np.sum(np.exp(y))
        loss += -np.log(p[targets[t], 0])
        c[t] = dict(xh=xh, f=f, i=i, o=o, cc=cc, c=cs[t], h=hs[t], p=p)
    c['cs'] = cs; c['hs'] = hs
    return loss, c


def fd_node(name, t, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        gr[idx] = (forward(P, {(name, t): d})[0] - forward(P, {(name, t): -d})[0]) / (2 * eps)
    return gr


def fd_param(k, eps=1e-6):
    gr = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps; lp = forward(P)[0]
        P[k][idx] = old - eps; lm = forward(P)[0]
        P[k][idx] = old
        gr[idx] = (lp - lm) / (2 * eps)
    return gr


loss, C = forward(P)
xs = {}
hs, cs = C['hs'], C['cs']
xhs = {t: C[t]['xh'] for t in range(T)}
fgs = {t: C[t]['f'] for t in range(T)}; igs = {t: C[t]['i'] for t in range(T)}
ogs = {t: C[t]['o'] for t in range(T)}; ccs = {t: C[t]['cc'] for t in range(T)}
ps = {t: C[t]['p'] for t in range(T)}
Wf, Wi, Wcc, Wo, Wy = P['Wf'], P['Wi'], P['Wcc'], P['Wo'], P['Wy']

# ---- author's backward pass (verbatim logic), recording per-step values ----
dWf = np.zeros_like(Wf); dbf = np.zeros_like(P['bf']); dWi = np.zeros_like(Wi); dbi = np.zeros_like(P['bi'])
dWcc = np.zeros_like(Wcc); dbcc = np.zeros_like(P['bcc']); dWo = np.zeros_like(Wo); dbo = np.zeros_like(P['bo'])
dWy = np.zeros_like(Wy); dby = np.zeros_like(P['by'])
dhnext = np.zeros_like(hs[0]); dcnext = np.zeros_like(cs[0])
rec = {}
for t in reversed(range(T)):
    dy = np.copy(ps[t]); dy[targets[t]] -= 1
    dWy += np.dot(dy, hs[t].T); dby += dy
    dh = np.dot(Wy.T, dy) + dhnext
    dctanh = ogs[t] * dh
    dc = dctanh * (1 - np.tanh(cs[t]) ** 2) + dcnext
    dhogs = dh * np.tanh(cs[t])
    dho = dhogs * ogs[t] * (1 - ogs[t])
    dWo += np.dot(dho, xhs[t].T); dbo += dho
    dxh_from_o = np.dot(Wo.T, dho)
    dhf = cs[t - 1] * dc * fgs[t] * (1 - fgs[t])
    dWf += np.dot(dhf, xhs[t].T); dbf += dhf
    dxh_from_f = np.dot(Wf.T, dhf)
    dhi = ccs[t] * dc * igs[t] * (1 - igs[t])
    dWi += np.dot(dhi, xhs[t].T); dbi += dhi
    dxh_from_i = np.dot(Wi.T, dhi)
    dhcc = igs[t] * dc * (1 - ccs[t] ** 2)
    dWcc += np.dot(dhcc, xhs[t].T); dbcc += dhcc
    dxh_from_cc = np.dot(Wcc.T, dhcc)
    dxh = dxh_from_o + dxh_from_f + dxh_from_i + dxh_from_cc
    dhnext = dxh[V:, :]
    dcnext = fgs[t] * dc
    rec[t] = dict(dy=dy, dh=dh, dctanh=dctanh, dc=dc, dhogs=dhogs, dho=dho, dxh_from_o=dxh_from_o,
                  dhf=dhf, dxh_from_f=dxh_from_f, dhi=dhi, dxh_from_i=dxh_from_i, dhcc=dhcc,
                  dxh_from_cc=dxh_from_cc, dxh=dxh, dhnext=dhnext, dcnext=dcnext)
grads = dict(Wf=dWf, bf=dbf, Wi=dWi, bi=dbi, Wcc=dWcc, bcc=dbcc, Wo=dWo, bo=dbo, Wy=dWy, by=dby)
assert max(np.abs(v).max() for v in grads.values()) < 5, "clipping would be active"

# ---- comparisons ----
per_step = [  # (md line, recorded key, node name, node shape)
    (170, 'dy', 'y', (V, 1)), (179, 'dh', 'h', (H, 1)), (183, 'dctanh', 'tanhc', (H, 1)),
    (186, 'dc', 'c', (H, 1)), (191, 'dhogs', 'o', (H, 1)), (192, 'dho', 'ao', (H, 1)),
    (199, 'dxh_from_o', 'xh_o', (HV, 1)), (202, 'dhf', 'af', (H, 1)), (205, 'dxh_from_f', 'xh_f', (HV, 1)),
    (208, 'dhi', 'ai', (H, 1)), (211, 'dxh_from_i', 'xh_i', (HV, 1)), (213, 'dhcc', 'acc', (H, 1)),
    (216, 'dxh_from_cc', 'xh_cc', (HV, 1)), (220, 'dxh', 'xh', (HV, 1)), (224, 'dcnext', 'cprev_c', (H, 1)),
]
results = {}
for line, key, node, shape in per_step:
    err = max(np.abs(rec[t][key] - fd_node(node, t, shape)).max() for t in range(T))
    results[line] = err
# dhnext = h-part of d(xh): gradient wrt h_{t-1} through step t only
results[221] = max(np.abs(rec[t]['dhnext'] - fd_node('xh', t, (HV, 1))[V:]).max() for t in range(T))
for line, k in [(174, 'Wy'), (175, 'by'), (195, 'Wo'), (196, 'bo'), (203, 'Wf'), (204, 'bf'),
                (209, 'Wi'), (210, 'bi'), (214, 'Wcc'), (215, 'bcc')]:
    results[line] = np.abs(grads[k] - fd_param(k)).max()
for line in sorted(results):
    e = results[line]
    print(f"line {line}: OK" if e < 1e-6 else f"line {line}: MISMATCH (max err {e:.3g})")
