# Finite-difference check of kit_lstm_dhpre.py (KIT min-char LSTM student solution, search-index id 39820530672).
# numpy only. Re-implements the author's forward pass and the author's backward formulas as written.
import numpy as np
np.random.seed(0)
V, E, H, T = 7, 3, 5, 6           # vocab, emb_size, hidden_size, seq_length (small)
std = 0.5
def sigmoid(x): return 1 / (1 + np.exp(-x))
def dsigmoid(y): return y * (1 - y)
def dtanh(x): return 1 - x*x
def softmax(x):
    e_x = np.exp(x - np.max(x)); return e_x / e_x.sum()
P = dict(Wex=np.random.randn(E, V)*std, Wf=np.random.randn(H, H+E)*std, Wi=np.random.randn(H, H+E)*std,
         Wo=np.random.randn(H, H+E)*std, Wc=np.random.randn(H, H+E)*std,
         bf=np.random.randn(H, 1)*0.1, bi=np.random.randn(H, 1)*0.1, bo=np.random.randn(H, 1)*0.1,
         bc=np.random.randn(H, 1)*0.1, Why=np.random.randn(V, H)*std, by=np.random.randn(V, 1)*0.1)
inputs = list(np.random.randint(0, V, T)); targets = list(np.random.randint(0, V, T))
hprev = np.random.randn(H, 1)*0.3; cprev = np.random.randn(H, 1)*0.3

def forward(P, inputs, targets, hprev, cprev, inject=None):
    # inject=(t, dvec): adds dvec to hs[t] right after it is computed (to FD dL/dh_t through the future only)
    xs, cs, hs, ps, ys, zs, fg, ig, ch, og, wes = {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}
    hs[-1] = np.copy(hprev); cs[-1] = np.copy(cprev); loss = 0
    if inject is not None and inject[0] == -1: hs[-1] = hs[-1] + inject[1]
    for t in range(len(inputs)):
        xs[t] = np.zeros((V, 1)); xs[t][inputs[t]] = 1
        wes[t] = P['Wex'] @ xs[t]
        zs[t] = np.vstack((hs[t-1], wes[t]))
        fg[t] = sigmoid(P['Wf'] @ zs[t] + P['bf'])
        ig[t] = sigmoid(P['Wi'] @ zs[t] + P['bi'])
        ch[t] = np.tanh(P['Wc'] @ zs[t] + P['bc'])
        cs[t] = fg[t] * cs[t-1] + ig[t] * ch[t]
        og[t] = sigmoid(P['Wo'] @ zs[t] + P['bo'])
        hs[t] = og[t] * np.tanh(cs[t])
        os_ = P['Why'] @ hs[t] + P['by']
        ps[t] = softmax(os_)
        ys[t] = np.zeros((V, 1)); ys[t][targets[t]] = 1
        loss += -np.log(ps[t][targets[t], 0])
        if inject is not None and inject[0] == t: hs[t] = hs[t] + inject[1]   # perturbs only the recurrent copy
    return loss, (xs, cs, hs, ps, ys, zs, fg, ig, ch, og)

def backward(P, act, fix=False, record=None):
    Wf, Wi, Wc, Wo, Why = P['Wf'], P['Wi'], P['Wc'], P['Wo'], P['Why']
    xs, cs, hs, ps, ys, zs, f_gate, i_gate, c_hat, o_gate = act
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dhnext = np.zeros_like(hs[0]); dcnext = np.zeros_like(cs[0]); hidden_size = H
    for t in reversed(range(len(xs))):
        dos = ps[t] - ys[t]
        G['Why'] += dos @ hs[t].T; G['by'] += dos
        dh = Why.T @ dos + dhnext
        dc = dh * o_gate[t] * dtanh(np.tanh(cs[t])) + dcnext
        delta_c = o_gate[t] * dtanh(np.tanh(cs[t]))
        term_o = np.dot(Wo[:, :hidden_size].T, dsigmoid(o_gate[t])) * np.tanh(cs[t])
        term_f = np.dot(Wf[:, :hidden_size].T, (delta_c * dsigmoid(f_gate[t])) * cs[t-1])
        term_c = np.dot(Wc[:, :hidden_size].T, (delta_c * i_gate[t] * dtanh(c_hat[t])))
        term_i = np.dot(Wi[:, :hidden_size].T, (delta_c * c_hat[t] * dsigmoid(i_gate[t])))
        dhpre = term_o + term_f + term_c + term_i
        dhnext_author = dhpre * dh
        dcnext = dc * f_gate[t]
        df_gate = dc * cs[t-1] * dsigmoid(f_gate[t])
        di_gate = dc * c_hat[t] * dsigmoid(i_gate[t])
        dc_hat = dc * i_gate[t] * dtanh(c_hat[t])
        do_gate = dh * np.tanh(cs[t]) * dsigmoid(o_gate[t])
        G['Wf'] += df_gate @ zs[t].T; G['Wi'] += di_gate @ zs[t].T
        G['Wc'] += dc_hat @ zs[t].T;  G['Wo'] += do_gate @ zs[t].T
        G['bf'] += df_gate; G['bi'] += di_gate; G['bc'] += dc_hat; G['bo'] += do_gate
        dzs = Wf.T @ df_gate + Wi.T @ di_gate + Wc.T @ dc_hat + Wo.T @ do_gate
        dwes = dzs[hidden_size:, 0].reshape((E, 1))
        G['Wex'] += dwes @ xs[t].T
        if record is not None:
            # correct per-gate vector-Jacobian products for dL/dh_{t-1} through this step (given dh, dc)
            true_o = Wo[:, :H].T @ (dh * np.tanh(cs[t]) * dsigmoid(o_gate[t]))
            true_f = Wf[:, :H].T @ (dc * cs[t-1] * dsigmoid(f_gate[t]))
            true_c = Wc[:, :H].T @ (dc * i_gate[t] * dtanh(c_hat[t]))
            true_i = Wi[:, :H].T @ (dc * c_hat[t] * dsigmoid(i_gate[t]))
            record[t] = dict(dh=dh.copy(), dc=dc.copy(), author_dhnext=dhnext_author.copy(), dzs_h=dzs[:H].copy(),
                             pairs=[('L168 Wo term * dh', term_o * dh, true_o), ('L169 Wf term * dh', term_f * dh, true_f),
                                    ('L170 Wc term * dh', term_c * dh, true_c), ('L171 Wi term * dh', term_i * dh, true_i)])
        dhnext = dzs[:H] if fix else dhnext_author
    return G

