"""FD check for lsubtil_lstm_step_by_step.md (Coursera-style LSTM, column layout (n, m)).
Loss used for the cell rows: L = sum(DA*a_next) + sum(DC*c_next), so da_next=DA, dc_next=DC
(dc_next = gradient reaching c_next from above, not through a_next)."""
import numpy as np
rng = np.random.default_rng(59)
sig = lambda z: 1/(1+np.exp(-z))
def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True)); return e/e.sum(axis=0, keepdims=True)
n_x, n_a, n_y, m = 3, 4, 2, 5
P = {k: rng.normal(size=(n_a, n_a+n_x))*0.7 for k in ["Wf","Wi","Wc","Wo"]}
P.update({k: rng.normal(size=(n_a,1))*0.3 for k in ["bf","bi","bc","bo"]})
P["Wy"] = rng.normal(size=(n_y,n_a)); P["by"] = rng.normal(size=(n_y,1))
xt = rng.normal(size=(n_x,m)); a_prev = rng.normal(size=(n_a,m))*0.5; c_prev = rng.normal(size=(n_a,m))
DA = rng.normal(size=(n_a,m)); DC = rng.normal(size=(n_a,m))
Z = np.zeros((n_a,m))

def cell(xt, a_prev, c_prev, P, ef=Z, ei=Z, ec=Z, eo=Z):
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sig(P["Wf"]@concat + P["bf"] + ef); it = sig(P["Wi"]@concat + P["bi"] + ei)
    cct = np.tanh(P["Wc"]@concat + P["bc"] + ec); c_next = ft*c_prev + it*cct
    ot = sig(P["Wo"]@concat + P["bo"] + eo); a_next = ot*np.tanh(c_next)
    return a_next, c_next, ft, it, cct, ot

def num(f, x, h=1e-6):
    g = np.zeros_like(x); it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = x[i]
        x[i] = o+h; fp = f(); x[i] = o-h; fm = f(); x[i] = o; g[i] = (fp-fm)/(2*h)
    return g
def L(*args, **kw):
    a, c = cell(*args, **kw)[:2]; return np.sum(DA*a) + np.sum(DC*c)
results = {}
def check(line, got, true, expect):
    ok = np.allclose(got, true, rtol=1e-5, atol=1e-7)
    assert ok == (expect == "pass"), (line, expect, np.abs(got-true).max())
    results[line] = expect

# ---- forward rows (11..33 markdown, 41..62 code) checked against an independent standard LSTM
concat = np.concatenate((a_prev, xt), axis=0)
a_next, c_next, ft, it, cct, ot = cell(xt, a_prev, c_prev, P)
zf = P["Wf"][:, :n_a]@a_prev + P["Wf"][:, n_a:]@xt + P["bf"]
zi = P["Wi"][:, :n_a]@a_prev + P["Wi"][:, n_a:]@xt + P["bi"]
zc = P["Wc"][:, :n_a]@a_prev + P["Wc"][:, n_a:]@xt + P["bc"]
zo = P["Wo"][:, :n_a]@a_prev + P["Wo"][:, n_a:]@xt + P["bo"]
ref_c = sig(zf)*c_prev + sig(zi)*np.tanh(zc); ref_a = sig(zo)*np.tanh(ref_c)
for ln, got, ref in [(11, ft, sig(zf)), (14, cct, np.tanh(zc)), (18, it, sig(zi)), (22, c_next, ref_c),
                     (26, ot, sig(zo)), (30, a_next, ref_a), (44, ft, sig(zf)), (47, it, sig(zi)),
                     (50, cct, np.tanh(zc)), (53, c_next, ref_c), (56, ot, sig(zo)), (59, a_next, ref_a)]:
    check(ln, got, ref, "pass")
yt = softmax(P["Wy"]@a_next + P["by"])
ez = np.exp(P["Wy"]@a_next + P["by"]); check(33, yt, ez/ez.sum(0), "pass"); check(62, yt, ez/ez.sum(0), "pass")
check(41, concat, np.vstack([a_prev, xt]), "pass")

