# Finite-difference check of jerryx_xdl_gru_early.py (numpy only).
# Part 1: local checks of every row of gru_step_backward, feeding the TRUE upstream
#         quantities so that each row is judged on its own.
# Part 2: the author's GRULayer.gru_backward run as written (2 layers, T=4) against
#         finite differences, and once more with a corrected gru_step_backward swapped
#         in, to check the time/layer accumulation rows (171-180) and bpWeights indexing.
import sys, types
import numpy as np

np.random.seed(0)
sig = lambda v: 1.0 / (1.0 + np.exp(-v))

# ---- load the author's class as written (Tools.sigmoid stubbed) ----
xdl = types.ModuleType("xDLUtils")
class Tools:
    @staticmethod
    def sigmoid(v):
        return 1.0 / (1.0 + np.exp(-v))
xdl.Tools = Tools
sys.modules["xDLUtils"] = xdl
ns = {"__file__": __file__}
exec(open(__file__.replace("fd_", "")).read(), ns)
GRULayer = ns["GRULayer"]

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))

def report(row, name, mine, ref, tol=1e-6):
    e = rel(mine, ref)
    print(f"row {row:4d} {name:34s} rel.err {e:9.2e}  {'AGREE' if e < tol else 'DISAGREE'}")

# ---------------- Part 1: one step, local checks ----------------
N, D, H = 3, 4, 5
x = np.random.randn(N, D); prev_h = np.random.randn(N, H)
Wzx = np.random.randn(D, 2*H); Wzh = np.random.randn(H, 2*H); bz = np.random.randn(2*H)
Wax = np.random.randn(D, H); War = np.random.randn(H, H); ba = np.random.randn(H)
G = np.random.randn(N, H)                       # L = sum(G * next_h)

def step_L(P):
    # P: dict of possibly perturbed path copies / node offsets
    z_hat = P['x_g'] @ P['Wzx'] + P['ph_g'] @ P['Wzh'] + P['bz'] + P['e_zhat']
    r = sig(z_hat[:, :H]) + P['e_r']
    z = sig(z_hat[:, H:]) + P['e_z']
    rh = r * P['ph_c'] + P['e_rh']
    a = P['x_c'] @ P['Wax'] + rh @ P['War'] + P['ba'] + P['e_a']
    nh = P['ph_d'] * (1. - z) + z * np.tanh(a)
    return np.sum(G * nh)

base = dict(x_g=x, x_c=x, ph_g=prev_h, ph_c=prev_h, ph_d=prev_h, Wzx=Wzx, Wzh=Wzh, bz=bz,
            Wax=Wax, War=War, ba=ba, e_zhat=np.zeros((N, 2*H)), e_r=np.zeros((N, H)),
            e_z=np.zeros((N, H)), e_rh=np.zeros((N, H)), e_a=np.zeros((N, H)))

def fd(key, keys_tied=None, eps=1e-6):
    keys = keys_tied or [key]
    v = base[keys[0]]
    g = np.zeros_like(v, dtype=float)
    for idx in np.ndindex(v.shape):
        for s in (+1, -1):
            P = dict(base)
            for k in keys:
                w = np.array(base[k], dtype=float).copy(); w[idx] += s*eps; P[k] = w
            g[idx] += s * step_L(P)
        g[idx] /= 2*eps
    return g

# forward quantities
z_hat = x @ Wzx + prev_h @ Wzh + bz
r = sig(z_hat[:, :H]); z = sig(z_hat[:, H:])
a = x @ Wax + (r*prev_h) @ War + ba
tanha = np.tanh(a); dh = G

# true node gradients by FD
T_a = fd('e_a'); T_z = fd('e_z'); T_rh = fd('e_rh'); T_r = fd('e_r'); T_zhat = fd('e_zhat')
T_ph_d = fd('ph_d'); T_ph_c = fd('ph_c'); T_ph_g = fd('ph_g'); T_x_c = fd('x_c'); T_x_g = fd('x_g')
T_prev = fd(None, ['ph_g', 'ph_c', 'ph_d']); T_x = fd(None, ['x_g', 'x_c'])

