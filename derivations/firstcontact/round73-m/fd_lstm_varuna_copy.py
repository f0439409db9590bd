# Finite-difference check of lstm_varuna_copy.md (arasdar/DL numpy_lstm.ipynb, copy of Varuna Jayasiri's notebook).
# numpy only. Column vectors, z = [h_{t-1}; x_t], softmax + cross-entropy summed over t (L = L_1).
import numpy as np
rng = np.random.default_rng(0)
H, X, T = 3, 4, 4
P = {k: rng.normal(0, 0.5, (H, H + X)) for k in ['W_f', 'W_i', 'W_C', 'W_o']}
P.update({k: rng.normal(0, 0.3, (H, 1)) for k in ['b_f', 'b_i', 'b_C', 'b_o']})
P['W_v'] = rng.normal(0, 0.5, (X, H)); P['b_v'] = rng.normal(0, 0.3, (X, 1))
inputs = [0, 2, 1, 3]; targets = [2, 1, 3, 0]
h0 = rng.normal(0, 0.5, (H, 1)); C0 = rng.normal(0, 0.5, (H, 1))
sig = lambda a: 1 / (1 + np.exp(-a))

def run(P, pert=None):
    pert = pert or {}
    g = lambda k, t, shape: pert.get((k, t), np.zeros(shape))
    h, C = h0.copy(), C0.copy()
    L = 0.0; S = []
    for t in range(T):
        x = np.zeros((X, 1)); x[inputs[t]] = 1
        h_in = h + g('hin', t - 1, (H, 1)); C_in = C + g('Cin', t - 1, (H, 1))   # h_{t-1}, C_{t-1} as inputs of step t only
        z = np.vstack((h_in, x)) + g('z', t, (H + X, 1))
        af = P['W_f'] @ z + P['b_f'] + g('af', t, (H, 1)); f = sig(af)
        ai = P['W_i'] @ z + P['b_i'] + g('ai', t, (H, 1)); i = sig(ai) + g('i', t, (H, 1))
        ac = P['W_C'] @ z + P['b_C'] + g('ac', t, (H, 1)); Cb = np.tanh(ac) + g('Cb', t, (H, 1))
        f = f + g('f', t, (H, 1))
        C = f * C_in + i * Cb + g('C', t, (H, 1))
        ao = P['W_o'] @ z + P['b_o'] + g('ao', t, (H, 1)); o = sig(ao) + g('o', t, (H, 1))
        h = o * np.tanh(C) + g('h', t, (H, 1))
        v = P['W_v'] @ h + P['b_v'] + g('v', t, (X, 1))
        y = np.exp(v) / np.sum(np.exp(v))
        L += -np.log(y[targets[t], 0])
        S.append(dict(x=x, z=z, f=f, i=i, Cb=Cb, C=C, C_prev=C_in, o=o, h=h, v=v, y=y))
    return L, S

