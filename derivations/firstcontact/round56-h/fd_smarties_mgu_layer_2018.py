#!/usr/bin/env python3
"""Finite-difference check of smarties_mgu_layer_2018.md (smarties MGULayer, initial commit 588cd0d).

numpy only, float64.  Memory layout as in the layer: weight block of 2*nCells*(nInputs+nCells) values,
row i (input unit i) holds 2*nCells numbers: rows 0..nInputs-1 = [Wff | Wsf] (feed-forward to forget / state),
rows nInputs.. = [Wfr | Wsr] (recurrent); bias = [bf | bs].  Pre-activations a_o = sum_i W[i][o] in_i + b_o.
Forward (lines 64-105): f = sigm(x Wff + hp Wfr + bf), c = tanh(x Wsf + (f*hp) Wsr + bs), out = f*hp + (1-f)*c.
Loss L = sum_t <G_t, out_t>; curr->E(ID)[:nCells] = dL/dout_t (explicit + what step t+1 added via prvErr).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "smarties_mgu_layer_2018.md"
rng = np.random.default_rng(5)
nI, nC, T = 3, 4, 4
Wt0 = rng.normal(0, .6, (nI + nC, 2 * nC))
b0 = rng.normal(0, .3, 2 * nC)
X = rng.normal(0, 1, (T, nI))
G = rng.normal(0, 1, (T, nC))
EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)


def split(Wt):
    return Wt[:nI, :nC], Wt[:nI, nC:], Wt[nI:, :nC], Wt[nI:, nC:]   # Wff, Wsf, Wfr, Wsr


def reference(Wt=None, b=None, Xv=None, pert=None):
    Wt = Wt0 if Wt is None else Wt; b = b0 if b is None else b; Xv = X if Xv is None else Xv
    pert = pert or {}; z = np.zeros((T, nC)); g = lambda k: pert.get(k, z)
    Wff, Wsf, Wfr, Wsr = split(Wt)
    hp = np.zeros(nC); L = 0.0; cache = []
    for t in range(T):
        af = Xv[t] @ Wff + b[:nC] + (hp + g('hp_f')[t]) @ Wfr + g('a_f')[t]
        f = sig(af)
        ac = Xv[t] @ Wsf + b[nC:] + (f * (hp + g('hp_c')[t])) @ Wsr + g('a_c')[t]
        c = np.tanh(ac)
        out = f * (hp + g('hp_d')[t]) + (1 - f) * c + g('out')[t]
        L += G[t] @ (out + g('outy')[t])
        cache.append(dict(hp=hp, f=f, c=c, out=out, x=Xv[t]))
        hp = out
    return L, cache


def fd_pert(key):
    o = np.zeros((T, nC))
    for idx in np.ndindex(T, nC):
        e = np.zeros((T, nC)); e[idx] = EPS
        o[idx] = (reference(pert={key: e})[0] - reference(pert={key: -e})[0]) / (2 * EPS)
    return o


L0, C = reference()
N = {k: fd_pert(k) for k in ('out', 'outy', 'a_f', 'a_c', 'hp_f', 'hp_c', 'hp_d')}
D = N['out']
NW = np.zeros_like(Wt0); Nb = np.zeros_like(b0); NX = np.zeros_like(X)
for idx in np.ndindex(*Wt0.shape):
    a = Wt0.copy(); a[idx] += EPS; m = Wt0.copy(); m[idx] -= EPS
    NW[idx] = (reference(Wt=a)[0] - reference(Wt=m)[0]) / (2 * EPS)
for idx in np.ndindex(*b0.shape):
    a = b0.copy(); a[idx] += EPS; m = b0.copy(); m[idx] -= EPS
    Nb[idx] = (reference(b=a)[0] - reference(b=m)[0]) / (2 * EPS)
for idx in np.ndindex(*X.shape):
    a = X.copy(); a[idx] += EPS; m = X.copy(); m[idx] -= EPS
    NX[idx] = (reference(Xv=a)[0] - reference(Xv=m)[0]) / (2 * EPS)
res = {}
def rec(ln, ok): res[ln] = 'pass' if ok else 'fail'

# ---------------- literal forward (lines 64-105) ----------------
def forward_literal():
    W = Wt0.reshape(-1); B_ = b0; outs = []; Xs = []
    prevY = None
    for t in range(T):
        allinp = B_.copy()                                                  # 69 memcpy bias
        inputs = X[t]
        for i in range(nI):
            Wr = W[(2 * nC) * i:(2 * nC) * (i + 1)]
            for o in range(2 * nC): allinp[o] += inputs[i] * Wr[o]          # 75
        forget = allinp[:nC].copy(); cellst = allinp[nC:].copy()
        if prevY is not None:
            inputs = prevY; weight = W[(2 * nC) * nI:]
            for i in range(nC):
                Wr = weight[(2 * nC) * i:]
                for o in range(nC): forget[o] += Wr[o] * inputs[i]          # 85
            forget = sig(forget)                                            # 87
            for i in range(nC):
                Wr = weight[(2 * nC) * i + nC:]
                for o in range(nC): cellst[o] += Wr[o] * inputs[i] * forget[i]   # 92
            cellst = np.tanh(cellst)                                        # 94
            output = np.array([forget[o] * inputs[o] + (1 - forget[o]) * cellst[o] for o in range(nC)])  # 98
        else:
            forget = sig(forget); cellst = np.tanh(cellst)                  # 101, 102
            output = np.array([(1 - forget[o]) * cellst[o] for o in range(nC)])   # 104
        outs.append(output); prevY = output
    return outs

fl = forward_literal()
ok_fwd = all(close(fl[t], C[t]['out']) for t in range(T))
for ln in (69, 75, 85, 87, 92, 94, 98, 101, 102, 104, 238, 239, 240):
    rec(ln, ok_fwd)

# ---------------- literal backward of one step, fed with given deltas = dL/dout_t ----------------
Wff, Wsf, Wfr, Wsr = split(Wt0)

def backward_step(t, deltas, compact=False):
    c = C[t]; forget, cellst = c['f'], c['c']
    has_prev = t > 0
    prvOut = c['hp'] if has_prev else np.zeros(nC)                          # 121 (allocate_ptr zero-fills)
    deltaC = deltas * (1 - forget) * (1 - cellst * cellst)                  # 126
    if not compact:
        deltaF = Wsr @ deltaC if has_prev else np.zeros(nC)                 # 130-132 (RowMajor NoTrans, lda 2nC) / 133
        deltaF = ((prvOut - cellst) * deltas + deltaF * prvOut) * forget * (1 - forget)   # 137
    else:
        deltaF = np.zeros(nC)
        for o in range(nC):
            dF = (prvOut[o] - cellst[o]) * deltas[o]                        # 140
            weight = Wsr[o]                                                 # 141: row (nInputs+o), offset nCells
            for k in range(nC if has_prev else 0):
                dF += deltaC[k] * prvOut[o] * weight[k]                     # 143
            deltaF[o] = dF * forget[o] * (1 - forget[o])                    # 144
    parts = {}
    prvErr = np.zeros(nC)
    if has_prev:
        if not compact:
            tmp = Wsr @ deltaC                                              # 151
            parts['155'] = forget * (deltas + tmp)                          # 155
            parts['158'] = Wfr @ deltaF                                     # 158-159 (beta = 1)
            prvErr = parts['155'] + parts['158']
        else:
            for o in range(nC):
                prvErr[o] += forget[o] * deltas[o]                          # 163
                for k in range(nC):
                    prvErr[o] += deltaF[k] * Wfr[o][k] + deltaC[k] * forget[o] * Wsr[o][k]   # 166
    errors = Wff @ deltaF + Wsf @ deltaC                                    # 174-179
    gW = np.zeros_like(Wt0); gb = np.zeros_like(b0)
    gb[:nC] += deltaF; gb[nC:] += deltaC                                    # 190, 191
    gW[:nI, :nC] += np.outer(c['x'], deltaF); gW[:nI, nC:] += np.outer(c['x'], deltaC)   # 201, 202
    if has_prev:
        gW[nI:, :nC] += np.outer(prvOut, deltaF)                            # 213
        gW[nI:, nC:] += np.outer(prvOut, deltaC) * forget[:, None]          # 214
    return dict(deltaC=deltaC, deltaF=deltaF, prvErr=prvErr, errors=errors, gW=gW, gb=gb, parts=parts)

ok = {k: True for k in ('C', 'F', 'Fc', 'p155', 'p158', 'perr', 'perr_c', 'err')}
gW = np.zeros_like(Wt0); gb = np.zeros_like(b0)
for t in range(T):
    r1 = backward_step(t, D[t]); r2 = backward_step(t, D[t], compact=True)
    ok['C'] &= close(r1['deltaC'], N['a_c'][t])
    ok['F'] &= close(r1['deltaF'], N['a_f'][t])
    ok['Fc'] &= close(r2['deltaF'], N['a_f'][t])
    ok['err'] &= close(r1['errors'], NX[t])
    if t > 0:
        ok['p155'] &= close(r1['parts']['155'], N['hp_d'][t] + N['hp_c'][t])
        ok['p158'] &= close(r1['parts']['158'], N['hp_f'][t])
        ok['perr'] &= close(r1['prvErr'], D[t - 1] - G[t - 1])
        ok['perr_c'] &= close(r2['prvErr'], D[t - 1] - G[t - 1])
    gW += r1['gW']; gb += r1['gb']
rec(121, close(C[0]['hp'], np.zeros(nC)))
rec(126, ok['C']); rec(130, ok['F']); rec(133, ok['F']); rec(137, ok['F'])
rec(140, ok['Fc']); rec(143, ok['Fc']); rec(144, ok['Fc'])
rec(151, ok['p155']); rec(155, ok['p155']); rec(158, ok['p158'])
rec(163, ok['perr_c']); rec(166, ok['perr_c'])
rec(174, ok['err']); rec(177, ok['err'])
rec(190, close(gb[:nC], Nb[:nC])); rec(191, close(gb[nC:], Nb[nC:]))
rec(201, close(gW[:nI, :nC], NW[:nI, :nC])); rec(202, close(gW[:nI, nC:], NW[:nI, nC:]))
rec(213, close(gW[nI:, :nC], NW[nI:, :nC])); rec(214, close(gW[nI:, nC:], NW[nI:, nC:]))

# full literal BPTT (E accumulation as in the network) - information only
E = G.copy(); gW2 = np.zeros_like(Wt0)
for t in range(T - 1, -1, -1):
    r = backward_step(t, E[t])
    if t > 0: E[t - 1] += r['prvErr']
    gW2 += r['gW']
print("info: full literal BPTT weight gradient matches FD:", close(gW2, NW))

# ---------------- closing comment block (lines 241-243) ----------------
okc241 = all(close(D[t] * (1 - C[t]['f']) * (1 - C[t]['c'] ** 2), N['a_c'][t]) for t in range(T))
rec(241, okc241)
def df_comment(t, rt):
    ho, ct, ft = C[t]['hp'], C[t]['c'], C[t]['f']; e = D[t]
    dc = e * (1 - ft) * (1 - ct ** 2)
    return ((ho - rt) * e + (Wsr @ dc) * ho) * ft * (1 - ft)     # dc * uh^T with uh stored [in][out]
# as printed, 'rt' is no quantity of the MGU; with rt := ct the line would hold, with any other
# reading (rt = 0, rt = ft) it does not:
holds_with_ct = all(close(df_comment(t, C[t]['c']), N['a_f'][t]) for t in range(1, T))
holds_as_printed = all(close(df_comment(t, 0 * C[t]['c']), N['a_f'][t]) and
                       close(df_comment(t, C[t]['f']), N['a_f'][t]) for t in range(1, T))
print("info: line 242 holds with rt -> ct:", holds_with_ct)
rec(242, holds_as_printed)
okc243 = all(close(D[t] * C[t]['f'] + Wfr @ (N['a_f'][t]) + C[t]['f'] * (Wsr @ N['a_c'][t]), D[t - 1] - G[t - 1])
             for t in range(1, T))
rec(243, okc243)

exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
bad = 0
for k in sorted(exp, key=int):
    ln = int(k)
    if ln not in res:
        print(f"line {ln}: expected {exp[k]['expected']}, numeric NOT CHECKED"); bad += 1; continue
    flag = '' if res[ln] == exp[k]['expected'] else '   <-- MISMATCH'
    bad += bool(flag)
    print(f"line {ln}: expected {exp[k]['expected']}, numeric {res[ln]}{flag}")
extra = sorted(set(res) - {int(k) for k in exp})
if extra:
    print("checked but not annotated:", extra); bad += 1
sys.exit(1 if bad else 0)
