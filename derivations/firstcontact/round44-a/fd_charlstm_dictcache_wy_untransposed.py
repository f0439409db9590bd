"""Finite-difference check of charlstm_dictcache_wy_untransposed.md (numpy only).

Only the helper functions and forward_backward_pass are exec'd from the fence (the module-level
script reads ../data/input.txt and plots, so it is not run); the module globals the function reads
(weights, time_step, len_of_vocab) are supplied here with small sizes.  The forward intermediates
are captured from the author's frame with sys.settrace.  An independent forward pass with
perturbation hooks gives the true local quantities by central differences of the chunk loss
    L = sum_t -log softmax(Wy y_t + by)[o_t],
    i,o,f = sig(W x_t + R y_{t-1} + b), z = tanh(Wz x_t + Rz y_{t-1} + bz),
    c_t = i*z + f*c_{t-1},  y_t = o*tanh(c_t),  y_{-1} = y_p, c_{-1} = c_p (carried state).
Every annotated backward line is re-evaluated with TRUE upstream values (judged locally).
"""
import os, sys, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "charlstm_dictcache_wy_untransposed.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]

def block(first, last_prefix):
    a = lines.index(first)
    b = next(k for k in range(a, len(lines)) if lines[k].startswith(last_prefix))
    return "\n".join(lines[a:b + 1])
src = block("def sigmoid(x):", "    return np.exp(x)/np.sum(np.exp(x))") + "\n\n" + \
      block("def forward_backward_pass(i,o,y_p,c_p):", "    return loss,dWi")

rng = np.random.default_rng(7)
V, T = 4, 4
eps = 1e-6
ns = {"np": np, "time_step": T, "len_of_vocab": V}
P = {}
for g in "iofz":
    P["W" + g] = rng.normal(0, .6, (V, V)); P["R" + g] = rng.normal(0, .6, (V, V)); P["b" + g] = rng.normal(0, .3, (V, 1))
P["Wy"] = rng.normal(0, .6, (V, V)); P["by"] = rng.normal(0, .3, (V, 1))
ns.update({k: v.copy() for k, v in P.items()})
exec(compile(src, "<charlstm_author>", "exec"), ns)
A_sigmoid, A_softmax, fbp = ns["sigmoid"], ns["softmax"], ns["forward_backward_pass"]

inp = [2, 0, 3, 1]; out = [0, 3, 1, 2]
y_p = rng.normal(0, .5, (V, 1)); c_p = rng.normal(0, .5, (V, 1))
results = {}

def ok(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=tol)
def record(line, good):
    results[line] = "pass" if good else "fail"
