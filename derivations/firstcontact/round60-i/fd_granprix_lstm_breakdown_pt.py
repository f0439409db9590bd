# FD check for granprix_lstm_breakdown_pt.md (numpy only, float64, deterministic)
import numpy as np
rng = np.random.default_rng(60)
B, D, H, T, K = 2, 3, 4, 4, 2
sig = lambda z: 1/(1+np.exp(-z))
P = {g: rng.normal(0, .6, (H, H+D)) for g in 'fiCo'}
bb = {g: rng.normal(0, .3, H) for g in 'fiCo'}
Wy = rng.normal(0, .6, (K, H)); by = rng.normal(0, .3, K)
X = rng.normal(size=(T+1, B, D)); Y = rng.normal(size=(T+1, B, K))
h0 = rng.normal(0, .5, (B, H)); C0 = rng.normal(0, .5, (B, H))

def fwd(P=P, eh=None, eC=None):
    # t = 1..T ; index 0 = initial state. Row layout: z = [h,x] @ W^T + b  (== W.[h;x]+b)
    h = {0: h0.copy()}; C = {0: C0.copy()}; c = {}
    L = 0.
    for t in range(1, T+1):
        cat = np.concatenate([h[t-1], X[t]], 1)
        f = sig(cat@P['f'].T+bb['f']); i = sig(cat@P['i'].T+bb['i'])
        Ct = np.tanh(cat@P['C'].T+bb['C']); o = sig(cat@P['o'].T+bb['o'])
        C[t] = f*C[t-1] + i*Ct
        if eC is not None and t in eC: C[t] = C[t] + eC[t]
        h[t] = o*np.tanh(C[t])
        if eh is not None and t in eh: h[t] = h[t] + eh[t]
        yh = h[t]@Wy.T + by
        L += 0.5*np.sum((yh-Y[t])**2)
        c[t] = dict(cat=cat, f=f, i=i, Ct=Ct, o=o)
    return L, h, C, c

def fd(fun, shape, e=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = e
        g[idx] = (fun(d) - fun(-d))/(2*e)
    return g

L, h, C, c = fwd()
dh_tot = {t: fd(lambda d: fwd(eh={t: d})[0], (B, H)) for t in range(1, T+1)}   # total dL/dh_t
dC_tot = {t: fd(lambda d: fwd(eC={t: d})[0], (B, H)) for t in range(1, T+1)}   # total dL/dC_t
dC_tot[T+1] = np.zeros((B, H))
def dW_true(g):
    def fun(d):
        Q = dict(P); Q[g] = P[g]+d; return fwd(P=Q)[0]
    return fd(fun, (H, H+D))
dW = {g: dW_true(g) for g in 'fiCo'}
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}

# ---------- forward rows 35-56, 105-111: recompute from the written formulas
t = 2
cat = c[t]['cat']
res[35] = ok(c[t]['f'], sig(cat@P['f'].T+bb['f'])); res[105] = res[35]
res[40] = ok(c[t]['i'], sig(cat@P['i'].T+bb['i'])); res[106] = res[40]
res[43] = ok(c[t]['Ct'], np.tanh(cat@P['C'].T+bb['C'])); res[107] = res[43]
res[48] = ok(C[t], c[t]['f']*C[t-1] + c[t]['i']*c[t]['Ct']); res[108] = res[48]
res[53] = ok(c[t]['o'], sig(cat@P['o'].T+bb['o'])); res[109] = res[53]
res[56] = ok(h[t], c[t]['o']*np.tanh(C[t])); res[110] = res[56]
res[111] = True  # output head definition (used in fwd as written)

# ---------- section 5 (plain RNN)
Wh = rng.normal(0, .5, (H, H)); Wx = rng.normal(0, .5, (H, D)); bh = rng.normal(0, .2, H)
xs = rng.normal(size=(T+1, D)); hr0 = rng.normal(0, .5, H); v = rng.normal(size=H)
def rnn(Wh=Wh, e=None):
    hs = [hr0]; As = [None]
    for k in range(1, T+1):
        a = Wh@hs[-1] + Wx@xs[k] + bh; As.append(a)
        hk = np.tanh(a)
        if e is not None and k in e: hk = hk + e[k]
        hs.append(hk)
    return v@hs[T], hs, As       # L = v.h_T (loss at T only)
Lr, hs, As = rnn()
# line 13: prod_{k=t+1}^T dh_k/dh_{k-1} = prod tanh'(a_k) W_h  (ordered, k=T leftmost)
t0 = 1
J_fd = np.zeros((H, H))
for j in range(H):
    def hT(d):
        hh = [hs[t0] + d]
        for k in range(t0+1, T+1):
            hh.append(np.tanh(Wh@hh[-1] + Wx@xs[k] + bh))
        return hh[-1]
    e = np.zeros(H); e[j] = 1e-6
    J_fd[:, j] = (hT(e) - hT(-e))/2e-6
