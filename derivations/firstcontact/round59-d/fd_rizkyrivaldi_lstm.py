# FD check of rizkyrivaldi/lstm_from_scratch utils/NN_numpy.py @eb30f2d (note: rizkyrivaldi_lstm.md)
# Row vectors (1,H). Described model: z_* = h_{t-1} W_*state + x_t W_*input + b_*, f,i,o sigmoid, g tanh,
# c_t = c_{t-1}*f + i*g, h_t = tanh(c_t)*o. Per-step loss E_t = 0.5*||y_t - h_t||^2, online update after each step,
# gradient w.r.t. the parameters with h_{t-1}, c_{t-1} held fixed (one-step truncation, as the code is meant).
# error = y - h = -dE/dh ; do_* = -dE/dz_* ; delta_* = -alpha*dE/dW ; W += delta (gradient descent).
import numpy as np
rng = np.random.RandomState(2)
D, H, T, alpha = 3, 4, 3, 0.1
sig = lambda n: 1.0/(1.0 + np.exp(-n))
names = ['forget', 'input_i', 'input_g', 'output']
W = {}
for g in names:
    W[g+'_state'] = rng.uniform(-0.5, 0.5, (H, H)); W[g+'_input'] = rng.uniform(-0.5, 0.5, (D, H)); W[g+'_bias'] = rng.uniform(-0.5, 0.5, (1, H))
X = rng.randn(T, D); Y = rng.uniform(-0.5, 0.5, (T, H))
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-8)
res = {}
def rec(l, ok): res[l] = res.get(l, True) and bool(ok)

def step(W, x, hp, cp):
    z = {g: hp @ W[g+'_state'] + x @ W[g+'_input'] + W[g+'_bias'] for g in names}
    f, i, g_, o = sig(z['forget']), sig(z['input_i']), np.tanh(z['input_g']), sig(z['output'])
    c = cp*f + i*g_; h = np.tanh(c)*o
    return z, f, i, g_, o, c, h

# author's pre-fix forward (lines 36-67): gates read self.state_vector, which line 36 has just zeroed
def author_forward(x, st):
    state_vector = np.zeros((1, H)); cell_vector = np.zeros((1, H))
    z_f = state_vector @ W['forget_state'] + x @ W['forget_input'] + W['forget_bias']
    z_i = state_vector @ W['input_i_state'] + x @ W['input_i_input'] + W['input_i_bias']
    z_g = state_vector @ W['input_g_state'] + x @ W['input_g_input'] + W['input_g_bias']
    z_o = state_vector @ W['output_state'] + x @ W['output_input'] + W['output_bias']
    c = st['c_old']*sig(z_f) + sig(z_i)*np.tanh(z_g); h = np.tanh(c)*sig(z_o)
    st['c_old'], st['h_old'] = c, h
    return {'forget': z_f, 'input_i': z_i, 'input_g': z_g, 'output': z_o}, c, h

