# Finite-difference check of the GitChat RNN article (rnn_gitchat_bptt.md).
# Author's model (one neuron, scalars, as in the article's figure):
#   a<t> = tanh(W_a a<t-1> + W_x x<t> + b_a),  yhat<t> = sigmoid(W_y a<t> + b_y)
#   L<t> = -y log yhat - (1-y) log(1-yhat),  L = sum_t L<t>
# The chain-rule factors are read with their usual meaning: dL/dy * dy/da_t is the
# derivative of L<t> w.r.t. a<t>; "da<k>/dW" is the immediate (explicit) partial,
# holding a<k-1> fixed; da<j>/da<j-1> = tanh'(z_j) W_a.
import numpy as np
rng = np.random.default_rng(0)
T = 3
x = rng.normal(size=T + 1); y = rng.integers(0, 2, size=T + 1).astype(float)
P = dict(Wa=0.7, Wx=-0.9, ba=0.2, Wy=1.3, by=-0.1)
a0 = 0.3
sig = lambda s: 1 / (1 + np.exp(-s))

def forward(P, T):
    a = {0: a0}; z = {}; yh = {}
    for t in range(1, T + 1):
        z[t] = P['Wa'] * a[t - 1] + P['Wx'] * x[t] + P['ba']
        a[t] = np.tanh(z[t])
        yh[t] = sig(P['Wy'] * a[t] + P['by'])
    return a, z, yh

def Lt(P, t):  # loss at step t only
    a, z, yh = forward(P, t)
    return -y[t] * np.log(yh[t]) - (1 - y[t]) * np.log(1 - yh[t])

def fd(f, P, k, eps=1e-6):
    Pp = dict(P); Pm = dict(P); Pp[k] += eps; Pm[k] -= eps
    return (f(Pp) - f(Pm)) / (2 * eps)

def pieces(P, t):
    a, z, yh = forward(P, t)
    dLda_t = (yh[t] - y[t]) * P['Wy']            # dL<t>/dy * dy/da<t>
    da = {k: 1 - a[k] ** 2 for k in a if k > 0}  # tanh'
    imm = {'Wx': {k: da[k] * x[k] for k in da}, 'Wa': {k: da[k] * a[k - 1] for k in da}}
    jac = {j: da[j] * P['Wa'] for j in da}       # da<j>/da<j-1>
    return a, yh, dLda_t, imm, jac

def prod(jac, lo, hi):
    p = 1.0
    for j in range(lo, hi + 1):
        p *= jac[j]
    return p

ok = lambda u, v: abs(u - v) < 1e-6 * max(1, abs(v))
res = {}
# line 61: dL<3>/dW_y = dL/dy * dy/dW_y
a, yh, dLda, imm, jac = pieces(P, 3)
res['61 dL3/dWy'] = ((yh[3] - y[3]) * a[3], fd(lambda Q: Lt(Q, 3), P, 'Wy'))
# lines 64 / 73: explicit three-term expansion at t=3
for name, line in (('Wa', 64), ('Wx', 73)):
    val = dLda * (imm[name][3] + jac[3] * imm[name][2] + jac[3] * jac[2] * imm[name][1])
    res[f'{line} dL3/d{name} (3 terms)'] = (val, fd(lambda Q: Lt(Q, 3), P, name))
# lines 99 / 104: general formula dL<t>/dW = dL/dy dy/da_t ( da<t>/dW + sum_{k=1}^{t} prod_{j=k+1}^{t} da<j>/da<j-1> da<k>/dW )
for t in (1, 2, 3):
    a, yh, dLda, imm, jac = pieces(P, t)
    for name, line in (('Wx', 99), ('Wa', 104)):
        author = dLda * (imm[name][t] + sum(prod(jac, k + 1, t) * imm[name][k] for k in range(1, t + 1)))
        correct_sum_to_t_minus_1 = dLda * (imm[name][t] + sum(prod(jac, k + 1, t) * imm[name][k] for k in range(1, t)))
        ref = fd(lambda Q: Lt(Q, t), P, name)
        res[f'{line} dL{t}/d{name} (author, k=1..t)'] = (author, ref)
        res[f'   (ref) dL{t}/d{name} with k=1..t-1, not in source'] = (correct_sum_to_t_minus_1, ref)
        print(f'   t={t} {name}: author - FD = {author - ref:+.6f}, extra term = {dLda * imm[name][t]:+.6f}')
# line 120: prod_{j=k+1}^t da<j>/da<j-1> = prod tanh' W_a, check via FD on a<t> w.r.t. a<k> (k=1, t=3)
def a3_from_a1(a1):
    aa = a1
    for j in (2, 3):
        aa = np.tanh(P['Wa'] * aa + P['Wx'] * x[j] + P['ba'])
    return aa
a, yh, dLda, imm, jac = pieces(P, 3)
eps = 1e-6
res['120 prod da<j>/da<j-1>'] = (jac[2] * jac[3], (a3_from_a1(a[1] + eps) - a3_from_a1(a[1] - eps)) / (2 * eps))
for k, (u, v) in res.items():
    print(f'{"AGREE   " if ok(u, v) else "DISAGREE"} {k}: formula={u:+.8f} fd={v:+.8f}')
