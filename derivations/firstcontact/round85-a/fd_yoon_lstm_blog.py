"""Finite-difference check of yoon_lstm_blog.md (Kwangjin Yoon, LSTM post, commit 983bb39).

Author's conventions: column vectors, z_t = [h_{t-1}; x_t], W_* is N_C x (N_H+N_X),
v_t = W_v h_t + b_v, yhat_t = softmax(v_t), L = L_1 = -sum_t y_t . log yhat_t.
dX denotes the TOTAL dL/dX (L_t = sum_{k>=t} of the per-step losses, and
quantities of step t only influence L_t).  dh_t', dC_t' are the gradients
arriving from step t+1.
"""
import numpy as np

rng = np.random.default_rng(0)
NX, NC, T = 4, 3, 5            # small sizes (the post uses num_input = vocab, num_cell = 128)
NZ = NC + NX

def sigmoid(x): return 1 / (1 + np.exp(-x))
def dsigmoid(y): return y * (1 - y)
def dtanh(y): return 1 - y * y

P = {
    'W_f': rng.normal(0, .5, (NC, NZ)), 'b_f': rng.normal(0, .3, (NC, 1)),
    'W_i': rng.normal(0, .5, (NC, NZ)), 'b_i': rng.normal(0, .3, (NC, 1)),
    'W_C': rng.normal(0, .5, (NC, NZ)), 'b_C': rng.normal(0, .3, (NC, 1)),
    'W_o': rng.normal(0, .5, (NC, NZ)), 'b_o': rng.normal(0, .3, (NC, 1)),
    'W_v': rng.normal(0, .5, (NX, NC)), 'b_v': rng.normal(0, .3, (NX, 1)),
}
inputs = rng.integers(0, NX, T)
targets = rng.integers(0, NX, T)
h0 = rng.normal(0, .5, (NC, 1)); C0 = rng.normal(0, .5, (NC, 1))

def run(P, pert=None):
    """forward pass (lines 26-36 / code lines 153-166); pert[(name,t)] is added to the
    named intermediate right after it is computed, so dL/dpert = total dL/d(name_t)."""
    pert = pert or {}
    g = lambda name, t, val: val + pert.get((name, t), 0.0)
    h, C = h0.copy(), C0.copy()
    L = 0.0
    cache = []
    for t in range(T):
        x = np.zeros((NX, 1)); x[inputs[t]] = 1
        z = np.concatenate((h, x), axis=0)
        fs = g('f*', t, P['W_f'] @ z + P['b_f'])
        is_ = g('i*', t, P['W_i'] @ z + P['b_i'])
        Cbs = g('Cb*', t, P['W_C'] @ z + P['b_C'])
        os_ = g('o*', t, P['W_o'] @ z + P['b_o'])
        f = g('f', t, sigmoid(fs)); i = g('i', t, sigmoid(is_))
        Cb = g('Cb', t, np.tanh(Cbs)); o = g('o', t, sigmoid(os_))
        Cprev = C
        C = g('C', t, f * C + i * Cb)
        h = g('h', t, o * np.tanh(C))
        v = g('v', t, P['W_v'] @ h + P['b_v'])
        y = np.exp(v) / np.sum(np.exp(v))
        L += -np.log(y[targets[t], 0])
        cache.append(dict(z=z, f=f, i=i, Cb=Cb, C=C, o=o, h=h, v=v, y=y, Cprev=Cprev))
    return L, cache

