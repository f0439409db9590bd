"""Finite-difference check of dummyilh_rnn_ch09_numpy_bptt.md (dummy-ilh/MINE RNN/Chapter_09).

numpy only, float64, central differences. Exit 0 iff every checked line agrees with expected.json.
The author's NumPy code blocks (Parts 1-2) are executed verbatim from the .md for the author's instance;
the same recursions are re-run on random instances (W_hy = 1 kept, as in the author's stated setup)
and compared with finite differences of L = sum_t 0.5 (W_hy h_t + b_y - y*_t)^2.
An informational run with W_hy != 1 shows what the missing W_hy factor would do (not counted).
"""
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "dummyilh_rnn_ch09_numpy_bptt.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(9)
EPS = 1e-6
results = {}


def record(line, ok, note=""):
    results[str(line)] = ("pass" if ok else "fail", note)


def loss(Wxh, Whh, bh, Why, by, x, ys):
    h = 0.0
    s = 0.0
    for t in range(len(x)):
        h = np.tanh(Wxh * x[t] + Whh * h + bh)
        s += 0.5 * (Why * h + by - ys[t]) ** 2
    return s


def fd_grads(p, x, ys):
    out = {}
    for k in ["Wxh", "Whh", "bh", "Why", "by"]:
        a = dict(p); b = dict(p)
        a[k] += EPS; b[k] -= EPS
        out[k] = (loss(**a, x=x, ys=ys) - loss(**b, x=x, ys=ys)) / (2 * EPS)
    return out


def author_recursions(Wxh, Whh, bh, Why, by, x, ys):
    """Lines 31-34 and 55-86 of the .md, same statements."""
    h = [0.0]
    z_list, y_hat = [], []
    for t in range(len(x)):
        z = Wxh * x[t] + Whh * h[-1] + bh            # line 31
        z_list.append(z)
        h.append(np.tanh(z))                         # line 33
        y_hat.append(Why * h[-1] + by)               # line 34
    n = len(x)
    D = [0.0]                                        # line 55
    for t in range(n):
        h_curr, h_prev = h[t + 1], h[t]              # line 57
        D.append((1 - h_curr ** 2) * (h_prev + Whh * D[-1]))   # line 58
    errors = [y_hat[t] - ys[t] for t in range(n)]   # line 61
    Dx = [0.0]
    for t in range(n):
        Dx.append((1 - h[t + 1] ** 2) * (x[t] + Whh * Dx[-1]))  # line 75
    Db = [0.0]
    for t in range(n):
        Db.append((1 - h[t + 1] ** 2) * (1 + Whh * Db[-1]))     # line 81
    return dict(h=h, z=z_list, y_hat=y_hat, D=D, Dx=Dx, Db=Db, errors=errors,
                Whh=sum(errors[t] * D[t + 1] for t in range(n)),     # line 63
                Wxh=sum(errors[t] * Dx[t + 1] for t in range(n)),    # line 76
                bh=sum(errors[t] * Db[t + 1] for t in range(n)),     # line 82
                Why=sum(errors[t] * h[t + 1] for t in range(n)),     # line 85
                by=sum(errors[t] for t in range(n)))                 # line 86


# ---- 1. execute the author's code blocks verbatim (Parts 1 and 2) ----
md = open(os.path.join(HERE, NAME)).read()
blocks = re.findall(r"```python\n(.*?)```", md, flags=re.S)
ns = {}
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()) as buf:
    for blk in blocks[:3]:                 # Part 1 forward, Part 2 D_t block, Part 2 other params
        exec(blk, ns)
printed = buf.getvalue()

P0 = dict(Wxh=0.5, Whh=0.8, bh=0.1, Why=1.0, by=0.0)
x0 = np.array([1.0, 2.0, 3.0]); y0 = np.array([0.6, 0.8, 1.0])
G0 = fd_grads(P0, x0, y0)

# forward-mode quantities by FD: dh_t/dW_hh etc.


def h_seq(p, x):
    h = [0.0]
    for t in range(len(x)):
        h.append(np.tanh(p["Wxh"] * x[t] + p["Whh"] * h[-1] + p["bh"]))
    return h


def dh_dparam(p, x, k):
    a = dict(p); b = dict(p); a[k] += EPS; b[k] -= EPS
    return [(u - v) / (2 * EPS) for u, v in zip(h_seq(a, x), h_seq(b, x))]


# ---- 2. random instances with W_hy = 1 ----
ok = {k: True for k in ["31", "33", "34", "51", "55", "57", "58", "61", "63", "73", "75", "76", "79", "81", "82", "85", "86",
                        "118", "119", "120", "121", "123"]}
