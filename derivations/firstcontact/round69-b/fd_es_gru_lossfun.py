"""FD check of es_gru_lossfun.py (Spanish min-char GRU). numpy only.
Forward: r=sig(Wxr x+Whr h+br), z=sig(Wxz x+Whz h+bz), ht=tanh(Wxh x+Whh(r*h)+bh),
h_t=(1-z)h+z ht, softmax CE. Backward as written by the author (line numbers of the note)."""
import numpy as np
rng = np.random.default_rng(0)
V, H, T = 5, 4, 6
P = {k: rng.normal(0, 0.5, s) for k, s in dict(
    Wxr=(H, V), Whr=(H, H), br=(H, 1), Wxz=(H, V), Whz=(H, H), bz=(H, 1),
    Wxh=(H, V), Whh=(H, H), bh=(H, 1), Why=(V, H), by=(V, 1)).items()}
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T))
hprev = rng.normal(0, 0.5, (H, 1))
sigmoid = lambda x: 1/(1+np.exp(-x)); dsigmoid = lambda y: y*(1-y); dtanh = lambda y: 1-y*y

def forward(P, hprev, pert=None):
    xs, hs, ps, r_g, z_g, h_t = {}, {-1: hprev.copy()}, {}, {}, {}, {}
    loss = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1; xs[t] = x; h_prev = hs[t-1]
        r = sigmoid(P['Wxr']@x + P['Whr']@h_prev + P['br'])
        if pert and pert[0] == 'r' and pert[1] == t: r = r + pert[2]
        z = sigmoid(P['Wxz']@x + P['Whz']@h_prev + P['bz'])
        if pert and pert[0] == 'z' and pert[1] == t: z = z + pert[2]
        ht = np.tanh(P['Wxh']@x + P['Whh']@(r*h_prev) + P['bh'])
        if pert and pert[0] == 'ht' and pert[1] == t: ht = ht + pert[2]
        h = (1-z)*h_prev + z*ht
        if pert and pert[0] == 'h' and pert[1] == t: h = h + pert[2]
        hs[t] = h; r_g[t], z_g[t], h_t[t] = r, z, ht
        y = P['Why']@h + P['by']; p = np.exp(y)/np.sum(np.exp(y)); ps[t] = p
        loss += -np.log(p[targets[t], 0])
    return loss, xs, hs, ps, r_g, z_g, h_t

def backward_author(P, hprev, fix139=False):
    loss, xs, hs, ps, r_gates, z_gates, h_tildes = forward(P, hprev)
    G = {k: np.zeros_like(v) for k, v in P.items()}; dhnext = np.zeros((H, 1)); rec = {}
    for t in reversed(range(T)):
        dy = ps[t].copy(); dy[targets[t]] -= 1                      # 109-110
        G['Why'] += dy@hs[t].T; G['by'] += dy                         # 111-112
        dh = P['Why'].T@dy + dhnext                                   # 115
        h_prev, z_gate, h_tilde = hs[t-1], z_gates[t], h_tildes[t]
        dh_tilde = dh*z_gate; dh_prev_z = dh*(1-z_gate)               # 123-124
        dz_gate = dh*(h_tilde-h_prev); dz_gate_raw = dsigmoid(z_gate)*dz_gate  # 127-128
        dh_tilde_raw = dtanh(h_tilde)*dh_tilde                        # 131
        G['Wxh'] += dh_tilde_raw@xs[t].T; G['Whh'] += dh_tilde_raw@(r_gates[t]*h_prev).T; G['bh'] += dh_tilde_raw
        if fix139: dr_gate = (P['Whh'].T@dh_tilde_raw)*h_prev         # correct (reset before product)
        else:      dr_gate = dh_tilde_raw*(P['Whh']@h_prev)           # 139 as written
        dr_gate_raw = dsigmoid(r_gates[t])*dr_gate                    # 140
        G['Wxr'] += dr_gate_raw@xs[t].T; G['Whr'] += dr_gate_raw@h_prev.T; G['br'] += dr_gate_raw
        G['Wxz'] += dz_gate_raw@xs[t].T; G['Whz'] += dz_gate_raw@h_prev.T; G['bz'] += dz_gate_raw
        dh_prev_r = (P['Whh'].T@dh_tilde_raw)*r_gates[t]             # 155
        dh_prev_hr = P['Whr'].T@dr_gate_raw                           # 158
        dh_prev_hz = P['Whz'].T@dz_gate_raw                           # 161
        dhnext = dh_prev_z + dh_prev_r + dh_prev_hr + dh_prev_hz     # 165
        rec[t] = dict(dh=dh, dh_tilde=dh_tilde, dz_gate=dz_gate, dr_gate=dr_gate)
    return G, dhnext, rec

