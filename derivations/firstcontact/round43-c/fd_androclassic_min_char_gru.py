#!/usr/bin/env python3
"""Finite-difference check of androclassic_min_char_gru.md (numpy only).

The author's code fences are exec'd as they stand (GRUModel, sigmoid); the body of
the backward loop (file lines 123-146) is exec'd step by step so that every
per-step intermediate (dh, dg, dgraw, dhc, dhcraw, dfs, dfraw, dhnext) can be
compared with central differences of an independent re-implementation of the
forward pass into which a perturbation can be injected at any node of any step.
"""
import json
import os
import re
import textwrap

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "androclassic_min_char_gru.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["androclassic_min_char_gru.md"]
lines = open(MD).read().split("\n")

# ---- exec the author's fences -------------------------------------------------
src, infence = [], False
for ln in lines:
    if ln.startswith("```"):
        infence = not infence
        continue
    if infence:
        src.append(ln)
ns = {}
exec("\n".join(src), ns)
GRUModel, sigmoid_author = ns["GRUModel"], ns["sigmoid"]

# loop body of lossFun, file lines 123..146 (1-based), exec'd per time step
body = textwrap.dedent("\n".join(lines[122:146]))
assert body.startswith("dy = dys[t]") and "dhnext =" in body.splitlines()[-1]
body_code = compile(body, "author_loop_body", "exec")

rng = np.random.default_rng(7)
V, H, T = 4, 3, 4
model = GRUModel(V, H)
for name in ["Wxh", "Whh", "Wxg", "Whg", "Wxf", "Whf", "Why"]:
    getattr(model, name)[...] = rng.standard_normal(getattr(model, name).shape) * 0.6
for name in ["bh", "bg", "bf", "by"]:
    getattr(model, name)[...] = rng.standard_normal(getattr(model, name).shape) * 0.3
PN = ["Wxh", "Whh", "Wxg", "Whg", "Wxf", "Whf", "Why", "bh", "bg", "bf", "by"]

idx = rng.integers(0, V, size=T)
inputs = []
for i in idx:
    x = np.zeros((V, 1)); x[i] = 1.0
    inputs.append(x)
targets = list(rng.integers(0, V, size=T))
targets_reg = [rng.standard_normal((V, 1)) for _ in range(T)]
hprev = rng.standard_normal((H, 1)) * 0.5


