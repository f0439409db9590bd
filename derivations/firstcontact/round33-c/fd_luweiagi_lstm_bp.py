#!/usr/bin/env python3
"""Finite-difference check of luweiagi_lstm_bp.md ("LSTM的反向传播原理", Mallya-style notation).
Column vectors; x^t includes a constant 1 (bias); z^t = W I^t with I^t = [x^t; h^{t-1}] and the
row blocks of W in the order [c; i; f; o] (a-hat, i-hat, f-hat, o-hat); a = tanh(a-hat), gates =
sigmoid; c^t = i*a + f*c^{t-1}; h^t = o*tanh(c^t).  Loss E = sum_t g_t^T h^t (per-step costs
through further layers, random fixed g_t).  delta h^t = dE/dh^t is the TOTAL gradient (line 134 of
the note); 'c-path' / 'h-path' parts of dE/dc are obtained by perturbing c only where it enters
c^{t+1} or only where it enters h^t.  Each line is evaluated with true upstream values."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["luweiagi_lstm_bp.md"]
rng = np.random.default_rng(2)
n0, d, T = 3, 4, 4
n = n0 + 1
X = [np.vstack([rng.normal(size=(n0, 1)), [[1.0]]]) for _ in range(T)]
Wfull = rng.normal(scale=0.5, size=(4 * d, n + d))
Gs = [rng.normal(size=(d, 1)) for _ in range(T)]
h0 = rng.normal(scale=0.3, size=(d, 1)); c0 = rng.normal(scale=0.3, size=(d, 1))
sig = lambda v: 1 / (1 + np.exp(-v))
B = {k: slice(j * d, (j + 1) * d) for j, k in enumerate("aifo")}

def run(p=None, Wstep=None, W=None):
    p, Wstep = p or {}, Wstep or {}
    W = Wfull if W is None else W
    h, c = h0, c0; S = []
    for t in range(T):
        I = np.vstack([X[t], h]) + p.get(("I", t), 0)
        z = (W + Wstep.get(t, 0)) @ I + p.get(("z", t), 0)
        ah, ih, fh, oh = (z[B[k]] + p.get((k + "hat", t), 0) for k in "aifo")
        a = np.tanh(ah) + p.get(("a", t), 0); i = sig(ih) + p.get(("i", t), 0)
        f = sig(fh) + p.get(("f", t), 0); o = sig(oh) + p.get(("o", t), 0)
        cp = c + p.get(("c_next", t - 1), 0)             # c^{t-1} as it enters c^t only
        c = i * a + f * cp + p.get(("c", t), 0)
        hc = c + p.get(("c_h", t), 0)                   # c^t as it enters h^t only
        h = o * np.tanh(hc) + p.get(("h", t), 0)
        S.append(dict(I=I, z=z, ah=ah, ih=ih, fh=fh, oh=oh, a=a, i=i, f=f, o=o, c=c, h=h, cp=cp))
    return sum(float(np.sum(Gs[t] * S[t]["h"])) for t in range(T)), S

EPS = 1e-6
def fd(fun, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        out[idx] = (fun(e) - fun(-e)) / (2 * EPS)
    return out
_cache = {}
def D(key, t):
    if (key, t) not in _cache:
        shp = {"I": (n + d, 1), "z": (4 * d, 1)}.get(key, (d, 1))
        _cache[(key, t)] = fd(lambda e: run({(key, t): e})[0], shp)
    return _cache[(key, t)]
_, S = run()
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
R = {}
ts = range(T)

# ---- forward lines: block form z = W I and gate-wise form agree with the reference forward
ok = True
h, c = h0, c0
for t in ts:
    Wc_, Uc_ = Wfull[B["a"], :n], Wfull[B["a"], n:]
    Wi_, Ui_ = Wfull[B["i"], :n], Wfull[B["i"], n:]
    Wf_, Uf_ = Wfull[B["f"], :n], Wfull[B["f"], n:]
    Wo_, Uo_ = Wfull[B["o"], :n], Wfull[B["o"], n:]
    a = np.tanh(Wc_ @ X[t] + Uc_ @ h); i = sig(Wi_ @ X[t] + Ui_ @ h)
    f = sig(Wf_ @ X[t] + Uf_ @ h); o = sig(Wo_ @ X[t] + Uo_ @ h)
    z = np.vstack([Wc_ @ X[t] + Uc_ @ h, Wi_ @ X[t] + Ui_ @ h, Wf_ @ X[t] + Uf_ @ h, Wo_ @ X[t] + Uo_ @ h])
    c = i * a + f * c; h = o * np.tanh(c)
    ok &= all(close(u, S[t][k]) for u, k in ((a, "a"), (i, "i"), (f, "f"), (o, "o"), (z, "z"), (c, "c"), (h, "h")))
    ok &= close(np.vstack([X[t], S[t - 1]["h"] if t else h0]), S[t]["I"])
for ln in (42, 43, 44, 45, 50, 80, 95, 132, 167, 230, 231, 232, 233, 248, 278):
    R[ln] = ok

def each(fun):
    return all(fun(t) for t in ts)

# ---- output block
loc_do = lambda t: fd(lambda e: float(np.sum((S[t]["o"] + e) * np.tanh(S[t]["c"]))), (d, 1))  # dh_i/do_i
R[139] = each(lambda t: close(D("h", t) * loc_do(t), D("o", t)))
R[140] = each(lambda t: close(D("h", t) * np.tanh(S[t]["c"]), D("o", t)))
R[146] = R[140]
dhdc = lambda t: S[t]["o"] * (1 - np.tanh(S[t]["c"]) ** 2)
R[151] = each(lambda t: close(D("h", t) * fd(lambda e: float(np.sum(S[t]["o"] * np.tanh(S[t]["c"] + e))), (d, 1)), D("c_h", t)))
R[152] = each(lambda t: close(D("h", t) * dhdc(t), D("c_h", t)))
R[157] = each(lambda t: close(D("c_next", t) + D("h", t) * dhdc(t), D("c", t)))   # c-path part += h-path part
# ---- cell update block (delta c^t = total dE/dc^t)
R[176] = each(lambda t: close(D("c", t) * S[t]["a"], D("i", t)))
R[177] = R[176]; R[182] = R[176]
R[187] = each(lambda t: close(D("c", t) * S[t]["i"], D("a", t)))
R[188] = R[187]; R[193] = R[187]
R[198] = each(lambda t: close(D("c", t) * S[t]["cp"], D("f", t)))
R[199] = R[198]
R[204] = each(lambda t: close(D("c", t) * S[t]["cp"], D("i", t)))               # printed as delta i^t
def dct_dit_1(t):   # d c_k^t / d i_k^{t-1}, same component k, all paths
    return np.array([[ (run({("i", t - 1): e})[1][t]["c"][k, 0] - run({("i", t - 1): -e})[1][t]["c"][k, 0]) / (2 * EPS)
                       for e in [np.eye(d)[:, [k]] * EPS]][0] for k in range(d)]).reshape(d, 1)
R[209] = all(close(D("c", t) * dct_dit_1(t), D("c_next", t - 1)) for t in range(1, T))
R[210] = all(close(D("c", t) * S[t]["f"], D("c_next", t - 1)) for t in range(1, T))
R[215] = R[210]
R[219] = each(lambda t: close(D("h", t) * dhdc(t) + ((D("c", t + 1) * S[t + 1]["f"]) if t + 1 < T else 0), D("c", t)))
# ---- gates and input block
R[239] = each(lambda t: close(D("a", t) * (1 - np.tanh(S[t]["ah"]) ** 2), D("ahat", t)))
R[240] = each(lambda t: close(D("i", t) * S[t]["i"] * (1 - S[t]["ih"]), D("ihat", t)))
R[241] = each(lambda t: close(D("f", t) * S[t]["f"] * (1 - S[t]["fh"]), D("fhat", t)))
R[242] = each(lambda t: close(D("o", t) * S[t]["o"] * (1 - S[t]["oh"]), D("ohat", t)))
R[243] = each(lambda t: close(np.vstack([D("ahat", t), D("ihat", t), D("fhat", t), D("ohat", t)]), D("z", t)))
R[274] = each(lambda t: close(Wfull.T @ D("z", t), D("I", t)))
# line 288 as printed: delta h^t (= dE/dh^t, total, as defined on line 134) + h-block of delta I^{t+1};
# the symbol delta T is read as delta I (the only candidate); the sum double counts the recurrent part
R[288] = all(close(D("h", t) + D("I", t + 1)[n:], D("h", t)) for t in range(T - 1))
intended = all(close(Gs[t] + D("I", t + 1)[n:], D("h", t)) for t in range(T - 1))
R[296] = each(lambda t: close(D("z", t) @ S[t]["I"].T, fd(lambda e: run(Wstep={t: e})[0], Wfull.shape)))
R[306] = close(sum(D("z", t) @ S[t]["I"].T for t in ts), fd(lambda e: run(W=Wfull + e)[0], Wfull.shape))

bad = 0
for ln in sorted(EXP, key=int):
    exp_pass = EXP[ln]["expected"] == "pass"
    got = R.get(int(ln))
    agree = got is not None and got == exp_pass
    bad += not agree
    print(f"line {ln}: {'OK' if agree else 'MISMATCH'} (expected {EXP[ln]['expected']}, fd says {'pass' if got else ('fail' if got is not None else 'unchecked')})")
extra = {str(k) for k in R} - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += 1
print("info: line 288 with dE/dh^t read as the direct per-step gradient g_t and delta T as delta I is right:", intended)
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