J_a = np.eye(H)
for k in range(T, t0, -1):
    J_a = J_a @ (np.diag(1-np.tanh(As[k])**2) @ Wh)
res[13] = ok(J_a, J_fd)
# line 10: sum_t dL/dh_T prod dh_k/dh_{k-1}  -- no dh_t/dW factor: a (H,) row, not an (H,H) gradient
dWh_fd = fd(lambda d: rnn(Wh=Wh+d)[0], (H, H))
def _prod(t):
    M = np.eye(H)
    for k in range(T, t, -1):
        M = M @ (np.diag(1-np.tanh(As[k])**2)@Wh)
    return M
author = sum(v @ _prod(t) for t in range(1, T+1))
correct = np.zeros((H, H))
for t in range(1, T+1):
    g = v.copy()
    for k in range(T, t, -1):
        g = g @ (np.diag(1-np.tanh(As[k])**2)@Wh)
    correct += np.outer(g*(1-np.tanh(As[t])**2), hs[t-1])
assert ok(correct, dWh_fd)
res[10] = (author.shape == dWh_fd.shape) and ok(author, dWh_fd)

# ---------- lines 24 / 150: dC_t/dC_{t-1} = f_t + extra (extra = path via h_{t-1})
t = 3; bi = 0
def Ct_of(d):  # perturb C_{t-1} and propagate through h_{t-1} and C_t
    Cp = C[t-1][bi] + d
    hp = c[t-1]['o'][bi]*np.tanh(Cp)
    cat = np.concatenate([hp, X[t][bi]])
    f = sig(P['f']@cat+bb['f']); i = sig(P['i']@cat+bb['i']); g = np.tanh(P['C']@cat+bb['C'])
    return f*Cp + i*g
Jtot = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = 1e-6; Jtot[:, j] = (Ct_of(e)-Ct_of(-e))/2e-6
def Ct_direct(d):
    cat = c[t]['cat'][bi]
    return c[t]['f'][bi]*(C[t-1][bi]+d) + c[t]['i'][bi]*c[t]['Ct'][bi]
Jdir = np.zeros((H, H))
for j in range(H):
    e = np.zeros(H); e[j] = 1e-6; Jdir[:, j] = (Ct_direct(e)-Ct_direct(-e))/2e-6
res[24] = ok(Jdir, np.diag(c[t]['f'][bi])) and not ok(Jtot, Jdir)   # f_t + nonzero gate terms
res[150] = res[24]

# ---------- section 12 / 13 rows (LaTeX and pseudo-code), batch summed
def outer_sum(dz, t): return dz.T @ c[t]['cat']   # "[h_{t-1},x_t]" read as outer product
t = 2
tc = np.tanh(C[t])
# 66 / 74 / 125: dL/dC_t = dL/dh_t * o*(1-tanh^2) + dL/dC_{t+1} * f_{t+1}
fn = c[t+1]['f']
rhs = dh_tot[t]*c[t]['o']*(1-tc**2) + dC_tot[t+1]*fn
res[66] = ok(rhs, dC_tot[t]); res[74] = res[66]; res[125] = res[66]
# 69: dh_t/dC_t = o_t (1 - tanh^2 C_t) (local, elementwise)
g = fd(lambda d: np.sum(c[t]['o']*np.tanh(C[t]+d)), (B, H))
res[69] = ok(g, c[t]['o']*(1-tc**2))
# 71: dC_{t+1}/dC_t (direct) = f_{t+1}
g = fd(lambda d: np.sum(c[t+1]['f']*(C[t]+d) + c[t+1]['i']*c[t+1]['Ct']), (B, H))
res[71] = ok(g, c[t+1]['f'])
# 83: dC_t/df_t = C_{t-1}
g = fd(lambda d: np.sum((c[t]['f']+d)*C[t-1] + c[t]['i']*c[t]['Ct']), (B, H))
res[83] = ok(g, C[t-1])
# 85: df_t/dW_f = f(1-f)[h,x]  (element (j,k): f_j(1-f_j) cat_k) -- check for batch row 0, unit j=1
j = 1
g = fd(lambda d: sig(c[t]['cat'][0]@(P['f']+d).T + bb['f'])[j], (H, H+D))
exp = np.zeros((H, H+D)); exp[j] = c[t]['f'][0, j]*(1-c[t]['f'][0, j])*c[t]['cat'][0]
res[85] = ok(g, exp)
# 81 / 128: sum_t dL/dC_t * C_{t-1} * f(1-f) [h,x]
Wf_a = sum(outer_sum(dC_tot[s]*C[s-1]*c[s]['f']*(1-c[s]['f']), s) for s in range(1, T+1))
res[81] = ok(Wf_a, dW['f']); res[128] = res[81]
Wi_a = sum(outer_sum(dC_tot[s]*c[s]['Ct']*c[s]['i']*(1-c[s]['i']), s) for s in range(1, T+1))
res[88] = ok(Wi_a, dW['i']); res[131] = res[88]
WC_a = sum(outer_sum(dC_tot[s]*c[s]['i']*(1-c[s]['Ct']**2), s) for s in range(1, T+1))
res[91] = ok(WC_a, dW['C']); res[134] = res[91]
Wo_a = sum(outer_sum(dh_tot[s]*np.tanh(C[s])*c[s]['o']*(1-c[s]['o']), s) for s in range(1, T+1))
res[94] = ok(Wo_a, dW['o']); res[122] = res[94]
# 117: dL/dh_T = dL_T/dh_T
yhT = h[T]@Wy.T+by
res[117] = ok(dh_tot[T], (yhT-Y[T])@Wy)
# 118: dL/dC_T = dL/dh_T o_T (1-tanh^2 C_T)
res[118] = ok(dC_tot[T], dh_tot[T]*c[T]['o']*(1-np.tanh(C[T])**2))
# 137: dL/dh_{t-1} = dL/dh_t dh_t/dh_{t-1} + dL/dC_t dC_t/dh_{t-1}
t = 3; Hs = slice(0, H)
fz = lambda s: dict(o=dh_tot[s]*np.tanh(C[s])*c[s]['o']*(1-c[s]['o']),
                    f=dC_tot[s]*C[s-1]*c[s]['f']*(1-c[s]['f']),
                    i=dC_tot[s]*c[s]['Ct']*c[s]['i']*(1-c[s]['i']),
                    C=dC_tot[s]*c[s]['i']*(1-c[s]['Ct']**2))
