# FD check of zh_gate_design_space_lstm.md (column vectors, gates = sigma(W [h_{t-1}, x_t] + b))
import numpy as np
rng = np.random.default_rng(1)
H, D, eps = 4, 3, 1e-6
sig = lambda z: 1/(1+np.exp(-z))
def ok(a, b, tol=1e-5): return np.allclose(a, b, atol=tol, rtol=1e-4)
def jac(fun, v):
    v = v.astype(float); f0 = fun(v); J = np.zeros((f0.size, v.size))
    for k in range(v.size):
        vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        J[:, k] = (fun(vp) - fun(vm)).ravel()/(2*eps)
    return J
Wf, Wi, Wo, WC = [rng.normal(size=(H, H+D)) for _ in range(4)]
bf, bi, bo, bC = [rng.normal(size=H) for _ in range(4)]
p = rng.normal(size=H)   # forget-gate peephole weights, only for the line-23 variant
def cell(h, x, C, peep=False, coupled=False):
    u = np.concatenate([h, x])
    f = sig(Wf@u + bf + (p*C if peep else 0)); i = sig(Wi@u + bi); o = sig(Wo@u + bo); Ct = np.tanh(WC@u + bC)
    if coupled: f = 1 - i
    Cn = f*C + i*Ct; hn = o*np.tanh(Cn)
    return dict(f=f, i=i, o=o, Ct=Ct, C=Cn, h=hn)
res = {}
h, x, C = rng.normal(size=H), rng.normal(size=D), rng.normal(size=H)
s = cell(h, x, C)
# lines 10-12: decomposition equals config A forward
C1 = s['f']*C; C2 = C1 + s['i']*s['Ct']
res['L10-12 decomposition == C_t, h_t'] = ok(C2, s['C']) and ok(s['o']*np.tanh(C2), s['h'])
JC = jac(lambda c: cell(h, x, c)['C'], C)
res['L29/L35/L41 dC_t/dC_{t-1} = f_t (h_{t-1} fixed)'] = ok(np.diag(s['f']), JC)
sp = cell(h, x, C, peep=True)
fprime = sp['f']*(1 - sp['f'])*p
res['L23 f_t + C_{t-1} df_t/dC_{t-1} (forget peephole variant)'] = ok(np.diag(sp['f'] + C*fprime), jac(lambda c: cell(h, x, c, peep=True)['C'], C))
sc = cell(h, x, C, coupled=True)
res['L83/L89 coupled: dC_t/dC_{t-1} = 1 - i_t'] = ok(np.diag(1 - sc['i']), jac(lambda c: cell(h, x, c, coupled=True)['C'], C))
# line 55 triangle inequality (config B)
Cb = C + s['i']*s['Ct']
res['L55 ||C_t|| >= ||C_{t-1}|| - ||i*Ct||'] = np.linalg.norm(Cb) >= np.linalg.norm(C) - np.linalg.norm(s['i']*s['Ct'])
# lines 169/175: product of forget gates vs total dC_t/dC_k over 3 steps
X = rng.normal(size=(4, D))
def run(Ck, freeze=None):
    hh, CC = h, Ck; st_list = []
    for t in range(1, 4):
        st = cell(hh, X[t], CC)
        if freeze is not None:
            g = freeze[t-1]; CC = g['f']*CC + g['i']*g['Ct']; hh = g['o']*np.tanh(CC)
        else:
            hh, CC = st['h'], st['C']
        st_list.append(st)
    return CC, st_list
_, nom = run(C)
Pf = np.diag(np.prod([g['f'] for g in nom], axis=0))
res['L169/L175 prod f == cell-path Jacobian (gates frozen)'] = ok(Pf, jac(lambda c: run(c, freeze=nom)[0], C))
res['   info: prod f == total dC_t/dC_k (h-paths included)'] = ok(Pf, jac(lambda c: run(c)[0], C))
# line 185 lemma 3.2: dh_t/dh_{t-1}
h_prev_C = rng.normal(size=H)                          # C_{t-2}
s_prev = cell(rng.normal(size=H), X[0], h_prev_C)       # step t-1 gives o_{t-1}, C_{t-1}, h_{t-1}
hpm, Cpm, o_prev = s_prev['h'], s_prev['C'], s_prev['o']
st = cell(hpm, X[1], Cpm)
claimed = np.diag(st['o']*(1 - np.tanh(st['C'])**2)*st['f']*o_prev)
Jpart = jac(lambda hv: cell(hv, X[1], Cpm)['h'], hpm)   # partial, C_{t-1} held fixed (h_{t-1} is an input of step t)
res['L185 lemma 3.2 vs partial dh_t/dh_{t-1} (C_{t-1} fixed)'] = ok(claimed, Jpart)
# even the c-path-only chain dh_t/dC_t * dC_t/dC_{t-1} * dC_{t-1}/dh_{t-1}: C_{t-1} does not depend on h_{t-1}
res['L192/L193 chain through dC_{t-1}/dh_{t-1}: that factor is 0 in the graph, so chain = 0 != partial'] = ok(np.zeros((H, H)), Jpart)
# direct part of the line-193 prefactor: dh_t/dC_t = diag(o_t (1 - tanh^2 C_t))
res['   info: dh_t/dC_t = diag(o_t(1-tanh^2 C_t))'] = ok(np.diag(st['o']*(1-np.tanh(st['C'])**2)), jac(lambda c: st['o']*np.tanh(c), st['C']))
for k, v in res.items(): print(('AGREE   ' if v else 'DIFFER  ') + k)
