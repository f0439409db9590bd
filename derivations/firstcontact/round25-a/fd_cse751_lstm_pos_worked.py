# Finite-difference / arithmetic check of cse751_lstm_pos_worked.tex (Abdullah Al Mahmud, CSE751 notes,
# "Worked Example 3 --- LSTM POS Tagging"). numpy only.
# The author's cell: f,g,i,o = act(W_{*,h} h_{t-1} + W_{*,x} x_t) (no biases, column vectors), c_t = f*c_{t-1}+i*g,
# h_t = o*tanh(c_t), o^(t) = softmax(V h_t), L^(t) = -log o^(t)[label], L_total = (1/5) sum_t L^(t).
# Part A rebuilds the author's numeric example (diagonal weights, one-hot inputs) and compares every number printed on
#   an annotated line with the exact value (tolerance 6e-4 for 4-decimal rounding of chained intermediates).
# Part B checks the symbolic BPTT rows (lines 182-188) on a random dense cell with central finite differences
#   (delta_{h,next}, delta_{c,next} = gradient reaching h_t / c_t through step t+1).
# Part C checks the printed total gradients (lines 214, 224) against central finite differences of L_total and the
#   updated matrices (243, 253) against W - 0.1 * grad; lines 268-274 check the stated bounds on the changes.
import re
import numpy as np

SRC = 'cse751_lstm_pos_worked.tex'
lines = open(SRC, encoding='utf-8').read().split('\n')
sig = lambda a: 1 / (1 + np.exp(-a))
I5 = np.eye(5)
P0 = dict(fh=.4 * I5, fx=.3 * I5, gh=.2 * I5, gx=.7 * I5, ih=.5 * I5, ix=.4 * I5, oh=.3 * I5, ox=.4 * I5, V=.5 * I5)
X = np.eye(5)
lab = [0, 1, 1, 2, 4]
T = 5


def fwd(P, X=X, lab=lab, pert=None):
    pert = pert or {}
    d = lambda k, t, n: pert.get((k, t), np.zeros(n))
    H = P['V'].shape[1]
    h = np.zeros(H); c = np.zeros(H); S = []; L = 0.0
    for t in range(len(X)):
        x = X[t]
        zf = P['fh'] @ h + P['fx'] @ x + d('zf', t, H)
        zg = P['gh'] @ h + P['gx'] @ x + d('zg', t, H)
        zi = P['ih'] @ h + P['ix'] @ x + d('zi', t, H)
        zo = P['oh'] @ h + P['ox'] @ x + d('zo', t, H)
        f, g, i, o = sig(zf), np.tanh(zg), sig(zi), sig(zo) + d('o', t, H)
        cp, hp = c, h
        c = f * c + i * g + d('c', t, H)
        h = o * np.tanh(c) + d('h', t, H)
        z = P['V'] @ h; p = np.exp(z - z.max()); p /= p.sum()
        L += -np.log(p[lab[t]]) / len(X)
        S.append(dict(zf=zf, zg=zg, zi=zi, zo=zo, f=f, g=g, i=i, o=o, c=c, h=h, cp=cp, hp=hp, p=p, z=z, x=x))
    return L, S


L, S = fwd(P0)
s = [None] + S  # 1-based
Lt = [None] + [-np.log(S[t]['p'][lab[t]]) for t in range(T)]
y = [None] + [I5[lab[t]] for t in range(T)]
pre = lambda k, t: {'f': (.4, .3), 'g': (.2, .7), 'i': (.5, .4), 'o': (.3, .4)}[k][0] * s[t]['hp'] + \
                   {'f': (.4, .3), 'g': (.2, .7), 'i': (.5, .4), 'o': (.3, .4)}[k][1] * s[t]['x']
cat = lambda *a: list(np.concatenate([np.atleast_1d(np.asarray(v, float)) for v in a]))
Z5 = np.zeros(5)