def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def fd_param(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; lp, _ = forward(P, inputs, targets, hprev, cprev)
        P[name][idx] = old - eps; lm, _ = forward(P, inputs, targets, hprev, cprev)
        P[name][idx] = old; g[idx] = (lp - lm) / (2*eps)
    return g

def ok(r, tol=1e-6): return 'AGREE' if r < tol else 'DISAGREE'
loss, act = forward(P, inputs, targets, hprev, cprev)
# helpers
x = np.random.randn(5); e = 1e-6
print('L14-15 sigmoid / L19-20 dsigmoid(sigmoid(x)) vs FD:', ok(rel(dsigmoid(sigmoid(x)), (sigmoid(x+e)-sigmoid(x-e))/(2*e))))
print('L24-25 dtanh(tanh(x)) vs FD:', ok(rel(dtanh(np.tanh(x)), (np.tanh(x+e)-np.tanh(x-e))/(2*e))))
o = np.random.randn(V, 1); y = np.zeros((V, 1)); y[2] = 1
def ce(o): return -np.log(softmax(o)[2, 0])
g_fd = np.array([[(ce(o + e*np.eye(V)[:, [k]]) - ce(o - e*np.eye(V)[:, [k]]))/(2*e)] for k in range(V)]).reshape(V, 1)
print('L159 dos = ps - ys vs FD of -log softmax:', ok(rel(softmax(o) - y, g_fd)))

# dL/dh_t through the future (FD by injecting a perturbation on the recurrent copy of h_t)
rec = {}
backward(P, act, fix=False, record=rec)
print('\n-- dL/dh_{t-1} (what dhnext must be at step t-1) vs FD --')
for t in [T-1, T-3, 1]:
    fd = np.zeros((H, 1))
    for k in range(H):
        d = np.zeros((H, 1)); d[k] = 1e-6
        lp, _ = forward(P, inputs, targets, hprev, cprev, inject=(t-1, d))
        lm, _ = forward(P, inputs, targets, hprev, cprev, inject=(t-1, -d))
        fd[k] = (lp - lm) / 2e-6
    # at step t the author's dh (L164) uses its own dhnext chain; compare at t=T-1 where dh is exact
    print(f't={t}: author L172 dhnext=dhpre*dh: {ok(rel(rec[t]["author_dhnext"], fd))} (rel {rel(rec[t]["author_dhnext"], fd):.2e});'
          f'  dzs[:H] from L190-193: {ok(rel(rec[t]["dzs_h"], fd), 1e-5) if t==T-1 else "(uses author chain)"}')
# exact check at t=T-1 (dh, dc exact there): per-gate terms
t = T-1
print('\n-- per-gate terms of dhpre (L168-171) times dh, at t=T-1 (dh, dc exact), vs correct VJP --')
for name, a, b in rec[t]['pairs']:
    print(f'{name}: {ok(rel(a, b))} (rel {rel(a, b):.2e})')
print('L167 delta_c = o*(1-tanh^2 c) equals d h_t / d c_t (diag): AGREE by construction (checked below via dc at t=T-1)')
# dc at T-1 = dh*o*(1-tanh^2) + 0
fdc = np.zeros((H, 1))
# FD of L wrt c_{T-1} through h_{T-1} only (last step): perturb c in forward at final step
def loss_with_c_pert(d):
    xs, cs, hs, ps, ys, zs, fg, ig, ch, og = act
    c = cs[T-1] + d; h = og[T-1] * np.tanh(c); p = softmax(P['Why'] @ h + P['by'])
    return -np.log(p[targets[T-1], 0])
for k in range(H):
    d = np.zeros((H, 1)); d[k] = 1e-6; fdc[k] = (loss_with_c_pert(d) - loss_with_c_pert(-d)) / 2e-6
print('L165 dc at t=T-1:', ok(rel(rec[T-1]['dc'], fdc)))

print('\n-- whole backward (author, L172 as written) vs FD of the loss --')
G = backward(P, act, fix=False)
for n in ['Why', 'by', 'Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo', 'Wex']:
    r = rel(G[n], fd_param(n)); print(f'd{n}: {ok(r, 1e-5)} (rel {r:.2e})')
print('\n-- same backward with only L172 replaced by dhnext = dzs[:hidden_size] (all other lines as written) --')
G = backward(P, act, fix=True)
for n in ['Why', 'by', 'Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo', 'Wex']:
    r = rel(G[n], fd_param(n)); print(f'd{n}: {ok(r, 1e-5)} (rel {r:.2e})')
