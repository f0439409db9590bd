#!/usr/bin/env python3
"""Finite-difference check of mkffl_minimalist_rnn.md (numpy only).

Math lines are evaluated literally as products of Jacobians in numerator layout
(gradients are row vectors; dLoss/dp is a row, dp/dy the softmax Jacobian,
dy/dh = W^{hy}, dh/dz = diag(1-h^2), dz^t/dh^{t-1} = W^{hh}, and the direct
partial dz^t/dW^{xh} is the H x (H*V) matrix kron(I_H, x_t^T) for W^{xh}
flattened row-major).  Time is 1-based in the math (h^0 = hprev, steps 1..N with
N = 3 as in the post's walk-through) and 0-based in the code (t = n-1).
The code fences are exec'd as they stand.
"""
import json
import os
import textwrap

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, "mkffl_minimalist_rnn.md")
EXP = json.load(open(os.path.join(HERE, "expected.json")))["mkffl_minimalist_rnn.md"]
L = open(MD).read().split("\n")
line = lambda k: L[k - 1]

rng = np.random.default_rng(3)
V, H, N = 4, 3, 3
Wxh = rng.standard_normal((H, V)) * 0.8
Whh = rng.standard_normal((H, H)) * 0.8
Why = rng.standard_normal((V, H)) * 0.8
bh = rng.standard_normal((H, 1)) * 0.3
by = rng.standard_normal((V, 1)) * 0.3
vocab_size = V
inputs = [int(i) for i in rng.integers(0, V, size=N)]
targets = [int(i) for i in rng.integers(0, V, size=N)]
hprev = rng.standard_normal((H, 1)) * 0.5
X = {}
for n in range(1, N + 1):
    X[n] = np.zeros((V, 1)); X[n][inputs[n - 1]] = 1.0


def forward(P, inject=None, wcopy=None):
    """Independent forward.  inject = {(node, n): delta} with node in
    'h' (after tanh, seen by output n and later steps), 'z' (pre-activation),
    'hprev_in' (h^{n-1} as used by step n only).  wcopy = {n: Wxh_n} gives step n
    its own copy of W^{xh}.  Returns per-step losses dict and caches."""
    inject = inject or {}; wcopy = wcopy or {}
    add = lambda node, n, v: v if (node, n) not in inject else v + inject[(node, n)]
    h = {0: hprev.copy()}; z = {}; p = {}; y = {}; loss = {}
    for n in range(1, N + 1):
        hp = add("hprev_in", n, h[n - 1])
        z[n] = add("z", n, wcopy.get(n, P["Wxh"]) @ X[n] + P["Whh"] @ hp + P["bh"])
        h[n] = add("h", n, np.tanh(z[n]))
        y[n] = P["Why"] @ h[n] + P["by"]
        e = np.exp(y[n] - y[n].max()); p[n] = e / e.sum()
        loss[n] = -np.log(p[n][targets[n - 1], 0])
    return loss, dict(h=h, z=z, p=p, y=y)


P0 = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)
LOSS, C = forward(P0)
h, z, p = C["h"], C["z"], C["p"]
eps = 1e-6
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)


def fd(fun, x0):
    """d fun / d x0 (fun scalar or vector) as Jacobian rows=outputs, cols=x0.flat."""
    f0 = np.atleast_1d(fun(x0)).ravel()
    J = np.zeros((f0.size, x0.size))
    for i in range(x0.size):
        xp = x0.copy(); xm = x0.copy()
        xp.flat[i] += eps; xm.flat[i] -= eps
        J[:, i] = (np.atleast_1d(fun(xp)).ravel() - np.atleast_1d(fun(xm)).ravel()) / (2 * eps)
    return J


def Pwith(**kw):
    P = dict(P0); P.update(kw); return P


Lsum = lambda loss, ns=None: sum(loss[k] for k in (ns or loss))
# FD references
dLn_dWxh = {n: fd(lambda W: forward(Pwith(Wxh=W))[0][n], Wxh) for n in range(1, N + 1)}      # 1 x HV
dLtot_dWxh = fd(lambda W: Lsum(forward(Pwith(Wxh=W))[0]), Wxh)
dLn_dWhy = {n: fd(lambda W: forward(Pwith(Why=W))[0][n], Why).reshape(V, H) for n in range(1, N + 1)}
dz_dW_total = {n: fd(lambda W: forward(Pwith(Wxh=W))[1]["z"][n], Wxh) for n in range(1, N + 1)}  # H x HV