for trial in range(6):
    n = int(rng.integers(2, 6))
    p = dict(Wxh=rng.normal(), Whh=rng.normal(), bh=rng.normal() * 0.5, Why=1.0, by=rng.normal() * 0.5)
    x = rng.normal(size=n); ys = rng.normal(size=n)
    A = author_recursions(**p, x=x, ys=ys)
    G = fd_grads(p, x, ys)
    hs = h_seq(p, x)
    zs = [p["Wxh"] * x[t] + p["Whh"] * hs[t] + p["bh"] for t in range(n)]
    ok["31"] &= np.allclose(A["z"], zs)
    ok["33"] &= np.allclose(A["h"], hs)
    ok["34"] &= np.allclose(A["y_hat"], [p["Why"] * v + p["by"] for v in hs[1:]])
    Dh = dh_dparam(p, x, "Whh"); Dxh = dh_dparam(p, x, "Wxh"); Dbh = dh_dparam(p, x, "bh")
    ok["51"] &= all(abs(Dh[t] - (1 - hs[t] ** 2) * (hs[t - 1] + p["Whh"] * Dh[t - 1])) < 1e-7 for t in range(1, n + 1))
    ok["55"] &= abs(Dh[0]) < 1e-12
    ok["57"] &= True   # indexing verified through lines 58/75/81 matching FD
    ok["58"] &= np.allclose(A["D"], Dh, atol=1e-7)
    # errors = dL_t/dy_hat_t
    for t in range(n):
        yh = A["y_hat"][t]
        dLt = (0.5 * (yh + EPS - ys[t]) ** 2 - 0.5 * (yh - EPS - ys[t]) ** 2) / (2 * EPS)
        ok["61"] &= abs(dLt - A["errors"][t]) < 1e-7
    ok["63"] &= abs(A["Whh"] - G["Whh"]) < 1e-7
    ok["73"] &= abs(Dxh[0]) < 1e-12
    ok["75"] &= np.allclose(A["Dx"], Dxh, atol=1e-7)
    ok["76"] &= abs(A["Wxh"] - G["Wxh"]) < 1e-7
    ok["79"] &= abs(Dbh[0]) < 1e-12
    ok["81"] &= np.allclose(A["Db"], Dbh, atol=1e-7)
    ok["82"] &= abs(A["bh"] - G["bh"]) < 1e-7
    ok["85"] &= abs(A["Why"] - G["Why"]) < 1e-7
    ok["86"] &= abs(A["by"] - G["by"]) < 1e-7
    # torch block lines 118-123 re-expressed in numpy: its loss equals the reference loss
    hh = 0.0; losses = []
    for t in range(n):
        zz = p["Wxh"] * x[t] + p["Whh"] * hh + p["bh"]
        hh = np.tanh(zz)
        yy = p["Why"] * hh + p["by"]
        losses.append(0.5 * (yy - ys[t]) ** 2)
    Lt = sum(losses)
    for k in ["118", "119", "120", "121", "123"]:
        ok[k] &= abs(Lt - loss(**p, x=x, ys=ys)) < 1e-12

# the recursions for general W_hy are also right for dL/dW_hy and dL/db_y; informational for the others
p = dict(Wxh=0.5, Whh=0.8, bh=0.1, Why=1.7, by=0.0)
A = author_recursions(**p, x=x0, ys=y0); G = fd_grads(p, x0, y0)
print("info (W_hy=1.7, outside the author's setup): recursion dL/dW_hh %.6f vs FD %.6f; with a W_hy factor %.6f"
      % (A["Whh"], G["Whh"], p["Why"] * A["Whh"]))

for k, v in ok.items():
    record(k, v)

# author's instance: definitions and verbatim-executed code
record(15, abs(loss(**P0, x=x0, ys=y0) - loss(**P0, x=x0, ys=y0)) == 0 and np.allclose(ns["h"], h_seq(P0, x0)), "definition")
record(42, abs(ns["z_list"][0] - 0.6) < 5e-5 and abs(ns["h"][1] - 0.5370) < 5e-5 and abs(ns["y_hat"][0] - 0.5370) < 5e-5)
record(43, abs(ns["z_list"][1] - 1.5296) < 5e-5 and abs(ns["h"][2] - 0.9104) < 5e-5 and abs(ns["y_hat"][1] - 0.9104) < 5e-5)
record(44, abs(ns["z_list"][2] - 2.3283) < 5e-5 and abs(ns["h"][3] - 0.9812) < 5e-5 and abs(ns["y_hat"][2] - 0.9812) < 5e-5)
stated = {"Whh": 0.009459, "Wxh": 0.001409, "bh": -0.015990, "Why": 0.048198, "by": 0.028593}
record(67, abs(stated["Whh"] - G0["Whh"]) < 6e-7 and abs(ns["dL_dWhh"] - G0["Whh"]) < 1e-8)
for line, k in [(93, "Whh"), (94, "Wxh"), (95, "bh"), (96, "Why"), (97, "by")]:
    verbatim = {"Whh": ns["dL_dWhh"], "Wxh": ns["dL_dWxh"], "bh": ns["dL_dbh"], "Why": ns["dL_dWhy"], "by": ns["dL_dby"]}[k]
    record(line, abs(stated[k] - G0[k]) < 6e-7 and abs(verbatim - G0[k]) < 1e-8)
for line, k in [(135, "Whh"), (136, "Wxh"), (137, "bh"), (138, "Why"), (139, "by")]:
    record(line, abs(stated[k] - G0[k]) < 6e-7)

bad = 0
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    if line not in results:
        print(f"line {line}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got, note = results[line]
    flag = "" if got == exp else "   <-- MISMATCH"
    print(f"line {line}: expected {exp}, numeric {got}" + (f"  ({note})" if note else "") + flag)
    bad += got != exp
extra = set(results) - set(EXP)
if extra:
    print("checked but not annotated:", sorted(extra, key=int)); bad += len(extra)
print("mismatches:", bad)
sys.exit(1 if bad else 0)
