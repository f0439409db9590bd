# FD checks for sujingbo_rnn_step_by_step.md (numpy only, float64, deterministic)
import numpy as np
rng = np.random.default_rng(7)
sig = lambda z: 1/(1+np.exp(-z))
def num(f, X, e=1e-6):
    G = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        o = X[i]; X[i] = o+e; p = f(); X[i] = o-e; q = f(); X[i] = o; G[i] = (p-q)/(2*e)
    return G
close = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6)
res = {}
na, nx, m, T = 3, 2, 4, 3
# ---- rnn_cell_backward (17-28) ----
Wax = rng.normal(size=(na, nx)); Waa = rng.normal(size=(na, na)); ba = rng.normal(size=(na, 1))
xt = rng.normal(size=(nx, m)); a_prev = rng.normal(size=(na, m)); G = rng.normal(size=(na, m))
fa = lambda: np.tanh(Wax@xt + Waa@a_prev + ba); L = lambda: (G*fa()).sum()
a_next = fa(); da_next = G
Z = Wax@xt + Waa@a_prev + ba
dz = (1-a_next**2)*da_next; res[17] = close(dz, num(lambda: (G*np.tanh(Z)).sum(), Z))
res[20] = close(Wax.T @ dz, num(L, xt)); res[21] = close(dz @ xt.T, num(L, Wax))
res[24] = close(Waa.T @ dz, num(L, a_prev)); res[25] = close(dz @ a_prev.T, num(L, Waa))
res[28] = close(np.sum(dz, axis=1, keepdims=True), num(L, ba))
def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    dz = (1-a_next**2)*da_next
    return {"dxt": parameters["Wax"].T @ dz, "da_prev": parameters["Waa"].T @ dz, "dWax": dz @ xt.T, "dWaa": dz @ a_prev.T, "dba": np.sum(dz, axis=1, keepdims=True)}
P = {"Wax": Wax, "Waa": Waa, "ba": ba}
X = rng.normal(size=(nx, m, T)); a0 = rng.normal(size=(na, m)); DA = rng.normal(size=(na, m, T))
def rnn_seq():
    a = a0; caches = []; outs = []
    for t in range(T):
        an = np.tanh(P["Wax"]@X[:, :, t] + P["Waa"]@a + P["ba"]); caches.append((an, a, X[:, :, t], P)); a = an; outs.append(a)
    return outs, caches