# ---- true gradients of pre-activations by FD
ef, ei, ec, eo = Z.copy(), Z.copy(), Z.copy(), Z.copy()
g_f = num(lambda: L(xt, a_prev, c_prev, P, ef=ef), ef)
g_i = num(lambda: L(xt, a_prev, c_prev, P, ei=ei), ei)
g_c = num(lambda: L(xt, a_prev, c_prev, P, ec=ec), ec)
g_o = num(lambda: L(xt, a_prev, c_prev, P, eo=eo), eo)
gW = {k: num(lambda: L(xt, a_prev, c_prev, P), P[k]) for k in ["Wf","Wi","Wc","Wo","bf","bi","bc","bo"]}
g_aprev = num(lambda: L(xt, a_prev, c_prev, P), a_prev)
g_cprev = num(lambda: L(xt, a_prev, c_prev, P), c_prev)
g_xt = num(lambda: L(xt, a_prev, c_prev, P), xt)

da_next, dc_next = DA, DC
T2 = 1 - np.tanh(c_next)**2
# markdown rows 80..119
check(80, da_next*np.tanh(c_next)*ot*(1-ot), g_o, "pass")
rhs8 = (dc_next*it + ot*T2*it*da_next)*(1-cct**2)
check(82, cct, rhs8, "fail")          # LHS written as \widetilde{c} (the candidate) -> false as written
assert np.allclose(rhs8, g_c)         # the RHS itself is the correct dp~c
check(84, (dc_next*cct + ot*T2*cct*da_next)*it*(1-it), g_i, "pass")
check(86, (dc_next*c_prev + ot*T2*c_prev*da_next)*ft*(1-ft), g_f, "pass")
for ln, g, k in [(91, g_f, "Wf"), (93, g_i, "Wi"), (95, g_c, "Wc"), (97, g_o, "Wo")]:
    check(ln, g@concat.T, gW[k], "pass")
for ln, g, k in [(102, g_f, "bf"), (104, g_i, "bi"), (106, g_c, "bc"), (108, g_o, "bo")]:
    check(ln, g.sum(axis=1, keepdims=True), gW[k], "pass")
sl = lambda W: W[:, :n_a]; sx = lambda W: W[:, n_a:]
check(113, sl(P["Wf"]).T@g_f + sl(P["Wi"]).T@g_i + sl(P["Wc"]).T@g_c + sl(P["Wo"]).T@g_o, g_aprev, "pass")
check(116, dc_next*ft + ot*T2*ft*da_next, g_cprev, "pass")
check(119, sx(P["Wf"]).T@g_f + sx(P["Wi"]).T@g_i + sx(P["Wc"]).T@g_c + sx(P["Wo"]).T@g_o, g_xt, "pass")

# code rows 136..158, evaluated exactly as written
dot = da_next*np.tanh(c_next)*ot*(1-ot); check(136, dot, g_o, "pass")
dcct = (dc_next*it + ot*(1 - np.square(np.tanh(c_next))*it*da_next))*(1 - np.square(cct)); check(137, dcct, g_c, "fail")
dit = (dc_next*cct + ot*(1 - np.square(np.tanh(c_next))*cct*da_next))*it*(1 - it); check(138, dit, g_i, "fail")
dft = (dc_next*c_prev + ot*(1 - np.square(np.tanh(c_next))*c_prev*da_next))*ft*(1 - ft); check(139, dft, g_f, "fail")
# weight rows judged as formulas given the true gate gradients
dft, dit, dcct, dot = g_f, g_i, g_c, g_o
check(142, np.dot(dft, np.transpose(np.concatenate((a_prev, xt), axis=0))), gW["Wf"], "pass")
check(143, np.dot(dit, np.transpose(np.concatenate((a_prev, xt), axis=0))), gW["Wi"], "pass")
check(144, np.dot(dcct, np.transpose(np.concatenate((a_prev, xt), axis=0))), gW["Wc"], "pass")
check(145, np.dot(dot, np.transpose(np.concatenate((a_prev, xt), axis=0))), gW["Wo"], "pass")
check(146, np.sum(dft, axis=1, keepdims=True), gW["bf"], "pass")
check(147, np.sum(dit, axis=1, keepdims=True), gW["bi"], "pass")
check(148, np.sum(dcct, axis=1, keepdims=True), gW["bc"], "pass")
check(149, np.sum(dot, axis=1, keepdims=True), gW["bo"], "pass")
Wf, Wi, Wc, Wo = P["Wf"], P["Wi"], P["Wc"], P["Wo"]
check(152, np.dot(Wf[:,:n_a].transpose(), dft) + np.dot(Wi[:,:n_a].transpose(), dit) +
      np.dot(Wc[:,:n_a].transpose(), dcct) + np.dot(Wo[:,:n_a].transpose(), dot), g_aprev, "pass")
