"""FD check of smokeriu_bptt_zh.md (smokeriu/Obsidian-notes @ 07159e2, Chinese BPTT note after d2l-zh 8.7).
Row 5: matrix form H_t = phi(X_t W_xh + H_{t-1} W_hh + b_h) (row-major minibatch layout).
Rows 9-27 use d2l's simplified scalar notation: h_t = f(x_t, h_{t-1}, w_h), o_t = g(h_t, w_o),
L = (1/T) sum_t l(y_t, o_t).  We take f = tanh(w_x x_t + w_h h_{t-1}), g = w_o h_t, l = (o - y)^2 / 2.
dh_t/dw_h is the TOTAL derivative (through h_{t-1}); df/dw_h, df/dh_{t-1} are partials of f."""
import numpy as np

rng = np.random.default_rng(5800)
T = 6; wx, wh, wo = 0.8, 0.7, -1.3
x = rng.normal(size=T + 1); y = rng.normal(size=T + 1); h0 = 0.2
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-10)
res = {}

# row 5: matrix forward (minibatch n x d times d x h); check one row equals the per-example vector recurrence
n, dd, hh = 3, 2, 4
Xt = rng.normal(size=(n, dd)); Hp = rng.normal(size=(n, hh)); Wxh = rng.normal(size=(dd, hh)); Whh = rng.normal(size=(hh, hh)); bh = rng.normal(size=hh)
Ht = np.tanh(Xt @ Wxh + Hp @ Whh + bh)
res[5] = all(close(Ht[k], np.tanh(Wxh.T @ Xt[k] + Whh.T @ Hp[k] + bh)) for k in range(n))

def run(wh_):
    h = [h0]
    for t in range(1, T + 1):
        h.append(np.tanh(wx * x[t] + wh_ * h[t - 1]))
    o = [wo * hv for hv in h]
    L = np.mean([0.5 * (o[t] - y[t]) ** 2 for t in range(1, T + 1)])
    return L, h, o
e = 1e-6
L, h, o = run(wh)
dL_fd = (run(wh + e)[0] - run(wh - e)[0]) / (2 * e)
dh_fd = [(run(wh + e)[1][t] - run(wh - e)[1][t]) / (2 * e) for t in range(T + 1)]   # total dh_t/dw_h
pf_w = lambda t: (1 - h[t] ** 2) * h[t - 1]     # partial f(x_t,h_{t-1},w_h)/partial w_h
pf_h = lambda t: (1 - h[t] ** 2) * wh           # partial f/partial h_{t-1}

# row 9: dL/dw_h = 1/T sum dl/dw_h = 1/T sum dl/do_t * dg/dh_t * dh_t/dw_h
r9 = np.mean([(o[t] - y[t]) * wo * dh_fd[t] for t in range(1, T + 1)])
res[9] = close(r9, dL_fd)
# row 13: dh_t/dw_h = df/dw_h + df/dh_{t-1} * dh_{t-1}/dw_h
res[13] = all(close(pf_w(t) + pf_h(t) * dh_fd[t - 1], dh_fd[t]) for t in range(1, T + 1))
# row 17: unrolled sum with products (h_0 does not depend on w_h)
def r17(t):
    s = pf_w(t)
    for i in range(1, t):
        s += np.prod([pf_h(j) for j in range(i + 1, t + 1)]) * pf_w(i)
    return s
res[17] = all(close(r17(t), dh_fd[t]) for t in range(1, T + 1))
# row 25: P(xi=0)=1-pi, P(xi=1/pi)=pi  =>  E[xi] = 1
pi = 0.35
res[25] = close((1 - pi) * 0 + pi * (1 / pi), 1.0)
# row 27: z_t = df/dw_h + xi_t df/dh_{t-1} dh_{t-1}/dw_h ; E[z_t] = dh_t/dw_h (unbiased replacement)
Ez = [(1 - pi) * pf_w(t) + pi * (pf_w(t) + (1 / pi) * pf_h(t) * dh_fd[t - 1]) for t in range(1, T + 1)]
res[27] = all(close(Ez[t - 1], dh_fd[t]) for t in range(1, T + 1))

expected = {5: 1, 9: 1, 13: 1, 17: 1, 25: 1, 27: 1}
for r in expected:
    assert res[r], f"row {r} does not match FD"
print(f"smokeriu: {len(expected)} rows, all pass -> OK")