def fd(kind, t, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (run(P, {(kind, t): e})[0] - run(P, {(kind, t): -e})[0]) / (2 * eps)
    return gr

def fdP(name, eps=1e-6):
    gr = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; lp = run(P)[0]
        P[name][idx] = old - eps; lm = run(P)[0]
        P[name][idx] = old; gr[idx] = (lp - lm) / (2 * eps)
    return gr

L, S = run(P)
res = []
def report(line, what, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    res.append((line, ok)); print(f"line {line:4d} {'AGREE   ' if ok else 'DISAGREE'} {what}  max|diff|={np.max(np.abs(a-b)):.2e}")

# derivative helpers (lines 7-8, 14, 19-31)
a = rng.normal(size=(5, 1)); e = 1e-6
report(8, "dsigma/dx = s(1-s)", sig(a) * (1 - sig(a)), (sig(a + e) - sig(a - e)) / (2 * e))
report(14, "dtanh/dx = 1 - tanh^2", 1 - np.tanh(a) ** 2, (np.tanh(a + e) - np.tanh(a - e)) / (2 * e))
report(23, "dsigmoid(y)=y(1-y), y=sigmoid(x)", sig(a) * (1 - sig(a)), (sig(a + e) - sig(a - e)) / (2 * e))
report(31, "dtanh(y)=1-y*y, y=tanh(x)", 1 - np.tanh(a) ** 2, (np.tanh(a + e) - np.tanh(a - e)) / (2 * e))

# ---- markdown formulas, as written, at a middle step t ----
t = 1
s, sn = S[t], S[t + 1]
dhp_t = fd('hin', t, (H, 1))        # dh'_t  = dL_{t+1}/dh_t (h_t as input of step t+1)
dCp_t = fd('Cin', t, (H, 1))        # dC'_t  = dL_{t+1}/dC_t (C_t as input of step t+1)
dCp_tm1 = fd('Cin', t - 1, (H, 1))  # dC'_{t-1}
dv = s['y'].copy(); dv[targets[t]] -= 1
report(100, "dv_t = y_hat - y", dv, fd('v', t, (X, 1)))
dh = dhp_t + P['W_v'].T @ dv
report(101, "dh_t = dh'_t + W^T dv_t, reading W_y as W_v (W_y is not defined)", dh, fd('h', t, (H, 1)))
print("          line 101 as written uses W_y, which the forward pass never defines (logit weight is W_v)")
do = dh * np.tanh(s['C']); report(102, "do_t = dh_t*tanh(C_t)", do, fd('o', t, (H, 1)))
dC = dCp_t + dh * s['o'] * (1 - np.tanh(s['C']) ** 2); report(103, "dC_t", dC, fd('C', t, (H, 1)))
dCb = dC * s['i']; report(104, "dCbar_t = dC_t*i_t", dCb, fd('Cb', t, (H, 1)))
di = dC * s['Cb']; report(105, "di_t = dC_t*Cbar_t", di, fd('i', t, (H, 1)))
df = dC * s['C_prev']; report(106, "df_t = dC_t*C_{t-1}", df, fd('f', t, (H, 1)))
dfp = s['f'] * (1 - s['f']) * df; report(108, "df'_t", dfp, fd('af', t, (H, 1)))
dip = s['i'] * (1 - s['i']) * di; report(109, "di'_t", dip, fd('ai', t, (H, 1)))
dCbp = (1 - s['Cb'] ** 2) * dCb
report(110, "dCbar'_{t-1} (as written: index t-1) vs FD of pre-activation of Cbar at t-1", dCbp, fd('ac', t - 1, (H, 1)))
print("          (same value vs FD at step t:", np.allclose(dCbp, fd('ac', t, (H, 1)), rtol=1e-5, atol=1e-7), ")")
dop = s['o'] * (1 - s['o']) * do; report(111, "do'_t", dop, fd('ao', t, (H, 1)))
dz_md = P['W_f'].T @ dfp + P['W_i'].T @ di + P['W_C'].T @ dCb + P['W_o'].T @ do
report(112, "dz_t = W_f^T df'_t + W_i^T di_t + W_C^T dCbar_t + W_o^T do_t (as written)", dz_md, fd('z', t, (H + X, 1)))
dz_ok = P['W_f'].T @ dfp + P['W_i'].T @ dip + P['W_C'].T @ dCbp + P['W_o'].T @ dop
print("          (with primed di', dCbar', do' it would agree:", np.allclose(dz_ok, fd('z', t, (H + X, 1)), rtol=1e-5, atol=1e-7), ")")
report(117, "[dh'_{t-1}, dx_t] = dz_t (correct dz)", dz_ok[:H], fd('hin', t - 1, (H, 1)))
report(118, "dC'_t = f_t*dC_t (as written, vs dL_{t+1}/dC_t)", s['f'] * dC, dCp_t)
print("          (f_t*dC_t vs dC'_{t-1}:", np.allclose(s['f'] * dC, dCp_tm1, rtol=1e-5, atol=1e-7), ")")
report(122, "dC_t = dL/dC_t = dL_t/dC_t", dC, fd('C', t, (H, 1)))

# ---- parameter gradients: sum over t of the per-step formulas (lines 134-147) vs FD; code (lines 151-246) ----
G = {k: np.zeros_like(v) for k, v in P.items()}
dh_next = np.zeros((H, 1)); dC_next = np.zeros((H, 1))
for t in reversed(range(T)):       # the notebook's backward(), verbatim in substance
    s = S[t]; z, f, i, C_bar, C, o, h, y = s['z'], s['f'], s['i'], s['Cb'], s['C'], s['o'], s['h'], s['y']
    C_prev = s['C_prev']
    dv = np.copy(y); dv[targets[t]] -= 1
    G['W_v'] += np.dot(dv, h.T); G['b_v'] += dv
    dh = np.dot(P['W_v'].T, dv); dh += dh_next
    do = dh * np.tanh(C); do = o * (1 - o) * do
    G['W_o'] += np.dot(do, z.T); G['b_o'] += do
    dC = np.copy(dC_next); dC += dh * o * (1 - np.tanh(C) ** 2)
    dC_bar = dC * i; dC_bar = (1 - C_bar * C_bar) * dC_bar
    G['W_C'] += np.dot(dC_bar, z.T); G['b_C'] += dC_bar
    di = dC * C_bar; di = i * (1 - i) * di
    G['W_i'] += np.dot(di, z.T); G['b_i'] += di
    df = dC * C_prev; df = f * (1 - f) * df
    G['W_f'] += np.dot(df, z.T); G['b_f'] += df
    dz = P['W_f'].T @ df + P['W_i'].T @ di + P['W_C'].T @ dC_bar + P['W_o'].T @ do
    dh_next = dz[:H, :]; dC_next = f * dC
lines = {'W_v': 134, 'b_v': 135, 'W_f': 137, 'b_f': 138, 'W_i': 140, 'b_i': 141, 'W_C': 143, 'b_C': 144, 'W_o': 146, 'b_o': 147}
for k, ln in lines.items():
    report(ln, f"d{k} = sum_t (per-step formula), same as code += lines", G[k], fdP(k))
report(237, "code: dh_next/dC_next chain -> dL/dh_0 (dh_prev at t=0)", dh_next, fd('hin', -1, (H, 1)))
report(198, "code: dC_prev = f*dC -> dL/dC_0", dC_next, fd('Cin', -1, (H, 1)))
print("\nDISAGREE rows:", [l for l, ok in res if not ok])
print("note: line 51 (o_t = sigma(W_o z + b_t)) uses b_t, not defined anywhere; the code uses b_o (line 79).")