def sig(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def my_forward(P, inject=None, loss="softmax", ys_override=None):
    """Independent forward pass; inject = {(node, t): delta}."""
    inject = inject or {}
    def add(node, t, v):
        d = inject.get((node, t))
        return v if d is None else v + d
    h = hprev.copy()
    cache = {"f": [], "hc": [], "g": [], "h": [], "y": [], "hf": []}
    for t in range(T):
        x = inputs[t]
        hp = add("hprev_in", t, h)
        f = add("f", t, sig(add("f_raw", t, P["Wxf"] @ x + P["Whf"] @ hp + P["bf"])))
        hf = f * hp
        hc = add("hc", t, np.tanh(add("hc_raw", t, P["Wxh"] @ x + P["Whh"] @ hf + P["bh"])))
        g = add("g", t, sig(add("g_raw", t, P["Wxg"] @ x + P["Whg"] @ hp + P["bg"])))
        h = add("h", t, g * hc + (1 - g) * hp)
        y = P["Why"] @ h + P["by"]
        if ys_override is not None:
            y = ys_override[t]
        for k, v in zip(["f", "hc", "g", "h", "y", "hf"], [f, hc, g, h, y, hf]):
            cache[k].append(v)
    ys = cache["y"]
    if loss == "softmax":
        L = 0.0
        for t in range(T):
            p = np.exp(ys[t] - ys[t].max()); p /= p.sum()
            L += -np.log(p[targets[t], 0])
    elif loss == "rmse":      # the author's returned loss: mean over outputs, then over steps
        L = sum(np.mean((ys[t] - targets_reg[t]) ** 2) for t in range(T)) / T
    elif loss == "rmse_last":
        L = np.mean((ys[T - 1] - targets_reg[T - 1]) ** 2)
    return L, cache


P0 = {n: getattr(model, n).copy() for n in PN}
eps = 1e-6


def fd_inject(node, t, loss="softmax"):
    shape = (H, 1)
    g = np.zeros(shape)
    for i in range(H):
        d = np.zeros(shape); d[i] = eps
        g[i] = (my_forward(P0, {(node, t): d}, loss)[0] - my_forward(P0, {(node, t): -d}, loss)[0]) / (2 * eps)
    return g


def fd_param(name, loss="softmax"):
    g = np.zeros_like(P0[name])
    for i in range(g.size):
        Pp = {k: v.copy() for k, v in P0.items()}; Pm = {k: v.copy() for k, v in P0.items()}
        Pp[name].flat[i] += eps; Pm[name].flat[i] -= eps
        g.flat[i] = (my_forward(Pp, loss=loss)[0] - my_forward(Pm, loss=loss)[0]) / (2 * eps)
    return g


def fd_ys(lossfn, ys):
    ys = [ys[t] for t in range(T)]
    out = []
    for t in range(T):
        g = np.zeros_like(ys[t])
        for i in range(g.size):
            yp = [y.copy() for y in ys]; ym = [y.copy() for y in ys]
            yp[t].flat[i] += eps; ym[t].flat[i] -= eps
            g.flat[i] = (lossfn(yp) - lossfn(ym)) / (2 * eps)
        out.append(g)
    return out


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# ---- author's forward pass, losses, and step-by-step backward -----------------
xs, hs, hc, gs, fs, ys = model._froward_pass(inputs, hprev)
Lmine, C = my_forward(P0)
loss_sm, dys_sm = model.compute_softmax_loss(targets, ys)
loss_rm, dys_rm = model.compute_rmse_loss(targets_reg, ys)
loss_rl, dys_rl = model.compute_rmse_loss_last_output(targets_reg, ys)
loss_author, grads_author, _ = model.lossFun(inputs, targets, hprev, "softmax")
assert max(np.abs(g).max() for g in grads_author) < 5, "clipping would interfere"

# replay the loop body to collect per-step intermediates
env = {"np": np, "self": model, "xs": xs, "hs": hs, "hc": hc, "gs": gs, "fs": fs, "dys": dys_sm}
for n in PN:
    env["d" + n] = np.zeros_like(P0[n])
env["dhnext"] = np.zeros_like(hs[0])
steps = {}
for t in reversed(range(T)):
    env["t"] = t
    exec(body_code, env)
    steps[t] = {k: np.copy(env[k]) for k in ["dh", "dg", "dgraw", "dhc", "dhcraw", "hf", "dfs", "dfraw", "dhnext"]}
final = {n: env["d" + n] for n in PN}
for n, ga in zip(PN, grads_author):
    assert close(final[n], ga)

FDP = {n: fd_param(n) for n in PN}
softmax_loss_of_ys = lambda Y: my_forward(P0, loss="softmax", ys_override=Y)[0]
rmse_loss_of_ys = lambda Y: my_forward(P0, loss="rmse", ys_override=Y)[0]
rmse_last_loss_of_ys = lambda Y: my_forward(P0, loss="rmse_last", ys_override=Y)[0]
FD_dys_sm = fd_ys(softmax_loss_of_ys, ys)
FD_dys_rm = fd_ys(rmse_loss_of_ys, ys)
FD_dys_rl = fd_ys(rmse_last_loss_of_ys, ys)


def per_step(key, node):
    return all(close(steps[t][key], fd_inject(node, t)) for t in range(T))


xg = np.linspace(-4, 4, 17)
checks = {
    11: lambda: close(sigmoid_author(xg), sig(xg)),
    45: lambda: all(close(fs[t], C["f"][t]) for t in range(T)),
    46: lambda: all(close(hc[t], C["hc"][t]) for t in range(T)),
    47: lambda: all(close(gs[t], C["g"][t]) for t in range(T)),
    48: lambda: all(close(hs[t], C["h"][t]) for t in range(T)),
    49: lambda: all(close(ys[t], C["y"][t]) for t in range(T)),
    65: lambda: all(close(np.exp(ys[t]) / np.exp(ys[t]).sum(), np.exp(C["y"][t] - C["y"][t].max()) / np.exp(C["y"][t] - C["y"][t].max()).sum()) for t in range(T)),
    66: lambda: np.isclose(loss_sm, Lmine),
    67: lambda: all(close(dys_sm[t], FD_dys_sm[t]) for t in range(T)),
    68: lambda: all(close(dys_sm[t], FD_dys_sm[t]) for t in range(T)),
    77: lambda: np.isclose(loss_rm, rmse_loss_of_ys(ys)),  # residual the loss is built on
    78: lambda: all(close(dys_rm[t], FD_dys_rm[t]) for t in range(T)),
    79: lambda: np.isclose(loss_rm, rmse_loss_of_ys(ys)),
    81: lambda: np.isclose(loss_rm, rmse_loss_of_ys(ys)),
    89: lambda: np.isclose(loss_rl, rmse_last_loss_of_ys(ys)),  # residual of the last step
    90: lambda: close(dys_rl[T - 1], FD_dys_rl[T - 1]),
    91: lambda: np.isclose(loss_rl, rmse_last_loss_of_ys(ys)),
    94: lambda: all(close(np.zeros_like(ys[t]) + dys_rl[t], FD_dys_rl[t]) for t in range(T - 1)),
    121: lambda: close(steps[T - 1]["dh"], fd_inject("h", T - 1)),
    124: lambda: close(final["Why"], FDP["Why"]),
    125: lambda: close(final["by"], FDP["by"]),
    126: lambda: per_step("dh", "h"),
    127: lambda: per_step("dg", "g"),
    128: lambda: per_step("dgraw", "g_raw"),
    129: lambda: close(final["Wxg"], FDP["Wxg"]),
    130: lambda: close(final["Whg"], FDP["Whg"]),
    131: lambda: close(final["bg"], FDP["bg"]),
    133: lambda: per_step("dhc", "hc"),
    134: lambda: per_step("dhcraw", "hc_raw"),
    135: lambda: close(final["bh"], FDP["bh"]),
    136: lambda: close(final["Wxh"], FDP["Wxh"]),
    137: lambda: all(close(steps[t]["hf"], C["hf"][t]) for t in range(T)),
    138: lambda: close(final["Whh"], FDP["Whh"]),
    140: lambda: per_step("dfs", "f"),
    141: lambda: per_step("dfraw", "f_raw"),
    142: lambda: close(final["Wxf"], FDP["Wxf"]),
    143: lambda: close(final["Whf"], FDP["Whf"]),
    144: lambda: close(final["bf"], FDP["bf"]),
    146: lambda: per_step("dhnext", "hprev_in"),
}

# sanity: the rmse_last gradient is right exactly when the output size is 1 (the sine example)
ratio = (dys_rm[0] / FD_dys_rm[0]).ravel()
print("rmse: author dys / true dL/dy =", np.round(ratio, 6), "(= n_out*T =", V * T, ")")
ratio_l = (dys_rl[T - 1] / FD_dys_rl[T - 1]).ravel()
print("rmse_last: author dys / true dL/dy =", np.round(ratio_l, 6), "(= n_out =", V, ")")

assert set(map(int, EXP)) == set(checks), (sorted(set(map(int, EXP)) ^ set(checks)))
bad = 0
for ln in sorted(checks):
    ok = bool(checks[ln]())
    exp_ok = EXP[str(ln)]["expected"] == "pass"
    agree = ok == exp_ok
    bad += not agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  (expected {EXP[str(ln)]['expected']}; {'agrees' if agree else 'DISAGREES'})")
print("all verdicts agree" if bad == 0 else f"{bad} verdict(s) disagree")
