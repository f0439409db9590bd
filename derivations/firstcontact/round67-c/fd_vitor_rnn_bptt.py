# Finite-difference check of vitor_rnn_bptt.tex (numpy only).
# Author's model (column vectors): a_t = Wxh x_t + Whh h_{t-1} + b_h ; h_t = phi_h(a_t) ; o_t = Why h_t + b_y ;
# yhat_t = phi_y(o_t) ; L = sum_t l(y_t, yhat_t).  Here phi_h = tanh, phi_y = sigmoid (elementwise) and
# l = 0.5||yhat - y||^2 (a pointwise loss, as the notes allow).  delta_t := dL/da_t, delta_t^out := dl_t/do_t.
import numpy as np
np.random.seed(1)
dx, dh, dy, T = 3, 4, 2, 5
P = dict(Wxh=np.random.randn(dh, dx) * .6, Whh=np.random.randn(dh, dh) * .6, bh=np.random.randn(dh) * .3,
         Why=np.random.randn(dy, dh) * .6, by=np.random.randn(dy) * .3)
X = np.random.randn(T + 1, dx); Y = np.random.rand(T + 1, dy)   # index 1..T used
sig = lambda u: 1 / (1 + np.exp(-u))
phi_h, dphi_h = np.tanh, lambda a: 1 - np.tanh(a) ** 2
phi_y, dphi_y = sig, lambda o: sig(o) * (1 - sig(o))

def forward(P, a_off=None):
    h = {0: np.zeros(dh)}; a, o, yh, l = {}, {}, {}, {}
    for t in range(1, T + 1):
        a[t] = P['Wxh'] @ X[t] + P['Whh'] @ h[t - 1] + P['bh']          # lines 9 / 39
        if a_off is not None and a_off[0] == t: a[t] = a[t] + a_off[1]
        h[t] = phi_h(a[t])                                             # lines 10 / 40
        o[t] = P['Why'] @ h[t] + P['by']                               # lines 11 / 41
        yh[t] = phi_y(o[t])                                            # lines 12 / 42
        l[t] = 0.5 * np.sum((yh[t] - Y[t]) ** 2)
    return a, h, o, yh, l
def Lsum(P, a_off=None, ts=None):
    l = forward(P, a_off)[4]; ts = range(1, T + 1) if ts is None else ts
    return sum(l[t] for t in ts)                                       # line 51

a, h, o, yh, l = forward(P)
eps = 1e-6
def fd_a(t, ts=None):
    return np.array([(Lsum(P, (t, e * eps), ts) - Lsum(P, (t, -e * eps), ts)) / (2 * eps) for e in np.eye(dh)])
def fd_param(name, ts=None):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; jp = Lsum(P, None, ts)
        P[name][idx] = old - eps; jm = Lsum(P, None, ts)
        P[name][idx] = old; g[idx] = (jp - jm) / (2 * eps)
    return g
def rep(line, what, ok):
    print("line %-4s %-62s %s" % (line, what, "AGREE" if ok else "DISAGREE"))

# line 68 / 104 / 107: delta_out = grad_yhat l * phi_y'(o)  vs FD of l_t wrt o_t
dout = {t: (yh[t] - Y[t]) * dphi_y(o[t]) for t in range(1, T + 1)}
def l_of_o(t, oo): return 0.5 * np.sum((phi_y(oo) - Y[t]) ** 2)
ok = all(np.allclose(dout[t], [(l_of_o(t, o[t] + e * eps) - l_of_o(t, o[t] - e * eps)) / (2 * eps) for e in np.eye(dy)], atol=1e-6) for t in range(1, T + 1))
rep("68", "delta_t^out = grad_yhat l_t (.) phi_y'(o_t)  [elementwise phi_y]", ok)
# line 74: immediate part dl_t/da_t
imm = {t: (P['Why'].T @ dout[t]) * dphi_h(a[t]) for t in range(1, T + 1)}
rep("74", "dl_t/da_t = Why^T delta_out (.) phi_h'(a_t)", all(np.allclose(imm[t], fd_a(t, [t]), atol=1e-6) for t in range(1, T + 1)))
# author's recursion, lines 84/85 (= 105/108)
delta = {T: (P['Why'].T @ dout[T]) * dphi_h(a[T])}
for t in range(T - 1, 0, -1):
    delta[t] = (P['Why'].T @ dout[t] + P['Whh'].T @ delta[t + 1]) * dphi_h(a[t])
