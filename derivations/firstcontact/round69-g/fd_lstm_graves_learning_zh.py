# Finite-difference check shared by lstm_graves_learning_zh.md and lstm_gates_blog_zh.md.
# Graves peephole LSTM, one cell per block (C = H cells), component notation:
#   a_i = W_xi x + W_hi b_c^{t-1} + w_ci*s^{t-1};  a_f likewise with w_cf;  a_c = W_xc x + W_hc b_c^{t-1}
#   s = b_f*s^{t-1} + b_i*g(a_c);  a_o = W_xo x + W_ho b_c^{t-1} + w_co*s (current state);  b_c = b_o*h(s)
#   output a_k = W_ck b_c, softmax, cross-entropy summed over t.  f = sigmoid, g = h = tanh.
# Plain RNN part: a_h = W_ih x + W_hh b^{t-1}; b = tanh(a_h); a_k = W_hk b; softmax CE.
import numpy as np
rng = np.random.default_rng(0)
I, H, K, T = 3, 4, 5, 4
sig = lambda z: 1/(1+np.exp(-z)); fp = lambda z: sig(z)*(1-sig(z))
g = np.tanh; gp = lambda z: 1-np.tanh(z)**2; h = np.tanh; hp = gp
P = {n: rng.normal(0, .6, (H, I)) for n in ['xi', 'xf', 'xc', 'xo']}
P.update({n: rng.normal(0, .6, (H, H)) for n in ['hi', 'hf', 'hc', 'ho']})
P.update({n: rng.normal(0, .6, H) for n in ['ci', 'cf', 'co']})
Wk = rng.normal(0, .6, (K, H))
X = rng.normal(size=(T, I)); Y = rng.integers(0, K, T)
KEYS = ['ai', 'af', 'ac', 'ao', 's', 'bc']

def fwd(pert=None):
    pert = pert or {}
    s = np.zeros(H); b = np.zeros(H); L = 0; st = []
    for t in range(T):
        d = lambda k: pert.get((k, t), 0.)
        sp, bp = s, b
        ai = P['xi']@X[t] + P['hi']@bp + P['ci']*sp + d('ai')
        af = P['xf']@X[t] + P['hf']@bp + P['cf']*sp + d('af')
        ac = P['xc']@X[t] + P['hc']@bp + d('ac')
        s = sig(af)*sp + sig(ai)*g(ac) + d('s')
        ao = P['xo']@X[t] + P['ho']@bp + P['co']*s + d('ao')
        b = sig(ao)*h(s) + d('bc')
        ak = Wk@b; p = np.exp(ak-ak.max()); p /= p.sum()
        L += -np.log(p[Y[t]])
        dk = p.copy(); dk[Y[t]] -= 1
        st.append(dict(ai=ai, af=af, ac=ac, ao=ao, s=s, sp=sp, bc=b, dk=dk))
    return L, st

def fd(key, t, j, e=1e-6):
    v = np.zeros(H); v[j] = e
    return (fwd({(key, t): v})[0] - fwd({(key, t): -v})[0])/(2*e)

L0, st = fwd()
TR = {k: np.array([[fd(k, t, j) for j in range(H)] for t in range(T)]) for k in KEYS}
# true quantities: eps_c = dL/db_c (total), eps_s = dL/ds (total), delta_* = dL/da_* (total)
Z = np.zeros(H)
def nxt(k, t): return TR[k][t+1] if t+1 < T else Z
def stn(k, t): return st[t+1][k] if t+1 < T else Z

def report(name, f, truth_key):
    err = max(np.abs(f(t) - TR[truth_key][t]).max() for t in range(T))
    print(f"{name:60s} max|formula - FD| = {err:.2e}  -> {'AGREES' if err < 1e-5 else 'DISAGREES'}")

print("=== Graves peephole LSTM (one cell per block) ===")
# delta_g^{t+1} for all hidden-layer inputs g (gates and cell inputs) of next step, weighted by w_cg
def eps_c(t):
    out = Wk.T@st[t]['dk']
    for gk, wk in [('ai', 'hi'), ('af', 'hf'), ('ac', 'hc'), ('ao', 'ho')]:
        out = out + P[wk].T@nxt(gk, t)
    return out
report("eps_c = sum_k w_ck d_k + sum_g w_cg d_g^{t+1}", eps_c, 'bc')
report("eps_c ~ sum_k w_ck d_k (truncated, Graves' approx.)", lambda t: Wk.T@st[t]['dk'], 'bc')
report("delta_omega = f'(a_o) h(s) eps_c", lambda t: fp(st[t]['ao'])*h(st[t]['s'])*TR['bc'][t], 'ao')
exact_eps_s = lambda t: (sig(st[t]['ao'])*hp(st[t]['s'])*TR['bc'][t] + sig(stn('af', t))*nxt('s', t)
                         + P['co']*TR['ao'][t] + P['ci']*nxt('ai', t) + P['cf']*nxt('af', t))
