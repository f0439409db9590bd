# Finite-difference check of the annotated lines of rnncw1_sigmoid_rnn.md (numpy only).
# Every annotated code line is executed verbatim (text taken from the .md) with true upstream values and compared with
# central differences of an independent reference RNN.  Deltas in this code are NEGATIVE gradients (runner adds them).
import json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'rnncw1_sigmoid_rnn.md'
lines = open(os.path.join(HERE, NAME), encoding='utf-8').read().split('\n')
L = lambda n: lines[n - 1].strip()
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

# exec the two fences; stub the modules they import
src = '\n'.join(lines)
fences = [f.split('\n```', 1)[0] for f in src.split('```python\n')[1:]]
rnnmath = types.ModuleType('rnnmath'); exec(fences[0], rnnmath.__dict__); sys.modules['rnnmath'] = rnnmath
model = types.ModuleType('model')
class Model(object):
    def __init__(self, vocab_size, hidden_dims, out_vocab_size):
        self.vocab_size, self.hidden_dims, self.out_vocab_size = vocab_size, hidden_dims, out_vocab_size
class _ctx:
    def __enter__(self): pass
    def __exit__(self, *a): pass
model.Model, model.is_param, model.is_delta = Model, _ctx, _ctx
sys.modules['model'] = model
rnnmod = {}; exec(fences[1], rnnmod)
sigmoid, softmax, grad, make_onehot = rnnmath.sigmoid, rnnmath.softmax, rnnmath.grad, rnnmath.make_onehot

rng = np.random.RandomState(1)
Vs, Hd, Out, T, STEPS = 6, 4, 5, 6, 2
net = rnnmod['RNN'](Vs, Hd, Out)
net.U, net.V, net.W = rng.randn(Hd, Hd) * 0.9, rng.randn(Hd, Vs) * 0.9, rng.randn(Out, Hd) * 0.9
x = list(rng.randint(0, Vs, T)); d = list(rng.randint(0, Out, T)); dnp = [int(rng.randint(0, Out))]
y, s = net.predict(x)

def fwd(U, V, W, inj={}):
    sp = np.zeros(Hd); S, NI, NO, Y, Ls = [], [], [], [], []
    for t in range(T):
        n = V[:, x[t]] + U @ sp + inj.get(('n', t), 0)
        st = 1 / (1 + np.exp(-n)); o = W @ st + inj.get(('o', t), 0)
        yt = np.exp(o - o.max()); yt /= yt.sum()
        S.append(st); NI.append(n); NO.append(o); Y.append(yt); sp = st
    return S, NI, NO, Y

def loss_t(Y, t, target): return -np.log(Y[t][target])
S0, NI0, NO0, Y0 = fwd(net.U, net.V, net.W)
EPS = 1e-6

def fd_node(key, size, t, target):
    g = np.zeros(size)
    for j in range(size):
        e = np.zeros(size); e[j] = EPS
        g[j] = (loss_t(fwd(net.U, net.V, net.W, {key: e})[3], t, target) - loss_t(fwd(net.U, net.V, net.W, {key: -e})[3], t, target)) / (2 * EPS)
    return g

def trunc_loss(U, V, W, tau, outs):
    # sum over (t, target) of -log y_t[target], back-propagating only tau steps: state before step t-tau is held fixed
    tot = 0.0
    for t, target in outs:
        k0 = max(0, t - tau); sp = S0[k0 - 1] if k0 > 0 else np.zeros(Hd)
        for k in range(k0, t + 1):
            st = 1 / (1 + np.exp(-(V[:, x[k]] + U @ sp))); sp = st
        o = W @ sp; yt = np.exp(o - o.max()); yt /= yt.sum(); tot += -np.log(yt[target])
    return tot

def fd_trunc(tau, outs):
    P = {'U': net.U, 'V': net.V, 'W': net.W}; G = {}
    for name in P:
        G[name] = np.zeros_like(P[name])
        for idx in np.ndindex(*P[name].shape):
            Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
            Pp[name][idx] += EPS; Pm[name][idx] -= EPS
            G[name][idx] = (trunc_loss(Pp['U'], Pp['V'], Pp['W'], tau, outs) - trunc_loss(Pm['U'], Pm['V'], Pm['W'], tau, outs)) / (2 * EPS)
    return G

