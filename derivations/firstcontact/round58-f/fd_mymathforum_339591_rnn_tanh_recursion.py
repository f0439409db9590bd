"""FD checks for mymathforum_339591_rnn_tanh_recursion.md.
Model: scalar recurrent unit delta(t) = tanh(<w, f(t)> + b + u*delta(t-1)), delta(0) = 0,
theta = [w (vector), b, u]. d/dtheta = total derivative, partial = direct (delta(t-1) held fixed)."""
import numpy as np

rng = np.random.default_rng(339591)
T, n = 5, 3
F = rng.normal(size=(T + 1, n))
w, b, u = rng.normal(size=n), 0.3, -0.7
EPS = 1e-6


def run(w, b, u):
    d = [0.0]
    for t in range(1, T + 1):
        d.append(np.tanh(w @ F[t] + b + u * d[t - 1]))
    return np.array(d)


def step(w, b, u, t, dprev):
    return np.tanh(w @ F[t] + b + u * dprev)


close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)
res = {}
d = run(w, b, u)

# line 12: forward definition (the model itself)
res[12] = close(d[T], step(w, b, u, T, d[T - 1]))

# line 18: total-derivative recursion, with correct partials, vs FD of delta(T) wrt theta=[w, b, u]
theta = np.concatenate([w, [b, u]])
def dT(th):
    return run(th[:n], th[n], th[n + 1])[T]
g_fd = np.array([(dT(theta + EPS * e) - dT(theta - EPS * e)) / (2 * EPS) for e in np.eye(n + 2)])
J = np.zeros(n + 2)  # d delta(0)/d theta = 0
for t in range(1, T + 1):
    s = 1 - d[t] ** 2
    partial_theta = s * np.concatenate([F[t], [1.0, d[t - 1]]])
    J = partial_theta + (u * s) * J  # dδ(t)/dθ = ∂δ(t)/∂θ + ∂δ(t)/∂δ(t−1) * dδ(t-1)/dθ
res[18] = close(J, g_fd)

# line 24: derivative of tanh(x) is 1 - tanh^2(x)
xs = np.linspace(-2, 2, 9)
res[24] = close((np.tanh(xs + EPS) - np.tanh(xs - EPS)) / (2 * EPS), 1 - np.tanh(xs) ** 2)

# line 27: ∂δ(t)/∂δ(t−1) = 1 - tanh^2[<w,f(t)> + b + uδ(t−1)]   (asker's step)
t = 3
fd_part = (step(w, b, u, t, d[t - 1] + EPS) - step(w, b, u, t, d[t - 1] - EPS)) / (2 * EPS)
author = 1 - np.tanh(w @ F[t] + b + u * d[t - 1]) ** 2
res[27] = close(author, fd_part)
assert close(u * author, fd_part)  # correction: chain rule gives the factor u

exp = {12: True, 18: True, 24: True, 27: False}
for k, v in exp.items():
    print(k, "pass" if res[k] else "fail", "expected", "pass" if v else "fail")
    assert res[k] == v, k
print("all verdicts confirmed")
