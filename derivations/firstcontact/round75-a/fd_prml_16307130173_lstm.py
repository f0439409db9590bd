# Finite-difference check of prml_16307130173_lstm.py (numpy only).
# Author's foward (lines 63-76, gate line 81) and get_grad/grad_delta (lines 121-149) re-implemented as written.
# Input: one sequence of T embedded tokens x[t] (E,) ; loss whose gradient get_grad computes:
# L = sum_t -log yg_t[y_t]  (loss() at lines 88-98 divides by the number of tokens, a scale only).
# hidden_dim == embedding_dim is needed, otherwise line 148 (dx += delta * x) raises a broadcast error.
import numpy as np

np.random.seed(2)
T, E, Hd, V = 4, 4, 4, 5


def softmax(x):
    x = np.array(x)
    return np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


X = np.random.randn(T, E)
Y = np.random.randint(0, V, T)
P = {}
for gname in ['i', 'f', 'o', 'c']:
    P['W%s_h' % gname] = np.random.randn(Hd, Hd) * 0.6
    P['W%s_x' % gname] = np.random.randn(Hd, E) * 0.6
    P['b%s' % gname] = np.random.randn(Hd, 1) * 0.3
P['Wy'] = np.random.randn(V, Hd) * 0.6
P['by'] = np.random.randn(V, 1) * 0.3


def foward(P, pert=None):
    pert = pert or {}
    st = {k: np.zeros((T + 1, Hd, 1)) for k in ['ig', 'fg', 'og', 'cig', 'hg', 'cg']}
    st['yg'] = np.zeros((T, V, 1))
    for t in range(T):
        h_pre = st['hg'][t - 1].reshape(-1, 1)                          # line 67
        xt = X[t].reshape(-1, 1)
        pre = {}
        for gname, key in [('i', 'ig'), ('f', 'fg'), ('o', 'og'), ('c', 'cig')]:
            pre[key] = P['W%s_h' % gname].dot(h_pre) + P['W%s_x' % gname].dot(xt) + P['b%s' % gname] \
                + pert.get(('a' + key, t), 0)                            # line 81
            st[key][t] = sigmoid(pre[key]) + pert.get((key, t), 0)     # lines 70-73 (cig also sigmoid)
        st['cg'][t] = st['fg'][t] * st['cg'][t - 1] + st['ig'][t] * st['cig'][t] + pert.get(('cg', t), 0)  # 74
        st['hg'][t] = st['og'][t] * tanh(st['cg'][t]) + pert.get(('hg', t), 0)                           # 75
        st['yg'][t] = softmax(P['Wy'].dot(st['hg'][t]) + P['by'])                                          # 76
    return st


def loss(P, pert=None):
    st = foward(P, pert)
    return -np.sum(np.log(st['yg'][range(T), Y]))          # line 96 (sum, no division)


def get_grad(P, fix=()):
    """author's get_grad; fix is a set of corrections to switch on one at a time:
       'dh'   : add the recurrent term to delta_ht (line 130)
       'f'    : multiply the carried delta_ct by f_{t+1} (line 133)
       'sig'  : use cig*(1-cig) in line 134
       'outer': use outer products in grad_delta (lines 147-148)"""
    G = {k: np.zeros_like(v) for k, v in P.items()}
    delta_ct = np.zeros((Hd, 1))
    st = foward(P)
    delta_y = st['yg'].copy()
    delta_y[np.arange(T), Y] -= 1                                    # line 122
    rec = np.zeros((Hd, 1)); f_next = np.ones((Hd, 1))
    rows = {}
    for t in np.arange(T)[::-1]:
        G['Wy'] += delta_y[t].dot(st['hg'][t].reshape(1, -1))         # line 126
        G['by'] += delta_y[t]                                        # line 127
        xt = X[t].reshape(-1, 1)
        delta_ht = P['Wy'].T.dot(delta_y[t])                         # line 130
        if 'dh' in fix:
            delta_ht = delta_ht + rec
        delta_ot = delta_ht * tanh(st['cg'][t]) * st['og'][t] * (1 - st['og'][t])          # line 131
        if 'f' in fix:
            delta_ct = delta_ct * f_next
        delta_ct += delta_ht * st['og'][t] * (1 - tanh(st['cg'][t]) ** 2)                 # line 133
        if 'sig' in fix:
            delta_cit = delta_ct * st['ig'][t] * st['cig'][t] * (1 - st['cig'][t])
        else:
            delta_cit = delta_ct * st['ig'][t] * (1 - st['cig'][t] ** 2)                   # line 134
        delta_it = delta_ct * st['cig'][t] * st['ig'][t] * (1 - st['ig'][t])              # line 135
        delta_ft = delta_ct * st['cg'][t - 1] * st['fg'][t] * (1 - st['fg'][t])           # line 136
        rows[t] = dict(delta_ht=delta_ht.copy(), delta_ot=delta_ot, delta_ct=delta_ct.copy(),
                       delta_cit=delta_cit, delta_it=delta_it, delta_ft=delta_ft)
        for gname, d in [('i', delta_it), ('f', delta_ft), ('c', delta_cit), ('o', delta_ot)]:  # lines 138-141
            hprev = st['hg'][t - 1]
            if 'outer' in fix:
                G['W%s_h' % gname] += d.dot(hprev.T); G['W%s_x' % gname] += d.dot(xt.T)
            else:
                G['W%s_h' % gname] += d * hprev                        # line 147
                G['W%s_x' % gname] += d * xt                           # line 148
            G['b%s' % gname] += d                                      # line 149
        rec = (P['Wi_h'].T.dot(delta_it) + P['Wf_h'].T.dot(delta_ft)
               + P['Wc_h'].T.dot(delta_cit) + P['Wo_h'].T.dot(delta_ot))
        f_next = st['fg'][t]
    return G, rows