check(156, dc_next*ft + ot*(1 - np.square(np.tanh(c_next)))*ft*da_next, g_cprev, "pass")
check(158, np.dot(Wf[:,n_a:].transpose(), dft) + np.dot(Wi[:,n_a:].transpose(), dit) +
      np.dot(Wc[:,n_a:].transpose(), dcct) + np.dot(Wo[:,n_a:].transpose(), dot), g_xt, "pass")

# ---- sequence rows 178..192: L = sum_t sum(G[:,:,t]*a[:,:,t]); cell backward replaced by a correct one
T_x = 4
X = rng.normal(size=(n_x, m, T_x)); a0 = rng.normal(size=(n_a, m))*0.5; G = rng.normal(size=(n_a, m, T_x))
def seq_loss():
    a_n, c_n, tot = a0, np.zeros((n_a, m)), 0.0
    for t in range(T_x):
        a_n, c_n = cell(X[:, :, t], a_n, c_n, P)[:2]; tot += np.sum(G[:, :, t]*a_n)
    return tot
def good_cell_backward(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt = cache
    T2 = 1-np.tanh(c_next)**2; dcn = dc_next + da_next*ot*T2
    go = da_next*np.tanh(c_next)*ot*(1-ot); gc = dcn*it*(1-cct**2); gi = dcn*cct*it*(1-it); gf = dcn*c_prev*ft*(1-ft)
    cc = np.concatenate((a_prev, xt), 0)
    W = lambda k: P[k]
    return {"dWf": gf@cc.T, "dWi": gi@cc.T, "dWc": gc@cc.T, "dWo": go@cc.T,
            "dbf": gf.sum(1, keepdims=True), "dbi": gi.sum(1, keepdims=True), "dbc": gc.sum(1, keepdims=True), "dbo": go.sum(1, keepdims=True),
            "da_prev": sum(W(k)[:, :n_a].T@g for k, g in zip(["Wf","Wi","Wc","Wo"], [gf, gi, gc, go])),
            "dxt": sum(W(k)[:, n_a:].T@g for k, g in zip(["Wf","Wi","Wc","Wo"], [gf, gi, gc, go])),
            "dc_prev": dcn*ft}
caches = []; a_n, c_n = a0, np.zeros((n_a, m))
for t in range(T_x):
    ap, cp = a_n, c_n
    a_n, c_n, f_, i_, cc_, o_ = cell(X[:, :, t], ap, cp, P)
    caches.append((a_n, c_n, ap, cp, f_, i_, cc_, o_, X[:, :, t]))
da = G
dx = np.zeros((n_x, m, T_x)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
acc = {k: np.zeros_like(P[k[1:]]) for k in ["dWf","dWi","dWc","dWo","dbf","dbi","dbc","dbo"]}
for t in reversed(range(T_x)):
    gradients = good_cell_backward(da_prevt + da[:,:,t], dc_prevt, caches[t])   # row 178
    da_prevt = gradients['da_prev']; dc_prevt = gradients['dc_prev']; dx[:,:,t] = gradients['dxt']
    for k in acc: acc[k] += gradients[k]
da0 = da_prevt
for ln, k in [(183,"Wf"),(184,"Wi"),(185,"Wc"),(186,"Wo"),(187,"bf"),(188,"bi"),(189,"bc"),(190,"bo")]:
    check(ln, acc["d"+k], num(seq_loss, P[k]), "pass")
gX = num(seq_loss, X); ga0 = num(seq_loss, a0)
check(182, dx, gX, "pass"); check(192, da0, ga0, "pass")
check(178, da0, ga0, "pass"); check(180, da0, ga0, "pass"); check(181, dx, gX, "pass")
print(len(results), "rows;", sum(v == "fail" for v in results.values()), "fail")
print(sorted(results))
