"""Finite-difference check of mixed_lstm_class_buggy_backward.md (search-index file id 1027118078).
numpy only.  1-D vectors; gates W h_prev + x U + b with W (H, H), U (D, H); loss L = a.h_t + b.c_t with fixed
random a, b, so that dh = a and the total dc = b + a*output*(1 - tanh(c)^2) (what a caller must pass as dc).
function.dsigmoid is read as the derivative in terms of the sigmoid output, s*(1-s).
The author's file cannot be executed (missing ')' on its line 20), so each annotated statement is transcribed
here verbatim on the right-hand side, evaluated with locally correct upstream values, and compared to central
differences."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "mixed_lstm_class_buggy_backward.md"

class function:                      # stand-in for the author's missing `functions.function` module
    sigmoid = staticmethod(lambda v: 1 / (1 + np.exp(-v)))
    dsigmoid = staticmethod(lambda s: s * (1 - s))

rng = np.random.default_rng(3)
Hn, Dn = 4, 3
Wf, Wi, Wo, Wc = (rng.normal(0, 0.6, (Hn, Hn)) for _ in range(4))
Uf, Ui, Uo, Uc = (rng.normal(0, 0.6, (Dn, Hn)) for _ in range(4))
bf, bi, bo, bc = (rng.normal(0, 0.3, Hn) for _ in range(4))
h_prev, c_prev, x = rng.normal(0, 0.7, Hn), rng.normal(0, 0.7, Hn), rng.normal(0, 1, Dn)
la, lb = rng.normal(0, 1, Hn), rng.normal(0, 1, Hn)

def run(hk=None):
    hk = hk or {}
    g = lambda k, shape: hk.get(k, np.zeros(shape))
    hp = h_prev + g("h_prev", (Hn,)); cp = c_prev + g("c_prev", (Hn,))
    W = {"f": Wf, "i": Wi, "o": Wo, "c": Wc}; U = {"f": Uf, "i": Ui, "o": Uo, "c": Uc}
    B = {"f": bf, "i": bi, "o": bo, "c": bc}
    pre, post = {}, {}
    for q in "fioc":
        pre[q] = (W[q] + g("W" + q, (Hn, Hn))) @ hp + x @ (U[q] + g("U" + q, (Dn, Hn))) + B[q] + g("a" + q, (Hn,))
        post[q] = (np.tanh(pre[q]) if q == "c" else 1 / (1 + np.exp(-pre[q]))) + g("g" + q, (Hn,))
    c = post["f"] * cp + post["i"] * post["c"]
    h = post["o"] * np.tanh(c)
    return la @ h + lb @ c, dict(pre=pre, post=post, c=c, h=h)

def fd(key, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        G[idx] = (run({key: d})[0] - run({key: -d})[0]) / (2 * eps)
    return G

def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)

L, s = run()
forget, input, output, c_pre = (s["post"][q] for q in "fioc")
c, h = s["c"], s["h"]
R = {}
# forward, compared with an independent elementwise formulation
ref = {q: np.einsum("ij,j->i", W, h_prev) + np.einsum("k,ki->i", x, U) + bb
       for q, W, U, bb in [("f", Wf, Uf, bf), ("i", Wi, Ui, bi), ("o", Wo, Uo, bo), ("c", Wc, Uc, bc)]}
R[41] = close(function.sigmoid(np.matmul(Wf, h_prev) + np.matmul(x, Uf) + bf), 1 / (1 + np.exp(-ref["f"])))
R[42] = close(function.sigmoid(np.matmul(Wi, h_prev) + np.matmul(x, Ui) + bi), 1 / (1 + np.exp(-ref["i"])))
R[43] = close(function.sigmoid(np.matmul(Wo, h_prev) + np.matmul(x, Uo) + bo), 1 / (1 + np.exp(-ref["o"])))
R[45] = close(np.tanh(np.matmul(Wc, h_prev) + np.matmul(x, Uc) + bc), np.tanh(ref["c"]))
R[46] = close(forget * c_prev + input * c_pre, c)
R[47] = close(output * np.tanh(c), h)

dh = la
dc = lb + la * output * (1 - np.tanh(c) ** 2)          # total dL/dc_t, the stated meaning of the argument
d_cpre_true = fd("gc", (Hn,))
R[58] = close(dc * input, d_cpre_true)
R[59] = close(dc * forget, fd("c_prev", (Hn,)))
dpre = {q: fd("a" + q, (Hn,)) for q in "fioc"}
dc_pre = d_cpre_true; dc_prev_true = dc * forget
R[60] = close(dc_pre * function.dsigmoid(input), dpre["i"])          # di = dc_pre * dsigmoid(input)
R[61] = close(dc_prev_true * function.dsigmoid(forget), dpre["f"])   # df = dc_prev * dsigmoid(forget)
R[62] = close(dh * function.dsigmoid(output), dpre["o"])             # do = dh * dsigmoid(output)
do_true = fd("go", (Hn,))                                             # local: upstream 'do' as dL/d(output)
R[63] = close(np.tanh(c) * do_true + dc_pre * (1 - np.power(np.tanh(c), 2)), dpre["c"])

def attempt(f):
    try:
        return f()
    except ValueError:
        return None   # shape error: cannot equal the gradient
for ln, q in [(65, "c"), (66, "o"), (67, "i"), (68, "f")]:
    got = np.zeros((Hn, Hn)); got += np.matmul(h_prev.T, dpre[q])   # dW += np.matmul(h_prev.T, d)
    R[ln] = close(got, fd("W" + q, (Hn, Hn)))
for ln, q in [(70, "c"), (71, "o"), (72, "i"), (73, "f")]:
    def upd(q=q):
        got = np.zeros((Dn, Hn)); got += np.matmul(x.T, dpre[q]); return got   # dU += np.matmul(x.T, d)
    got = attempt(upd)
    R[ln] = got is not None and close(got, fd("U" + q, (Dn, Hn)))
df, di, do, dcc = dpre["f"], dpre["i"], dpre["o"], dpre["c"]
R[75] = close(np.matmul(Wf.T, df) + np.matmul(Wi.T, di) + np.matmul(Wo.T, do) + np.matmul(Wc.T, dcc),
              fd("h_prev", (Hn,)))

exp = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
assert sorted(map(int, exp)) == sorted(R), sorted(set(map(int, exp)) ^ set(R))
bad = 0
for ln in sorted(R):
    verdict = "OK" if R[ln] else "MISMATCH"
    agree = (verdict == "OK") == (exp[str(ln)]["expected"] == "pass")
    bad += not agree
    print(f"line {ln}: {verdict}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
print("all verdicts agree" if not bad else f"{bad} verdicts disagree")