z = fz(t)
via_o = z['o']@P['o'][:, Hs]                         # dh_t/dh_{t-1} at fixed C_t
via_C = z['f']@P['f'][:, Hs] + z['i']@P['i'][:, Hs] + z['C']@P['C'][:, Hs]
readA = via_o + via_C                                   # partial reading
# total dh_t/dh_{t-1} reading (includes path through C_t) -> double counts
via_C_to_h = (dh_tot[t]*c[t]['o']*(1-np.tanh(C[t])**2))
readB = readA + (via_C_to_h*C[t-1]*c[t]['f']*(1-c[t]['f']))@P['f'][:, Hs] \
        + (via_C_to_h*c[t]['Ct']*c[t]['i']*(1-c[t]['i']))@P['i'][:, Hs] \
        + (via_C_to_h*c[t]['i']*(1-c[t]['Ct']**2))@P['C'][:, Hs]
local = (h[t-1]@Wy.T+by-Y[t-1])@Wy
assert ok(readA + local, dh_tot[t-1])                    # the correct right side
res[137] = ok(readA, dh_tot[t-1]) or ok(readB, dh_tot[t-1])
# 147: dL/dC_1 = dL/dC_T prod_{t=2}^T dC_t/dC_{t-1}  (one-step total Jacobians, batch row 0)
def one_step_J(t, bi=0):
    def Ct_of(d):
        Cp = C[t-1][bi] + d; hp = c[t-1]['o'][bi]*np.tanh(Cp)
        cat = np.concatenate([hp, X[t][bi]])
        return sig(P['f']@cat+bb['f'])*Cp + sig(P['i']@cat+bb['i'])*np.tanh(P['C']@cat+bb['C'])
    J = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = 1e-6; J[:, j] = (Ct_of(e)-Ct_of(-e))/2e-6
    return J
g = dC_tot[T][0].copy()
for s in range(T, 1, -1):
    g = g @ one_step_J(s)
gd = dC_tot[T][0].copy()
for s in range(T, 1, -1):
    gd = gd * c[s]['f'][0]
res[147] = ok(g, dC_tot[1][0]) or ok(gd, dC_tot[1][0])

# ---------- section 17 code (torch-like, row layout (B,.), W_* of shape (H, H+D), concat=[h_prev,x])
t = 2
o, f, i_, C_tilde = c[t]['o'], c[t]['f'], c[t]['i'], c[t]['Ct']
concat = c[t]['cat']; C_curr, C_prev = C[t], C[t-1]
dL_dh = dh_tot[t]; dL_dC_next = dC_tot[t+1]; f_next = c[t+1]['f']
hidden_size = H
dL_do = dL_dh * np.tanh(C_curr)
res[172] = ok(dL_do, fd(lambda d: fwd_o(d), (B, H))) if False else None
# check 172 against FD of L wrt o_t (perturb o_t only in h_t = o_t tanh C_t)
def fwd_perturb_o(d):
    hh = dict(h); 
    Lx = 0.
    # recompute from step t with h_t = (o+d) tanh(C_t)
    hcur = (o+d)*np.tanh(C_curr); Ccur = C_curr; Lx = 0.
    for s in range(1, t):
        Lx += 0.5*np.sum((h[s]@Wy.T+by-Y[s])**2)
    Lx += 0.5*np.sum((hcur@Wy.T+by-Y[t])**2)
    for s in range(t+1, T+1):
        cat = np.concatenate([hcur, X[s]], 1)
        ff = sig(cat@P['f'].T+bb['f']); ii = sig(cat@P['i'].T+bb['i'])
        gg = np.tanh(cat@P['C'].T+bb['C']); oo = sig(cat@P['o'].T+bb['o'])
        Ccur = ff*Ccur + ii*gg; hcur = oo*np.tanh(Ccur)
        Lx += 0.5*np.sum((hcur@Wy.T+by-Y[s])**2)
    return Lx
