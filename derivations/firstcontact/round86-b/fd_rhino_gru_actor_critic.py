# Finite-difference check of rhino_gru_actor_critic.py (numpy only).
# The file's project imports are stubbed; the module constants are shrunk after loading
# (the methods read GRU_H, H1, H2, N_MLP_IN as globals at call time).
# Loss used: L = sum(Gl * logits) + gv * value at the last GRU state, i.e.
# dlogits = Gl, dvalue = gv; BPTT driver (not in the file): dh = mlp_backward(...)[0], then
# for t reversed: dh, g = gru_step_backward(dh, caches[t]); sum g over t.
import sys, types
import numpy as np

for name, attrs in [("agents", {}), ("agents.orangutan_features", {"N_FEATURES": 4, "N_ACTIONS": 3}),
                    ("rhino", {}), ("rhino.event_encode", {"N_EVENT": 5})]:
    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m
ns = {}
exec(open(__file__.replace("fd_", "")).read(), ns)
ns.update(GRU_H=6, H1=7, H2=5); ns["N_MLP_IN"] = 6 + 4
Net = ns["GRUActorCritic"]; GRU_H = 6
net = Net(seed=3)
rng = np.random.default_rng(7)
for k in ns["ALL_KEYS"]:                     # random biases / bigger weights: every term active
    setattr(net, k, rng.standard_normal(getattr(net, k).shape) * 0.7)
ev = [rng.standard_normal(5) for _ in range(4)]; snap = rng.standard_normal(4)
Gl = rng.standard_normal(3); gv = 0.8

def rel(a, b): return np.max(np.abs(a-b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def rep(row, name, a, b, tol=1e-6):
    e = rel(np.asarray(a, float), np.asarray(b, float))
    print(f"row {row:7s} {name:40s} rel.err {e:9.2e}  {'AGREE' if e < tol else 'DISAGREE'}")

def loss():
    hs, caches = net.run_gru(ev)
    logits, value, _ = net.mlp_forward(hs[-1], snap)
    return float(np.sum(Gl*logits) + gv*value)

def fd_attr(k, eps=1e-6):
    W = getattr(net, k); g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        o = W[idx]; W[idx] = o+eps; lp = loss(); W[idx] = o-eps; lm = loss(); W[idx] = o
        g[idx] = (lp-lm)/(2*eps)
    return g

# ---- one GRU step: node-level local checks, upstream gup = dL/dh_new ----
x = rng.standard_normal(5); h = rng.standard_normal(GRU_H); gup = rng.standard_normal(GRU_H)
sig = ns["_sigmoid"]
def stepL(e):
    zp = net.Wz @ x + net.Uz @ e['h_z'] + net.bz + e['zp']; rp = net.Wr @ x + net.Ur @ e['h_r'] + net.br + e['rp']
    z = sig(zp) + e['z']; r = sig(rp) + e['r']
    rh = r * e['h_rh'] + e['rh']
    npre = net.Wn @ x + net.Un @ rh + net.bn + e['np']
    n = np.tanh(npre) + e['n']
    return float(np.sum(gup * ((1 - z) * e['h_d'] + z * n)))
zero = lambda: np.zeros(GRU_H)
E = dict(h_z=h, h_r=h, h_rh=h, h_d=h, zp=zero(), rp=zero(), z=zero(), r=zero(), rh=zero(), np=zero(), n=zero())
def fdn(keys, eps=1e-6):
    keys = keys if isinstance(keys, list) else [keys]
    g = np.zeros(GRU_H)
    for i in range(GRU_H):
        tot = 0.0
        for s in (1, -1):
            e = dict(E)
            for k in keys:
                v = E[k].copy(); v[i] += s*eps; e[k] = v
            tot += s*stepL(e)
        g[i] = tot/(2*eps)
    return g
h_new, cache = net.gru_step(x, h)
_, _, z, r, rh, n = cache
dh_prev, g = net.gru_step_backward(gup, cache)
dz_raw = gup*(n-h); dn = gup*z; dh_direct = gup*(1-z); dn_pre = dn*(1-n*n)
drh = net.Un.T @ dn_pre; dr_raw = drh*h; dh_n = drh*r; dz_pre = dz_raw*z*(1-z); dr_pre = dr_raw*r*(1-r)
rep("87", "dz_raw = dL/dz", dz_raw, fdn('z')); rep("88", "dn = dL/dn", dn, fdn('n'))
rep("89", "dh_direct", dh_direct, fdn('h_d')); rep("92", "dn_pre", dn_pre, fdn('np'))
rep("95", "drh = dL/d(r*h)", drh, fdn('rh')); rep("96", "dr_raw = dL/dr", dr_raw, fdn('r'))
rep("97", "dh_n (path through r*h)", dh_n, fdn('h_rh')); rep("100", "dz_pre", dz_pre, fdn('zp'))
rep("101", "dr_pre", dr_pre, fdn('rp'))
rep("103", "dh_prev (returned)", dh_prev, fdn(['h_z', 'h_r', 'h_rh', 'h_d']))
def fdw_step(k, eps=1e-6):
    W = getattr(net, k); gg = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        o = W[idx]; W[idx] = o+eps; lp = float(np.sum(gup*net.gru_step(x, h)[0]))
        W[idx] = o-eps; lm = float(np.sum(gup*net.gru_step(x, h)[0])); W[idx] = o; gg[idx] = (lp-lm)/(2*eps)
    return gg
for row, ks in [("106", ['Wz', 'Uz', 'bz']), ("107", ['Wr', 'Ur', 'br']), ("108", ['Wn', 'Un', 'bn'])]:
    for k in ks:
        rep(row, f"grads['{k}'] one step", g[k], fdw_step(k))

# ---- MLP rows ----
hs, caches = net.run_gru(ev)
logits, value, mc = net.mlp_forward(hs[-1], snap)
dh_T, mg = net.mlp_backward(Gl, gv, mc)
xm, z1, a1, z2, a2 = mc
rowmap = {'W3': "140", 'b3': "140", 'Wv': "141", 'bv': "141", 'W2': "144", 'b2': "144", 'W1': "147", 'b1': "147"}
for k in ['W3', 'b3', 'Wv', 'bv', 'W2', 'b2', 'W1', 'b1']:
    rep(rowmap[k], f"mlp grad {k}", mg[k], fd_attr(k))
def fd_hT(eps=1e-6):
    gg = np.zeros(GRU_H)
    for i in range(GRU_H):
        hp = hs[-1].copy(); hp[i] += eps; lp = np.sum(Gl*net.mlp_forward(hp, snap)[0]) + gv*net.mlp_forward(hp, snap)[1]
        hm = hs[-1].copy(); hm[i] -= eps; lm = np.sum(Gl*net.mlp_forward(hm, snap)[0]) + gv*net.mlp_forward(hm, snap)[1]
        gg[i] = (lp-lm)/(2*eps)
    return gg
rep("143-150", "dh = dx[:GRU_H] from mlp_backward", dh_T, fd_hT())

# ---- whole sequence BPTT with the file's functions ----
tot = {k: np.zeros_like(getattr(net, k)) for k in ns["GRU_KEYS"]}
dh = dh_T
for t in reversed(range(len(caches))):
    dh, gt = net.gru_step_backward(dh, caches[t])
    for k in tot: tot[k] += gt[k]
for k in ns["GRU_KEYS"]:
    rep("e2e", f"GRU {k} summed over T=4", tot[k], fd_attr(k))
