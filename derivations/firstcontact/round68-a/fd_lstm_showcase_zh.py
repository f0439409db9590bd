"""Finite-difference check of lstm_showcase_zh.md (scalar LSTM, T=2, 2-class softmax on h_2).

Forward pass exactly as the note (sections 2-6). True gradients by central differences; every
intermediate node can be perturbed additively at a given step, and w_f, u_f, w_c can be untied per step
to get the per-step contributions dL/dw_f^(t=2), dL/du_f^(t=2), dL/dw_c^(t=1).
For every annotated line the script prints the author's value, the true value, and AGREE/DISAGREE
(tolerance: the note rounds to 3 significant digits, so |author-true| <= 1.5% of |true| + 6e-4).
"""
import numpy as np

sig = lambda a: 1 / (1 + np.exp(-a))
P = dict(wf=0.7, uf=0.4, bf=-0.1, wi=0.6, ui=0.3, bi=0.1, wc=0.9, uc=0.2, bc=0.0, wo=0.5, uo=0.1, bo=0.05)
x = {1: 1.0, 2: 0.5}
ystar = np.array([0.0, 1.0])

def forward(pert=None, tied=None):
    """pert: dict {(node, t): eps}; tied: dict {(param, t): value} overrides a parameter at one step only."""
    pert = pert or {}; tied = tied or {}
    q = lambda name, t: tied.get((name, t), P[name])
    d = lambda node, t: pert.get((node, t), 0.0)
    h, c = {0: 0.0}, {0: 0.0}; v = {}
    for t in (1, 2):
        af = q('wf', t) * x[t] + q('uf', t) * h[t-1] + P['bf'] + d('af', t)
        ai = q('wi', t) * x[t] + q('ui', t) * h[t-1] + P['bi'] + d('ai', t)
        ac = q('wc', t) * x[t] + q('uc', t) * h[t-1] + P['bc'] + d('ac', t)
        ao = q('wo', t) * x[t] + q('uo', t) * h[t-1] + P['bo'] + d('ao', t)
        f = sig(af) + d('f', t); i = sig(ai) + d('i', t); ct = np.tanh(ac) + d('ct', t); o = sig(ao) + d('o', t)
        c[t] = f * c[t-1] + i * ct + d('c', t)
        h[t] = o * np.tanh(c[t]) + d('h', t)
        v.update({('f', t): f, ('i', t): i, ('ct', t): ct, ('o', t): o, ('c', t): c[t], ('h', t): h[t]})
    z = np.array([0.2 * h[2] + 0.1, 0.7 * h[2] - 0.05])
    p = np.exp(z) / np.exp(z).sum()
    L = -np.sum(ystar * np.log(p))
    v.update({'z': z, 'p': p, 'L': L})
    return L, v

L, v = forward()
e = 1e-6
def g_node(node, t):
    return (forward({(node, t): e})[0] - forward({(node, t): -e})[0]) / (2 * e)
def g_param_step(name, t):
    return (forward(tied={(name, t): P[name] + e})[0] - forward(tied={(name, t): P[name] - e})[0]) / (2 * e)

true = {
    'dh2': g_node('h', 2), 'do2': g_node('o', 2), 'dc2': g_node('c', 2), 'dao2': g_node('ao', 2),
    'df2': g_node('f', 2), 'di2': g_node('i', 2), 'dct2': g_node('ct', 2),
    'daf2': g_node('af', 2), 'dai2': g_node('ai', 2), 'dac2': g_node('ac', 2),
    'dwf_t2': g_param_step('wf', 2), 'duf_t2': g_param_step('uf', 2),
    'dc1': g_node('c', 1), 'do1': g_node('o', 1), 'df1': g_node('f', 1), 'di1': g_node('i', 1),
    'dct1': g_node('ct', 1), 'dai1': g_node('ai', 1), 'dac1': g_node('ac', 1), 'dwc_t1': g_param_step('wc', 1),
}
dz = v['p'] - ystar

rows = []
def chk(line, label, author, ref, tol_rel=0.015, tol_abs=6e-4):
    ok = abs(author - ref) <= tol_rel * abs(ref) + tol_abs
    rows.append((line, label, author, ref, ok))