rep("84", "delta_T = Why^T delta_T^out (.) phi_h'(a_T)", np.allclose(delta[T], fd_a(T), atol=1e-6))
rep("85", "delta_t recursion = dL/da_t for all t", all(np.allclose(delta[t], fd_a(t), atol=1e-6) for t in range(1, T)))
# line 72: dL/da_t = dl_t/da_t + dL_{t+1:T}/da_t
t = 2
rep("72", "dL/da_t = dl_t/da_t + dL_{t+1:T}/da_t", np.allclose(fd_a(t), fd_a(t, [t]) + fd_a(t, range(t + 1, T + 1)), atol=1e-6))
# lines 78-80: future part.  Middle expression (line 79) = (da_{t+1}/dh_t)^T dL_{t+1:T}/da_{t+1} = Whh^T delta_{t+1}
fut_fd = fd_a(t, range(t + 1, T + 1))
middle = P['Whh'].T @ fd_a(t + 1, range(t + 1, T + 1))
final = (P['Whh'].T @ delta[t + 1]) * dphi_h(a[t])
rep("79", "middle: (da_{t+1}/dh_t)^T dL_{t+1:T}/da_{t+1} == dL_{t+1:T}/da_t ?", np.allclose(middle, fut_fd, atol=1e-6))
print("       middle =", np.round(middle, 5), "\n       FD     =", np.round(fut_fd, 5),
      "\n       middle*phi_h'(a_t) =", np.round(middle * dphi_h(a[t]), 5), "(the missing diag(phi_h'(a_t)) factor restores it)")
rep("80", "final: Whh^T delta_{t+1} (.) phi_h'(a_t) == dL_{t+1:T}/da_t", np.allclose(final, fut_fd, atol=1e-6))
# lines 91-95 weight gradients; line 59 (sum of per-step dl_t/dtheta)
gr = dict(Whh=sum(np.outer(delta[t], h[t - 1]) for t in range(1, T + 1)),
          Wxh=sum(np.outer(delta[t], X[t]) for t in range(1, T + 1)),
          bh=sum(delta[t] for t in range(1, T + 1)),
          Why=sum(np.outer(dout[t], h[t]) for t in range(1, T + 1)),
          by=sum(dout[t] for t in range(1, T + 1)))
for line, name in [(91, 'Whh'), (92, 'Wxh'), (93, 'bh'), (94, 'Why'), (95, 'by')]:
    fdg = fd_param(name)
    rep(str(line), "dL/d%s" % name, np.allclose(gr[name], fdg, atol=1e-6))
rep("59", "dL/dtheta = sum_t dl_t/dtheta (theta=Whh)",
    np.allclose(fd_param('Whh'), sum(fd_param('Whh', [s]) for s in range(1, T + 1)), atol=1e-6))
# informational: line 68 with phi_y = softmax (listed as an example) -- elementwise form is not the softmax Jacobian
sm = lambda u: np.exp(u - u.max()) / np.exp(u - u.max()).sum()
oo = o[1]; yt = Y[1] / Y[1].sum()
lce = lambda oo: -np.sum(yt * np.log(sm(oo)))
fd_o = np.array([(lce(oo + e * eps) - lce(oo - e * eps)) / (2 * eps) for e in np.eye(dy)])
elem = (-yt / sm(oo)) * (sm(oo) * (1 - sm(oo)))
print("info: softmax+CE, elementwise form of line 68 =", np.round(elem, 5), " true dl/do =", np.round(fd_o, 5),
      "(line 68 holds only for elementwise phi_y)")