results = {}
def close(a, b): return np.allclose(np.asarray(a, float).ravel(), np.asarray(b, float).ravel(), rtol=1e-4, atol=1e-7)
def record(ln, ok): results[ln] = results.get(ln, True) and ok
def dsig_fd(n): return (1 / (1 + np.exp(-(n + EPS))) - 1 / (1 + np.exp(-(n - EPS)))) / (2 * EPS)

# ---- rnnmath helpers
z = rng.randn(7) * 3
record(9, close(sigmoid(z), 1 / (1 + np.exp(-z))))
ns = {'np': np, 'x': z}; exec(L(12), ns); zz = np.exp(z) / np.exp(z).sum()
record(12, close(ns['xt'] / ns['xt'].sum(), zz))       # shift by max(x) leaves the normalised result unchanged
record(13, close(softmax(z), zz))
sz = 1 / (1 + np.exp(-z)); record(16, close(grad(sz), dsig_fd(z)))

# ---- predict: docstring equations (f = sigmoid, g = softmax) and code lines, against the reference forward
for t in range(T):
    sprev = S0[t - 1] if t > 0 else np.zeros(Hd)
    record(95, close(net.V @ make_onehot(x[t], Vs) + net.U @ sprev, NI0[t]))
    record(96, close(1 / (1 + np.exp(-NI0[t])), S0[t]))
    record(97, close(net.W @ S0[t], NO0[t]))
    record(98, close(np.exp(NO0[t]) / np.exp(NO0[t]).sum(), Y0[t]))
    sarr = np.zeros((T + 1, Hd)); sarr[:T] = np.array(S0); yarr = np.array(Y0)
    nsf = dict(np=np, self=net, x=x, t=t, s=sarr.copy(), y=yarr.copy(), make_onehot=make_onehot, sigmoid=sigmoid, softmax=softmax)
    nsf['s'][t] = 0; nsf['y'][t] = 0
    exec(L(100), nsf); record(100, close(nsf['input'], net.V[:, x[t]]))
    exec(L(101), nsf); record(101, close(nsf['recurrent_input'], net.U @ sprev))
    nsf['input'], nsf['recurrent_input'] = net.V[:, x[t]], net.U @ sprev
    exec(L(102), nsf); record(102, close(nsf['net_in'], NI0[t]))
    nsf['net_in'] = NI0[t]; exec(L(103), nsf); record(103, close(nsf['s'][t], S0[t]))
    nsf['s'][t] = S0[t]; exec(L(104), nsf); record(104, close(nsf['net_out'], NO0[t]))
    nsf['net_out'] = NO0[t]; exec(L(105), nsf); record(105, close(nsf['y'][t], Y0[t]))
# the author's predict as a whole
record(105, close(y, np.array(Y0)) and close(s[:T], np.array(S0)) and close(s[T], 0))