# ---- forward values (sections 4-6)
chk(119, 'f_1', 0.646, v[('f', 1)]); chk(131, 'i_1', 0.668, v[('i', 1)]); chk(141, 'ct_1', 0.716, v[('ct', 1)])
chk(155, 'c_1', 0.478, v[('c', 1)]); chk(165, 'o_1', 0.634, v[('o', 1)]); chk(171, 'tanh c_1', 0.444, np.tanh(v[('c', 1)]))
chk(177, 'h_1', 0.281, v[('h', 1)])
chk(203, 'f_2', 0.590, v[('f', 2)]); chk(217, 'i_2', 0.619, v[('i', 2)]); chk(231, 'ct_2', 0.467, v[('ct', 2)])
chk(245, 'c_2', 0.5711, v[('c', 2)]); chk(259, 'o_2', 0.581, v[('o', 2)]); chk(267, 'tanh c_2', 0.516, np.tanh(v[('c', 2)]))
chk(273, 'h_2', 0.300, v[('h', 2)]); chk(293, 'z_1', 0.160, v['z'][0]); chk(297, 'z_2', 0.160, v['z'][1])
chk(303, 'yhat_1', 0.5, v['p'][0]); chk(315, 'L', 0.693, L)
# ---- backward at step 2 (section 8)
chk(352, 'delta^z_1 = yhat_1 - y*_1', 0.5, dz[0]); chk(352, 'delta^z_2', -0.5, dz[1])
chk(370, 'dL/dh_2', -0.25, true['dh2'])
chk(392, 'dL/do_2 = dL/dh_2 tanh(c_2)  [formula, exact values]', true['dh2'] * np.tanh(v[('c', 2)]), true['do2'], 1e-6, 1e-9)
chk(396, 'dL/do_2', -0.129, true['do2'])
chk(402, 'dL/dc_2 = dL/dh_2 o_2 (1-tanh^2 c_2)  [formula]', true['dh2'] * v[('o', 2)] * (1 - np.tanh(v[('c', 2)])**2), true['dc2'], 1e-6, 1e-9)
chk(414, 'dL/dc_2', -0.1065, true['dc2'])
chk(430, 'delta_o2 = dL/do_2 o_2(1-o_2)  [formula]', true['do2'] * v[('o', 2)] * (1 - v[('o', 2)]), true['dao2'], 1e-6, 1e-9)
chk(438, 'delta_o2', -0.0314, true['dao2'])
chk(456, 'dL/df_2 = dL/dc_2 c_1  [formula]', true['dc2'] * v[('c', 1)], true['df2'], 1e-6, 1e-9)
chk(460, 'dL/df_2', -0.0509, true['df2'])
chk(466, 'dL/di_2 = dL/dc_2 ct_2  [formula]', true['dc2'] * v[('ct', 2)], true['di2'], 1e-6, 1e-9)
chk(470, 'dL/di_2', -0.0497, true['di2'])
chk(476, 'dL/dct_2 = dL/dc_2 i_2  [formula]', true['dc2'] * v[('i', 2)], true['dct2'], 1e-6, 1e-9)
chk(480, 'dL/dct_2', -0.0659, true['dct2'])
chk(490, 'delta_f2 = dL/df_2 f_2(1-f_2)  [formula]', true['df2'] * v[('f', 2)] * (1 - v[('f', 2)]), true['daf2'], 1e-6, 1e-9)
chk(494, 'delta_f2', -0.0123, true['daf2'])
chk(500, 'delta_i2', -0.0117, true['dai2'])
chk(506, 'delta_c2 = dL/dct_2 (1-ct_2^2)  [formula]', true['dct2'] * (1 - v[('ct', 2)]**2), true['dac2'], 1e-6, 1e-9)
chk(514, 'delta_c2', -0.0515, true['dac2'])
chk(530, 'dL/dw_f^(t=2) = delta_f2 x_2  [formula]', true['daf2'] * x[2], true['dwf_t2'], 1e-6, 1e-9)
chk(534, 'dL/dw_f^(t=2)', -0.00615, true['dwf_t2'], 0.015, 1e-4)
chk(540, 'dL/du_f^(t=2) = delta_f2 h_1  [formula]', true['daf2'] * v[('h', 1)], true['duf_t2'], 1e-6, 1e-9)
chk(540, 'dL/du_f^(t=2) value', -0.00346, true['duf_t2'], 0.015, 1e-4)
# ---- step 1 (section 9): the note keeps only the cell path c_1 -> c_2
chk(560, 'dL/dc_1 = dL/dc_2 f_2  [formula as written]', true['dc2'] * v[('f', 2)], true['dc1'], 1e-6, 1e-9)
chk(564, 'expression dL/dc_2*f_2 evaluated = -0.0628', -0.0628, true['dc2'] * v[('f', 2)])
chk(594, 'dL/do_1 ~ 0', 0.0, true['do1'])
chk(614, 'dL/df_1 = dL/dc_1 c_0 = 0', 0.0, true['df1'], 1e-6, 1e-9)
chk(620, 'dL/di_1 = dL/dc_1 ct_1  [formula, true dL/dc_1]', true['dc1'] * v[('ct', 1)], true['di1'], 1e-6, 1e-9)
chk(624, 'dL/di_1 = -0.0628*0.716 ~ -0.0450', -0.0450, true['di1'])
chk(630, 'dL/dct_1 = dL/dc_1 i_1  [formula, true dL/dc_1]', true['dc1'] * v[('i', 1)], true['dct1'], 1e-6, 1e-9)
chk(634, 'dL/dct_1 = -0.0628*0.668 ~ -0.0419', -0.0419, true['dct1'])
chk(644, 'delta_i1 = -0.0450*0.668*(1-0.668)', -0.0450 * 0.668 * (1 - 0.668), true['dai1'])
chk(648, 'arithmetic -0.0450*0.668*0.332 ~ -0.0100', -0.0100, -0.0450 * 0.668 * 0.332)
chk(654, 'delta_c1 = -0.0419*(1-0.716^2)', -0.0419 * (1 - 0.716**2), true['dac1'])
chk(662, 'arithmetic -0.0419*0.4873 ~ -0.0204', -0.0204, -0.0419 * 0.4873)
chk(668, 'dL/dw_c^(t=1) = delta_c1 x_1  [formula, true delta]', true['dac1'] * x[1], true['dwc_t1'], 1e-6, 1e-9)
chk(672, 'dL/dw_c^(t=1) = -0.0204', -0.0204, true['dwc_t1'])

for line, label, a, r, ok in rows:
    print(f"line {line:3d}  {'AGREE   ' if ok else 'DISAGREE'}  author={a: .5f}  true={r: .5f}  {label}")
print()
print(f"true dL/dh_1 (path through the step-2 gates, ignored by the note) = {g_node('h', 1): .5f}")
print(f"true dL/dc_1 = {true['dc1']: .5f} ; cell-path part dL/dc_2*f_2 = {true['dc2']*v[('f',2)]: .5f}")