rec(10, close(sig(np.array([-2., 0., 3.])), 1/(1+np.exp(-np.array([-2., 0., 3.])))))
# forward check over a sequence
st = {'c_old': np.zeros((1, H)), 'h_old': np.zeros((1, H))}
hp = np.zeros((1, H)); cp = np.zeros((1, H))
for t in range(T):
    x = X[t:t+1]
    z, f, i, g_, o, c, h = step(W, x, hp, cp)
    za, ca, ha = author_forward(x, st)
    for ln, g in ((41, 'forget'), (45, 'input_i'), (49, 'input_g'), (53, 'output')):
        rec(ln, close(za[g], z[g]))   # true pre-activation uses h_{t-1}
    # activation rows / cell / hidden rows as formulas (given true pre-activations and c_{t-1})
    rec(42, close(sig(z['forget']), f)); rec(46, close(sig(z['input_i']), i))
    rec(50, close(np.tanh(z['input_g']), g_)); rec(54, close(sig(z['output']), o))
    rec(57, close(cp*f + i*g_, c)); rec(60, close(np.tanh(c)*o, h))
    rec(63, True); rec(64, True); rec(66, True); rec(67, True)   # store c_{t-1}, h_{t-1} for backprop; carry c_t, h_t
    # ---- backward at step t, one-step truncated, E_t = 0.5||y_t - h_t||^2
    y = Y[t:t+1]
    E = lambda WW: 0.5*np.sum((y - step(WW, x, hp, cp)[6])**2)
    def fdz(gname, eps=1e-6):
        G = np.zeros((1, H))
        for j in range(H):
            def Ez(d):
                zz = {k: v.copy() for k, v in z.items()}; zz[gname][0, j] += d
                ff, ii, gg, oo = sig(zz['forget']), sig(zz['input_i']), np.tanh(zz['input_g']), sig(zz['output'])
                return 0.5*np.sum((y - np.tanh(cp*ff + ii*gg)*oo)**2)
            G[0, j] = (Ez(eps) - Ez(-eps))/(2*eps)
        return G
    def fdW(key, eps=1e-6):
        G = np.zeros_like(W[key])
        for idx in np.ndindex(G.shape):
            Wp = {k: v.copy() for k, v in W.items()}; Wm = {k: v.copy() for k, v in W.items()}
            Wp[key][idx] += eps; Wm[key][idx] -= eps
            G[idx] = (E(Wp) - E(Wm))/(2*eps)
        return G
    hE = np.zeros((1, H))
    for j in range(H):
        e = np.zeros((1, H)); e[0, j] = 1e-6
        hE[0, j] = (0.5*np.sum((y-h-e)**2) - 0.5*np.sum((y-h+e)**2))/2e-6
    error = y - h
    rec(88, close(error, -hE))
    do = {}
    do['output'] = error * np.tanh(c) * sig(z['output']) * (1.0 - sig(z['output']))
    do['forget'] = error * o * (1.0 - np.tanh(c)**2) * cp * sig(z['forget']) * (1.0 - sig(z['forget']))
    do['input_i'] = error * o * (1.0 - np.tanh(c)**2) * g_ * sig(z['input_i']) * (1.0 - sig(z['input_i']))
    do['input_g'] = alpha * o * (1.0 - np.tanh(c)**2) * i * (1.0 - np.tanh(z['input_g'])**2)
    for ln, g in ((113, 'output'), (119, 'forget'), (125, 'input_i'), (131, 'input_g')):
        rec(ln, close(do[g], -fdz(g)))
    # delta rows, judged with the true do_* (= -dE/dz)
    rows = {'output': (114, 115, 116, 137, 138, 139), 'forget': (120, 121, 122, 141, 142, 143),
            'input_i': (126, 127, 128, 145, 146, 147), 'input_g': (132, 133, 134, 149, 150, 151)}
    for g, (li, ls, lb, ui, us, ub) in rows.items():
        dtrue = -fdz(g)
        rec(li, close(alpha*np.matmul(np.transpose(x), dtrue), -alpha*fdW(g+'_input')))
        rec(ls, close(alpha*np.matmul(np.transpose(hp), dtrue), -alpha*fdW(g+'_state')))
        rec(lb, close(alpha*dtrue, -alpha*fdW(g+'_bias')))
        for ln in (ui, us, ub): rec(ln, True)   # W += delta with delta = -alpha*dE/dW: gradient-descent step
    # also: the do_input_g row with error in place of alpha would be right
    assert close(error * o * (1.0 - np.tanh(c)**2) * i * (1.0 - np.tanh(z['input_g'])**2), -fdz('input_g'))
    hp, cp = h, c

expected_fail = {41, 45, 49, 53, 131}
for ln in sorted(res):
    print(ln, 'pass' if res[ln] else 'fail')
    assert res[ln] == (ln not in expected_fail), ln
print('all verdicts as expected')
