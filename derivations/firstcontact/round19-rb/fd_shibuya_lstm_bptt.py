"""FD check of shibuya_lstm_bptt.md (N. Shibuya / KiKaBeN, 'Long Short-Term Memory', 2021).
Column vectors; LSTM with W_h^{(q)}, W_x^{(q)}, b^{(q)}; many-to-one: the error E is a function of the last
hidden state h_n only (here E = 0.5||V h_n - y||^2, V not part of theta). theta = all LSTM weights.
'Temporal contribution at step k' = derivative w.r.t. the copy of theta used at step k (the author's RNN convention).
"""
import numpy as np
rng = np.random.default_rng(2)
sig = lambda z: 1 / (1 + np.exp(-z))
H, D, n = 3, 2, 4
P0 = {f"W{a}{q}": rng.normal(size=(H, H if a == 'h' else D)) * 0.8 for q in "fioc" for a in "hx"}
P0.update({f"b{q}": rng.normal(size=H) * 0.3 for q in "fioc"})
X = rng.normal(size=(n + 1, D)); V = rng.normal(size=(2, H)); y = rng.normal(size=2)
h0 = np.zeros(H); c0 = np.zeros(H)

def cell(P, h, c, x):
    g = {q: P[f"Wh{q}"] @ h + P[f"Wx{q}"] @ x + P[f"b{q}"] for q in "fioc"}
    f, i, o, ct = sig(g['f']), sig(g['i']), sig(g['o']), np.tanh(g['c'])
    c2 = f * c + i * ct
    return o * np.tanh(c2), c2, o

def run(Ps):  # Ps: list of per-step parameter copies, index 1..n
    h, c = h0, c0; hs, cs, os_ = [h], [c], [None]
    for k in range(1, n + 1):
        h, c, o = cell(Ps[k], h, c, X[k]); hs.append(h); cs.append(c); os_.append(o)
    return hs, cs, os_

def E_of(Ps):
    hs, _, _ = run(Ps); r = V @ hs[n] - y; return 0.5 * r @ r

Ps = [P0] * (n + 1)
hs, cs, os_ = run(Ps)

def fd_copy(name, k, eps=1e-6):  # dE/d(theta copy at step k)[name]
    g = np.zeros_like(P0[name])
    for idx in np.ndindex(g.shape):
        out = []
        for s in (+1, -1):
            Pk = {kk: v.copy() for kk, v in P0.items()}; Pk[name][idx] += s * eps
            Q = list(Ps); Q[k] = Pk; out.append(E_of(Q))
        g[idx] = (out[0] - out[1]) / (2 * eps)
    return g

def fd_total(name):
    return sum(fd_copy(name, k) for k in range(1, n + 1))

# dE/dc_n (h_n = o_n * tanh(c_n), o_n held)
dEdh = (V @ hs[n] - y) @ V
dEdc_n = dEdh * os_[n] * (1 - np.tanh(cs[n]) ** 2)

def jac_c(i):  # total dc_i/dc_{i-1}: h_{i-1} = o_{i-1} tanh(c_{i-1}) (o_{i-1} held), numerically
    def f(cp):
        hp = os_[i - 1] * np.tanh(cp) if i - 1 >= 1 else h0
        return cell(P0, hp, cp, X[i])[1]
    return np.column_stack([(f(cs[i - 1] + e) - f(cs[i - 1] - e)) / 2e-6 for e in np.eye(H) * 1e-6])

def imm_dc_dtheta(k, name):  # immediate dc_k/dtheta (h_{k-1}, c_{k-1} held): tensor as list over entries
    G = np.zeros((H,) + P0[name].shape)
    for idx in np.ndindex(P0[name].shape):
        out = []
        for s in (+1, -1):
            Pk = {kk: v.copy() for kk, v in P0.items()}; Pk[name][idx] += s * 1e-6
            out.append(cell(Pk, hs[k - 1], cs[k - 1], X[k])[1])
        G[(slice(None),) + idx] = (out[0] - out[1]) / 2e-6
    return G

def author_term(k, name):
    row = dEdc_n.copy()
    for i in range(n, k, -1): row = row @ jac_c(i)
    return np.tensordot(row, imm_dc_dtheta(k, name), axes=(0, 0))

for name in ["Whf", "Wxo"]:
    for k, line in [(n, 87), (n - 1, 89), (n - 2, 91)]:
        print(f"{line} step {k} contribution, theta={name}:", np.allclose(author_term(k, name), fd_copy(name, k), atol=1e-6))
    tot = sum(author_term(k, name) for k in range(1, n + 1))
    print(f"98 total, theta={name}:", np.allclose(tot, fd_total(name), atol=1e-6), np.abs(tot - fd_total(name)).max())

# 105/106: dc_i/dc_{i-1} = diag(f_i) + d(i_i * c~_i)/dc_{i-1}
i = 3
def parts(cp):
    hp = os_[i - 1] * np.tanh(cp)
    g = {q: P0[f"Wh{q}"] @ hp + P0[f"Wx{q}"] @ X[i] + P0[f"b{q}"] for q in "fioc"}
    return sig(g['f']), sig(g['i']) * np.tanh(g['c'])
f_i = parts(cs[i - 1])[0]
dic = np.column_stack([(parts(cs[i - 1] + e)[1] - parts(cs[i - 1] - e)[1]) / 2e-6 for e in np.eye(H) * 1e-6])
Jtrue = jac_c(i)
print("105 restated derivative (trivially the same function):", True)
print("106 diag(f_i) + d(i*c~)/dc_{i-1}:", np.allclose(np.diag(f_i) + dic, Jtrue, atol=1e-6))
dfd = np.column_stack([(parts(cs[i - 1] + e)[0] - parts(cs[i - 1] - e)[0]) / 2e-6 for e in np.eye(H) * 1e-6])
print("    with the missing diag(c_{i-1}) df_i/dc_{i-1} added:", np.allclose(np.diag(f_i) + np.diag(cs[i - 1]) @ dfd + dic, Jtrue, atol=1e-6))
