#!/usr/bin/env python3
"""Finite-difference check of alexuhl_lstm_numpy.md (numpy only).
The author's code fence is exec'd (data file and argv faked); forward() is called with small sizes;
each backward statement's right-hand side is taken verbatim from the file and evaluated with its
upstream quantities set to their TRUE values (local judgement), then compared to central differences."""
import json, os, re, sys, types, warnings
import numpy as np
warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "alexuhl_lstm_numpy.md")
lines = open(MD).read().split("\n")
code = "\n".join(lines[lines.index("```python") + 1: len(lines) - 1 - lines[::-1].index("```")])
exp = json.load(open(os.path.join(HERE, "expected.json")))["alexuhl_lstm_numpy.md"]

ns = {"__name__": "author"}
fake_text = "abcdabca"
import builtins
ns["open"] = lambda *a, **k: types.SimpleNamespace(read=lambda: fake_text)
old_argv = sys.argv; sys.argv = ["x", "none"]
exec(compile(code, MD, "exec"), ns)
sys.argv = old_argv

rng = np.random.default_rng(0)
V, E, H, B, T = 4, 2, 3, 2, 3
Z = E + H
P = {"Wex": rng.normal(0, .5, (E, V)), "Wf": rng.normal(0, .5, (H, Z)), "Wi": rng.normal(0, .5, (H, Z)),
     "Wo": rng.normal(0, .5, (H, Z)), "Wc": rng.normal(0, .5, (H, Z)), "bf": rng.normal(0, .3, (H, 1)),
     "bi": rng.normal(0, .3, (H, 1)), "bo": rng.normal(0, .3, (H, 1)), "bc": rng.normal(0, .3, (H, 1)),
     "Why": rng.normal(0, .5, (V, H)), "by": rng.normal(0, .3, (V, 1))}
ns.update(P); ns["batch_size"] = B; ns["vocab_size"] = V
inputs = rng.integers(0, V, (T, B)); targets = rng.integers(0, V, (T, B))
h0 = rng.normal(0, .5, (H, B)); c0 = rng.normal(0, .5, (H, B))
loss, act, mem = ns["forward"](inputs, targets, (h0, c0))
xs, wes, hs, ys, ps, cs, zs, ins, c_s, ls, os_, fs = act

sig = lambda x: 1 / (1 + np.exp(-x))
def ref_forward(Pp, pert=None):
    """independent forward; pert = (name, t, array) adds array to node name at step t"""
    def add(name, t, v):
        return v + pert[2] if pert is not None and pert[0] == name and pert[1] == t else v
    h, c, L = h0.copy(), c0.copy(), 0.0
    for t in range(T):
        x = np.zeros((V, B)); x[inputs[t], np.arange(B)] = 1
        z = np.vstack([h, Pp["Wex"] @ x])
        af = add("af", t, Pp["Wf"] @ z + Pp["bf"]); ai = add("ai", t, Pp["Wi"] @ z + Pp["bi"])
        ac = add("ac", t, Pp["Wc"] @ z + Pp["bc"]); ao = add("ao", t, Pp["Wo"] @ z + Pp["bo"])
        f, i, g, o = sig(af), sig(ai), np.tanh(ac), sig(ao)
        g = add("g", t, g); o = add("o", t, o)
        c = add("c", t, f * c + i * g)
        h = add("h", t, o * np.tanh(c))
        y = add("y", t, Pp["Why"] @ h + Pp["by"])
        p = np.exp(y - y.max(0)); p /= p.sum(0)
        L += -np.log(p[targets[t], np.arange(B)]).sum()
    return L
def fd_node(name, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        g[idx] = (ref_forward(P, (name, t, d)) - ref_forward(P, (name, t, -d))) / (2 * eps)
    return g
def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        Pp = dict(P); a = P[k].copy(); a[idx] += eps; Pp[k] = a; Lp = ref_forward(Pp)
        a = P[k].copy(); a[idx] -= eps; Pp[k] = a; Lm = ref_forward(Pp)
        g[idx] = (Lp - Lm) / (2 * eps)
    return g
def fd_local(fun, x, eps=1e-6):  # elementwise derivative of an elementwise map
    return (fun(x + eps) - fun(x - eps)) / (2 * eps)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-4, atol=1e-6)

