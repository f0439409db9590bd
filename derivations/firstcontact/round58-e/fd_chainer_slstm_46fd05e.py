"""FD check of chainer slstm.py at 46fd05e (numpy reimplementation, float64)."""
import numpy as np

rng = np.random.default_rng(58)
B, H = 2, 3
sig = lambda x: 1 / (1 + np.exp(-x))
P = {k: rng.normal(size=(B, H)) for k in "a1 i1 f1 o1 a2 i2 f2 o2 c1 c2 Gc Gh".split()}


def model(p, dc=0.0):
    c = (np.tanh(p["a1"]) * sig(p["i1"]) + np.tanh(p["a2"]) * sig(p["i2"])
         + sig(p["f1"]) * p["c1"] + sig(p["f2"]) * p["c2"]) + dc
    h = sig(p["o1"] + p["o2"]) * np.tanh(c)
    return c, h


def loss(p, dc=0.0):
    c, h = model(p, dc)
    return np.sum(P["Gc"] * c) + np.sum(P["Gh"] * h)


def fd(name, eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        pp = {k: v.copy() for k, v in P.items()}; pp[name][idx] += eps; lp = loss(pp)
        pm = {k: v.copy() for k, v in P.items()}; pm[name][idx] -= eps; lm = loss(pm)
        g[idx] = (lp - lm) / (2 * eps)
    return g


def fd_c(eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        d = np.zeros((B, H)); d[idx] = eps
        g[idx] = (loss(P, d) - loss(P, -d)) / (2 * eps)
    return g


def close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-7)


# true values
a1, i1, f1, o1, a2, i2, f2, o2, c_prev1, c_prev2 = (P[k] for k in "a1 i1 f1 o1 a2 i2 f2 o2 c1 c2".split())
gc, gh = P["Gc"], P["Gh"]
c_true, h_true = model(P)
T = {k: fd(k) for k in "a1 i1 f1 o1 a2 i2 f2 o2 c1 c2".split()}
T["c"] = fd_c()
x = rng.normal(size=(B, H)); e = 1e-6
dsig_fd = (sig(x + e) - sig(x - e)) / (2 * e)
dtanh_fd = (np.tanh(x + e) - np.tanh(x - e)) / (2 * e)

# author's helpers
_sigmoid = lambda x: 1 / (1 + np.exp(-x))
_grad_sigmoid = lambda x: x * (1 - x)
_grad_tanh = lambda x: 1 - x * x

R = {}
R["return 1 / (1 + numpy.exp(-x))"] = close(_sigmoid(x), sig(x))
R["return x * (1 - x)"] = close(_grad_sigmoid(sig(x)), dsig_fd)
R["return 1 - x * x"] = close(_grad_tanh(np.tanh(x)), dtanh_fd)
R["template <typename T> __device__ T sigmoid(T x) { return 1 / (1 + exp(-x)); }"] = close(1 / (1 + np.exp(-x)), sig(x))
R["template <typename T> __device__ T grad_sigmoid(T y) { return y * (1 - y); }"] = close(sig(x) * (1 - sig(x)), dsig_fd)
R["template <typename T> __device__ T grad_tanh(T y) { return 1 - y * y; }"] = close(1 - np.tanh(x) ** 2, dtanh_fd)
# COMMON_ROUTINE (activations named aa*, ai*, af*, ao)
aa1, ai1, af1 = np.tanh(a1), sig(i1), sig(f1)
aa2, ai2, af2 = np.tanh(a2), sig(i2), sig(f2)
ao = sig(o1 + o2)
for s in ["T aa1 = tanh(a1); \\", "T ai1 = sigmoid(i1); \\", "T af1 = sigmoid(f1); \\",
          "T aa2 = tanh(a2); \\", "T ai2 = sigmoid(i2); \\", "T af2 = sigmoid(f2); \\",
          "T ao = sigmoid(o1 + o2);"]:
    R[s] = True  # pure definitions of the activations of the model (c, h use them below)
# numpy forward
self_a1, self_i1, self_f1 = np.tanh(a1), _sigmoid(i1), _sigmoid(f1)
self_a2, self_i2, self_f2 = np.tanh(a2), _sigmoid(i2), _sigmoid(f2)
self_o = _sigmoid(o1 + o2)
for s in ["self.a1 = numpy.tanh(a1)", "self.i1 = _sigmoid(i1)", "self.f1 = _sigmoid(f1)",
          "self.a2 = numpy.tanh(a2)", "self.i2 = _sigmoid(i2)", "self.f2 = _sigmoid(f2)",
          "self.o = _sigmoid(o1 + o2)"]:
    R[s] = True
self_c = self_a1 * self_i1 + self_a2 * self_i2 + \
    self_f1 * c_prev1 + self_f2 * c_prev2
R["self.c = self.a1 * self.i1 + self.a2 * self.i2 + \\"] = close(self_c, c_true)
R["h = self.o * numpy.tanh(self.c)"] = close(self_o * np.tanh(c_true), h_true)
# CUDA forward (published bug: '*' instead of '+')
c_cuda = aa1 * ai1 + af1 * c_prev1 * aa2 * ai2 + af2 * c_prev2
R["c = aa1 * ai1 + af1 * c_prev1 * aa2 * ai2 + af2 * c_prev2;"] = close(c_cuda, c_true)
R["h = ao * tanh(c);"] = close(ao * np.tanh(c_true), h_true)
# numpy backward (each row evaluated with true values of what it uses)
co = np.tanh(c_true)
R["co = numpy.tanh(self.c)"] = close(co, np.tanh(c_true))
gc_prev = gh * self_o * _grad_tanh(co) + gc  # = dL/dc (total)
R["gc_prev = gh * self.o * _grad_tanh(co) + gc"] = close(gc_prev, T["c"])
G = T["c"]
R["ga1[:] = gc_prev * self.i1 * _grad_tanh(self.a1)"] = close(G * self_i1 * _grad_tanh(self_a1), T["a1"])
R["gi1[:] = gc_prev * self.a1 * _grad_sigmoid(self.i1)"] = close(G * self_a1 * _grad_sigmoid(self_i1), T["i1"])
R["gf1[:] = gc_prev * c_prev1 * _grad_sigmoid(self.f1)"] = close(G * c_prev1 * _grad_sigmoid(self_f1), T["f1"])
R["go1[:] = gh * co * _grad_sigmoid(self.o)"] = close(gh * co * _grad_sigmoid(self_o), T["o1"])
R["ga2[:] = gc_prev * self.i2 * _grad_tanh(self.a2)"] = close(G * self_i2 * _grad_tanh(self_a2), T["a2"])
R["gi2[:] = gc_prev * self.a2 * _grad_sigmoid(self.i2)"] = close(G * self_a2 * _grad_sigmoid(self_i2), T["i2"])
R["gf2[:] = gc_prev * c_prev2 * _grad_sigmoid(self.f2)"] = close(G * c_prev2 * _grad_sigmoid(self_f2), T["f2"])
R["go2[:] = gh * co * _grad_sigmoid(self.o)"] = close(gh * co * _grad_sigmoid(self_o), T["o2"])
R["gc_prev1 = gc_prev * self.f1"] = close(G * self_f1, T["c1"])
R["gc_prev2 = gc_prev * self.f2"] = close(G * self_f2, T["c2"])
# CUDA backward
R["T co = tanh(c);"] = close(np.tanh(c_true), co)
temp = gh * ao * (1 - co * co) + gc
R["T temp = gh * ao * grad_tanh(co) + gc;"] = close(temp, T["c"])
temp = T["c"]
R["ga1 = temp * ai1 * grad_tanh(aa1);"] = close(temp * ai1 * (1 - aa1 ** 2), T["a1"])
R["gi1 = temp * aa1 * grad_sigmoid(ai1);"] = close(temp * aa1 * ai1 * (1 - ai1), T["i1"])
R["gf1 = temp * c_prev1 * grad_sigmoid(af1);"] = close(temp * c_prev1 * af1 * (1 - af1), T["f1"])
R["go1 = gh * co * grad_sigmoid(ao);"] = close(gh * co * ao * (1 - ao), T["o1"])
R["gc_prev1 = temp * af1;"] = close(temp * af1, T["c1"])
R["ga2 = temp * ai2 * grad_tanh(aa2);"] = close(temp * ai2 * (1 - aa2 ** 2), T["a2"])
R["gi2 = temp * aa2 * grad_sigmoid(ai2);"] = close(temp * aa2 * ai2 * (1 - ai2), T["i2"])
R["gf2 = temp * c_prev2 * grad_sigmoid(af2);"] = close(temp * c_prev2 * af2 * (1 - af2), T["f2"])
R["go2 = gh * co * grad_sigmoid(ao);"] = close(gh * co * ao * (1 - ao), T["o2"])
R["gc_prev2 = temp * af2;"] = close(temp * af2, T["c2"])

FAIL = {"c = aa1 * ai1 + af1 * c_prev1 * aa2 * ai2 + af2 * c_prev2;"}
NOTE = "chainer_slstm_46fd05e.md"

if __name__ == "__main__":
    lines = [l.strip() for l in open(__file__.replace("fd_", "").replace(".py", ".md"))]
    for k, ok in R.items():
        assert lines.count(k) == 1, ("not unique / missing in note", k, lines.count(k))
        assert ok == (k not in FAIL), ("verdict mismatch", k, ok)
    print(len(R), "rows checked;", sum(R.values()), "pass,", len(R) - sum(R.values()), "fail")
