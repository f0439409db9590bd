# FD check of lstm_jaketae.md (Jake Tae, "Dissecting LSTMs"). numpy only.
# Layout: the post's backward formulas (h^T(yhat-y), (yhat-y)W_y^T, X^T dL/da_o, columns 1..H of dL/dX)
# are row-vector formulas (as in Kristiadi's code the post follows): X is a 1 x (H+D) row,
# gate = act(X W_a + b_a) with W_a of shape (H+D) x H, z = h_t W_y + b_y.
# Loss: L = CE(softmax(z), y) + <g_h, h_t> + <g_c, C_t>, where g_h, g_c stand for the gradients
# arriving from step t+1 (the post's "+ dL/dh_t" and "+ dL/dC_t" terms).
import numpy as np
rng = np.random.default_rng(1)
H, D, K = 3, 2, 4          # H != D so a wrong concatenation order is detectable
sig = lambda a: 1 / (1 + np.exp(-a))
W = {g: rng.normal(size=(H + D, H)) * 0.8 for g in 'fico'}
b = {g: rng.normal(size=(1, H)) * 0.3 for g in 'fico'}
Wy = rng.normal(size=(H, K)); by = rng.normal(size=(1, K))
x = rng.normal(size=(1, D)); hp = rng.normal(size=(1, H)); Cp = rng.normal(size=(1, H))
y = np.zeros((1, K)); y[0, 2] = 1
gh = rng.normal(size=(1, H)); gc = rng.normal(size=(1, H))

def fwd(Wd, bd, Wy, by, x, hp, Cp, over=None):
    ov = over or {}
    X = ov.get('X', np.hstack([hp, x]))                       # [h_{t-1}, x_t] as in (1)-(5)
    m = {g: X @ Wd[g] + bd[g] for g in 'fico'}
    if 'a_o' in ov: m['o'] = ov['a_o']
    f = sig(m['f']); i = sig(m['i']); Ct = np.tanh(m['c']); o = ov.get('o', sig(m['o']))
    C = ov.get('C', f * Cp + i * Ct)
    aC = ov.get('aC', np.tanh(C))
    h = ov.get('h', o * aC)
    z = ov.get('z', h @ Wy + by)
    p = np.exp(z - z.max()); p /= p.sum()
    Lv = -np.sum(y * np.log(p)) + np.sum(gh * h) + np.sum(gc * C)
    return Lv, dict(X=X, m=m, f=f, i=i, Ct=Ct, o=o, C=C, aC=aC, h=h, z=z, p=p)

Lf = lambda **kw: fwd(W, b, Wy, by, x, hp, Cp, kw.get('over'))[0]
L0, c = fwd(W, b, Wy, by, x, hp, Cp)
eps = 1e-6
def fd_node(name):
    v0 = c[name] if name != 'a_o' else c['m']['o']
    G = np.zeros_like(v0)
    for idx in np.ndindex(G.shape):
        vp = v0.copy(); vm = v0.copy(); vp[idx] += eps; vm[idx] -= eps
        G[idx] = (Lf(over={name: vp}) - Lf(over={name: vm})) / (2 * eps)
    return G
def fd_arr(get, setter):
    v0 = get(); G = np.zeros_like(v0)
    for idx in np.ndindex(G.shape):
        vp = v0.copy(); vm = v0.copy(); vp[idx] += eps; vm[idx] -= eps
        G[idx] = (setter(vp) - setter(vm)) / (2 * eps)
    return G
def with_W(g, val):
    Wd = dict(W); Wd[g] = val; return fwd(Wd, b, Wy, by, x, hp, Cp)[0]
def with_b(g, val):
    bd = dict(b); bd[g] = val; return fwd(W, bd, Wy, by, x, hp, Cp)[0]

def rep(line, name, a, bb):
    a = np.asarray(a, float); bb = np.asarray(bb, float)
    ok = a.shape == bb.shape and np.allclose(a, bb, atol=1e-6)
    d = np.abs(a - bb).max() if a.shape == bb.shape else float('nan')
    print(f'line {line:>3} {name:<52} {"AGREE" if ok else "DISAGREE"}  max|diff|={d:.2e}')

# helper derivatives (lines 51-54, 67-69)
s = np.linspace(-3, 3, 7); num_sig = (sig(s + eps) - sig(s - eps)) / (2 * eps)
num_tanh = (np.tanh(s + eps) - np.tanh(s - eps)) / (2 * eps)
rep(52, 'dsigma/dx = -(1+e^-x)^-2 (-e^-x)', -(1 + np.exp(-s)) ** -2 * (-np.exp(-s)), num_sig)
rep(53, 'dsigma/dx = sigma(x) e^-x/(1+e^-x)', sig(s) * np.exp(-s) / (1 + np.exp(-s)), num_sig)
rep(54, 'dsigma/dx = sigma(x)(1-sigma(x))', sig(s) * (1 - sig(s)), num_sig)
rep(68, 'dtanh/dx = 1 - ((e^x-e^-x)/(e^x+e^-x))^2', 1 - ((np.exp(s) - np.exp(-s)) / (np.exp(s) + np.exp(-s))) ** 2, num_tanh)
rep(69, 'dtanh/dx = 1 - tanh^2', 1 - np.tanh(s) ** 2, num_tanh)