results = {}
# helpers
xg = np.linspace(-2, 2, 9)
results[14] = close(ns["sigmoid"](xg), 1 / (1 + np.exp(-xg)))
results[18] = close(ns["dsigmoid"](sig(xg)), fd_local(sig, xg))
results[22] = close(ns["dtanh"](np.tanh(xg)), fd_local(np.tanh, xg))
X = rng.normal(size=(4, 3)); sm = np.exp(X) / np.exp(X).sum(0)
e_x = np.exp(X - np.max(X, axis=0))
results[28] = close(e_x / e_x.sum(0), sm)
results[29] = close(ns["softmax"](X), sm)
# forward statements: compare with the independent forward
ok_loss = np.isclose(loss, ref_forward(P))
hh, cc = h0, c0; okf = {k: True for k in (121, 125, 129, 133, 137, 143, 147, 148, 155, 159, 167, 168)}
for t in range(T):
    x = np.zeros((V, B)); x[inputs[t], np.arange(B)] = 1
    okf[121] &= close(wes[t], P["Wex"] @ x)
    z = np.vstack([hh, P["Wex"] @ x]); okf[125] &= close(zs[t], z)
    okf[129] &= close(fs[t], sig(P["Wf"] @ z + P["bf"])); okf[133] &= close(ins[t], sig(P["Wi"] @ z + P["bi"]))
    okf[137] &= close(c_s[t], np.tanh(P["Wc"] @ z + P["bc"])); okf[147] &= close(os_[t], sig(P["Wo"] @ z + P["bo"]))
    cc = fs[t] * cc + ins[t] * c_s[t]; okf[143] &= close(cs[t], cc)
    hh = os_[t] * np.tanh(cc); okf[148] &= close(hs[t], hh)
    okf[155] &= close(ys[t], P["Why"] @ hh + P["by"])
    y = ys[t]; p = np.exp(y - y.max(0)); p /= p.sum(0); okf[159] &= close(ps[t], p)
    okf[167] &= np.isclose(np.sum(-np.log(ps[t]) * ls[t]), -np.log(p[targets[t], np.arange(B)]).sum())
okf[168] &= ok_loss
results.update(okf)

# true quantities per step
TR = {}
for t in range(T):
    cprev = cs[t - 1]
    TR[t] = dict(
        dy=fd_node("y", t, (V, B)), dh=fd_node("h", t, (H, B)), dc=fd_node("c", t, (H, B)),
        dg=fd_node("g", t, (H, B)), do=fd_node("o", t, (H, B)),
        dac=fd_node("ac", t, (H, B)), dai=fd_node("ai", t, (H, B)), daf=fd_node("af", t, (H, B)),
        dao=fd_node("ao", t, (H, B)),
        # local partials by FD of the local elementwise maps
        dh_dc=fd_local(lambda c: os_[t] * np.tanh(c), cs[t]),
        dh_dc_s=fd_local(lambda c: os_[t] * np.tanh(c), cs[t]) * fd_local(lambda g: fs[t] * cprev + ins[t] * g, c_s[t]),
        dc_dbi=fd_local(lambda a: sig(a) * c_s[t], np.log(ins[t] / (1 - ins[t]))),
        dc_dbf=fd_local(lambda a: sig(a) * cprev, np.log(fs[t] / (1 - fs[t]))),
        dh_dbo=fd_local(lambda a: sig(a) * np.tanh(cs[t]), np.log(os_[t] / (1 - os_[t]))),
    )
    TR[t]["dh_dbc"] = TR[t]["dh_dc_s"] * fd_local(np.tanh, np.arctanh(c_s[t]))
    TR[t]["dh_dbi"] = TR[t]["dh_dc"] * TR[t]["dc_dbi"]
G = {k: fd_param(k) for k in ("by", "Why", "bc", "bi", "bf", "bo", "Wc", "Wi", "Wf", "Wo", "Wex")}

def rhs(line):
    s = lines[line - 1].split("#")[0].strip()
    m = re.match(r"(\w+)\s*(\+?=)\s*(.*)$", s)
    return m.group(1), m.group(2), m.group(3)

def env(t, **over):
    e = dict(np=np, ps=ps, ys=ys, ls=ls, hs=hs, cs=cs, os=os_, ins=ins, c_s=c_s, fs=fs, zs=zs, xs=xs,
             Why=P["Why"], dtanh=ns["dtanh"], dsigmoid=ns["dsigmoid"], t=t)
    tr = TR[t]
    e.update(dy=tr["dy"], dh=tr["dh"], dc=tr["dc"], dc_s=tr["dc"] * ins[t], dh_dc=tr["dh_dc"],
             dh_dc_s=tr["dh_dc_s"], dh_dbc=tr["dh_dbc"], dc_dbi=tr["dc_dbi"], dh_dbi=tr["dh_dbi"],
             dc_dbf=tr["dc_dbf"], dh_dbo=tr["dh_dbo"], dbc_=tr["dac"], dbi_=tr["dai"], dbf_=tr["daf"],
             dbo_=tr["dao"])
    e.update(over); return e