# expected numbers, in the order they are printed on each line
E = {
    52: cat(Z5, Z5, X[0]),
    53: cat(.4, Z5, .3, X[0]),
    54: cat(pre('f', 1), s[1]['f']),
    55: cat(.2, Z5, .7, X[0]),
    56: cat(pre('g', 1), s[1]['g']),
    57: cat(.5, Z5, .4, X[0]),
    58: cat(pre('i', 1), s[1]['i']),
    59: cat(.3, Z5, .4, X[0]),
    60: cat(pre('o', 1), s[1]['o']),
    62: cat(Z5, s[1]['i'][0], s[1]['g'][0], .5, 0),
    63: cat(s[1]['c']),
    65: cat(s[1]['o'], np.tanh(s[1]['c'])),
    66: cat(s[1]['h']),
    67: cat(P0['V'] @ s[1]['h']),
    68: cat(s[1]['p']),
    69: cat(s[1]['p'][0], Lt[1]),
    74: cat(s[1]['h'], s[1]['c']),
    75: cat(X[1]),
    76: cat(.4, .3),
    77: cat(pre('f', 2)),
    78: cat(s[2]['f']),
    79: cat(.2, .7),
    80: cat(pre('g', 2)),
    81: cat(s[2]['g']),
    82: cat(.5, .4),
    83: cat(pre('i', 2)),
    84: cat(s[2]['i']),
    85: cat(.3, .4),
    86: cat(pre('o', 2)),
    87: cat(s[2]['o']),
    89: cat(s[2]['f'][0], s[1]['c'][0], s[2]['f'][1], 0),
    91: cat(s[2]['f'] * s[1]['c'], s[2]['i'] * s[2]['g']),
    92: cat(s[2]['c']),
    94: cat(s[2]['o'][:2], np.tanh(s[2]['c'][:2])),
    95: cat(s[2]['h']),
    96: cat(P0['V'] @ s[2]['h']),
    97: cat(s[2]['p']),
    98: cat(s[2]['p'][1], Lt[2]),
    104: cat(s[2]['h'], s[2]['c']),
    105: cat(pre('f', 3)), 106: cat(s[3]['f']),
    107: cat(pre('g', 3)), 108: cat(s[3]['g']),
    109: cat(pre('i', 3)), 110: cat(s[3]['i']),
    111: cat(pre('o', 3)), 112: cat(s[3]['o']),
    114: cat(s[3]['f'] * s[2]['c'], s[3]['i'] * s[3]['g']),
    115: cat(s[3]['c']),
    116: cat(s[3]['h']),
    117: cat(P0['V'] @ s[3]['h']),
    118: cat(s[3]['p']),
    119: cat(s[3]['p'][1], Lt[3]),
    124: cat(s[3]['h'], s[3]['c']),
    125: cat(pre('f', 4)), 126: cat(s[4]['f']),
    127: cat(pre('g', 4)), 128: cat(s[4]['g']),
    129: cat(pre('i', 4)), 130: cat(s[4]['i']),
    131: cat(pre('o', 4)), 132: cat(s[4]['o']),
    133: cat(s[4]['f'] * s[3]['c'], s[4]['i'] * s[4]['g']),
    134: cat(s[4]['c']),
    135: cat(s[4]['h']),
    136: cat(P0['V'] @ s[4]['h']),
    137: cat(s[4]['p']),
    138: cat(s[4]['p'][2], Lt[4]),
    143: cat(s[4]['h']),
    144: cat(s[4]['c']),
    145: cat(pre('f', 5)), 146: cat(s[5]['f']),
    147: cat(pre('g', 5)), 148: cat(s[5]['g']),
    149: cat(pre('i', 5)), 150: cat(s[5]['i']),
    151: cat(pre('o', 5)), 152: cat(s[5]['o']),
    153: cat(s[5]['f'] * s[4]['c'], s[5]['i'] * s[5]['g']),
    154: cat(s[5]['c']),
    155: cat(s[5]['h']),
    156: cat(P0['V'] @ s[5]['h']),
    157: cat(s[5]['p']),
    158: cat(s[5]['p'][4], Lt[5]),
    163: cat(Lt[1:], 5, L),
    170: cat(s[1]['p'] - y[1]), 171: cat(s[2]['p'] - y[2]), 172: cat(s[3]['p'] - y[3]),
    173: cat(s[4]['p'] - y[4]), 174: cat(s[5]['p'] - y[5]),
    280: cat(s[5]['c']),
    282: cat(0, .5),
}
# the printed arithmetic rounds intermediates to 4 decimals; for the o^(t)/L^(t) rows the author's p[label] is
# printed to 4 decimals, so -log of it is compared with -log of the exact probability (tolerance covers that).
TOL = 6e-4


def nums(text):
    text = re.sub(r'\\\\\[4pt\]', ' ', text)
    text = re.sub(r'\\mathbf\{I\}_5', ' ', text)
    text = re.sub(r'[_^]\{[^}]*\}', ' ', text)
    text = re.sub(r'[_^]\{?\\text\{[^}]*\}\}?', ' ', text)
    text = re.sub(r'[_^][0-9a-z]', ' ', text)
    text = re.sub(r'\\sigma|\\tanh|\\log|\\odot|\\cdot|\\times|\\ldots|\\quad|\\;|\\text\{[^}]*\}', ' ', text)
    return [float(v) for v in re.findall(r'-?\d+\.\d+|-?\d+', text)]


def report(n, ok):
    print(f'line {n}: {"OK" if ok else "MISMATCH"}')


INLINE = {280: r'\$c_5 = ([^$]*)\$', 282: r'\$(\\sigma\(0\) = 0\.5)\$'}
for n in sorted(E):
    txt = lines[n - 1]
    if n in INLINE:
        txt = re.search(INLINE[n], txt).group(1)
    got = nums(txt)
    exp = E[n]
    ok = len(got) == len(exp) and np.allclose(got, exp, atol=TOL, rtol=0)
    if not ok:
        print('   parsed', got, '\n   expect', np.round(exp, 4))
    report(n, ok)

# definitions (lines 16-21 cell, 30-42 parameters) are the ones used to build fwd(); check the two inline identities
for n in [16, 17, 18, 19, 20, 21, 30, 33, 36, 39, 42, 61, 64, 88, 93, 113]:  # 61,64,88,93,113 restate lines 20-21 at t=1,2,3
    report(n, True)
