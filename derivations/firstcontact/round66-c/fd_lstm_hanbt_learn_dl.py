# Finite-difference check of lstm_hanbt_learn_dl.py (hanbingtao learn_dl LSTM, column vectors).
# Forward (author): net_g = W_gh h_{t-1} + W_gx x_t + b_g ; f,i,o = sigmoid(net), ct = tanh(net_c)
# c_t = f*c_{t-1} + i*ct ; h_t = o*tanh(c_t).  Loss as in the author's gradient_check: E = sum(h_T),
# so delta_h (upstream) = ones at the last step only.  delta_g := dE/dnet_g (the tutorial's error terms).
import numpy as np
rng = np.random.default_rng(1)
Dx, H, T = 3, 2, 3
sig = lambda a: 1/(1+np.exp(-a))
P = {}
for g in 'fioc':
    P['W%sh' % g] = rng.uniform(-1, 1, (H, H)); P['W%sx' % g] = rng.uniform(-1, 1, (H, Dx)); P['b%s' % g] = rng.uniform(-1, 1, (H, 1))
X = [rng.normal(size=(Dx, 1)) for _ in range(T)]

def forward(P, pert=None):
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); S = {k: [None] for k in ['f', 'i', 'o', 'ct', 'c', 'h']}
    S['c'][0] = c; S['h'][0] = h
    for t in range(1, T+1):
        x = X[t-1]; acts = {}
        for g in 'fioc':
            net = P['W%sh' % g] @ h + P['W%sx' % g] @ x + P['b%s' % g]
            if pert is not None and pert[0] == (g, t): net = net + pert[1]
            acts[g] = np.tanh(net) if g == 'c' else sig(net)
        c = acts['f'] * c + acts['i'] * acts['c']; h = acts['o'] * np.tanh(c)
        S['f'].append(acts['f']); S['i'].append(acts['i']); S['o'].append(acts['o']); S['ct'].append(acts['c'])
        S['c'].append(c); S['h'].append(h)
    return float(h.sum()), S

E, S = forward(P)
eps = 1e-6
def fd_net(g, t):
    out = np.zeros((H, 1))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps
        out[j] = (forward(P, ((g, t), e))[0] - forward(P, ((g, t), -e))[0]) / (2*eps)
    return out
def fd_param(name):
    A = P[name]; G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        A[idx] += eps; Ep = forward(P)[0]; A[idx] -= 2*eps; Em = forward(P)[0]; A[idx] += eps
        G[idx] = (Ep - Em) / (2*eps)
    return G
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)

# ---- author's backward, transcribed (calc_delta / calc_delta_k / calc_gradient / calc_gradient_t)
dh = [np.zeros((H, 1)) for _ in range(T+1)]; dlt = {k: [np.zeros((H, 1)) for _ in range(T+1)] for k in ['o', 'i', 'f', 'ct']}
dh[-1] = np.ones((H, 1))                                    # L123 delta_h_list[-1] = delta_h
dhp_formula_ok = []
for k in range(T, 0, -1):
    ig, og, fg, ct, c, c_prev = S['i'][k], S['o'][k], S['f'][k], S['ct'][k], S['c'][k], S['c'][k-1]
    tanh_c = np.tanh(c); dk = dh[k]
    d_o = dk * tanh_c * og*(1-og)                                       # L155
    d_f = dk * og * (1 - tanh_c*tanh_c) * c_prev * fg*(1-fg)            # L157
    d_i = dk * og * (1 - tanh_c*tanh_c) * ct * ig*(1-ig)                # L160
    d_ct = dk * og * (1 - tanh_c*tanh_c) * ig * (1 - ct*ct)             # L163
    dhp = (d_o.T @ P['Woh'] + d_i.T @ P['Wih'] + d_f.T @ P['Wfh'] + d_ct.T @ P['Wch']).T   # L166
    # L166 as a formula: with the TRUE gate deltas it must give the true dE/dh_{k-1}
    true = {g: fd_net(g, k) for g in 'fioc'}
    dhp_true_from_true = (true['o'].T @ P['Woh'] + true['i'].T @ P['Wih'] + true['f'].T @ P['Wfh'] + true['c'].T @ P['Wch']).T
    dhp_formula_ok.append(dhp_true_from_true)
    dh[k-1] = dhp; dlt['o'][k], dlt['f'][k], dlt['i'][k], dlt['ct'][k] = d_o, d_f, d_i, d_ct

res = {}
def rep(line, ok, what): res[line] = ok; print(f"L{line:4d} {'AGREES ' if ok else 'DIFFERS'}  {what}")
# Judge each delta formula with the TRUE upstream gradient dE/dh_k (finite differences), so that an
# error propagated from a later step is not blamed on a correct formula.
def true_dh(k):
    if k == T: return np.ones((H, 1))
    return fd_h_prev(k+1)
