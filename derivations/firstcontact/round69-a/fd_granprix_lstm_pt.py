# Finite-difference check of granprix_lstm_pt.md (gran-prix BREAKDOWN_LSTM_COMPLETE.md, Portuguese).
# LSTM forward as in sections 6 / 13.1: concat = [h_{t-1}; x_t], f,i,o = sigma(W_g concat + b_g),
# C~ = tanh(W_C concat + b_C), C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t), yhat_t = W_y h_t + b_y,
# L = sum_t L_t with L_t = 0.5*||yhat_t - y_t||^2 (section 11.2: "ex: MSE").
import numpy as np
rng = np.random.default_rng(3)
D, H, T, K = 3, 4, 5, 2
def R(*s, sc=.6): return rng.normal(0, sc, s)
P = {g: R(H, H + D) for g in 'fiCo'}; B = {g: R(H, 1, sc=.2) for g in 'fiCo'}
Wy, by = R(K, H), R(K, 1, sc=.2)
X = [R(D, 1) for _ in range(T)]; Y = [R(K, 1) for _ in range(T)]
h0, C0 = R(H, 1, sc=.3), R(H, 1, sc=.3)
sig = lambda a: 1 / (1 + np.exp(-a))
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

def forward(P, dC=None, dh_in=None, per_step_loss=True):
    """dC: (t, vec) added to C_t; dh_in: (t, gate, vec) added to h_{t-1} only inside gate g's input."""
    h, C = h0, C0; cache = []; L = 0.0
    for t in range(T):
        hin = {g: h for g in 'fiCo'}
        if dh_in is not None and dh_in[0] == t: hin[dh_in[1]] = h + dh_in[2]
        cat = {g: np.vstack([hin[g], X[t]]) for g in 'fiCo'}
        f = sig(P['f'] @ cat['f'] + B['f']); i = sig(P['i'] @ cat['i'] + B['i'])
        Ct = np.tanh(P['C'] @ cat['C'] + B['C']); o = sig(P['o'] @ cat['o'] + B['o'])
        Cn = f * C + i * Ct
        if dC is not None and dC[0] == t: Cn = Cn + dC[1]
        hn = o * np.tanh(Cn)
        yhat = Wy @ hn + by
        if per_step_loss or t == T - 1: L += 0.5 * ((yhat - Y[t]) ** 2).sum().item()
        cache.append(dict(cat=np.vstack([h, X[t]]), f=f, i=i, Ct=Ct, o=o, C=Cn, Cp=C, h=hn, hp=h, yhat=yhat))
        h, C = hn, Cn
    return L, cache