def num_grad(f, A, eps=1e-6):
    Gr = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        ix = it.multi_index
        old = A[ix]
        A[ix] = old + eps; lp = f()
        A[ix] = old - eps; lm = f()
        A[ix] = old
        Gr[ix] = (lp - lm) / (2 * eps)
    return Gr


def report(name, a, b, tol=1e-6):
    r = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print('%-66s rel.err %.2e  -> %s' % (name, r, 'AGREE' if r < tol else 'DISAGREE'))


num = {k: num_grad(lambda: loss(P), P[k]) for k in P}
order = ['Wy', 'by', 'bo', 'bi', 'bf', 'bc', 'Wo_h', 'Wo_x', 'Wc_h', 'Wc_x']
for fix in [(), ('dh',), ('dh', 'f'), ('dh', 'f', 'sig'), ('dh', 'f', 'sig', 'outer')]:
    print('== get_grad with corrections %s ==' % (list(fix) if fix else 'none (as written)'))
    G, _ = get_grad(P, fix)
    for k in order:
        report(k, G[k], num[k])

print('== per-step rows: author formula fed with EXACT upstream gradients (finite differences) ==')
_, rows_w = get_grad(P, ())
_, rows = get_grad(P, ('dh', 'f', 'sig', 'outer'))   # fully corrected run, all deltas exact
st = foward(P)


def fd_of(key, t):
    A = np.zeros((Hd, 1))
    return num_grad(lambda: loss(P, {(key, t): A}), A)


dh_ex = {t: fd_of('hg', t) for t in range(T)}
dc_ex = {t: fd_of('cg', t) for t in range(T)}
for t in range(T):
    report('t=%d line 130 delta_ht as written = dL/dh_t' % t, rows_w[t]['delta_ht'], dh_ex[t])
for t in range(T - 1):
    th = tanh(st['cg'][t])
    author = dc_ex[t + 1] + dh_ex[t] * st['og'][t] * (1 - th ** 2)                   # line 133: carried delta_ct + ...
    with_f = dc_ex[t + 1] * st['fg'][t + 1] + dh_ex[t] * st['og'][t] * (1 - th ** 2)
    report('t=%d line 133 delta_ct as written (carry without f_{t+1}) = dL/dc_t' % t, author, dc_ex[t])
    report('t=%d         same with carry * f_{t+1}                   = dL/dc_t' % t, with_f, dc_ex[t])
for t in [T - 1, 1]:
    ig, cig, og, fg = st['ig'][t], st['cig'][t], st['og'][t], st['fg'][t]
    cprev = st['cg'][t - 1]
    ex = {k: fd_of(k, t) for k in ['aog', 'acig', 'aig', 'afg']}
    report('t=%d line 131 delta_ot = dL/d(pre o)' % t, dh_ex[t] * tanh(st['cg'][t]) * og * (1 - og), ex['aog'])
    report('t=%d line 134 delta_cit as written = dL/d(pre cig)' % t, dc_ex[t] * ig * (1 - cig ** 2), ex['acig'])
    report('t=%d         with cig*(1-cig) (sigmoid, line 73)' % t, dc_ex[t] * ig * cig * (1 - cig), ex['acig'])
    report('t=%d line 135 delta_it = dL/d(pre i)' % t, dc_ex[t] * cig * ig * (1 - ig), ex['aig'])
    report('t=%d line 136 delta_ft = dL/d(pre f)' % t, dc_ex[t] * cprev * fg * (1 - fg), ex['afg'])

# lines 147-148 in isolation: one step, exact delta: d*h vs outer(d, h)
t = T - 1
st = foward(P)
A = np.zeros((Hd, 1))
d_o = num_grad(lambda: loss(P, {('aog', t): A}), A)       # exact dL/d(pre-activation of o) at t
Wo_h_step = np.zeros((Hd, Hd)); Wo_h_step += d_o * st['hg'][t - 1]
print('line 147 single step (t=T-1 term of dWo_h is d*h_prev^T, the others come from earlier steps):')
report('  d*h_prev (as written) vs outer(d, h_prev)', Wo_h_step, d_o.dot(st['hg'][t - 1].T))
Wo_x_step = np.zeros((Hd, E)); Wo_x_step += d_o * X[t].reshape(-1, 1)
report('line 148 single step: d*x (as written) vs outer(d, x)', Wo_x_step, d_o.dot(X[t].reshape(1, -1)))
