# FD check for forum_recurrent_tanh_unit_mindbending.md
# delta(t) = tanh(<w, f(t)> + b + u*delta(t-1)),  theta = [w, b, u]
import numpy as np
rng = np.random.default_rng(6)
m, T = 3, 5
w = rng.normal(size=m); b = 0.3; u = 0.7
F = rng.normal(size=(T, m))
def run(w, b, u, d0=0.0):
    d = d0; ds = [d]
    for t in range(T):
        d = np.tanh(w@F[t] + b + u*d); ds.append(d)      # line 8
    return np.array(ds)
eps = 1e-6
ds = run(w, b, u)
# line 14: tanh'(x) = 1 - tanh^2(x)
for x in rng.normal(size=5):
    assert np.isclose((np.tanh(x+eps)-np.tanh(x-eps))/(2*eps), 1-np.tanh(x)**2, atol=1e-9)
# partial of delta(t) w.r.t. delta(t-1) (theta fixed)
t = T
pre = lambda dprev: np.tanh(w@F[t-1] + b + u*dprev)
partial_fd = (pre(ds[t-1]+eps) - pre(ds[t-1]-eps))/(2*eps)
line16 = 1 - np.tanh(w@F[t-1] + b + u*ds[t-1])**2
assert not np.isclose(line16, partial_fd, atol=1e-6), "line 16 should fail (u = %.2f)" % u
assert np.isclose(u*line16, partial_fd, atol=1e-8)        # corrected: u*(1 - tanh^2[...])
# line 12: total derivative recursion, checked for theta = u (and b, w_1), with the correct partial
for name in ["u", "b", "w0"]:
    def D(s):
        ww, bb, uu = w.copy(), b, u
        if name == "u": uu += s
        elif name == "b": bb += s
        else: ww[0] += s
        return run(ww, bb, uu)
    total = (D(eps) - D(-eps))/(2*eps)            # d delta(t)/d theta for all t
    for t in range(1, T+1):
        z = w@F[t-1] + b + u*ds[t-1]; g = 1 - np.tanh(z)**2
        direct = g*{"u": ds[t-1], "b": 1.0, "w0": F[t-1][0]}[name]   # partial delta(t)/partial theta
        assert np.isclose(total[t], direct + u*g*total[t-1], atol=1e-7), "line 12"
print("lines 8 12 14 pass; line 16 fails as annotated (missing factor u): ALL OK")