# ---- backward functions
class Box: pass
def run_block(lines_direct, lines_inner, outs, steps):
    """lines_direct = (error_out, deltaW, derivative, error_in, deltaV, deltaU); lines_inner = (deriv, error_in_bptt, deltaU, deltaV)"""
    acc = {ln: 0 for ln in list(lines_direct[1:2]) + list(lines_direct[4:6]) + list(lines_inner[2:4] if lines_inner else [])}
    for t, target in outs:
        box = Box(); box.U, box.V, box.W = net.U, net.V, net.W; box.vocab_size, box.out_vocab_size, box.hidden_dims = Vs, Out, Hd
        base = dict(np=np, self=box, x=x, d=[target] * T if len(outs) > 1 else [target], y=y, s=s, t=t, steps=steps, make_onehot=make_onehot)
        if len(outs) > 1: base['d'] = d
        true_out = -fd_node(('o', t), Out, t, target)
        true_in = -fd_node(('n', t), Hd, t, target)
        ln_eo, ln_dW, ln_der, ln_ei, ln_dV, ln_dU = lines_direct
        ns = dict(base); exec(L(ln_eo), ns); record(ln_eo, close(ns['error_out'], true_out))
        ns = dict(base); exec(L(ln_der), ns); record(ln_der, close(ns['derivative_sigmod'], dsig_fd(NI0[t])))
        ns = dict(base, error_out=true_out, derivative_sigmod=dsig_fd(NI0[t])); exec(L(ln_ei), ns); record(ln_ei, close(ns['error_in'], true_in))
        for ln, nm in ((ln_dW, 'deltaW'), (ln_dV, 'deltaV'), (ln_dU, 'deltaU')):
            box.deltaW, box.deltaV, box.deltaU = 0, 0, 0
            ns = dict(base, error_out=true_out, error_in=true_in); exec(L(ln), ns); acc[ln] = acc[ln] + getattr(box, nm)
        if lines_inner:
            ln_d2, ln_e2, ln_U2, ln_V2 = lines_inner
            for k in reversed(range(max(0, t - steps), t)):
                last = -fd_node(('n', k + 1), Hd, t, target); true_k = -fd_node(('n', k), Hd, t, target)
                nb = dict(base, bptt_step=k, last_error_in=last)
                ns = dict(nb); exec(L(ln_d2), ns); record(ln_d2, close(ns['derivative_sigmod_bptt'], dsig_fd(NI0[k])))
                ns = dict(nb, derivative_sigmod_bptt=dsig_fd(NI0[k])); exec(L(ln_e2), ns); record(ln_e2, close(ns['error_in_bptt'], true_k))
                for ln, nm in ((ln_U2, 'deltaU'), (ln_V2, 'deltaV')):
                    box.deltaU, box.deltaV = 0, 0
                    ns = dict(nb, error_in_bptt=true_k); exec(L(ln), ns); acc[ln] = acc[ln] + getattr(box, nm)
    G0 = fd_trunc(0, outs); Gs = fd_trunc(steps, outs)
    record(lines_direct[1], close(acc[lines_direct[1]], -G0['W']))
    record(lines_direct[4], close(acc[lines_direct[4]], -G0['V']))
    record(lines_direct[5], close(acc[lines_direct[5]], -G0['U']))
    if lines_inner:
        record(lines_inner[2], close(acc[lines_inner[2]], -(Gs['U'] - G0['U'])))
        record(lines_inner[3], close(acc[lines_inner[3]], -(Gs['V'] - G0['V'])))

outs_all = [(t, d[t]) for t in reversed(range(T))]
outs_np = [(T - 1, dnp[0])]
run_block((127, 129, 131, 132, 134, 136), None, outs_all, 0)
run_block((158, 160, 162, 163, 165, 167), None, outs_np, 0)
for steps in (STEPS, T + 3):
    run_block((189, 191, 193, 194, 196, 198), (205, 206, 208, 210), outs_all, steps)
    run_block((235, 237, 239, 240, 242, 244), (251, 252, 254, 256), outs_np, steps)

# whole-function cross-check: the author's acc_deltas_bptt with steps >= T gives minus the full BPTT gradient
net.deltaU, net.deltaV, net.deltaW = np.zeros_like(net.U), np.zeros_like(net.V), np.zeros_like(net.W)
net.acc_deltas_bptt(x, d, y, s, T + 3)
Gf = fd_trunc(T + 3, outs_all)
print('whole acc_deltas_bptt(steps>=T) == -full gradient:', close(net.deltaU, -Gf['U']) and close(net.deltaV, -Gf['V']) and close(net.deltaW, -Gf['W']))

bad = 0
for ln in sorted(exp, key=int):
    ok = results.get(int(ln))
    verdict = 'pass' if ok else 'fail'
    agree = verdict == exp[ln]['expected']; bad += not agree
    print('line %3s: %-8s (expected %s) %s' % (ln, 'OK' if ok else 'MISMATCH', exp[ln]['expected'], 'agrees' if agree else 'DISAGREES'))
print('checked but not annotated:', sorted(set(results) - set(int(k) for k in exp)))
print('ALL VERDICTS AGREE' if bad == 0 else '%d DISAGREEMENTS' % bad)