def fd_var(name, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for k in range(g.size):
        e = np.zeros(shape); e.flat[k] = eps
        g.flat[k] = (run(P, {(name, t): e})[0] - run(P, {(name, t): -e})[0]) / (2 * eps)
    return g

def fd_param(pname, eps=1e-6):
    g = np.zeros_like(P[pname])
    for k in range(g.size):
        old = P[pname].flat[k]
        P[pname].flat[k] = old + eps; Lp = run(P)[0]
        P[pname].flat[k] = old - eps; Lm = run(P)[0]
        P[pname].flat[k] = old
        g.flat[k] = (Lp - Lm) / (2 * eps)
    return g

L, cache = run(P)

# ---- the author's code backward (lines 169-212), chained as in train_one_sample (246-251)
dParam = {k: np.zeros_like(v) for k, v in P.items()}
dh_latest = np.zeros((NC, 1)); dC_latest = np.zeros((NC, 1))
rows = {}
for t in reversed(range(T)):
    c = cache[t]
    dv = np.copy(c['y']); dv[targets[t]] -= 1                     # 172-173
    dParam['W_v'] += dv @ c['h'].T; dParam['b_v'] += dv           # 175-176
    dh = P['W_v'].T @ dv + dh_latest                              # 178
    tanhC = np.tanh(c['C'])                                       # 179
    do_act = dh * tanhC                                           # 180
    do = do_act * dsigmoid(c['o'])                                # 181
    dParam['W_o'] += do @ c['z'].T; dParam['b_o'] += do           # 183-184
    dC = dh * c['o'] * dtanh(tanhC) + dC_latest                   # 186
    dCb_act = dC * c['i']                                         # 187
    dCb = dtanh(c['Cb']) * dCb_act                                # 188
    dParam['W_C'] += dCb @ c['z'].T; dParam['b_C'] += dCb         # 190-191
    di_act = dC * c['Cb']                                         # 193
    di = di_act * dsigmoid(c['i'])                                # 194
    dParam['W_i'] += di @ c['z'].T; dParam['b_i'] += di           # 196-197
    df_act = dC * c['Cprev']                                      # 199
    df = df_act * dsigmoid(c['f'])                                # 200
    dParam['W_f'] += df @ c['z'].T; dParam['b_f'] += df           # 202-203
    dz = P['W_f'].T @ df + P['W_i'].T @ di + P['W_C'].T @ dCb + P['W_o'].T @ do   # 205-208
    dh_pre = dz[:NC, :]                                           # 210
    dC_pre = dC * c['f']                                          # 211
    rows[t] = dict(dv=dv, dh=dh, do_act=do_act, do=do, dC=dC, dCb_act=dCb_act, dCb=dCb,
                   di_act=di_act, di=di, df_act=df_act, df=df, dz=dz, dh_pre=dh_pre, dC_pre=dC_pre)
    dh_latest, dC_latest = dh_pre, dC_pre

def report(label, a, b, expect=True):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    ok = err < 1e-5
    tag = 'AGREES' if ok else 'DIFFERS'
    flag = '' if ok == expect else '   <-- UNEXPECTED'
    print(f'{label:72s} {tag:8s} rel.err={err:.2e}{flag}')
    return ok

print('=== per-step quantities (eqnarray lines 50-63 and code 172-211), checked at every t ===')
for t in range(T):
    r = rows[t]; c = cache[t]
    print(f'-- t = {t}')
    report('L50/172-173 dv_t = yhat_t - y_t = dL/dv_t', r['dv'], fd_var('v', t, (NX, 1)))
    report('L51/178 dh_t = W_v^T dv_t + dh_t\' = dL/dh_t', r['dh'], fd_var('h', t, (NC, 1)))
    report('L52/180 do_t = dh_t*tanh(C_t) = dL/do_t', r['do_act'], fd_var('o', t, (NC, 1)))
    report('L53/186 dC_t = dh_t*o_t*(1-tanh^2 C_t) + dC_t\' = dL/dC_t', r['dC'], fd_var('C', t, (NC, 1)))
    report('L54/187 dCbar_t = dC_t*i_t = dL/dCbar_t', r['dCb_act'], fd_var('Cb', t, (NC, 1)))
    report('L55/193 di_t = dC_t*Cbar_t = dL/di_t', r['di_act'], fd_var('i', t, (NC, 1)))
    dLdf = fd_var('f', t, (NC, 1))
    report('L56/199 df_t = dC_t*C_{t-1} = dL/df_t', r['df_act'], dLdf)
    report('L57/181 do*_t = do_t*o_t*(1-o_t) = dL/do*_t (value)', r['do'], fd_var('o*', t, (NC, 1)))
    report('L57 middle member: dL_t/df_t = do_t*o_t*(1-o_t) ?', r['do'], dLdf, expect=False)
    report('L58/200 df*_t = df_t*f_t*(1-f_t) = dL/df*_t (value)', r['df'], fd_var('f*', t, (NC, 1)))
    report('L58 middle member: dL_t/df_t = df_t*f_t*(1-f_t) ?', r['df'], dLdf, expect=False)
    report('L59/194 di*_t = di_t*i_t*(1-i_t) = dL/di*_t (value)', r['di'], fd_var('i*', t, (NC, 1)))
    report('L59 middle member: dL_t/df_t = di_t*i_t*(1-i_t) ?', r['di'], dLdf, expect=False)
    report('L60/188 dCbar*_t = dCbar_t*(1-Cbar_t^2) = dL/dCbar*_t (value)', r['dCb'], fd_var('Cb*', t, (NC, 1)))
    report('L60 middle member: dL_t/df_t = dCbar_t*(1-Cbar_t^2) ?', r['dCb'], dLdf, expect=False)
    if t > 0:
        # dz_t = dL/dz_t restricted to paths through the gates of step t; [dh'_{t-1}, dx_t] = dz_t
        # dh'_{t-1} is the part of dL/dh_{t-1} that does not go through v_{t-1}:
        r1 = rows[t - 1]
        report('L61/205,L63/210 dz_t[:NC] = dh\'_{t-1} = dL/dh_{t-1} - W_v^T dv_{t-1}',
               r['dh_pre'], fd_var('h', t - 1, (NC, 1)) - P['W_v'].T @ r1['dv'])
        # dC'_{t-1} = dC_t * f_t = the part of dL/dC_{t-1} that goes through C_t directly
        c1 = cache[t - 1]
        report('L62/211 dC\'_{t-1} = dC_t*f_t = dL/dC_{t-1} - dh_{t-1}*o_{t-1}*(1-tanh^2 C_{t-1})',
               r['dC_pre'], fd_var('C', t - 1, (NC, 1)) - r1['dh'] * c1['o'] * (1 - np.tanh(c1['C'])**2))
    if t >= 2:
        # L62 middle member dC_t/dC_{t-t} = dC_t/dC_0 (written index t-t): is it f_t (diagonal)?
        eps = 1e-6; J = np.zeros((NC, NC))
        for k in range(NC):
            e = np.zeros((NC, 1)); e[k] = eps
            Cp = run(P, {('C', 0): e})[1][t]['C']; Cm = run(P, {('C', 0): -e})[1][t]['C']
            J[:, k] = ((Cp - Cm) / (2 * eps)).ravel()
        report('L62 middle member: dC_t/dC_{t-t}(=dC_0) equals diag(f_t) ?', np.diag(c['f'].ravel()), J, expect=False)

print('=== parameter gradients summed over t (lines 81-90 per step, code 175-203 with +=) ===')
for pname in P:
    report(f'd{pname} (sum over t of the per-step rows) vs FD of L', dParam[pname], fd_param(pname))
print('=== helpers ===')
a = rng.normal(size=5); e = 1e-6
report('L134 dsigmoid(sigmoid(a)) = sigmoid\'(a)', dsigmoid(sigmoid(a)), (sigmoid(a + e) - sigmoid(a - e)) / (2 * e))
report('L138 dtanh(tanh(a)) = tanh\'(a)', dtanh(np.tanh(a)), (np.tanh(a + e) - np.tanh(a - e)) / (2 * e))
