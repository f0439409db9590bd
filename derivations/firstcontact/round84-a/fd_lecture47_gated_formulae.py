# FD check of lecture47_gated_formulae.md (unified gating Jacobians, GRU/LSTM identities). numpy only.
import numpy as np
rng = np.random.default_rng(0)
m, d, T = 4, 3, 6
sig = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(0, 0.7, s) for k, s in dict(Wxh=(m,d), Whh=(m,m), bh=(m,), Aa=(m,m), Ba=(m,d), ba=(m,), Ab=(m,m), Bb=(m,d), bb=(m,)).items()}
xs = rng.normal(size=(T+1, d))

def step(h, x, P):
    a = sig(P['Aa']@h + P['Ba']@x + P['ba'])      # alpha_t (a gate depending on h_{t-1})
    b = sig(P['Ab']@h + P['Bb']@x + P['bb'])      # beta_t
    ht = np.tanh(P['Wxh']@x + P['Whh']@h + P['bh'])  # line 16
    return a*h + b*ht, a, b, ht                    # line 12

def num_jac(f, h, eps=1e-6):
    J = np.zeros((m, m))
    for j in range(m):
        e = np.zeros(m); e[j] = eps
        J[:, j] = (f(h+e) - f(h-e))/(2*eps)
    return J

ok = lambda A, B: np.allclose(A, B, atol=1e-6)
# ---- line 49 / 53: single-step Jacobian
h0 = rng.normal(size=m)*0.5; x = xs[1]
hn, a, b, ht = step(h0, x, P)
dadh = (a*(1-a))[:, None]*P['Aa']; dbdh = (b*(1-b))[:, None]*P['Ab']
E = np.diag(b*(1-ht**2))@P['Whh'] + np.diag(h0)@dadh + np.diag(ht)@dbdh   # line 53 as written
J_author = np.diag(a) + E                                                 # line 49
J_fd = num_jac(lambda h: step(h, x, P)[0], h0)
print("line 49/53 single-step Jacobian diag(alpha)+E:", "PASS" if ok(J_author, J_fd) else "FAIL", np.abs(J_author-J_fd).max())

# ---- line 58: multi-step Jacobian as product of single-step Jacobians
def run(h, t0, t1, P):
    Js = []
    for k in range(t0+1, t1+1):
        hk, a, b, ht = step(h, xs[k], P)
        dadh = (a*(1-a))[:, None]*P['Aa']; dbdh = (b*(1-b))[:, None]*P['Ab']
        Js.append(np.diag(a) + np.diag(b*(1-ht**2))@P['Whh'] + np.diag(h)@dadh + np.diag(ht)@dbdh)
        h = hk
    return h, Js
t0, t1 = 1, T
hstart = rng.normal(size=m)*0.5
_, Js = run(hstart, t0, t1, P)
J_fd = num_jac(lambda h: run(h, t0, t1, P)[0], hstart)
J_later_left = np.eye(m)
for J in Js: J_later_left = J @ J_later_left      # J_T ... J_{t+1}
J_incr = np.eye(m)
for J in Js: J_incr = J_incr @ J                  # J_{t+1} ... J_T (literal left-to-right reading)
print("line 58 product, read as J_T...J_{t+1}:", "PASS" if ok(J_later_left, J_fd) else "FAIL")
print("line 58 product, read left-to-right J_{t+1}...J_T:", "PASS" if ok(J_incr, J_fd) else "FAIL (order matters; sheet's Pi is order-ambiguous)")

# ---- line 58 second equality and line 65: pure gating (gates independent of h, W_hh = 0)
Q = dict(P); Q['Whh'] = np.zeros((m,m)); Q['Aa'] = np.zeros((m,m)); Q['Ab'] = np.zeros((m,m))
alphas = {k: sig(Q['Ba']@xs[k] + Q['ba']) for k in range(T+1)}
J_fd = num_jac(lambda h: run(h, t0, t1, Q)[0], hstart)
diag_58 = np.diag(np.prod([alphas[k+1] for k in range(t0, t1)], axis=0))   # prod_{k=t}^{T-1} alpha_{k+1}
print("line 58 diag term prod alpha_{k+1}, k=t..T-1 (pure gating):", "PASS" if ok(diag_58, J_fd) else "FAIL")
diag_65 = np.diag(np.prod([alphas[k] for k in range(t0, t1)], axis=0))     # prod_{k=t}^{T-1} alpha_k (line 65)
print("line 65 transmission factor prod_{k=t}^{T-1} alpha_k (pure gating):", "PASS" if ok(diag_65, J_fd) else "FAIL (off by one: should be alpha_{t+1}..alpha_T)", np.abs(diag_65-J_fd).max())

# ---- GRU lines 28-31 fit the unified form with alpha=1-z, beta=z; line 66 bound
Wz,Uz,bz,Wr,Ur,br,Wh,Uh,bh = [rng.normal(0,1,s) for s in [(m,d),(m,m),(m,),(m,d),(m,m),(m,),(m,d),(m,m),(m,)]]
h = np.tanh(rng.normal(size=m)); bound_ok = True
for k in range(1, T+1):
    x = xs[k]; z = sig(Wz@x+Uz@h+bz); r = sig(Wr@x+Ur@h+br); hc = np.tanh(Wh@x+Uh@(r*h)+bh)
    hn = (1-z)*h + z*hc
    unified = (1-z)*h + (1-(1-z))*hc   # alpha = 1-z, beta = 1-alpha
    bound_ok &= np.max(np.abs(hn)) <= 1 + 1e-12 and np.allclose(hn, unified)
    h = hn
print("lines 28-31 GRU = unified with beta = 1-alpha; line 66 |h|<=1:", "PASS" if bound_ok else "FAIL")

# ---- LSTM lines 38-43 and boundary cases lines 73-74 (c_{t-1} -> c_t with gates held fixed)
c_prev = rng.normal(size=m); i = sig(rng.normal(size=m)); ct = np.tanh(rng.normal(size=m))
for fval, label in [(0.0, "line 73 f=0: c_t = i*ctilde"), (1.0, "line 74 f=1,i=0: c_t = c_{t-1}, dc_t/dc_{t-1} = I")]:
    f = np.full(m, fval); ii = i if fval == 0 else np.zeros(m)
    c = f*c_prev + ii*ct
    Jc = num_jac(lambda cp: f*cp + ii*ct, c_prev)
    good = np.allclose(c, ii*ct) if fval == 0 else (np.allclose(c, c_prev) and np.allclose(Jc, np.eye(m)))
    print(label, "PASS" if good else "FAIL")

# ---- line 19 vs 21: highway layer as the unified form with beta = 1 ?
xh = rng.normal(size=m); WT = rng.normal(size=(m,m)); bT = rng.normal(size=m); WH = rng.normal(size=(m,m))
Tg = sig(WT@xh + bT); Hx = np.tanh(WH@xh)
y21 = Tg*Hx + (1-Tg)*xh                      # line 21
y_beta1 = (1-Tg)*xh + 1.0*Hx                 # unified with alpha = carry gate 1-T and beta = 1 (line 19)
y_betaT = (1-Tg)*xh + Tg*Hx                  # unified with alpha = 1-T, beta = T
print("line 19 highway as unified with beta=1:", "PASS" if np.allclose(y21, y_beta1) else "FAIL (needs beta = T(x), alpha = 1-T(x))", "| beta=T reproduces line 21:", np.allclose(y21, y_betaT))
