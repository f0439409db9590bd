# Finite-difference check of the LSTM backward pass in rnn_qianshijinsheng.md
# (Chinese Hexo post "循环神经网络的前世今生"). Column vectors, no biases,
# z = W I, I = [x; h_prev], z = [c_r; g_i; g_f; g_o] (order of eq. 2.1).
import numpy as np
rng = np.random.default_rng(0)
n, d, T = 3, 4, 4
W = rng.normal(scale=0.6, size=(4 * d, n + d))
xs = [rng.normal(size=n) for _ in range(T)]
R = [rng.normal(size=d) for _ in range(T)]          # loss L = sum_t R_t . h_t (loss through the outputs h only)
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(W=W, xs=xs, pert=None):
    """pert = (name, t, vec): add vec to intermediate `name` at step t."""
    h = np.zeros(d); c = np.zeros(d); L = 0.0; st = []
    def P(name, t, v):
        if pert is not None and pert[0] == name and pert[1] == t:
            return v + pert[2]
        return v
    for t in range(T):
        x = P('x', t, xs[t].copy())
        h = P('hprev', t, h)
        I = np.concatenate([x, h])
        z = W @ I
        cr, gih, gfh, goh = [P(k, t, z[j*d:(j+1)*d]) for j, k in enumerate(['cr', 'gih', 'gfh', 'goh'])]
        ch = P('ch', t, np.tanh(cr)); gi = P('gi', t, sig(gih)); gf = P('gf', t, sig(gfh)); go = P('go', t, sig(goh))
        cprev = c
        c = P('c', t, gf * cprev + gi * ch)
        h = P('h', t, go * np.tanh(c))
        L += R[t] @ h
        st.append(dict(I=I, cprev=cprev, c=c, ch=ch, gi=gi, gf=gf, go=go, h=h))
    return L, st

L0, S = forward()
eps = 1e-6
def fdvar(name, t):
    g = np.zeros(d if name != 'x' else n)
    for k in range(len(g)):
        e = np.zeros(len(g)); e[k] = eps
        g[k] = (forward(pert=(name, t, e))[0] - forward(pert=(name, t, -e))[0]) / (2 * eps)
    return g
def fdW():
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
        g[idx] = (forward(W=Wp)[0] - forward(W=Wm)[0]) / (2 * eps)
    return g

res = {}
def rep(row, ok_list):
    ok = all(ok_list)
    res[row] = ok
    print(f"{row:55s} {'AGREES' if ok else 'DISAGREES'}")

close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
# true total gradients at every step (FD)
true = {k: [fdvar(k, t) for t in range(T)] for k in ['h', 'c', 'ch', 'gi', 'gf', 'go', 'cr', 'gih', 'gfh', 'goh', 'x', 'hprev']}

rep("L181 (2.5) dg_o = tanh(c) * dh", [close(np.tanh(S[t]['c']) * true['h'][t], true['go'][t]) for t in range(T)])
auth26 = [S[t]['go'] * (1 - np.tanh(S[t]['c'])**2) * true['h'][t] for t in range(T)]
rep("L188 (2.6) dc = g_o*(1-tanh^2 c)*dh  [all t]", [close(auth26[t], true['c'][t]) for t in range(T)])
print("      per step:", [bool(close(auth26[t], true['c'][t])) for t in range(T)],
      "(right only at t=T; for t<T it misses g_f^{(t+1)} * dc^{(t+1)})")
fix26 = [auth26[t] + (S[t+1]['gf'] * true['c'][t+1] if t + 1 < T else 0) for t in range(T)]
print("      with the missing recursion term added:", all(close(fix26[t], true['c'][t]) for t in range(T)))
rep("L196 (2.7) dg_i = ch * dc", [close(S[t]['ch'] * true['c'][t], true['gi'][t]) for t in range(T)])
rep("L197 (2.7) dg_f = c_{t-1} * dc", [close(S[t]['cprev'] * true['c'][t], true['gf'][t]) for t in range(T)])
rep("L198 (2.7) dch = g_i * dc", [close(S[t]['gi'] * true['c'][t], true['ch'][t]) for t in range(T)])
# (2.7) dc^{(t-1)} = g_f * dc^{(t)} : through-step part = total minus the h-path part at t-1
rep("L199 (2.7) dc_{t-1} = g_f * dc_t (through-step part)",
    [close(S[t]['gf'] * true['c'][t], true['c'][t-1] - S[t-1]['go'] * (1 - np.tanh(S[t-1]['c'])**2) * true['h'][t-1]) for t in range(1, T)])
rep("L206 (2.8) dgi_hat = g_i(1-g_i) dg_i", [close(S[t]['gi'] * (1 - S[t]['gi']) * true['gi'][t], true['gih'][t]) for t in range(T)])
rep("L207 (2.8) dgf_hat = g_f(1-g_f) dg_f", [close(S[t]['gf'] * (1 - S[t]['gf']) * true['gf'][t], true['gfh'][t]) for t in range(T)])
rep("L208 (2.8) dgo_hat = g_o(1-g_o) dg_o", [close(S[t]['go'] * (1 - S[t]['go']) * true['go'][t], true['goh'][t]) for t in range(T)])
rep("L209 (2.8) dc_r = (1-tanh^2(ch)) dch  [as written]", [close((1 - np.tanh(S[t]['ch'])**2) * true['ch'][t], true['cr'][t]) for t in range(T)])
print("      with (1 - ch^2) instead:", all(close((1 - S[t]['ch']**2) * true['ch'][t], true['cr'][t]) for t in range(T)))
dz = [np.concatenate([true['cr'][t], true['gih'][t], true['gfh'][t], true['goh'][t]]) for t in range(T)]
gW = fdW()
rep("L215+L221 dW^{(t)} = dz I^T, dW = sum_t dW^{(t)}", [close(sum(np.outer(dz[t], S[t]['I']) for t in range(T)), gW)])
rep("L216 dI = W^T dz  (x part total; h part = through-step part)",
    [close((W.T @ dz[t])[:n], true['x'][t]) and close((W.T @ dz[t])[n:], true['hprev'][t]) for t in range(T)])
# the h part of dI at step t equals the through-step part of dh^{(t-1)}
rep("      dh^{(t-1)} total = R_{t-1} + (W^T dz_t)[h]", [close(true['h'][t-1], R[t-1] + (W.T @ dz[t])[n:]) for t in range(1, T)])
# appendix
xg = np.linspace(-2, 2, 9); e = 1e-6
f_auth = lambda x: 1 / (1 + np.exp(x))
num_auth = (f_auth(xg + e) - f_auth(xg - e)) / (2 * e)
rep("L284 (a.1) sigmoid(x) = 1/(1+e^x)  [vs standard 1/(1+e^-x)]", [close(f_auth(xg), sig(xg))])
print("      derivative of the written 1/(1+e^x) equals -y(1-y):", close(num_auth, -f_auth(xg) * (1 - f_auth(xg))))
rep("L285 (a.1) y' = y(1-y)  [standard sigmoid]", [close((sig(xg + e) - sig(xg - e)) / (2 * e), sig(xg) * (1 - sig(xg)))])
rep("L293 (a.2) tanh' = 1 - y^2", [close((np.tanh(xg + e) - np.tanh(xg - e)) / (2 * e), 1 - np.tanh(xg)**2)])
# GRU (3.1) second row: g_r = sigma(g_r) is not the gate definition sigma(g_r_hat)
ghat = rng.normal(size=d); g = sig(ghat)
rep("L253 (3.1) g_r = sigma(g_r)  [as written, with g_r = sigma(g_r_hat)]", [close(g, sig(g))])