def inj(node, n, which):  # d(sum of losses in `which`)/d(node at n), a row vector
    return fd(lambda d: Lsum(forward(P0, {(node, n): d.reshape(H, 1)})[0], which), np.zeros(H))


def step_copy(n, which=None):  # d(sum losses)/d(step-n copy of Wxh)
    return fd(lambda W: Lsum(forward(P0, wcopy={n: W})[0], which), Wxh)


# literal Jacobian factors
dL_dp = lambda n: -(np.eye(V)[targets[n - 1]] / p[n].ravel())[None, :]
dp_dy = lambda n: np.diag(p[n].ravel()) - p[n] @ p[n].T
dy_dh = Why
dh_dz = lambda n: np.diag(1 - h[n].ravel() ** 2)
dz_dhprev = Whh
dz_dW_direct = lambda n: np.kron(np.eye(H), X[n].T)   # H x HV
e = {}  # e^{t f n}
for n in range(1, N + 1):
    e[(n, n)] = dL_dp(n) @ dp_dy(n) @ dy_dh
    for t in range(n - 1, 0, -1):
        e[(t, n)] = e[(t + 1, n)] @ dh_dz(t + 1) @ dz_dhprev     # line 146 recursion

# ---- exec the code fences ------------------------------------------------------
def fence_at(start):
    out = []
    k = start
    while not line(k).startswith("```"):
        out.append(line(k)); k += 1
    return textwrap.dedent("\n".join(out))

fence_whY = fence_at(96)            # dy, dy[...] -= 1, dWhy +=
fence_loop = fence_at(164)          # dy, dh, dhraw, dWxh, dhnext
fence_fwd = fence_at(220) + "\n  return xs, hs, ys, ps, loss\n"
fence_line68 = line(68).strip()

g = dict(np=np, Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by, vocab_size=V)
exec(fence_fwd, g)
xs, hs, ys, ps, loss_code = g["lossFun"](inputs, targets, hprev)

env = dict(np=np, Wxh=Wxh, Whh=Whh, Why=Why, xs=xs, hs=hs, ps=ps, targets=targets,
           dWxh=np.zeros_like(Wxh), dWhy=np.zeros_like(Why), dhnext=np.zeros((H, 1)))
snap = {}
for t in reversed(range(N)):
    env["t"] = t
    exec(fence_loop, env)
    snap[t] = {k: np.copy(env[k]) for k in ["dy", "dh", "dhraw", "dhnext"]}
    snap[t]["dWxh_inc"] = np.dot(snap[t]["dhraw"], xs[t].T)
env2 = dict(np=np, ps=ps, hs=hs, targets=targets, dWhy=np.zeros_like(Why))
for t in reversed(range(N)):
    env2["t"] = t
    exec(fence_whY, env2)
dWxh_code, dWhy_code = env["dWxh"], env2["dWhy"]


def chk_walk(n):
    """walk-through rows for math step n (code t = n-1), N = 3."""
    t = n - 1
    later = list(range(n, N + 1))                  # losses n..N
    dy_math = dL_dp(n) @ dp_dy(n)
    dh_math = sum(e[(n, m)] for m in later)
    dhraw_math = dh_math @ dh_dz(n)
    inc_math = dhraw_math @ dz_dW_direct(n)
    res = {
        "dy": close(dy_math.T, snap[t]["dy"]) and close(dy_math, fd(lambda yy: -np.log((np.exp(yy) / np.exp(yy).sum())[targets[t]]), C["y"][n])),
        "dh": close(dh_math, inj("h", n, None)) and close(dh_math.T, snap[t]["dh"]),
        "dhraw": close(dhraw_math, inj("z", n, None)) and close(dhraw_math.T, snap[t]["dhraw"]),
        "dWxh": close(inc_math, step_copy(n)) and close(inc_math, snap[t]["dWxh_inc"].reshape(1, -1)),
    }
    if n > 1:
        dhnext_math = sum(e[(n - 1, m)] for m in later)
        res["dhnext"] = (close(dhnext_math, inj("hprev_in", n, None)) and close(dhnext_math, dh_math @ dh_dz(n) @ Whh)
                         and close(dhnext_math.T, snap[t]["dhnext"]))
    return res


