# FD check of saikrishna_lstm_backward.md. Column vectors, W_x* (H x D), W_h* (H x H), forward as in the file.
# Loss: L = sum_t 0.5*||V h_t - y_t||^2 (the file leaves the loss open; any loss on h works since every row
# starts from dL/dh_t). Per-step contributions are checked against FD w.r.t. a weight copy used only at step t.
import numpy as np
rng = np.random.default_rng(1)
D, H, T = 3, 4, 5
sig = lambda a: 1 / (1 + np.exp(-a))
P = {k: rng.normal(size=(H, D)) * .6 for k in ('Wxf', 'Wxi', 'WxC', 'Wxo')}
P.update({k: rng.normal(size=(H, H)) * .6 for k in ('Whf', 'Whi', 'WhC', 'Who')})
P.update({k: rng.normal(size=H) * .3 for k in ('bf', 'bi', 'bC', 'bo')})
V = rng.normal(size=(2, H)); X = rng.normal(size=(T + 1, D)); Y = rng.normal(size=(T + 1, 2))

def run(P, X=X, per_step=None, injC=None, injH=None, injHprev=None):
    """per_step = (t, name, M): use M instead of P[name] at step t only.
    injC/injH = (t, vec): add vec to C_t / h_t right after they are computed.
    injHprev = (t, vec): add vec to the h_{t-1} seen by step t only."""
    h = np.zeros(H); C = np.zeros(H); L = 0; cache = {}
    for t in range(1, T + 1):
        W = lambda n: per_step[2] if per_step and per_step[0] == t and per_step[1] == n else P[n]
        hp = h + (injHprev[1] if injHprev and injHprev[0] == t else 0)
        x = X[t]
        af = W('Wxf') @ x + W('Whf') @ hp + P['bf']; ai = W('Wxi') @ x + W('Whi') @ hp + P['bi']
        aC = W('WxC') @ x + W('WhC') @ hp + P['bC']; ao = W('Wxo') @ x + W('Who') @ hp + P['bo']
        f, i, Ct, o = sig(af), sig(ai), np.tanh(aC), sig(ao)
        Cp = C
        C = f * C + i * Ct
        if injC and injC[0] == t: C = C + injC[1]
        h = o * np.tanh(C)
        if injH and injH[0] == t: h = h + injH[1]
        L += 0.5 * np.sum((V @ h - Y[t]) ** 2)
        cache[t] = dict(f=f, i=i, Ct=Ct, o=o, C=C, Cp=Cp, h=h, hp=hp, x=x)
    return L, cache

def fd_vec(fun, n, eps=1e-6):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps; g[k] = (fun(e) - fun(-e)) / (2 * eps)
    return g
def fd_mat(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(shape):
        E = np.zeros(shape); E[idx] = eps; G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G

L0, c = run(P)
dh = {t: fd_vec(lambda e: run(P, injH=(t, e))[0], H) for t in range(1, T + 1)}   # total dL/dh_t
dC = {t: fd_vec(lambda e: run(P, injC=(t, e))[0], H) for t in range(1, T + 1)}   # total dL/dC_t
dC[T + 1] = np.zeros(H)
ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6)
t = 3; k = c[t]
res = {}
# line 53-54: dL/dC_t = dL/dh_t * o_t * (1 - tanh^2 C_t) + dL/dC_{t+1} * f_{t+1}
for tt in range(1, T + 1):
    fn = c[tt + 1]['f'] if tt < T else np.zeros(H)
    res[f'54 dC recursion t={tt}'] = ok(dC[tt], dh[tt] * c[tt]['o'] * (1 - np.tanh(c[tt]['C']) ** 2) + dC[tt + 1] * fn)
# lines 43-45: step-t contribution to dL/dW_xf
def step_grad(name, shape):
    return fd_mat(lambda E: run(P, per_step=(t, name, P[name] + E))[0], shape)
res['45 dL/dWxf (step t)'] = ok(step_grad('Wxf', (H, D)), np.outer(dC[t] * k['Cp'] * k['f'] * (1 - k['f']), k['x']))
res['64 dL/dWxC (step t)'] = ok(step_grad('WxC', (H, D)), np.outer(dC[t] * k['i'] * (1 - k['Ct'] ** 2), k['x']))
res['75 dL/dWxo (step t)'] = ok(step_grad('Wxo', (H, D)), np.outer(dh[t] * np.tanh(k['C']) * k['o'] * (1 - k['o']), k['x']))
# gate gradients
dLf = dC[t] * k['Cp']; dLi = dC[t] * k['Ct']; dLo = dh[t] * np.tanh(k['C']); dLCt = dC[t] * k['i']
gf, gi, go, gC = dLf * k['f'] * (1 - k['f']), dLi * k['i'] * (1 - k['i']), dLo * k['o'] * (1 - k['o']), dLCt * (1 - k['Ct'] ** 2)
# line 83-84: dL/dx_t (x_t only enters step t)
Xp = X.copy()
def Lx(e):
    Xq = X.copy(); Xq[t] = X[t] + e; return run(P, X=Xq)[0]
dx = fd_vec(Lx, D)
correct_dx = P['Wxf'].T @ gf + P['Wxi'].T @ gi + P['Wxo'].T @ go + P['WxC'].T @ gC
res['84 correct form W^T delta (sanity)'] = ok(dx, correct_dx)
def try_col(vec, M):
    try: return (vec.reshape(-1, 1) @ M) if False else np.matmul(vec.reshape(H, 1), M)
    except ValueError: return None
print('84 as written, column reading: (H x 1) . (H x D) ->', 'ILL-TYPED' if try_col(gf, P['Wxf']) is None else 'ok')
row = gf @ P['Wxf'] + gi @ P['Wxi'] + go @ P['Wxo'] + gC @ P['WxC']
print('84 row-vector reading equals FD:', np.allclose(row, dx, atol=1e-6), '(but rows 45/64/75 need column gradients)')
# line 90-91: step t's contribution to dL/dh_{t-1}
dhp = fd_vec(lambda e: run(P, injHprev=(t, e))[0], H)
correct = P['Whf'].T @ gf + P['Whi'].T @ gi + P['Who'].T @ go + P['WhC'].T @ gC
res['90 step contribution dL/dh_{t-1} (correct sum of four gate paths)'] = ok(dhp, correct)
author_row = gf @ P['Whf'] + gi @ P['Whi'] + go @ P['Who'] + (dC[t] * (1 - k['Ct'] ** 2)) @ P['WhC']
res['91 as written (row reading, dL/dC_t in last term)'] = ok(dhp, author_row)
# line 99: dL/dC_{t+1} f_{t+1} = dL/dC_{t+2} f_{t+2} f_{t+1} = dL/dC_T prod f
tt = 2
lhs = dC[tt + 1] * c[tt + 1]['f']; mid = dC[tt + 2] * c[tt + 2]['f'] * c[tt + 1]['f']
rhs = dC[T] * np.prod([c[tt + j]['f'] for j in range(1, T - tt + 1)], axis=0)
res['99 first equality'] = ok(lhs, mid); res['99 second equality'] = ok(mid, rhs)
for kk, v in res.items(): print('PASS' if v else 'FAIL', kk)