def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for i in np.ndindex(P[k].shape):
        o = P[k][i]; P[k][i] = o+eps; lp = forward(P, hprev)[0]; P[k][i] = o-eps; lm = forward(P, hprev)[0]; P[k][i] = o
        g[i] = (lp-lm)/(2*eps)
    return g
def fd_h0(eps=1e-6):
    g = np.zeros_like(hprev)
    for i in np.ndindex(hprev.shape):
        hp = hprev.copy(); hp[i] += eps; hm = hprev.copy(); hm[i] -= eps
        g[i] = (forward(P, hp)[0]-forward(P, hm)[0])/(2*eps)
    return g
def fd_inter(name, t, eps=1e-6):
    g = np.zeros((H, 1))
    for i in range(H):
        d = np.zeros((H, 1)); d[i] = eps
        g[i] = (forward(P, hprev, (name, t, d))[0]-forward(P, hprev, (name, t, -d))[0])/(2*eps)
    return g
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
FD = {k: fd_param(k) for k in P}; FDh0 = fd_h0()
for label, fix in [("AS WRITTEN", False), ("WITH LINE 139 CORRECTED to (Whh.T@dh_tilde_raw)*h_prev", True)]:
    G, dh0, rec = backward_author(P, hprev, fix)
    print("==", label)
    for k in P: print("  d%-4s %s  maxerr=%.2e" % (k, "AGREE" if ok(G[k], FD[k]) else "DISAGREE", np.abs(G[k]-FD[k]).max()))
    print("  dhprev (final dhnext, line 165) %s" % ("AGREE" if ok(dh0, FDh0) else "DISAGREE"))
G, _, rec = backward_author(P, hprev, False); t = T-1
print("== local checks at the last step t=T-1 (upstream dh exact there)")
for nm, key, line in [('h', 'dh', 115), ('ht', 'dh_tilde', 123), ('z', 'dz_gate', 127), ('r', 'dr_gate', 139)]:
    print("  line %d %-9s %s" % (line, key, "AGREE" if ok(rec[t][key], fd_inter(nm, t)) else "DISAGREE"))
# what line 139 would be right for: the reset-AFTER forward ht = tanh(Wxh x + r*(Whh h) + bh)
x = np.zeros((V, 1)); x[inputs[t]] = 1; hp_ = forward(P, hprev)[2][t-1]
a = np.random.default_rng(1).normal(size=(H, 1)); r0 = np.full((H, 1), 0.4); da = a
f = lambda r: float((a*np.tanh(P['Wxh']@x + r*(P['Whh']@hp_) + P['bh'])).sum())
fd_r = np.array([[(f(r0+e)-f(r0-e))/2e-6] for e in np.eye(H)[:, :, None]*1e-6]).reshape(H, 1)
ht_ = np.tanh(P['Wxh']@x + r0*(P['Whh']@hp_) + P['bh'])
print("  line 139 formula equals dL/dr of the reset-AFTER cell:", ok(da*dtanh(ht_)*(P['Whh']@hp_), fd_r))