# author's rows (as written)
da = dh*z*(1.-tanha*tanha);                      report(245, "da", da, T_a)
dh_prev_1 = dh * (1.-z);                         report(246, "dh_prev_1", dh_prev_1, T_ph_d)
dz = dh * (z+tanha);                             report(247, "dz = dh*(z+tanha)", dz, T_z)
print("          (correct would be dh*(tanha-prev_h):", "AGREE" if rel(dh*(tanha-prev_h), T_z) < 1e-6 else "DISAGREE", ")")
dz_hat_2_local = T_z*(z*(1.-z));                 report(248, "dz_hat_2 rule, fed true dz", dz_hat_2_local, T_zhat[:, H:])
dz_hat_2 = dz*(z*(1.-z));                        report(248, "dz_hat_2 as computed (wrong dz)", dz_hat_2, T_zhat[:, H:])
d13 = da @ War.T;                                report(250, "d13", d13, T_rh)
dr = d13 * prev_h;                               report(251, "dr (unused)", dr, T_r)
dx_1 = da @ Wax.T;                               report(252, "dx_1", dx_1, T_x_c)
dh_prev_2 = d13*r;                               report(253, "dh_prev_2", dh_prev_2, T_ph_c)
dz_hat_1 = dh_prev_2 * (r * (1. - r));           report(254, "dz_hat_1 = dh_prev_2*r(1-r)", dz_hat_1, T_zhat[:, :H])
print("          (correct would be dr*r(1-r):", "AGREE" if rel(dr*r*(1-r), T_zhat[:, :H]) < 1e-6 else "DISAGREE", ")")
dzh_true = np.hstack((T_zhat[:, :H], T_zhat[:, H:]))
report(256, "dz_hat = hstack(r-part, z-part)", dzh_true, T_zhat)
dh_prev_3 = dzh_true @ Wzh.T;                    report(258, "dh_prev_3 (true dz_hat)", dh_prev_3, T_ph_g)
dx_2 = dzh_true @ Wzx.T;                         report(259, "dx_2 (true dz_hat)", dx_2, T_x_g)
dx_3 = dzh_true @ Wzx.T;                         report(260, "dx_3 (same term as dx_2)", dx_3, T_x_g)
dh_prev_4 = dzh_true @ Wzh.T;                    report(261, "dh_prev_4 (same term as dh_prev_3)", dh_prev_4, T_ph_g)
dprev_h = T_ph_d + T_ph_c + dh_prev_3 + dh_prev_4
report(262, "dprev_h = 1+2+3+4 (true parts)", dprev_h, T_prev)
dxs = T_x_c + dx_2 + dx_3
report(263, "dx = dx_1+dx_2+dx_3 (true parts)", dxs, T_x)
report(262, "dprev_h without the duplicate", T_ph_d + T_ph_c + dh_prev_3, T_prev)

def fdw(key): return fd(key)
report(265, "dWax", x.T @ T_a, fdw('Wax'))
report(266, "dWar", (r*prev_h).T @ T_a, fdw('War'))
report(267, "dba", np.sum(T_a, axis=0), fdw('ba'))
report(269, "dWzx (true dz_hat)", x.T @ T_zhat, fdw('Wzx'))
report(270, "dWzh (true dz_hat)", prev_h.T @ T_zhat, fdw('Wzh'))
report(271, "dbz (true dz_hat)", np.sum(T_zhat, axis=0), fdw('bz'))

# forward rows 206-213: check next_h against an independent GRU formula
nh_author, _ = GRULayer.gru_step_forward(None, x, prev_h, Wzx, Wzh, bz, Wax, War, ba)
nh_ref = (1-z)*prev_h + z*np.tanh(x@Wax + (r*prev_h)@War + ba)
report(213, "next_h (forward)", nh_author, nh_ref, 1e-12)

# ---------------- Part 2: whole layer stack as written ----------------
print("\nPart 2: GRULayer.gru_backward, 2 layers, T=4, loss = sum(Gout * h[:,-1,:])")
N, T, D, H, Lyr = 2, 4, 3, 4, 2
X = np.random.randn(N, T, D); Gout = np.random.randn(N, H)
lay = GRULayer("g", N, H, Lyr, lambda p, d: None, None, np.float64, 0.5)
lay.initNnWeight(D, H, Lyr, np.float64)
def loss():
    return np.sum(Gout * lay.gru_forward(X)[:, -1, :])
def fd_param(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; lp = loss(); arr[idx] = o-eps; lm = loss(); arr[idx] = o
        g[idx] = (lp-lm)/(2*eps)
    return g
def fd_x(eps=1e-6):
    g = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o+eps; lp = loss(); X[idx] = o-eps; lm = loss(); X[idx] = o
        g[idx] = (lp-lm)/(2*eps)
    return g
names = ['Wzx', 'Wzh', 'bz', 'Wax', 'War', 'ba']
FD = {l: {k: fd_param(lay.gruParams[l][k]) for k in names} for l in range(Lyr)}
FDX = fd_x()

def run(label):
    loss()
    dh = np.zeros((N, T, H)); dh[:, -1, :] = Gout
    dx, dws = lay.gru_backward(dh)
    print(label)
    for l in range(Lyr):
        dw = dws[Lyr-1-l]          # the indexing used by bpWeights (row 91)
        for k, g in zip(names, dw):
            report(91, f"end-to-end layer {l} {k} via dw[L-1-l]", g, FD[l][k], 1e-5)
    report(171, "end-to-end dx of the input sequence", dx, FDX, 1e-5)

run("-- as written (author's gru_step_backward):")

def step_backward_fixed(self, dnext_h, cache):
    x, prev_h, Wzx, Wzh, Wax, War, z_hat, r, z, a = cache
    H = dnext_h.shape[1]; th = np.tanh(a); dh = dnext_h
    da = dh*z*(1-th*th)
    d13 = da @ War.T
    dzh = np.hstack((d13*prev_h*r*(1-r), dh*(th-prev_h)*z*(1-z)))
    dprev = dh*(1-z) + d13*r + dzh @ Wzh.T
    dx = da @ Wax.T + dzh @ Wzx.T
    return dx, dprev, x.T@dzh, prev_h.T@dzh, dzh.sum(0), x.T@da, (r*prev_h).T@da, da.sum(0)
GRULayer.gru_step_backward = step_backward_fixed
run("-- same gru_backward / indexing with a corrected step backward (checks rows 171-180, 91):")