Ls = lambda: sum((DA[:, :, t]*rnn_seq()[0][t]).sum() for t in range(T))
_, caches = rnn_seq()
def run_rnn(fixed):
    dx = np.zeros((nx, m, T)); dWax = np.zeros((na, nx)); dWaa = np.zeros((na, na)); dba = np.zeros((na, 1))
    da_prevt = DA[:, :, -1] if not fixed else np.zeros((na, m))
    for t in reversed(range(T)):
        g = rnn_cell_backward(da_prevt if not fixed else DA[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt = g["dxt"], g["da_prev"]
        dx[:, :, t] = dxt; dWax += g["dWax"]; dWaa += g["dWaa"]; dba += g["dba"]
    return dx, dWax, dWaa, dba, da_prevt
dx_fd = num(Ls, X); dWax_fd = num(Ls, P["Wax"]); dWaa_fd = num(Ls, P["Waa"]); dba_fd = num(Ls, P["ba"]); da0_fd = num(Ls, a0)
auth = run_rnn(False); fix = run_rnn(True)
res[62] = close(auth[0], dx_fd) and close(auth[1], dWax_fd) and close(auth[4], da0_fd)   # expected False
# at the last step the author's da_next equals the true one (line 56 seeds it with da[:,:,-1])
g_last = rnn_cell_backward(DA[:, :, -1], caches[-1]); res[56] = close(g_last["dxt"], fix[0][:, :, -1] * 0 + rnn_cell_backward(DA[:, :, -1] + 0, caches[-1])["dxt"])
# rows 66-69, 72 as formulas (with correct per-step gradients, i.e. the fixed loop)
res[66] = close(fix[0], dx_fd); res[67] = close(fix[1], dWax_fd); res[68] = close(fix[2], dWaa_fd); res[69] = close(fix[3], dba_fd); res[72] = close(fix[4], da0_fd)
# ---- LSTM cell ----
W = {k: rng.normal(size=(na, na+nx)) for k in "fico"}; b = {k: rng.normal(size=(na, 1)) for k in "fico"}
cp = rng.normal(size=(na, m)); Ga = rng.normal(size=(na, m)); Gc = rng.normal(size=(na, m))
def lfwd(ap=a_prev, xt=xt, cp=cp):
    z = np.vstack((ap, xt)); ft = sig(W['f']@z+b['f']); it = sig(W['i']@z+b['i']); cct = np.tanh(W['c']@z+b['c'])
    c = ft*cp + it*cct; ot = sig(W['o']@z+b['o']); return ot*np.tanh(c), c, ft, it, cct, ot, z
LL = lambda: (Ga*lfwd()[0]).sum() + (Gc*lfwd()[1]).sum()
a, c, ft, it, cct, ot, z = lfwd(); da_next, dc_next, c_next, c_prev = Ga, Gc, c, cp
pre = {k: W[k]@z+b[k] for k in "fico"}
def Lpre():
    f_ = sig(pre['f']); i_ = sig(pre['i']); cc_ = np.tanh(pre['c']); o_ = sig(pre['o']); c_ = f_*cp+i_*cc_
    return (Ga*o_*np.tanh(c_)).sum() + (Gc*c_).sum()
dpre = {k: num(Lpre, pre[k]) for k in "fico"}
cf = c.copy(); dc_fd = num(lambda: (Ga*ot*np.tanh(cf)).sum() + (Gc*cf).sum(), cf)
dct = da_next*ot*(1.-np.tanh(c_next)**2)+dc_next; res[135] = close(dct, dc_fd)
dcct = dct*it*(1.-(cct)**2); res[136] = close(dcct, dpre['c'])
dot = da_next*np.tanh(c_next)*ot*(1.-ot); res[137] = close(dot, dpre['o'])
dit = dct*cct*it*(1.-it); res[138] = close(dit, dpre['i'])
dft = dct*cct*ft*(1.-ft); res[139] = close(dft, dpre['f'])          # expected False (cct instead of c_prev)
dft_true = dct*c_prev*ft*(1.-ft); assert close(dft_true, dpre['f'])
cat = np.concatenate((a_prev, xt), axis=0)
res[145] = close(dit@cat.T, num(LL, W['i'])); res[146] = close(dft_true@cat.T, num(LL, W['f']))
res[147] = close(dcct@cat.T, num(LL, W['c'])); res[148] = close(dot@cat.T, num(LL, W['o']))
res[151] = close(np.sum(dft_true, axis=1, keepdims=True), num(LL, b['f'])); res[152] = close(np.sum(dit, axis=1, keepdims=True), num(LL, b['i']))
res[153] = close(np.sum(dcct, axis=1, keepdims=True), num(LL, b['c'])); res[154] = close(np.sum(dot, axis=1, keepdims=True), num(LL, b['o']))
apf = a_prev.copy(); xtf = xt.copy(); cpf = cp.copy()
dap_fd = num(lambda: (Ga*lfwd(ap=apf)[0]).sum() + (Gc*lfwd(ap=apf)[1]).sum(), apf)
dxt_fd = num(lambda: (Ga*lfwd(xt=xtf)[0]).sum() + (Gc*lfwd(xt=xtf)[1]).sum(), xtf)
dcp_fd = num(lambda: (Ga*lfwd(cp=cpf)[0]).sum() + (Gc*lfwd(cp=cpf)[1]).sum(), cpf)
d_prev = W['i'].T@dit + W['f'].T@dft_true + W['o'].T@dot + W['c'].T@dcct
res[162] = close(d_prev, np.vstack((dap_fd, dxt_fd))); res[163] = close(d_prev[:na, :], dap_fd)
res[164] = close(dc_next*ft + ot*(1.-np.tanh(c_next)**2)*ft*da_next, dcp_fd); res[165] = close(d_prev[na:, :], dxt_fd)
# markdown 3.2.3 rows (true gate gradients)
dg = {k: dpre[k] for k in "fico"}
for ln, k in [(84, 'f'), (85, 'i'), (86, 'c'), (87, 'o')]: res[ln] = close(dg[k]@cat.T, num(LL, W[k]))
for ln, k in [(95, 'f'), (96, 'i'), (97, 'c'), (98, 'o')]: res[ln] = close(dg[k].sum(1, keepdims=True), num(LL, b[k]))
sl = sum(W[k][:, :na].T@dg[k] for k in "fico")
res[106] = close(sl, dap_fd); res[107] = res[106]; res[108] = res[106]; res[109] = res[106]   # 27 with the stated first-n_a slicing
res[117] = close(dc_fd*ft, dcp_fd); res[118] = res[117]; res[119] = res[117]
res[120] = close(dc_next*ft + ot*(1-np.tanh(c_next)**2)*ft*da_next, dcp_fd)
# ---- lstm_backward (190-221) ----
def lstm_cell_backward(da_next, dc_next, cache, bug=True):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    dct = da_next*ot*(1.-np.tanh(c_next)**2)+dc_next
    dcct = dct*it*(1.-(cct)**2); dot = da_next*np.tanh(c_next)*ot*(1.-ot); dit = dct*cct*it*(1.-it)
    dft = dct*(cct if bug else c_prev)*ft*(1.-ft)
    cat = np.concatenate((a_prev, xt), axis=0)
    Wi, Wf, Wo, Wc = parameters['Wi'], parameters['Wf'], parameters['Wo'], parameters['Wc']
    d_prev = Wi.T@dit + Wf.T@dft + Wo.T@dot + Wc.T@dcct
    return {"dxt": d_prev[n_a:], "da_prev": d_prev[:n_a], "dc_prev": dc_next*ft + ot*(1.-np.tanh(c_next)**2)*ft*da_next,
            "dWf": dft@cat.T, "dWi": dit@cat.T, "dWc": dcct@cat.T, "dWo": dot@cat.T,
            "dbf": dft.sum(1, keepdims=True), "dbi": dit.sum(1, keepdims=True), "dbc": dcct.sum(1, keepdims=True), "dbo": dot.sum(1, keepdims=True)}
params = {'Wf': W['f'], 'Wi': W['i'], 'Wc': W['c'], 'Wo': W['o']}
def lstm_seq():
    a_ = a0; c_ = np.zeros((na, m)); cs = []; As = []
    for t in range(T):
        zz = np.vstack((a_, X[:, :, t])); f_ = sig(W['f']@zz+b['f']); i_ = sig(W['i']@zz+b['i']); cc_ = np.tanh(W['c']@zz+b['c'])
        cn = f_*c_ + i_*cc_; o_ = sig(W['o']@zz+b['o']); an = o_*np.tanh(cn)
        cs.append((an, cn, a_, c_, f_, i_, cc_, o_, X[:, :, t], params)); a_, c_ = an, cn; As.append(an)
    return As, cs
LS = lambda: sum((DA[:, :, t]*lstm_seq()[0][t]).sum() for t in range(T))
_, lc = lstm_seq()
keys = ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo']
tgt = {k: num(LS, params['W'+k[-1]] if k.startswith('dW') else b[k[-1]]) for k in keys}
dx_l = num(LS, X); da0_l = num(LS, a0)
def run(init_random, add_da, accumulate):
    r = np.random.default_rng(0)
    dx = np.zeros((nx, m, T)); da_prevt = r.random((na, m)) if init_random else np.zeros((na, m)); dc_prevt = r.random((na, m)) if init_random else np.zeros((na, m))
    acc = {k: np.zeros_like(tgt[k]) for k in keys}
    for t in reversed(range(T)):
        g = lstm_cell_backward(DA[:, :, t] + da_prevt if add_da else da_prevt, dc_prevt, lc[t], bug=False)
        da_prevt = g['da_prev']; dc_prevt = g['dc_prev']; dx[:, :, t] = g['dxt']
        for k in keys: acc[k] = acc[k] + g[k] if accumulate else g[k]
    return dx, acc, da_prevt
good = run(False, True, True)
assert close(good[0], dx_l) and all(close(good[1][k], tgt[k]) for k in keys) and close(good[2], da0_l)
res[190] = close(run(True, True, True)[0], dx_l); res[191] = res[190]            # random seeds -> wrong (expected False)
res[205] = close(run(False, False, True)[0], dx_l)                                # missing da[...,t] (expected False)
res[208] = close(good[0], dx_l); res[209] = res[208]; res[210] = res[208]; res[221] = close(good[2], da0_l)
ow = run(False, True, False)[1]
for ln, k in zip(range(211, 219), keys): res[ln] = close(ow[k], tgt[k])         # overwrite instead of += (expected False)
fails = {62, 139, 190, 191, 205} | set(range(211, 219))
for ln, ok in sorted(res.items()):
    assert bool(ok) == (ln not in fails), (ln, ok)
print("all %d verdicts confirmed; fails: %s" % (len(res), sorted(fails)))