W3, W2, W1 = chk_walk(3), chk_walk(2), chk_walk(1)


def forward_latex_nobias():
    P = Pwith(bh=np.zeros((H, 1)), by=np.zeros((V, 1)))
    g2 = dict(np=np, Wxh=Wxh, Whh=Whh, Why=Why, bh=P["bh"], by=P["by"], vocab_size=V)
    exec(fence_fwd, g2)
    _, hs2, ys2, ps2, l2 = g2["lossFun"](inputs, targets, hprev)
    hh = hprev; ok = []
    for n in range(1, N + 1):
        zn = Wxh @ X[n] + Whh @ hh          # line 25
        hh = np.tanh(zn)                     # line 26
        yn = Why @ hh                        # line 27
        pn = np.exp(yn) / np.exp(yn).sum()   # line 28
        ln = -np.log(pn[targets[n - 1], 0])  # line 29
        ok.append((close(hh, hs2[n - 1]), close(yn, ys2[n - 1]), close(pn, ps2[n - 1]), ln))
    return ok, l2


FL, lossFL = forward_latex_nobias()


def line86():
    ok = True
    for n in range(1, N + 1):
        G = np.zeros((V, H))
        for i in range(V):
            for j in range(H):
                G[i, j] = (p[n][i, 0] - 1) * h[n][j, 0] if i == targets[n - 1] else p[n][i, 0] * h[n][j, 0]
        ok &= close(G, dLn_dWhy[n])
    return ok


def line68():
    gg = dict(np=np, Wxh=Wxh, Whh=Whh, bh=bh, xs=xs, hs={-1: hprev})
    for t in range(N):
        gg["t"] = t
        exec(fence_line68, gg)
    return all(close(gg["hs"][t], h[t + 1]) for t in range(N))


def line112():
    return all(close(dL_dp(n) @ dp_dy(n) @ dy_dh @ dh_dz(n) @ dz_dW_total[n], dLn_dWxh[n]) for n in range(1, N + 1))


def line118(shift=0):
    ok = True
    for n in range(2 + shift, N + 1):
        m = n - shift
        ok &= close(dz_dW_total[m], dz_dW_direct(m) + dz_dhprev @ dh_dz(m - 1) @ dz_dW_total[m - 1])
    return ok


def line129():
    """both readings of the last factor (direct partial / total) against FD."""
    out = []
    for reading in ("direct", "total"):
        ok = True
        for n in range(2, N + 1):
            pre = dL_dp(n) @ dp_dy(n) @ dy_dh @ dh_dz(n)
            S = np.zeros((H, H * V))
            for t in range(1, n + 1):
                if t - 1 == 0:
                    continue   # h^0 = hprev does not depend on W^{xh}: the t = 1 term is zero
                dzW = dz_dW_direct(t - 1) if reading == "direct" else dz_dW_total[t - 1]
                S += dz_dhprev @ dh_dz(t - 1) @ dzW
            ok &= close(pre @ S, dLn_dWxh[n])
        out.append(ok)
    return any(out)


def line143():
    ok = True
    for n in range(2, N + 1):
        a = dL_dp(n) @ dp_dy(n) @ dy_dh @ dh_dz(n) @ dz_dhprev
        b = e[(n, n)] @ dh_dz(n) @ dz_dhprev
        ok &= close(a, b) and close(a, inj("h", n - 1, [n]))
    return ok


def line146():
    return all(close(e[(t, n)], inj("h", t, [n])) for n in range(1, N + 1) for t in range(1, n + 1))


def line151():
    return all(close(sum(e[(t, n)] @ dh_dz(t) @ dz_dW_direct(t) for t in range(1, n + 1)), dLn_dWxh[n]) for n in range(1, N + 1))


