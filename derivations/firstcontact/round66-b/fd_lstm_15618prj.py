# Finite-difference check of lstm_15618prj.tex (yuangliu/15618prj lstm.tex). numpy only.
# Author's forward (lines 8-13), column vectors, W[NxM], U[NxN], b[N]. Loss is not stated in the
# source; line 33 (delta h_t += target_t - h_t) fixes it up to sign: E = 1/2 sum_t ||target_t - h_t||^2
# and delta X = -dE/dX (the "error signal" convention). All other lines are linear in delta, so
# they are judged the same under either sign. We print the line-33 check under both signs.
import numpy as np
rng = np.random.default_rng(0)
M, N, T = 3, 4, 5
sig = lambda a: 1/(1+np.exp(-a))
G = ['i', 'f', 'o', 'c']
P = {}
for g in G:
    P['W'+g] = rng.normal(size=(N, M))*0.7
    P['U'+g] = rng.normal(size=(N, N))*0.7
    P['b'+g] = rng.normal(size=N)*0.3
X = rng.normal(size=(T+1, M))          # x_1..x_T (index 0 unused)
TG = rng.normal(size=(T+1, N))*0.5     # target_t

def forward(P, pert=None):
    pert = pert or {}
    p = lambda k, t: pert.get((k, t), 0.0)
    h = {0: np.zeros(N)}; c = {0: np.zeros(N)}
    S = {}
    for t in range(1, T+1):
        pre = {g: P['W'+g]@X[t] + P['U'+g]@h[t-1] + P['b'+g] + p('pre'+g, t) for g in G}
        f = sig(pre['f']) + p('f', t)                      # line 8
        i = sig(pre['i']) + p('i', t)                      # line 9
        o = sig(pre['o']) + p('o', t)                      # line 10
        cp = np.tanh(pre['c']) + p('cp', t)                # line 11
        c[t] = f*c[t-1] + i*cp + p('c', t)                 # line 12
        h[t] = o*np.tanh(c[t]) + p('h', t)                 # line 13
        S[t] = dict(f=f, i=i, o=o, cp=cp, pre=pre)
    E = 0.5*sum(np.sum((TG[t]-h[t])**2) for t in range(1, T+1))
    return E, h, c, S

E0, h, c, S = forward(P)
eps = 1e-6
def fd_inter(k, t):
    g = np.zeros(N)
    for j in range(N):
        e = np.zeros(N); e[j] = eps
        g[j] = (forward(P, {(k, t): e})[0] - forward(P, {(k, t): -e})[0])/(2*eps)
    return g
def fd_param(name):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += eps; Ep = forward(Q)[0]
        Q[name][idx] -= 2*eps; Em = forward(Q)[0]
        g[idx] = (Ep-Em)/(2*eps)
    return g

ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rec(line, flag):
    res.setdefault(line, []).append(bool(flag))

# author's backward loop, exactly in the source order; delta = -dE/d(.)
tanhp = lambda z: 1-np.tanh(z)**2
dW = {g: np.zeros((N, M)) for g in G}; dU = {g: np.zeros((N, N)) for g in G}; db = {g: np.zeros(N) for g in G}
dh_carry = np.zeros(N)   # delta h_T = 0
dc_carry = np.zeros(N)   # delta c_T = 0
for t in range(T, 0, -1):
    s = S[t]
    dh = dh_carry + (TG[t] - h[t])                                   # line 33
    rec(33, ok(dh, -fd_inter('h', t)))
    do = dh*np.tanh(c[t])                                            # line 34
    rec(34, ok(do, -fd_inter('o', t)))
    dc = dc_carry + dh*s['o']*tanhp(c[t])                            # line 35
    rec(35, ok(dc, -fd_inter('c', t)))
    di = dc*s['cp']                                                  # line 36
    rec(36, ok(di, -fd_inter('i', t)))
    df = dc*c[t-1]                                                   # line 37
    rec(37, ok(df, -fd_inter('f', t)))
    dcp = dc*s['i']                                                  # line 38
    rec(38, ok(dcp, -fd_inter('cp', t)))
    dc_prev = dc*s['f']                                              # line 39 (carried part of delta c_{t-1})
    dhat_i = dc*s['cp']                                              # line 40
    rec(40, ok(dhat_i, -fd_inter('prei', t)))
    dhat_f = dc*c[t-1]                                               # line 41
    rec(41, ok(dhat_f, -fd_inter('pref', t)))
    dhat_c = dcp*(1-s['cp']**2)                                      # line 42
    rec(42, ok(dhat_c, -fd_inter('prec', t)))
    dhat_i = di*s['i']*(1-s['i'])                                    # line 43
    rec(43, ok(dhat_i, -fd_inter('prei', t)))
    dhat_f = df*s['f']*(1-s['f'])                                    # line 44
    rec(44, ok(dhat_f, -fd_inter('pref', t)))
    dhat_o = do*s['o']*(1-s['o'])                                    # line 45
    rec(45, ok(dhat_o, -fd_inter('preo', t)))
    dhat = dict(i=dhat_i, f=dhat_f, o=dhat_o, c=dhat_c)
    h_prev = h[t-1]
    for g in G:
        dW[g] += np.outer(dhat[g], X[t])                             # line 46 (per-step term, summed here)
        dU[g] += np.outer(dhat[g], h_prev)                           # line 47
        db[g] += dhat[g]                                             # line 48
    dh_carry = sum(P['U'+g].T@dhat[g] for g in G)                    # line 49
    if t > 1:
        rec(49, ok(dh_carry + (TG[t-1]-h[t-1]), -fd_inter('h', t-1)))
        # line 39 + line 35 at t-1 must give the total delta c_{t-1}
        rec(39, ok(dc_prev + (dh_carry + TG[t-1]-h[t-1])*S[t-1]['o']*tanhp(c[t-1]), -fd_inter('c', t-1)))
    dc_carry = dc_prev
for g in G:
    rec(46, ok(dW[g], -fd_param('W'+g)))
    rec(47, ok(dU[g], -fd_param('U'+g)))
    rec(48, ok(db[g], -fd_param('b'+g)))

# line 33 under the other sign convention (delta = +dE/d.) for information
alt = ok(TG[T]-h[T], fd_inter('h', T))
print("forward lines 8-13: implemented in forward(); E =", round(E0, 6))
for line in sorted(res):
    v = res[line]
    print(f"line {line}: {'AGREES' if all(v) else 'DISAGREES'} with FD ({sum(v)}/{len(v)} checks)")
print("info: line 33 read with delta = +dE/dh would", "agree" if alt else "disagree", "(sign only fixed by the error-signal convention)")
# line 41 "agrees" only at t=1, where c_0 = 0 makes both sides zero.
# size of the line-40 error at t=T: it lacks the factor i_t*(1-i_t)
print("line 40 / true dE/d(i_hat) at t=T (should be 1, is 1/(i(1-i))):",
      np.round(S[T]['cp']*0 + 1/(S[T]['i']*(1-S[T]['i'])), 2))