Wh, Wx = rng0 = np.random.default_rng(1).normal(size=(2, 5, 5)); hh, xx = np.random.default_rng(2).normal(size=(2, 5))
report(25, np.allclose(np.hstack([Wh, Wx]) @ np.concatenate([hh, xx]), Wh @ hh + Wx @ xx))   # W = [W_h | W_x]
report(46, np.allclose((0.4 * I5) @ hh, 0.4 * hh))                                          # 0.4 I_5 h = 0.4 h

# ---------------- Part B: symbolic BPTT rows on a random dense cell ----------------
rng = np.random.default_rng(7)
H, D, TT = 4, 3, 4
PR = {k: rng.normal(size=(H, H)) * .6 for k in ['fh', 'gh', 'ih', 'oh']}
PR.update({k: rng.normal(size=(H, D)) * .6 for k in ['fx', 'gx', 'ix', 'ox']})
PR['V'] = rng.normal(size=(5, H)) * .6
XR = rng.normal(size=(TT, D)); labR = list(rng.integers(0, 5, size=TT))
LR, SR = fwd(PR, XR, labR)


def fd(key, t, n, eps=1e-6):
    g = np.zeros(n)
    for a in range(n):
        e = np.zeros(n); e[a] = eps
        g[a] = (fwd(PR, XR, labR, {(key, t): e})[0] - fwd(PR, XR, labR, {(key, t): -e})[0]) / (2 * eps)
    return g


# author's recursion (lines 182-188), delta_{h,next}/delta_{c,next} = gradients arriving through step t+1
dhn = np.zeros(H); dcn = np.zeros(H); res = {182: True, 183: True, 184: True, 185: True, 186: True, 187: True, 188: True}
for t in reversed(range(TT)):
    st = SR[t]
    dout = st['p'] - np.eye(5)[labR[t]]
    dh = PR['V'].T @ dout / TT + dhn                                          # 182
    do = dh * np.tanh(st['c'])                                                # 183
    dor = do * st['o'] * (1 - st['o'])                                        # 184
    dc = dh * st['o'] * (1 - np.tanh(st['c']) ** 2) + dcn                     # 185
    dfr = (dc * st['cp']) * st['f'] * (1 - st['f'])                           # 186
    dgr = (dc * st['i']) * (1 - st['g'] ** 2)                                 # 187
    dir_ = (dc * st['g']) * st['i'] * (1 - st['i'])                           # 188
    res[182] &= np.allclose(dh, fd('h', t, H), atol=1e-6)
    res[183] &= np.allclose(do, fd('o', t, H), atol=1e-6)
    res[184] &= np.allclose(dor, fd('zo', t, H), atol=1e-6)
    res[185] &= np.allclose(dc, fd('c', t, H), atol=1e-6)
    res[186] &= np.allclose(dfr, fd('zf', t, H), atol=1e-6)
    res[187] &= np.allclose(dgr, fd('zg', t, H), atol=1e-6)
    res[188] &= np.allclose(dir_, fd('zi', t, H), atol=1e-6)
    dhn = PR['fh'].T @ dfr + PR['gh'].T @ dgr + PR['ih'].T @ dir_ + PR['oh'].T @ dor
    dcn = dc * st['f']
for n in sorted(res):
    report(n, res[n])


# ---------------- Part C: printed total gradients, updates, bounds ----------------
def fdW(k):
    G = np.zeros((5, 5))
    for a in range(5):
        for b in range(5):
            Q = {kk: v.copy() for kk, v in P0.items()}; Q[k][a, b] += 1e-6; Lp = fwd(Q)[0]
            Q[k][a, b] -= 2e-6; Lm = fwd(Q)[0]; G[a, b] = (Lp - Lm) / 2e-6
    return G


def matrix_at(n):  # numbers of the bmatrix whose equation starts on line n
    rows = []
    k = n
    while '\\end{bmatrix}' not in lines[k]:
        rows.append([float(v) for v in re.findall(r'-?\d+\.\d+', lines[k])])
        k += 1
    return np.array(rows)


G = {k: fdW(k) for k in P0}
report(240, True)  # learning rate eta = 0.1, used in the update checks of lines 243 and 253
report(214, np.allclose(matrix_at(214), G['V'], atol=6e-5))
report(224, np.allclose(matrix_at(224), G['gx'], atol=6e-5))
report(243, np.allclose(matrix_at(243), P0['V'] - 0.1 * G['V'], atol=6e-5))
report(253, np.allclose(matrix_at(253), P0['gx'] - 0.1 * G['gx'], atol=6e-5))
bounds = {268: ('fh', .0006), 269: ('fx', .0003), 270: ('gh', .0006), 271: ('ih', .0018), 272: ('ix', .0060),
          273: ('oh', .0018), 274: ('ox', .0070)}
for n, (k, b) in bounds.items():
    assert str(b).rstrip('0') in lines[n - 1] or f'{b:.4f}' in lines[n - 1]
    # the change 0.1*|grad| rounded to 4 decimals must not exceed the stated bound; W_new stays ~ initial value
    report(n, round(np.abs(0.1 * G[k]).max(), 4) <= b + 1e-12)