report("eps_s, blog 'learning LSTM' (b_w h' eps_c + ... + w_ci d_i^{t+1} + ...)", exact_eps_s, 's')
report("eps_s, blog 'men de bianqian' (b_w h' [no eps_c] + ..., no w_ci term)",
       lambda t: (sig(st[t]['ao'])*hp(st[t]['s']) + sig(stn('af', t))*nxt('s', t)
                  + P['cf']*nxt('af', t) + P['co']*TR['ao'][t]), 's')
report("delta_c = b_i g'(a_c) eps_s   (Graves / 'men de bianqian')",
       lambda t: sig(st[t]['ai'])*gp(st[t]['ac'])*TR['s'][t], 'ac')
report("delta_c = eps_c b_i g'(a_c)   ('learning LSTM' as written)",
       lambda t: TR['bc'][t]*sig(st[t]['ai'])*gp(st[t]['ac']), 'ac')
report("delta_phi = f'(a_f) s^{t-1} eps_s", lambda t: fp(st[t]['af'])*st[t]['sp']*TR['s'][t], 'af')
report("delta_iota = f'(a_i) g(a_c^t) eps_s   ('men de bianqian')",
       lambda t: fp(st[t]['ai'])*g(st[t]['ac'])*TR['s'][t], 'ai')
def di_prev(t):
    acp = st[t-1]['ac'] if t > 0 else np.zeros(H)   # a_c^{t-1}; a_c^0 := 0 for t = 1
    return fp(st[t]['ai'])*g(acp)*TR['s'][t]
report("delta_iota = f'(a_i) g(a_c^{t-1}) eps_s ('learning LSTM' as written)", di_prev, 'ai')

print("=== forward identities (recomputed) ===")
ok = all(np.allclose(st[t]['s'], sig(st[t]['af'])*st[t]['sp'] + sig(st[t]['ai'])*g(st[t]['ac'])) for t in range(T))
print("s_c^t = b_phi s^{t-1} + b_iota g(a_c), b_c = b_omega h(s): consistent =", ok)

print("=== plain RNN of 'learning LSTM' (tanh hidden, softmax CE) ===")
Wih = rng.normal(0, .6, (H, I)); Whh = rng.normal(0, .6, (H, H)); Whk = rng.normal(0, .6, (K, H))
def rfwd(Wih=Wih, Whh=Whh, pa=None):
    b = np.zeros(H); L = 0; rec = []
    for t in range(T):
        a = Wih@X[t] + Whh@b + (pa[t] if pa is not None else 0); bp = b; b = np.tanh(a)
        ak = Whk@b; p = np.exp(ak-ak.max()); p /= p.sum(); L += -np.log(p[Y[t]])
        dk = p.copy(); dk[Y[t]] -= 1; rec.append((a, bp, b, dk))
    return L, rec
_, rec = rfwd()
dh_fd = np.zeros((T, H))
for t in range(T):
    for j in range(H):
        pa = np.zeros((T, H)); pa[t, j] = 1e-6
        dh_fd[t, j] = (rfwd(pa=pa)[0]-rfwd(pa=-pa)[0])/2e-6
dh_f = np.array([gp(rec[t][0])*(Whk.T@rec[t][3] + (Whh.T@dh_fd[t+1] if t+1 < T else 0)) for t in range(T)])
print(f"delta_h^t = th'(a_h)(sum_k d_k w_hk + sum_h' d_h'^(t+1) w_hh'): max err {np.abs(dh_f-dh_fd).max():.2e}")
gWih = sum(np.outer(dh_fd[t], X[t]) for t in range(T))
gWhh_prev = sum(np.outer(dh_fd[t], rec[t][1]) for t in range(T))
def fdW(which):
    G = np.zeros_like(Wih if which == 'ih' else Whh)
    for idx in np.ndindex(G.shape):
        E = np.zeros_like(G); E[idx] = 1e-6
        if which == 'ih': G[idx] = (rfwd(Wih=Wih+E)[0]-rfwd(Wih=Wih-E)[0])/2e-6
        else: G[idx] = (rfwd(Whh=Whh+E)[0]-rfwd(Whh=Whh-E)[0])/2e-6
    return G
print(f"dL/dw_ih = sum_t delta_h^t x_i^t: max err {np.abs(gWih-fdW('ih')).max():.2e}")
print(f"dL/dw_h'h = sum_t delta_h^t b_h'^(t-1) (b_i = output of the sending unit): max err {np.abs(gWhh_prev-fdW('hh')).max():.2e}")

print("=== 'learning LSTM' lines 135-139 as written (paths via a_iota^t, a_phi^t, which do not depend on s_c^t) ===")
report("eps_s = b_o h' eps_c + b_phi^{t+1} eps_s^{t+1} + w_co d_o^t + 0 + 0",
       lambda t: sig(st[t]['ao'])*hp(st[t]['s'])*TR['bc'][t] + sig(stn('af', t))*nxt('s', t) + P['co']*TR['ao'][t], 's')