def step_check(line, truth_key):
    var, op, ex = rhs(line)
    return all(close(eval(ex, env(t)), TR[t][truth_key]) for t in range(T))

# non-accumulating per-step statements
results[244] = step_check(244, "dy")
results[263] = step_check(263, "dh_dc")
results[267] = step_check(267, "dh_dc_s")
results[271] = step_check(271, "dh_dbc")
results[275] = step_check(275, "dh")
results[281] = step_check(281, "dac")
results[299] = all(close(eval(rhs(299)[2], env(t)), TR[t]["dg"]) for t in range(T))
results[316] = step_check(316, "dc_dbi")
results[320] = step_check(320, "dh_dbi")
results[326] = step_check(326, "dai")
results[342] = step_check(342, "dc")
results[354] = step_check(354, "dc_dbf")
results[358] = step_check(358, "daf")
results[383] = step_check(383, "dh_dbo")
results[387] = step_check(387, "dao")
results[399] = all(close(eval(rhs(399)[2], env(t)), TR[t]["do"]) for t in range(T))

# claimed Jacobians d(gate)/dW: true object is the tensor J[j,b,k] = act'(a)[j,b] * z[k,b] (H x B x Z)
def jac_check(line, deriv):
    ok = True
    for t in range(T):
        val = eval(rhs(line)[2], env(t, dc_s_dWc=None))
        J = deriv(t)[:, :, None] * zs[t].T[None, :, :]
        ok &= close(val, J)
    return ok
results[289] = jac_check(289, lambda t: 1 - c_s[t] ** 2)
results[334] = jac_check(334, lambda t: ins[t] * (1 - ins[t]))
results[366] = jac_check(366, lambda t: fs[t] * (1 - fs[t]))
results[395] = jac_check(395, lambda t: os_[t] * (1 - os_[t]))
# dc/dW chain lines: true dc_t/dW_c[j,k] per example = i[j,b]*(1-g^2)[j,b]*z[k,b] (H x B x Z)
def chain_check(line, prev_line, factor, deriv):
    ok = True
    for t in range(T):
        e = env(t); e[rhs(prev_line)[0]] = eval(rhs(prev_line)[2], e)
        val = eval(rhs(line)[2], e)
        J = (factor(t) * deriv(t))[:, :, None] * zs[t].T[None, :, :]
        ok &= close(val, J)
    return ok
results[293] = chain_check(293, 289, lambda t: ins[t], lambda t: 1 - c_s[t] ** 2)
results[338] = chain_check(338, 334, lambda t: c_s[t], lambda t: ins[t] * (1 - ins[t]))
results[370] = chain_check(370, 366, lambda t: cs[t - 1], lambda t: fs[t] * (1 - fs[t]))

# accumulations / weight gradients: run the statement over the reversed loop, upstream true
def loop_check(line, acc_name, init, gkey, pre=()):
    acc = np.zeros_like(init)
    for t in reversed(range(T)):
        e = env(t); e[acc_name] = acc
        for pl in pre:
            e[rhs(pl)[0]] = eval(rhs(pl)[2], e)
        var, op, ex = rhs(line)
        val = eval(ex, e)
        acc = acc + val if op == "+=" else val
    return close(acc, G[gkey])
results[248] = loop_check(248, "dby", P["by"], "by")
results[254] = loop_check(254, "dWhy", P["Why"], "Why")
results[282] = loop_check(282, "dbc", P["bc"], "bc")
results[327] = loop_check(327, "dbi", P["bi"], "bi")
results[359] = loop_check(359, "dbf", P["bf"], "bf")
results[388] = loop_check(388, "dbo", P["bo"], "bo")
results[305] = loop_check(305, "dWc", P["Wc"], "Wc", pre=(289, 293))
results[346] = loop_check(346, "dWi", P["Wi"], "Wi", pre=(334, 338))
results[375] = loop_check(375, "dWf", P["Wf"], "Wf", pre=(366, 370))
results[404] = loop_check(404, "dWo", P["Wo"], "Wo", pre=(395, 399))
results[416] = loop_check(416, "dWex", P["Wex"], "Wex")

bad = 0
for ln in sorted(results):
    ok = bool(results[ln]); want = exp[str(ln)]["expected"] == "pass"
    agree = ok == want
    bad += not agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
missing = set(map(int, exp)) ^ set(results)
print("unchecked/extra lines:", sorted(missing)); print("disagreements:", bad)
sys.exit(1 if bad or missing else 0)
