#!/usr/bin/env python3
"""Finite-difference check of zjufangzh_c5w1_rnn_lstm.md (numpy only).

All python fences of the post are exec'd as they stand (softmax and sigmoid come
from the course's rnn_utils, which the post does not show; they are supplied
here: column-wise softmax over axis 0 and the logistic function).
Loss used for the sequence functions: L = sum_t sum(G[:,:,t] * a[:,:,t]) (+ for the
LSTM cell also sum(Gc * c_next)), so that the upstream gradient da is G, exactly
what the assignment feeds to rnn_backward / lstm_backward.
Cell-level intermediates are compared with central differences of an independent
forward pass into which perturbations can be injected at pre-activations.
The accumulation lines of lstm_backward are judged locally: the author's loop is
rerun with the author's cell function wrapped so that it receives the correct
(da_next, dc_next); line 591 itself is judged by what the author passes.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "zjufangzh_c5w1_rnn_lstm.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["zjufangzh_c5w1_rnn_lstm.md"]
lines = open(MD).read().split("\n")

src, infence = [], False
for ln in lines:
    if ln.startswith("```"):
        infence = not infence
        continue
    if infence:
        src.append(ln)


def softmax(x):
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


NS = {"np": np, "softmax": softmax, "sigmoid": sigmoid}
exec("\n".join(src), NS)

rng = np.random.default_rng(11)
n_x, n_a, n_y, m, T = 3, 4, 2, 2, 4
eps = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
sig = lambda z: 0.5 * (1 + np.tanh(0.5 * z))


def fd(fun, x0):
    g = np.zeros_like(x0)
    for i in range(x0.size):
        xp = x0.copy(); xm = x0.copy()
        xp.flat[i] += eps; xm.flat[i] -= eps
        g.flat[i] = (fun(xp) - fun(xm)) / (2 * eps)
    return g


# ============================ vanilla RNN =====================================
Pr = {"Wax": rng.standard_normal((n_a, n_x)) * 0.6, "Waa": rng.standard_normal((n_a, n_a)) * 0.6,
      "Wya": rng.standard_normal((n_y, n_a)) * 0.6, "ba": rng.standard_normal((n_a, 1)) * 0.3,
      "by": rng.standard_normal((n_y, 1)) * 0.3}
x = rng.standard_normal((n_x, m, T))
a0 = rng.standard_normal((n_a, m)) * 0.5
G = rng.standard_normal((n_a, m, T))


def rnn_fwd(P, x, a0, inject=None):
    inject = inject or {}
    a = a0; A = []; Y = []; Z = []
    for t in range(T):
        z = P["Waa"] @ a + P["Wax"] @ x[:, :, t] + P["ba"] + inject.get(("z", t), 0)
        a = np.tanh(z) + inject.get(("a", t), 0)
        A.append(a); Z.append(z); Y.append(softmax(P["Wya"] @ a + P["by"]))
    return A, Y


def rnn_loss(P=Pr, x=x, a0=a0, inject=None):
    A, _ = rnn_fwd(P, x, a0, inject)
    return sum(np.sum(G[:, :, t] * A[t]) for t in range(T))


a_auth, y_auth, caches_r = NS["rnn_forward"](x, a0, Pr)
A_me, Y_me = rnn_fwd(Pr, x, a0)

# one cell, loss sum(dan * a_next)
xt0, ap0 = x[:, :, 0], a0
dan = rng.standard_normal((n_a, m))
an0, _, cache0 = NS["rnn_cell_forward"](xt0, ap0, Pr)
cell_g = NS["rnn_cell_backward"](dan, cache0)
cellL = lambda P=Pr, xt=xt0, ap=ap0, dz=0: np.sum(dan * np.tanh(P["Waa"] @ ap + P["Wax"] @ xt + P["ba"] + dz))
z0 = Pr["Waa"] @ ap0 + Pr["Wax"] @ xt0 + Pr["ba"]
fdP = lambda name, L: fd(lambda W: L(dict(Pr, **{name: W})), Pr[name])

# sequence backward, with the da_next arguments recorded
rec_r = []
orig_rcb = NS["rnn_cell_backward"]
def rcb_rec(da_next, cache):
    rec_r.append(da_next.copy()); return orig_rcb(da_next, cache)
NS["rnn_cell_backward"] = rcb_rec
gr = NS["rnn_backward"](G, caches_r)
NS["rnn_cell_backward"] = orig_rcb
rec_r = rec_r[::-1]  # index by t
true_da_r = [fd(lambda d: rnn_loss(inject={("a", t): d}), np.zeros((n_a, m))) for t in range(T)]
FDr = {n: fdP(n, lambda P: rnn_loss(P)) for n in ["Wax", "Waa", "ba"]}
FDr_x = fd(lambda xx: rnn_loss(x=xx), x)
FDr_a0 = fd(lambda aa: rnn_loss(a0=aa), a0)

# ============================ LSTM =============================================
Pl = {k: rng.standard_normal((n_a, n_a + n_x)) * 0.6 for k in ["Wf", "Wi", "Wc", "Wo"]}
Pl.update({k: rng.standard_normal((n_a, 1)) * 0.3 for k in ["bf", "bi", "bc", "bo"]})
Pl["Wy"] = rng.standard_normal((n_y, n_a)) * 0.6; Pl["by"] = rng.standard_normal((n_y, 1)) * 0.3


def lstm_cell_me(P, xt, ap, cp, inj=None):
    inj = inj or {}
    cat = np.concatenate([ap, xt], axis=0)
    f = sig(P["Wf"] @ cat + P["bf"] + inj.get("f", 0))
    i = sig(P["Wi"] @ cat + P["bi"] + inj.get("i", 0))
    cc = np.tanh(P["Wc"] @ cat + P["bc"] + inj.get("cc", 0))
    c = f * cp + i * cc
    o = sig(P["Wo"] @ cat + P["bo"] + inj.get("o", 0))
    a = o * np.tanh(c)
    return a, c, dict(f=f, i=i, cc=cc, o=o, cat=cat)


def lstm_fwd(P, x, a0, inject=None):
    inject = inject or {}
    a, c = a0, np.zeros((n_a, m)); A = []; Cs = []
    for t in range(T):
        a = a + inject.get(("aprev", t), 0); c = c + inject.get(("cprev", t), 0)
        a, c, _ = lstm_cell_me(P, x[:, :, t], a, c)
        A.append(a); Cs.append(c)
    return A, Cs


def lstm_loss(P=Pl, x=x, a0=a0, inject=None):
    A, _ = lstm_fwd(P, x, a0, inject)
    return sum(np.sum(G[:, :, t] * A[t]) for t in range(T))


aL, yL, cL, caches_l = NS["lstm_forward"](x, a0, Pl)
A_l, C_l = lstm_fwd(Pl, x, a0)

# one LSTM cell
cp0 = rng.standard_normal((n_a, m)) * 0.5
dan_l, dcn_l = rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m))
a1, c1, yt1, cache1 = NS["lstm_cell_forward"](xt0, ap0, cp0, Pl)
lg = NS["lstm_cell_backward"](dan_l, dcn_l, cache1)
def lcellL(P=Pl, xt=xt0, ap=ap0, cp=cp0, inj=None):
    a, c, _ = lstm_cell_me(P, xt, ap, cp, inj)
    return np.sum(dan_l * a) + np.sum(dcn_l * c)
fdPl = lambda name: fd(lambda W: lcellL(P=dict(Pl, **{name: W})), Pl[name])
fd_inj = lambda key: fd(lambda d: lcellL(inj={key: d}), np.zeros((n_a, m)))
_, _, me1 = lstm_cell_me(Pl, xt0, ap0, cp0)

# true totals for the LSTM sequence: dL/da_t and dL/dc_t (output a_t, state c_t)
# (perturbing a_t / c_t = perturbing the 'aprev'/'cprev' of step t+1, plus G_t for a_t)
true_da_l, true_dc_l = [], []
for t in range(T):
    if t < T - 1:
        true_da_l.append(G[:, :, t] + fd(lambda d: lstm_loss(inject={("aprev", t + 1): d}), np.zeros((n_a, m))))
        true_dc_l.append(fd(lambda d: lstm_loss(inject={("cprev", t + 1): d}), np.zeros((n_a, m))))
    else:
        true_da_l.append(G[:, :, t].copy()); true_dc_l.append(np.zeros((n_a, m)))

rec_l = []
orig_lcb = NS["lstm_cell_backward"]
def lcb_rec(da_next, dc_next, cache):
    rec_l.append((da_next.copy(), dc_next.copy())); return orig_lcb(da_next, dc_next, cache)
NS["lstm_cell_backward"] = lcb_rec
gl_auth = NS["lstm_backward"](G, caches_l)
rec_l = rec_l[::-1]

# local judgement of the accumulation lines: feed the correct upstream gradients
calls = {"k": T - 1}
def lcb_fixed(da_next, dc_next, cache):
    t = calls["k"]; calls["k"] -= 1
    return orig_lcb(true_da_l[t], true_dc_l[t], cache)
NS["lstm_cell_backward"] = lcb_fixed
gl_fixed = NS["lstm_backward"](G, caches_l)
NS["lstm_cell_backward"] = orig_lcb

FDl = {n: fd(lambda W: lstm_loss(P=dict(Pl, **{n: W})), Pl[n]) for n in ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"]}
FDl_x = fd(lambda xx: lstm_loss(x=xx), x)
FDl_a0 = fd(lambda aa: lstm_loss(a0=aa), a0)

# per-cell local check of the accumulators with the fixed run: the step gradients
def fixed_ok(key):
    return close(gl_fixed[key], FDl[key[1:]])

# ============================ verdict table ===================================
checks = {
    # LaTeX / forward of the RNN
    39: lambda: all(close(a_auth[:, :, t], A_me[t]) for t in range(T)),
    40: lambda: all(close(y_auth[:, :, t], Y_me[t]) for t in range(T)),
    77: lambda: all(close(a_auth[:, :, t], A_me[t]) for t in range(T)),
    79: lambda: all(close(y_auth[:, :, t], Y_me[t]) for t in range(T)),
    135: lambda: close(caches_r[0][0][1], a0),
    140: lambda: all(close(caches_r[0][t][1], A_me[t - 1] if t else a0) for t in range(T)),
    # LaTeX / forward of the LSTM (cell values from the author's caches)
    170: lambda: all(close(caches_l[0][t][4], sig(Pl["Wf"] @ np.concatenate([caches_l[0][t][2], x[:, :, t]]) + Pl["bf"])) for t in range(T)),
    176: lambda: all(close(caches_l[0][t][5], sig(Pl["Wi"] @ np.concatenate([caches_l[0][t][2], x[:, :, t]]) + Pl["bi"])) for t in range(T)),
    180: lambda: all(close(caches_l[0][t][6], np.tanh(Pl["Wc"] @ np.concatenate([caches_l[0][t][2], x[:, :, t]]) + Pl["bc"])) for t in range(T)),
    182: lambda: all(close(cL[:, :, t], caches_l[0][t][4] * caches_l[0][t][3] + caches_l[0][t][5] * caches_l[0][t][6]) for t in range(T)),
    188: lambda: all(close(caches_l[0][t][7], sig(Pl["Wo"] @ np.concatenate([caches_l[0][t][2], x[:, :, t]]) + Pl["bo"])) for t in range(T)),
    189: lambda: all(close(aL[:, :, t], caches_l[0][t][7] * np.tanh(cL[:, :, t])) for t in range(T)),
    195: lambda: close(me1["cat"], np.vstack([ap0, xt0])),
    251: lambda: all(close(aL[:, :, t], A_l[t]) for t in range(T)),
    252: lambda: all(close(aL[:, :, t], A_l[t]) for t in range(T)),
    255: lambda: close(cache1[4], me1["f"]),
    256: lambda: close(cache1[5], me1["i"]),
    257: lambda: close(cache1[6], me1["cc"]),
    258: lambda: close(c1, me1["f"] * cp0 + me1["i"] * me1["cc"]),
    259: lambda: close(cache1[7], me1["o"]),
    260: lambda: close(a1, me1["o"] * np.tanh(c1)),
    263: lambda: close(yt1, softmax(Pl["Wy"] @ a1 + Pl["by"])),
    320: lambda: close(caches_l[0][0][2], a0),
    321: lambda: close(caches_l[0][0][3], np.zeros((n_a, m))),
    326: lambda: all(close(aL[:, :, t], A_l[t]) and close(cL[:, :, t], C_l[t]) for t in range(T)),
    # RNN cell backward
    386: lambda: close(fd(lambda d: cellL(dz=d), np.zeros((n_a, m))), author_line(386, dict(a_next=an0, da_next=dan))["dtanh"]),
    389: lambda: close(cell_g["dxt"], fd(lambda v: cellL(xt=v), xt0)),
    390: lambda: close(cell_g["dWax"], fdP("Wax", lambda P: cellL(P=P))),
    393: lambda: close(cell_g["da_prev"], fd(lambda v: cellL(ap=v), ap0)),
    394: lambda: close(cell_g["dWaa"], fdP("Waa", lambda P: cellL(P=P))),
    397: lambda: close(cell_g["dba"], fdP("ba", lambda P: cellL(P=P))),
    # RNN sequence backward
    443: lambda: close(rec_r[T - 1], true_da_r[T - 1]),
    448: lambda: all(close(rec_r[t], true_da_r[t]) for t in range(T)),
    450: lambda: all(close(rec_r[t], true_da_r[t]) for t in range(T)),
    452: lambda: close(gr["dx"], FDr_x),
    453: lambda: close(gr["dWax"], FDr["Wax"]),
    454: lambda: close(gr["dWaa"], FDr["Waa"]),
    455: lambda: close(gr["dba"], FDr["ba"]),
    458: lambda: close(gr["da0"], FDr_a0),
    # LSTM cell backward (cell loss sum(dan*a_next) + sum(dcn*c_next))
    505: lambda: close(lg_pre("o"), fd_inj("o")),
    506: lambda: close(lg_pre("cc"), fd_inj("cc")),
    507: lambda: close(lg_pre("i"), fd_inj("i")),
    508: lambda: close(lg_pre("f"), fd_inj("f")),
    517: lambda: close(lg["dWf"], fdPl("Wf")),
    518: lambda: close(lg["dWi"], fdPl("Wi")),
    519: lambda: close(lg["dWc"], fdPl("Wc")),
    520: lambda: close(lg["dWo"], fdPl("Wo")),
    521: lambda: close(lg["dbf"], fdPl("bf")),
    522: lambda: close(lg["dbi"], fdPl("bi")),
    523: lambda: close(lg["dbc"], fdPl("bc")),
    524: lambda: close(lg["dbo"], fdPl("bo")),
    527: lambda: close(lg["da_prev"], fd(lambda v: lcellL(ap=v), ap0)),
    528: lambda: close(lg["dc_prev"], fd(lambda v: lcellL(cp=v), cp0)),
    529: lambda: close(lg["dxt"], fd(lambda v: lcellL(xt=v), xt0)),
    # LSTM sequence backward
    577: lambda: close(true_da_l[T - 1] - G[:, :, T - 1], 0 * G[:, :, T - 1]),
    578: lambda: close(true_dc_l[T - 1], np.zeros((n_a, m))),
    591: lambda: all(close(rec_l[t][0], true_da_l[t]) and close(rec_l[t][1], true_dc_l[t]) for t in range(T)),
    593: lambda: close(gl_fixed["dx"], FDl_x),
    594: lambda: fixed_ok("dWf"), 595: lambda: fixed_ok("dWi"), 596: lambda: fixed_ok("dWc"), 597: lambda: fixed_ok("dWo"),
    598: lambda: fixed_ok("dbf"), 599: lambda: fixed_ok("dbi"), 600: lambda: fixed_ok("dbc"), 601: lambda: fixed_ok("dbo"),
    603: lambda: close(gl_fixed["da0"], FDl_a0),
}


def author_line(lineno, env):
    env = dict(env, np=np)
    exec(lines[lineno - 1].strip(), env)
    return env


def lg_pre(kind):
    """re-evaluate the author's gate-derivative line for the single cell."""
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache1
    da_next, dc_next = dan_l, dcn_l
    env = dict(np=np, a_next=a_next, c_next=c_next, a_prev=a_prev, c_prev=c_prev, ft=ft, it=it, cct=cct, ot=ot,
               xt=xt, da_next=da_next, dc_next=dc_next)
    lineno = {"o": 505, "cc": 506, "i": 507, "f": 508}[kind]
    exec(lines[lineno - 1].strip(), env)
    return env[{"o": "dot", "cc": "dcct", "i": "dit", "f": "dft"}[kind]]


print("lstm_backward as published vs FD: dWf",
      "OK" if close(gl_auth["dWf"], FDl["Wf"]) else "MISMATCH", "| dx[:,:,0]",
      "OK" if close(gl_auth["dx"][:, :, 0], FDl_x[:, :, 0]) else "MISMATCH", "| da0",
      "OK" if close(gl_auth["da0"], FDl_a0) else "MISMATCH")

assert set(map(int, EXP)) == set(checks), sorted(set(map(int, EXP)) ^ set(checks))
bad = 0
for ln in sorted(checks):
    ok = bool(checks[ln]())
    exp_ok = EXP[str(ln)]["expected"] == "pass"
    agree = ok == exp_ok
    bad += not agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  (expected {EXP[str(ln)]['expected']}; {'agrees' if agree else 'DISAGREES'})")
print("all verdicts agree" if bad == 0 else f"{bad} verdict(s) disagree")