res[172] = ok(dL_do, fd(fwd_perturb_o, (B, H)))
def bad(expr):
    try:
        expr(); return False
    except ValueError:
        return False
def elementwise_concat(dz):
    try:
        r = dz * concat
    except ValueError:
        return None
    return r
# dW rows: elementwise "* concat" vs the true per-step contribution dz^T @ concat
r = elementwise_concat(dL_do * o * (1 - o)); res[173] = r is not None and ok(r, outer_sum(dL_do*o*(1-o), t))
dL_dC_curr = dL_dh * o * (1 - np.tanh(C_curr)**2) + dL_dC_next * f_next
res[176] = ok(dL_dC_curr, dC_tot[t])
dL_df = dL_dC_curr * C_prev
# dL/df_t (local gate value) via FD: perturb f_t in C_t
def Lf(d, which):
    Ccur = C_prev*(f + (d if which=='f' else 0)) + (i_ + (d if which=='i' else 0))*(C_tilde + (d if which=='g' else 0))
    hcur = o*np.tanh(Ccur); Lx = sum(0.5*np.sum((h[s]@Wy.T+by-Y[s])**2) for s in range(1, t))
    Lx += 0.5*np.sum((hcur@Wy.T+by-Y[t])**2)
    for s in range(t+1, T+1):
        cat = np.concatenate([hcur, X[s]], 1)
        ff = sig(cat@P['f'].T+bb['f']); ii = sig(cat@P['i'].T+bb['i'])
        gg = np.tanh(cat@P['C'].T+bb['C']); oo = sig(cat@P['o'].T+bb['o'])
        Ccur = ff*Ccur + ii*gg; hcur = oo*np.tanh(Ccur)
        Lx += 0.5*np.sum((hcur@Wy.T+by-Y[s])**2)
    return Lx
res[179] = ok(dL_df, fd(lambda d: Lf(d, 'f'), (B, H)))
r = elementwise_concat(dL_df * f * (1 - f)); res[180] = r is not None
dL_di = dL_dC_curr * C_tilde
res[183] = ok(dL_di, fd(lambda d: Lf(d, 'i'), (B, H)))
r = elementwise_concat(dL_di * i_ * (1 - i_)); res[184] = r is not None
dL_dC_tilde = dL_dC_curr * i_
res[187] = ok(dL_dC_tilde, fd(lambda d: Lf(d, 'g'), (B, H)))
r = elementwise_concat(dL_dC_tilde * (1 - C_tilde**2)); res[188] = r is not None
# 191: written terms + the most generous completion of "..."
dz_i = dL_di*i_*(1-i_); dz_C = dL_dC_tilde*(1-C_tilde**2)
W_o, W_f, W_i, W_C = P['o'], P['f'], P['i'], P['C']
dL_dh_prev = dL_dh @ W_o[:, :hidden_size] + dL_dC_curr @ W_f[:, :hidden_size] + dz_i @ W_i[:, :hidden_size] + dz_C @ W_C[:, :hidden_size]
true_rec = (dL_do*o*(1-o))@W_o[:, :H] + (dL_df*f*(1-f))@W_f[:, :H] + dz_i@W_i[:, :H] + dz_C@W_C[:, :H]
local = (h[t-1]@Wy.T+by-Y[t-1])@Wy
assert ok(true_rec + local, dh_tot[t-1])
res[191] = ok(dL_dh_prev, true_rec)
# 192: dL_dC_prev = dL_dC_curr * f  (gradient reaching C_{t-1} through C_t's direct path)
g = fd(lambda d: np.sum(dL_dC_curr*(f*(C_prev+d) + i_*C_tilde)), (B, H))
res[192] = ok(dL_dC_prev := dL_dC_curr * f, g)

expected_fail = {10, 137, 147, 173, 180, 184, 188, 191}
for ln in sorted(res):
    v_ = res[ln]
    want = ln not in expected_fail
    print(ln, 'pass' if v_ else 'fail', '(expected', 'pass)' if want else 'fail)')
    assert bool(v_) == want, ln
print('all verdicts confirmed')
