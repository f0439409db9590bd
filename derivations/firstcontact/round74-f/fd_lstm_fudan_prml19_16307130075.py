# Finite-difference check of lstm_fudan_prml19_16307130075.py (author's forward/backward, column vectors).
# The author's class is re-used verbatim by importing the note file (line 1 is a comment, the rest is the source).
import numpy as np, importlib.util, copy
spec = importlib.util.spec_from_file_location("src", "lstm_fudan_prml19_16307130075.py")
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)
np.random.seed(1)
X, Hs, O = 6, 5, 6
net = src.LSTM(X, Hs, O)
for p in ['wf', 'wi', 'wc', 'wo', 'w']:                    # smaller weights: keep gates away from saturation
    getattr(net, p).v = (np.random.rand(*getattr(net, p).v.shape) - 0.5)
for p in ['bf', 'bi', 'bc', 'bo', 'b']:
    getattr(net, p).v = np.random.randn(*getattr(net, p).v.shape) * 0.3
inp, lab = [0, 3, 1, 5, 2], [3, 1, 5, 2, 4]
sl = len(inp)
names = ['wf', 'bf', 'wi', 'bi', 'wc', 'bc', 'wo', 'bo', 'w', 'b']

def total_sum_loss(n):           # sum of the step CE terms (= sl * returned loss)
    return n.forward(inp, lab)[0] * sl

def fd_grads(n, eps=1e-6):
    G = {}
    for nm in names:
        P = getattr(n, nm); g = np.zeros_like(P.v)
        for idx in np.ndindex(P.v.shape):
            old = P.v[idx]
            P.v[idx] = old + eps; lp = total_sum_loss(n)
            P.v[idx] = old - eps; lm = total_sum_loss(n)
            P.v[idx] = old; g[idx] = (lp - lm) / (2 * eps)
        G[nm] = g
    return G
FD = fd_grads(net)

def report(tag, G):
    bad = [nm for nm in names if not np.allclose(G[nm], FD[nm], atol=1e-6)]
    print(f"{tag}: {'all agree' if not bad else 'DISAGREE on ' + ', '.join(bad)}")
    return bad

# (1) the author's code as written: backward() (line 143 loop) + backward_once() (line 79 bug)
n1 = copy.deepcopy(net); n1.zero_grad()
out = n1.forward(inp, lab); n1.backward(inp, lab, *out[1:])
report("author's backward as written (lines 143 + 79)", {nm: getattr(n1, nm).g for nm in names})
print("   -> only w, b (output layer, lines 92-93) can agree: the loop at line 143 never feeds d_h_pre/d_c_pre back, "
      "and line 79 drops the factor i")

# (2) fix only the loop (line 143): carry (d_c_pre, d_h_pre) back and use zeros for c_{-1}; keep line 79 as written
def backward_fixed_loop(n, out):
    z, f, i, c1, c, o, h, p, y = out[1:]
    dh, dc = np.zeros([n.h_size, 1]), np.zeros([n.h_size, 1])
    for k in reversed(range(sl)):
        cpre = c[k - 1] if k > 0 else np.zeros([n.h_size, 1])
        dc, dh = n.backward_once(lab[k], z[k], f[k], i[k], c1[k], c[k], o[k], h[k], p[k], y[k], dh, dc, cpre)
n2 = copy.deepcopy(net); n2.zero_grad(); out = n2.forward(inp, lab); backward_fixed_loop(n2, out)
report("loop fixed, line 79 as written", {nm: getattr(n2, nm).g for nm in names})

# (3) also fix line 79 (d_c1 = d_c * i * (1 - c1*c1)): every other line of backward_once is kept
src_text = open("lstm_fudan_prml19_16307130075.py").read()
assert "\t\td_c1 = d_c * (1 - c1 * c1)\n" in src_text
fixed = src_text.replace("\t\td_c1 = d_c * (1 - c1 * c1)\n", "\t\td_c1 = d_c1 * (1 - c1 * c1)\n")
ns = {}; exec(compile(fixed, "fixed", "exec"), ns)
n3 = copy.deepcopy(net); n3.__class__ = ns['LSTM']; n3.zero_grad(); out = n3.forward(inp, lab); backward_fixed_loop(n3, out)
bad = report("loop fixed and line 79 fixed", {nm: getattr(n3, nm).g for nm in names})
print("   -> lines 72-78, 80-101 (per-step formulas, accumulated with +=) agree once 79 and 143 are fixed:", not bad)

# (4) line 79 in isolation: one step, compare d_c1 (grad wrt candidate pre-activation) with FD
n4 = copy.deepcopy(net); out = n4.forward(inp[:1], lab[:1]); z, f, i, c1, c, o, h, p, y = [a[0] for a in out[1:]]
def step_loss(a_c):               # loss of step 0 as a function of the candidate pre-activation
    cc = f * 0 + i * np.tanh(a_c); hh = o * np.tanh(cc); pp = n4.w.v @ hh + n4.b.v
    yy = np.exp(pp) / np.sum(np.exp(pp)); return -np.log(yy[lab[0], 0])
a_c = n4.wc.v @ z + n4.bc.v; g = np.zeros_like(a_c)
for j in range(len(a_c)):
    e = np.zeros_like(a_c); e[j] = 1e-6; g[j] = (step_loss(a_c + e) - step_loss(a_c - e)) / 2e-6
d_p = y.copy(); d_p[lab[0]] -= 1; d_h = n4.w.v.T @ d_p; d_c = d_h * o * (1 - np.tanh(c) ** 2)
print("line 79 d_c1 = d_c*(1-c1^2):", "AGREES" if np.allclose(d_c * (1 - c1 * c1), g, atol=1e-7) else "DISAGREES",
      "| with the factor i:", "AGREES" if np.allclose(d_c * i * (1 - c1 * c1), g, atol=1e-7) else "DISAGREES")

# (5) line 184: the gradient check reads wc.g for a perturbation of wf
n5 = copy.deepcopy(net); n5.zero_grad(); out = n5.forward(inp, lab); backward_fixed_loop(n5, out)
print("line 184 (wc.g used as d loss/d wf):", "AGREES" if np.allclose(n5.wc.g, FD['wf'], atol=1e-6) else "DISAGREES",
      "with FD d(sum loss)/d wf; and the checked loss is the mean (line 134), another factor sl =", sl)

# (6) line 143 in isolation: line 79 fixed, the author's loop kept as written
n6 = copy.deepcopy(net); n6.__class__ = ns['LSTM']; n6.zero_grad(); out = n6.forward(inp, lab)
n6.backward(inp, lab, *out[1:])
report("line 79 fixed, author's loop (line 143) as written", {nm: getattr(n6, nm).g for nm in names})