def fd(fun, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = fun(); A[idx] = old - eps; fm = fun(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

L, cache = forward(P)
FD = {g: fd(lambda: forward(P)[0], P[g]) for g in 'fiCo'}

def author_loop(add_local_term):
    """Section 13 backward pass (lines 179-199), reading the dh_{t-1} line in its most favourable way:
    dh_t/dh_{t-1} = the path through o_t (C_t held fixed) and dC_t/dh_{t-1} = the paths through f_t, i_t, C~_t."""
    G = {g: np.zeros_like(P[g]) for g in 'fiCo'}
    dh = Wy.T @ (cache[T-1]['yhat'] - Y[T-1])                              # line 179: dL/dh_T = dL_T/dh_T
    dC_next = np.zeros((H, 1)); f_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        c = cache[t]; th = np.tanh(c['C'])
        do_pre = dh * th * c['o'] * (1 - c['o'])
        G['o'] += do_pre @ c['cat'].T                                       # line 184
        dC = dh * c['o'] * (1 - th ** 2) + dC_next * f_next                 # lines 180 / 187
        df_pre = dC * c['Cp'] * c['f'] * (1 - c['f']); G['f'] += df_pre @ c['cat'].T   # line 190
        di_pre = dC * c['Ct'] * c['i'] * (1 - c['i']); G['i'] += di_pre @ c['cat'].T   # line 193
        dCt_pre = dC * c['i'] * (1 - c['Ct'] ** 2); G['C'] += dCt_pre @ c['cat'].T      # line 196
        dh = (P['o'][:, :H].T @ do_pre                                      # line 199: dL/dh_t * dh_t/dh_{t-1}
              + P['f'][:, :H].T @ df_pre + P['i'][:, :H].T @ di_pre + P['C'][:, :H].T @ dCt_pre)  # + dL/dC_t * dC_t/dh_{t-1}
        if add_local_term and t > 0:
            dh = dh + Wy.T @ (cache[t-1]['yhat'] - Y[t-1])                  # the missing dL_{t-1}/dh_{t-1}
        dC_next, f_next = dC, c['f']
    return G

Ga = author_loop(False)
print("== Section 13 loop (lines 179-199), L = sum_t L_t ==")
for g in 'fiCo':
    print(f"  dL/dW_{g} from the loop as published vs FD: agree = {ok(Ga[g], FD[g])}")
Gc = author_loop(True)
for g in 'fiCo':
    print(f"  same loop + local dL_(t-1)/dh_(t-1) in line 199: agree = {ok(Gc[g], FD[g])}")
Lt, _ = forward(P, per_step_loss=False)
FD_T = {g: fd(lambda: forward(P, per_step_loss=False)[0], P[g]) for g in 'fiCo'}
# with a loss on the last step only the published loop is right (shows the per-step/lines 184-196 are fine)
cache_T = cache
def loop_lastonly():
    G = {g: np.zeros_like(P[g]) for g in 'fiCo'}
    dh = Wy.T @ (cache[T-1]['yhat'] - Y[T-1]); dC_next = np.zeros((H, 1)); f_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        c = cache[t]; th = np.tanh(c['C'])
        do_pre = dh * th * c['o'] * (1 - c['o']); G['o'] += do_pre @ c['cat'].T
        dC = dh * c['o'] * (1 - th ** 2) + dC_next * f_next
        df_pre = dC * c['Cp'] * c['f'] * (1 - c['f']); G['f'] += df_pre @ c['cat'].T
        di_pre = dC * c['Ct'] * c['i'] * (1 - c['i']); G['i'] += di_pre @ c['cat'].T
        dCt_pre = dC * c['i'] * (1 - c['Ct'] ** 2); G['C'] += dCt_pre @ c['cat'].T
        dh = P['o'][:, :H].T @ do_pre + P['f'][:, :H].T @ df_pre + P['i'][:, :H].T @ di_pre + P['C'][:, :H].T @ dCt_pre
        dC_next, f_next = dC, c['f']
    return G
Gl = loop_lastonly()
print("  (control) same loop when only L_T is present: agree =", all(ok(Gl[g], FD_T[g]) for g in 'fiCo'))

print("== Section 12 (lines 128-156) with the TOTAL dL/dh_t ==")
# total dL/dh_t from FD on the hidden state fed forward: perturb h_t by perturbing C? use exact total via corrected loop
def totals():
    dhs, dCs = {}, {}
    dh = Wy.T @ (cache[T-1]['yhat'] - Y[T-1]); dC_next = np.zeros((H, 1)); f_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        c = cache[t]; th = np.tanh(c['C']); dhs[t] = dh
        dC = dh * c['o'] * (1 - th ** 2) + dC_next * f_next; dCs[t] = dC      # line 136
        do_pre = dh * th * c['o'] * (1 - c['o']); df_pre = dC * c['Cp'] * c['f'] * (1 - c['f'])
        di_pre = dC * c['Ct'] * c['i'] * (1 - c['i']); dCt_pre = dC * c['i'] * (1 - c['Ct'] ** 2)
        dh = P['o'][:, :H].T @ do_pre + P['f'][:, :H].T @ df_pre + P['i'][:, :H].T @ di_pre + P['C'][:, :H].T @ dCt_pre
        if t > 0: dh = dh + Wy.T @ (cache[t-1]['yhat'] - Y[t-1])
        dC_next, f_next = dC, c['f']
    return dhs, dCs
dhs, dCs = totals()
for t in [1, 3]:
    v = np.zeros((H, 1))
    num = fd(lambda: forward(P, dC=(t, v))[0], v)
    print(f"  line 136 dL/dC_t (t={t}) = dL/dh_t o(1-tanh^2) + dL/dC_(t+1) f_(t+1), vs FD on C_t: agree = {ok(dCs[t], num)}")
W = {g: sum(((dCs[t] * (cache[t]['Cp'] if g == 'f' else cache[t]['Ct'] if g == 'i' else cache[t]['i'])
              * (cache[t][g] * (1 - cache[t][g]) if g in 'fi' else (1 - cache[t]['Ct'] ** 2))) @ cache[t]['cat'].T) for t in range(T))
     for g in 'fiC'}
W['o'] = sum(((dhs[t] * np.tanh(cache[t]['C']) * cache[t]['o'] * (1 - cache[t]['o'])) @ cache[t]['cat'].T) for t in range(T))
for g, ln in zip('fiCo', [143, 150, 153, 156]):
    print(f"  line {ln} dL/dW_{g} = sum_t (...) [h_(t-1), x_t] (outer product) vs FD: agree = {ok(W[g], FD[g])}")

print("== Section 5.1 (lines 33, 36): vanilla RNN h_t = tanh(W_h h_(t-1) + W_x x_t + b), loss on h_T only ==")
Wh_, Wx_, b_ = R(H, H), R(H, D), R(H, 1, sc=.2); a_T = R(H, 1)
def rnn(Wh_, h0=h0):
    hs = [h0]; As = []
    for t in range(T):
        a = Wh_ @ hs[-1] + Wx_ @ X[t] + b_; As.append(a); hs.append(np.tanh(a))
    return hs, As
LT = lambda: (a_T.T @ rnn(Wh_)[0][-1]).item()          # L = a^T h_T, dL/dh_T = a
hs, As = rnn(Wh_)
def J(k): return np.diag((1 - np.tanh(As[k]) ** 2).ravel()) @ Wh_     # line 36 factor: tanh'(.) W_h
t0 = 1
prodJ = np.eye(H)
for k in range(T - 1, t0, -1): prodJ = prodJ @ J(k)
eps = 1e-6; numJ = np.zeros((H, H))
for j in range(H):
    def hT_from(ht):
        h = ht
        for t in range(t0 + 1, T):
            h = np.tanh(Wh_ @ h + Wx_ @ X[t] + b_)
        return h
    e = np.zeros((H, 1)); e[j] = eps
    numJ[:, j] = ((hT_from(hs[t0 + 1] + e) - hT_from(hs[t0 + 1] - e)) / (2 * eps)).ravel()
print("  line 36 prod_k tanh'(W_h h_(k-1)+...) W_h = dh_T/dh_(t) (Jacobian):", ok(prodJ, numJ))
expr33 = np.zeros((1, H))
for t in range(T):
    g = a_T.T
    for k in range(T - 1, t, -1): g = g @ J(k)
    expr33 += g                                                       # author's summand: dL/dh_T prod dh_k/dh_(k-1)
num_dW = fd(LT, Wh_)
print(f"  line 33 RHS sum_t dL/dh_T prod dh_k/dh_(k-1) has shape {expr33.shape}, dL/dW has shape {num_dW.shape}: cannot be equal")
corr = np.zeros((H, H))
for t in range(T):
    g = a_T.T
    for k in range(T - 1, t, -1): g = g @ J(k)
    corr += ((g.T) * (1 - np.tanh(As[t]) ** 2)) @ hs[t].T          # missing factor dh_t/dW (immediate partial)
print("  line 33 with the missing immediate factor dh_t/dW restored vs FD:", ok(corr, num_dW))

print("== Section 17 code (lines 298-318), PyTorch row layout: z = concat @ W.T + b, concat = [h_prev, x] ==")
Nb = 2
Wl = {g: R(H, H + D) for g in 'fiCo'}; bl = {g: R(H, sc=.2) for g in 'fiCo'}
xb, hpb, Cpb, gh, gC = R(Nb, D), R(Nb, H), R(Nb, H), R(Nb, H), R(Nb, H)
def cell(Wl, hp=hpb, Cp=Cpb, hin=None):
    hin = hin or {}
    cat = {g: np.hstack([hin.get(g, hp), xb]) for g in 'fiCo'}
    f = sig(cat['f'] @ Wl['f'].T + bl['f']); i = sig(cat['i'] @ Wl['i'].T + bl['i'])
    Ct = np.tanh(cat['C'] @ Wl['C'].T + bl['C']); o = sig(cat['o'] @ Wl['o'].T + bl['o'])
    C = f * Cp + i * Ct; h = o * np.tanh(C)
    return h, C, dict(f=f, i=i, Ct=Ct, o=o, concat=np.hstack([hp, xb]))
Lc = lambda Wl=Wl, **kw: float((gh * cell(Wl, **kw)[0]).sum() + (gC * cell(Wl, **kw)[1]).sum())  # upstream dL/dh = gh, dL/dC(next-state path) = gC
h, C, c = cell(Wl); o, f, i, Ct, concat = c['o'], c['f'], c['i'], c['Ct'], c['concat']
dL_dh = gh
dL_do = dL_dh * np.tanh(C)                                                 # line 298
dL_dC_curr = dL_dh * o * (1 - np.tanh(C) ** 2) + gC                        # line 302 (gC plays dL_dC_next * f_next)
num_C = fd(lambda: (gh * (o * np.tanh(Cv))).sum() + (gC * Cv).sum(), Cv := C.copy())
print("  line 302 dL_dC_curr vs FD (C perturbed):", ok(dL_dC_curr, num_C))
dL_df = dL_dC_curr * Cpb; dL_di = dL_dC_curr * Ct; dL_dC_tilde = dL_dC_curr * i     # lines 305, 309, 313
for name, expr in [('line 299 dL_dW_o = dL_do * o * (1 - o) * concat', lambda: dL_do * o * (1 - o) * concat),
                   ('line 306 dL_dW_f = dL_df * f * (1 - f) * concat', lambda: dL_df * f * (1 - f) * concat),
                   ('line 310 dL_dW_i = dL_di * i * (1 - i) * concat', lambda: dL_di * i * (1 - i) * concat),
                   ('line 314 dL_dW_C = dL_dC_tilde * (1 - C_tilde**2) * concat', lambda: dL_dC_tilde * (1 - Ct ** 2) * concat)]:
    try:
        v = expr(); print(f"  {name}: shape {v.shape} vs W_o {Wl['o'].shape}")
    except ValueError as e:
        print(f"  {name}: numpy error -> {e}")
num_Wo = fd(lambda: Lc(), Wl['o'])
print("  (dL_do*o*(1-o)).T @ concat (outer product) vs FD for W_o:", ok((dL_do * o * (1 - o)).T @ concat, num_Wo))
num_Wf = fd(lambda: Lc(), Wl['f'])
print("  lines 305-306: (dL_df*f*(1-f)).T @ concat vs FD for W_f:", ok((dL_df * f * (1 - f)).T @ concat, num_Wf))
print("  lines 309-310: (dL_di*i*(1-i)).T @ concat vs FD for W_i:", ok((dL_di * i * (1 - i)).T @ concat, fd(lambda: Lc(), Wl['i'])))
print("  lines 313-314: (dL_dC_tilde*(1-C_tilde^2)).T @ concat vs FD for W_C:", ok((dL_dC_tilde * (1 - Ct ** 2)).T @ concat, fd(lambda: Lc(), Wl['C'])))
# line 317: h_prev contribution through the o-gate and through the f-gate
for g, term, lab in [('o', dL_dh @ Wl['o'][:, :H], 'dL_dh @ W_o[:, :hidden_size]'),
                     ('f', dL_dC_curr @ Wl['f'][:, :H], 'dL_dC_curr @ W_f[:, :hidden_size]')]:
    v = np.zeros((Nb, H))
    num = fd(lambda: Lc(hin={g: hpb + v}), v)
    right = (dL_do * o * (1 - o) if g == 'o' else dL_dC_curr * Cpb * f * (1 - f)) @ Wl[g][:, :H]
    print(f"  line 317 term {lab} vs FD of the h_prev path through gate {g}: agree = {ok(term, num)}; "
          f"with the pre-activation gradient instead: agree = {ok(right, num)}")
v = np.zeros((Nb, H))
print("  line 318 dL_dC_prev = dL_dC_curr * f vs FD:", ok(dL_dC_curr * f, fd(lambda: Lc(Cp=Cpb + v), v)))