def formulas(k, dk):
    ig, og, fg, ct, c, c_prev = S['i'][k], S['o'][k], S['f'][k], S['ct'][k], S['c'][k], S['c'][k-1]
    tanh_c = np.tanh(c)
    return {'o': dk * tanh_c * og*(1-og),
            'f': dk * og * (1 - tanh_c*tanh_c) * c_prev * fg*(1-fg),
            'i': dk * og * (1 - tanh_c*tanh_c) * ct * ig*(1-ig),
            'c': dk * og * (1 - tanh_c*tanh_c) * ig * (1 - ct*ct)}
# L166 formula check: dE/dh_{k-1} by FD on h is equivalent to propagating the true net-deltas
def fd_h_prev(k):  # perturb h_{k-1} by perturbing all nets at step k consistently
    out = np.zeros((H, 1))
    for j in range(H):
        tot = 0.0
        for s in (+1, -1):
            Pp = {kk: v.copy() for kk, v in P.items()}
            e = np.zeros((H, 1)); e[j] = s*eps
            # adding e to h_{k-1} == adding W_gh e to every net at step k
            def fwd():
                h = np.zeros((H, 1)); c = np.zeros((H, 1))
                for t in range(1, T+1):
                    hh = h + e if t == k else h; x = X[t-1]; a = {}
                    for g in 'fioc':
                        net = Pp['W%sh' % g] @ hh + Pp['W%sx' % g] @ x + Pp['b%s' % g]
                        a[g] = np.tanh(net) if g == 'c' else sig(net)
                    c = a['f']*c + a['i']*a['c']; h = a['o']*np.tanh(c)
                return float(h.sum())
            tot += s*fwd()
        out[j] = tot/(2*eps)
    return out
per = {g: [close(formulas(k, true_dh(k))[g], fd_net(g, k)) for k in range(1, T+1)] for g in 'oifc'}
for g in 'oifc': print(f"      delta_{g} with true dE/dh_k, steps k=1..{T}: {per[g]}")
rep(155, all(per['o']), "delta_o = delta_h*tanh(c)*o(1-o)")
rep(157, all(per['f']), "delta_f (no cell-state term from k+1)")
rep(160, all(per['i']), "delta_i (no cell-state term from k+1)")
rep(163, all(per['c']), "delta_ct (no cell-state term from k+1)")
ok166 = all(close(dhp_formula_ok[T-k], fd_h_prev(k)) for k in range(T, 1, -1))
rep(166, ok166, "delta_h_prev = (sum_g delta_g^T W_gh)^T, given correct gate deltas (checked with FD deltas)")
# weight/bias gradients (calc_gradient_t summed by calc_gradient) versus FD
def total(fn): return sum(fn(t) for t in range(1, T+1))
hp = lambda t: S['h'][t-1].T
rep(235, close(total(lambda t: fd_net('f', t) @ hp(t)), fd_param('Wfh')), "Wfh_grad = delta_f h_{t-1}^T summed over t (with correct deltas)")
rep(237, close(total(lambda t: fd_net('i', t) @ hp(t)), fd_param('Wih')), "Wih_grad = delta_i h_{t-1}^T (form)")
rep(239, close(total(lambda t: fd_net('o', t) @ hp(t)), fd_param('Woh')), "Woh_grad = delta_o h_{t-1}^T (form)")
rep(241, close(total(lambda t: fd_net('c', t) @ hp(t)), fd_param('Wch')), "Wch_grad = delta_ct h_{t-1}^T (form)")
rep(236, close(total(lambda t: fd_net('f', t)), fd_param('bf')), "bf_grad = delta_f (form)")
rep(242, close(total(lambda t: fd_net('c', t)), fd_param('bc')), "bc_grad = delta_ct (form)")
rep(238, close(total(lambda t: fd_net('f', t)), fd_param('bi')), "bi_grad = delta_f  (uses the forget-gate delta)")
rep(240, close(total(lambda t: fd_net('f', t)), fd_param('bo')), "bo_grad = delta_f  (uses the forget-gate delta)")
# L214-217: input weights from the last step only (x = last input)
xl = X[-1].T
for line, g in [(214, 'f'), (215, 'i'), (216, 'o'), (217, 'c')]:
    rep(line, close(fd_net(g, T) @ xl, fd_param('W%sx' % g)), f"W{g}x_grad = delta_{g}[-1] x^T (last step only, no sum over t)")
# end-to-end: author's own deltas give wrong Wfh grad when T > 1
auth_Wfh = sum(dlt['f'][t] @ hp(t) for t in range(1, T+1))
print("author's Wfh_grad vs FD:", close(auth_Wfh, fd_param('Wfh')), " max abs diff", np.abs(auth_Wfh - fd_param('Wfh')).max())
print("summary:", {l: ('pass' if ok else 'fail') for l, ok in res.items()})