def num_grad(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
def sm(v):
    e = np.exp(v - v.max()); return e / e.sum()

def forward(P, hook=None):
    def add(name, t, val):
        if hook is not None and hook[0] == name and hook[1] == t:
            return val + hook[2]
        return val
    y, c = y_p.copy(), c_p.copy(); L = 0.0; st = []
    for t in range(T):
        x = np.zeros((V, 1)); x[inp[t], 0] = 1
        aI = add("aI", t, P["Wi"] @ x + P["Ri"] @ add("hp_i", t, y) + P["bi"]); ig = add("ig", t, sig(aI))
        aO = add("aO", t, P["Wo"] @ x + P["Ro"] @ add("hp_o", t, y) + P["bo"]); og = add("og", t, sig(aO))
        aF = add("aF", t, P["Wf"] @ x + P["Rf"] @ add("hp_f", t, y) + P["bf"]); fg = add("fg", t, sig(aF))
        aZ = add("aZ", t, P["Wz"] @ x + P["Rz"] @ add("hp_z", t, y) + P["bz"]); zg = add("zg", t, np.tanh(aZ))
        cn = add("c", t, ig * zg + fg * add("cprev_c", t, c))
        yn = add("y", t, og * np.tanh(add("c_h", t, cn)))
        os_ = add("os", t, P["Wy"] @ add("y_out", t, yn) + P["by"])
        p = sm(os_)
        L += -np.log(p[out[t], 0])
        st.append(dict(x=x, yp=y, cp=c, ig=ig, og=og, fg=fg, zg=zg, c=cn, y=yn, os=os_, p=p))
        y, c = yn, cn
    return L, st

L0, st = forward(P)
def node(name, t):
    vec = np.zeros((V, 1))
    return num_grad(lambda: forward(P, (name, t, vec))[0], vec)
def pgrad(k):
    return num_grad(lambda: forward(P)[0], P[k])

# ---------------- helpers and forward lines (author's frame captured at return) ----------------
a = rng.normal(size=(5, 1))
record(28, ok(A_sigmoid(a), sig(a)))
record(31, ok(A_softmax(a), np.exp(a) / np.exp(a).sum()))
frame_locals = {}
def tracer(frame, event, arg):
    if frame.f_code is fbp.__code__:
        def local(fr, ev, ar):
            if ev == "return":
                frame_locals.update(fr.f_locals)
            return local
        return local
    return None
sys.settrace(tracer)
ret = fbp(i=inp, o=out, y_p=y_p, c_p=c_p)
sys.settrace(None)
fl = frame_locals
for line, key, auth in [(61, "ig", "i_g"), (62, "ig", "i_g"), (64, "og", "o_g"), (65, "og", "o_g"),
                        (67, "fg", "f_g"), (68, "fg", "f_g"), (70, "zg", "z_g"), (71, "zg", "z_g"),
                        (73, "c", "cs"), (74, "y", "ys"), (75, "os", "os"), (76, "p", "p")]:
    record(line, all(ok(fl[auth][t], st[t][key]) for t in range(T)))
record(77, ok(ret[0], L0))

# ---------------- true local quantities ----------------
names = ["os", "y", "y_out", "c", "c_h", "cprev_c", "ig", "og", "fg", "zg", "aI", "aO", "aF", "aZ",
         "hp_i", "hp_o", "hp_f", "hp_z"]
tr = {n: [node(n, t) for t in range(T)] for n in names}
gP = {k: pgrad(k) for k in P}
S = lambda key: [s[key] for s in st]
x_, yp_, cp_, ig_, og_, fg_, zg_, c_, y_, p_ = (S(k) for k in ["x", "yp", "cp", "ig", "og", "fg", "zg", "c", "y", "p"])
nxt = lambda name, t: tr[name][t + 1] if t + 1 < T else np.zeros((V, 1))

do_line = []
for t in range(T):
    d = np.copy(p_[t]); d[out[t], 0] -= 1
    do_line.append(d)
record(90, all(ok(do_line[t], tr["os"][t]) for t in range(T)))
record(93, ok(sum(np.outer(tr["os"][t], y_[t]) for t in range(T)), gP["Wy"]))
record(94, ok(sum(tr["os"]), gP["by"]))
record(95, all(ok(np.dot(P["Wy"], tr["os"][t]), tr["y_out"][t]) for t in range(T)))
record(96, all(ok(tr["y_out"][t] + nxt("hp_z", t) + nxt("hp_f", t) + nxt("hp_i", t) + nxt("hp_o", t), tr["y"][t])
               for t in range(T)))
record(97, all(ok(og_[t] * (1 - np.tanh(c_[t]) * np.tanh(c_[t])) * tr["y"][t] + nxt("cprev_c", t), tr["c"][t])
               for t in range(T)))
record(98, all(ok(fg_[t] * tr["c"][t], tr["cprev_c"][t]) for t in range(T)))
record(100, all(ok(zg_[t] * tr["c"][t], tr["ig"][t]) for t in range(T)))
record(101, all(ok(np.tanh(c_[t]) * tr["y"][t], tr["og"][t]) for t in range(T)))
record(102, all(ok(ig_[t] * tr["c"][t], tr["zg"][t]) for t in range(T)))
record(103, all(ok(cp_[t] * tr["c"][t], tr["fg"][t]) for t in range(T)))    # cs[t-1]; cs[-1] = c_p
record(105, all(ok((1 - zg_[t] * zg_[t]) * tr["zg"][t], tr["aZ"][t]) for t in range(T)))
record(111, all(ok(fg_[t] * (1 - fg_[t]) * tr["fg"][t], tr["aF"][t]) for t in range(T)))
record(117, all(ok(og_[t] * (1 - og_[t]) * tr["og"][t], tr["aO"][t]) for t in range(T)))
record(123, all(ok(ig_[t] * (1 - ig_[t]) * tr["ig"][t], tr["aI"][t]) for t in range(T)))
for g, a_, lW, lR, lb, ldy in [("z", "aZ", 106, 107, 108, 109), ("f", "aF", 112, 113, 115, 114),
                               ("o", "aO", 118, 119, 121, 120), ("i", "aI", 124, 125, 127, 126)]:
    record(lW, ok(sum(np.outer(tr[a_][t], x_[t]) for t in range(T)), gP["W" + g]))
    record(lR, ok(sum(np.outer(tr[a_][t], yp_[t]) for t in range(T)), gP["R" + g]))   # ys[t-1]; ys[-1] = y_p
    record(lb, ok(sum(tr[a_]), gP["b" + g]))
    record(ldy, all(ok(np.dot(P["R" + g].T, tr[a_][t]), tr["hp_" + g][t]) for t in range(T)))

# ---------------- sanity: the author's returned gradients (clipped to [-1, 1] except Wy, by) ----------------
keys = ["Wi", "Ri", "bi", "Wo", "Ro", "bo", "Wf", "Rf", "bf", "Wz", "Rz", "bz", "Wy", "by"]
print("sanity, author's returned gradients vs FD:",
      {k: ok(ret[1 + n], gP[k] if k in ("Wy", "by") else np.clip(gP[k], -1, 1)) for n, k in enumerate(keys)})

# ---------------- report ----------------
bad = 0
for line in sorted(expected, key=int):
    want = expected[line]["expected"]
    got = results.get(int(line))
    status = "OK" if got == want else "MISMATCH"
    bad += status != "OK"
    print(f"line {line}: expected {want}, fd {got} -> {status}")
extra = sorted(set(results) - {int(k) for k in expected})
if extra:
    print("checked but not in expected.json:", extra); bad += len(extra)
print("ALL OK" if bad == 0 else f"{bad} MISMATCH(ES)")