def line156():
    ok = True
    for n in range(1, N + 1):
        inc = sum(e[(n, m)] for m in range(n, N + 1)) @ dh_dz(n) @ dz_dW_direct(n)
        ok &= close(inc, step_copy(n))
    ok &= close(sum(sum(e[(n, m)] for m in range(n, N + 1)) @ dh_dz(n) @ dz_dW_direct(n) for n in range(1, N + 1)), dLtot_dWxh)
    return ok


checks = {
    25: lambda: all(a for a, _, _, _ in FL), 26: lambda: all(a for a, _, _, _ in FL),
    27: lambda: all(b for _, b, _, _ in FL), 28: lambda: all(c for _, _, c, _ in FL),
    29: lambda: np.isclose(sum(d for *_, d in FL), lossFL),
    68: line68,
    86: line86,
    96: lambda: all(close(snap[t]["dy"].T, dL_dp(t + 1) @ dp_dy(t + 1)) for t in range(N)),
    97: lambda: all(close(snap[t]["dy"].T, dL_dp(t + 1) @ dp_dy(t + 1)) for t in range(N)),
    100: lambda: close(dWhy_code, sum(dLn_dWhy.values())),
    112: line112,
    118: lambda: line118(0),
    124: lambda: line118(0) and close(dz_dW_total[N - 1], dz_dW_direct(N - 1) + dz_dhprev @ dh_dz(N - 2) @ dz_dW_total[N - 2]),
    129: line129,
    141: lambda: all(close(e[(n, n)], inj("h", n, [n])) for n in range(1, N + 1)),
    143: line143,
    146: line146,
    151: line151,
    156: line156,
    164: lambda: all(close(snap[t]["dy"], fd(lambda yy: -np.log((np.exp(yy) / np.exp(yy).sum())[targets[t]]), C["y"][t + 1]).T) for t in range(N)),
    165: lambda: all(close(snap[t]["dy"], fd(lambda yy: -np.log((np.exp(yy) / np.exp(yy).sum())[targets[t]]), C["y"][t + 1]).T) for t in range(N)),
    167: lambda: all(close(snap[t]["dh"], inj("h", t + 1, None).T) for t in range(N)),
    169: lambda: all(close(snap[t]["dhraw"], inj("z", t + 1, None).T) for t in range(N)),
    171: lambda: close(dWxh_code.reshape(1, -1), dLtot_dWxh),
    173: lambda: all(close(snap[t]["dhnext"], inj("hprev_in", t + 1, None).T) for t in range(N)),
    179: lambda: W3["dy"], 180: lambda: W3["dh"], 181: lambda: W3["dhraw"], 182: lambda: W3["dWxh"], 183: lambda: W3["dhnext"],
    188: lambda: W2["dy"], 189: lambda: W2["dh"], 190: lambda: W2["dhraw"], 191: lambda: W2["dWxh"], 192: lambda: W2["dhnext"],
    196: lambda: W1["dy"], 197: lambda: W1["dh"], 198: lambda: W1["dhraw"], 199: lambda: W1["dWxh"],
    201: lambda: close(dWxh_code.reshape(1, -1), dLn_dWxh[N]),
    234: lambda: close(hs[-1], hprev),
    244: lambda: all(close(hs[t], h[t + 1]) for t in range(N)),
    247: lambda: all(close(ys[t], C["y"][t + 1]) for t in range(N)),
    248: lambda: all(close(ps[t], p[t + 1]) for t in range(N)),
    261: lambda: np.isclose(loss_code, Lsum(LOSS)),
}

# extra information on the two fails
print("line 201: code dWxh equals d(sum_n Loss^n)/dWxh:", close(dWxh_code.reshape(1, -1), dLtot_dWxh),
      "; equals dLoss^N/dWxh:", close(dWxh_code.reshape(1, -1), dLn_dWxh[N]))

assert set(map(int, EXP)) == set(checks), sorted(set(map(int, EXP)) ^ set(checks))
bad = 0
for ln in sorted(checks):
    ok = bool(checks[ln]())
    exp_ok = EXP[str(ln)]["expected"] == "pass"
    agree = ok == exp_ok
    bad += not agree
    print(f"line {ln}: {'OK' if ok else 'MISMATCH'}  (expected {EXP[str(ln)]['expected']}; {'agrees' if agree else 'DISAGREES'})")
print("all verdicts agree" if bad == 0 else f"{bad} verdict(s) disagree")