dz = c['p'] - y
rep(85, 'dL/dz = yhat - y', dz, fd_node('z'))
rep(96, 'dL/dW_y = h_t^T (yhat - y)', c['h'].T @ dz,
    fd_arr(lambda: Wy, lambda v: fwd(W, b, v, by, x, hp, Cp)[0]))
rep(105, 'dL/db_y = yhat - y', dz, fd_arr(lambda: by, lambda v: fwd(W, b, Wy, v, x, hp, Cp)[0]))
dh = dz @ Wy.T + gh
rep(120, 'dL/dh_t = (yhat-y) W_y^T + dL/dh_t(next)', dh, fd_node('h'))
do = dh * np.tanh(c['C'])
rep(140, 'dL/do_t = dL/dh_t . tanh(C_t)', do, fd_node('o'))
daC = dh * c['o']
rep(150, 'dL/da_C = dL/dh_t . o_t', daC, fd_node('aC'))
dC = dh * c['o'] * (1 - np.tanh(c['C']) ** 2) + gc
rep(160, 'dL/dC_t = dh o (1-tanh^2 C) + dL/dC_t(next)', dC, fd_node('C'))
dao_author = dh * np.tanh(c['C']) * sig(c['o']) * (1 - sig(c['o']))
dao_right = dh * np.tanh(c['C']) * c['o'] * (1 - c['o'])
fd_ao = fd_node('a_o')
rep(179, 'dL/da_o = dL/do_t * do_t/da_o (chain, o(1-o))', do * c['o'] * (1 - c['o']), fd_ao)
rep(180, "AUTHOR dL/da_o = dh tanh(C) sigma(o_t)(1-sigma(o_t))", dao_author, fd_ao)
print('          (correct: dh tanh(C) o_t(1-o_t) ->', 'AGREE' if np.allclose(dao_right, fd_ao, atol=1e-6) else 'DISAGREE', ')')
rep(190, 'dL/db_o = dL/da_o (with correct dL/da_o)', dao_right, fd_arr(lambda: b['o'], lambda v: with_b('o', v)))
X_fwd = np.hstack([hp, x]); X_207 = np.hstack([x, hp])
fdWo = fd_arr(lambda: W['o'], lambda v: with_W('o', v))
rep(200, 'dL/dW_o = X^T dL/da_o, X=[h_{t-1},x_t] as in (5)', X_fwd.T @ dao_right, fdWo)
rep(207, 'dL/dW_o = X^T dL/da_o with X=(x_t|h_{t-1}) (l.207)', X_207.T @ dao_right, fdWo)
rep(207, 'o_t == sigma(X W_o + b_o) with X=(x_t|h_{t-1})', sig(X_207 @ W['o'] + b['o']), c['o'])
rep(217, 'o_t == sigma(m_t), m_t = X W_o + b_o, X=[h,x]', sig(X_fwd @ W['o'] + b['o']), c['o'])
# line 225-227: dL/dX = sum_a dL/da_t . da_t/dm_t . W_a^T  (a_t = gate output, m_t its pre-activation)
dgate = {'f': dC * Cp, 'i': dC * c['Ct'], 'c': dC * c['i'], 'o': do}
gate = {'f': c['f'], 'i': c['i'], 'c': c['Ct'], 'o': c['o']}
dact = {g: (gate[g] * (1 - gate[g]) if g != 'c' else 1 - gate[g] ** 2) for g in 'fico'}
dX = sum((dgate[g] * dact[g]) @ W[g].T for g in 'fico')
rep(227, 'dL/dX = sum_a dL/da_t da_t/dm_t W_a^T', dX, fd_node('X'))
rep(234, 'dL/dh_{t-1} = columns 1..H of dL/dX (X=[h,x])', dX[:, :H],
    fd_arr(lambda: hp, lambda v: fwd(W, b, Wy, by, x, v, Cp)[0]))
print('          (columns 1..H under l.207 X=(x_t|h_{t-1}) would be', dX[:, D:D + H].shape, '-> last H columns; first H columns then mix x_t and h_{t-1} entries)')
rep(245, 'dL/dC_{t-1} = dL/dC_t . f_t', dC * c['f'],
    fd_arr(lambda: Cp, lambda v: fwd(W, b, Wy, by, x, hp, v)[0]))
