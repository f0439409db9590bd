"""Finite-difference check of cs5242_student_birnn_numpy.md (numpy only).

The three code fences are exec'd verbatim (with stub modules `layers` and `utils.tools` for the
assignment's Layer base class and Guassian initializer).  An independent forward pass of the
assignment's model (row vectors: h_t = tanh(h_{t-1} Wh + x_t Wx + b), h_{-1} = h0 = 0; the
bidirectional layer concatenates the forward RNN's states with the time-reversed states of a second
RNN run on the time-reversed input) gives central-difference gradients of L = sum(G * outputs).
A line that receives a wrong upstream value is checked locally: the author's code is re-run with the
upstream line(s) corrected by a textual patch, so that only the line under test can cause a mismatch.
For each annotated line the script prints OK or MISMATCH and compares with expected.json.
"""
import json
import os
import re
import sys
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'cs5242_student_birnn_numpy.md')
NAME = os.path.basename(MD)
SRC = '\n'.join(re.findall(r"```python\n(.*?)```", open(MD).read(), flags=re.S))

# ---- stubs for the assignment framework (not part of the note)
layers_mod = types.ModuleType('layers')


class Layer:
    def __init__(self, name):
        self.name = name
        self.training = True
        self.trainable = False


layers_mod.Layer = Layer
utils_mod = types.ModuleType('utils')
tools_mod = types.ModuleType('utils.tools')


class Guassian:
    def __init__(self, mean=0, std=0.5):
        self.mean, self.std = mean, std

    def initialize(self, size):
        return np.random.normal(self.mean, self.std, size)


tools_mod.Guassian = Guassian
tools_mod.__all__ = ['Guassian']
utils_mod.tools = tools_mod
sys.modules.update({'layers': layers_mod, 'utils': utils_mod, 'utils.tools': tools_mod})


def load(src):
    ns = {}
    exec(compile(src, NAME, 'exec'), ns)
    return ns


def patch(src, old, new):
    assert src.count(old) == 1, old
    return src.replace(old, new)


BAD_T0 = "+ dh_prev, [inputs[:, cur_time, :], outputs[:, cur_time - 1, :]])"
GOOD_T0 = ("+ dh_prev, [inputs[:, cur_time, :], outputs[:, cur_time - 1, :] if cur_time > 0 "
           "else np.broadcast_to(self.h0, outputs[:, 0, :].shape)])")
BAD_SPLIT = "[in_grads_forward, in_grads_backward] = np.split(in_grads_array, 2)"
GOOD_SPLIT = ("in_grads_forward, in_grads_backward = in_grads[:, :, :unit].reshape(-1), "
              "in_grads[:, :, unit:].reshape(-1)")
BAD_BWIN = "time_stamp, unit), mask), inputs)"
GOOD_BWIN = "time_stamp, unit), mask), self._reverse_temporal_data(inputs, mask))"
BAD_RET = "        return forward_outputs"
GOOD_RET = "        return forward_outputs + self._reverse_temporal_data(backward_outputs, mask)"

rng = np.random.default_rng(2)
EPS = 1e-6
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))
    return np.max(np.abs(a - b)) / scale < tol


def record(line, ok):
    results[line] = results.get(line, True) and bool(ok)


def num_grad(f, x):
    g = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        old = x[i]
        x[i] = old + EPS
        fp = f()
        x[i] = old - EPS
        fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


N, T, D, H = 3, 4, 3, 2
X = rng.normal(size=(N, T, D))
Pf = dict(Wx=rng.normal(scale=0.6, size=(D, H)), Wh=rng.normal(scale=0.6, size=(H, H)),
          b=rng.normal(scale=0.3, size=H))
Pb = dict(Wx=rng.normal(scale=0.6, size=(D, H)), Wh=rng.normal(scale=0.6, size=(H, H)),
          b=rng.normal(scale=0.3, size=H))


def set_cell(cell, Pm):
    cell.kernel, cell.recurrent_kernel, cell.bias = Pm['Wx'].copy(), Pm['Wh'].copy(), Pm['b'].copy()


def ref_rnn(Pm, Xm):
    h = np.zeros((Xm.shape[0], H))
    out = np.zeros((Xm.shape[0], Xm.shape[1], H))
    for t in range(Xm.shape[1]):
        h = np.tanh(h @ Pm['Wh'] + Xm[:, t] @ Pm['Wx'] + Pm['b'])
        out[:, t] = h
    return out


def ref_birnn(Pf_, Pb_, Xm):
    return np.concatenate([ref_rnn(Pf_, Xm), ref_rnn(Pb_, Xm[:, ::-1])[:, ::-1]], axis=2)


ns = load(SRC)
RNNCell, RNN, BiRNN = ns['RNNCell'], ns['RNN'], ns['BidirectionalRNN']

# ---------------------------------------------------------------- RNNCell (lines 46-71)
cell = RNNCell(D, H)
set_cell(cell, Pf)
x1 = rng.normal(size=(N, D))
h1 = rng.normal(size=(N, H))
G1 = rng.normal(size=(N, H))
out1 = cell.forward([x1.copy(), h1.copy()])
aff = h1 @ Pf['Wh'] + x1 @ Pf['Wx'] + Pf['b']
record(46, close(np.arctanh(out1), aff))
record(47, close(out1, np.tanh(aff)))
dx1, dh1 = cell.backward(G1, [x1.copy(), h1.copy()])
record(64, close(cell.forward([x1.copy(), h1.copy()]), np.tanh(aff)))
# line 66: in_grads * (1 - outputs**2) is dL/d(affine) for L = sum(G1 * tanh(affine))
a_var = aff.copy()
record(66, close(G1 * (1 - out1 ** 2), num_grad(lambda: np.sum(G1 * np.tanh(a_var)), a_var)))
cell_L = lambda Pm, xx, hh: np.sum(G1 * np.tanh(hh @ Pm['Wh'] + xx @ Pm['Wx'] + Pm['b']))
hv, xv = h1.copy(), x1.copy()
record(67, close(dh1, num_grad(lambda: cell_L(Pf, x1, hv), hv)))
record(68, close(dx1, num_grad(lambda: cell_L(Pf, xv, h1), xv)))
Pc = {k: v.copy() for k, v in Pf.items()}
record(69, close(cell.r_kernel_grad, num_grad(lambda: cell_L(Pc, x1, h1), Pc['Wh'])))
record(70, close(cell.kernel_grad, num_grad(lambda: cell_L(Pc, x1, h1), Pc['Wx'])))
record(71, close(cell.b_grad, num_grad(lambda: cell_L(Pc, x1, h1), Pc['b'])))

# ---------------------------------------------------------------- RNN (lines 123-157)
G = rng.normal(size=(N, T, H))


def rnn_loss(Pm, Xm):
    return np.sum(G * ref_rnn(Pm, Xm))


def fd_rnn(key):
    Pm = {k: v.copy() for k, v in Pf.items()}
    return num_grad(lambda: rnn_loss(Pm, X), Pm[key])


Xv = X.copy()
fd_dx = num_grad(lambda: rnn_loss(Pf, Xv), Xv)
fd_Wx, fd_Wh, fd_b = fd_rnn('Wx'), fd_rnn('Wh'), fd_rnn('b')


def make_rnn(namespace, Pm=Pf):
    c = namespace['RNNCell'](D, H)
    set_cell(c, Pm)
    return namespace['RNN'](c)


r = make_rnn(ns)
outs = r.forward(X.copy())
ref = ref_rnn(Pf, X)
record(123, close(outs[:, 0], ref[:, 0]))
record(125, close(outs[:, 1:], ref[:, 1:]))
record(150, close(r.forward(X.copy()), ref))
dx = r.backward(G.copy(), X.copy())
record(152, close(dx, fd_dx) and close(r.r_kernel_grad, fd_Wh))
print('info: original RNN.backward, kernel/recurrent/bias grads match FD:',
      [close(r.kernel_grad, fd_Wx), close(r.r_kernel_grad, fd_Wh), close(r.b_grad, fd_b)])

ns_t0 = load(patch(SRC, BAD_T0, GOOD_T0))
r2 = make_rnn(ns_t0)
dx2 = r2.backward(G.copy(), X.copy())
record(153, close(dx2, fd_dx))
record(154, close(dx2, fd_dx))
record(155, close(r2.kernel_grad, fd_Wx))
record(156, close(r2.r_kernel_grad, fd_Wh))
record(157, close(r2.b_grad, fd_b))
# the accumulators are never reset: a second backward call on the same object doubles them
r2.backward(G.copy(), X.copy())
print('info: after a second backward() call the accumulated kernel_grad equals 2x the gradient:',
      close(r2.kernel_grad, 2 * fd_Wx))

# ---------------------------------------------------------------- BidirectionalRNN (217-242)
G2 = rng.normal(size=(N, T, 2 * H))


def bi_loss(Pf_, Pb_, Xm):
    return np.sum(G2 * ref_birnn(Pf_, Pb_, Xm))


def make_bi(namespace):
    c = namespace['RNNCell'](D, H)
    set_cell(c, Pf)
    bi = namespace['BidirectionalRNN'](c)
    set_cell(bi.backward_rnn.cell, Pb)
    for rr in (bi.forward_rnn, bi.backward_rnn):
        rr.kernel, rr.recurrent_kernel, rr.bias = rr.cell.kernel, rr.cell.recurrent_kernel, rr.cell.bias
    return bi


bi = make_bi(ns)
out_bi = bi.forward(X.copy())
ref_f = ref_rnn(Pf, X)
ref_b = ref_rnn(Pb, X[:, ::-1])
record(217, close(out_bi[:, :, :H], ref_f))
record(218, close(bi.backward_rnn.forward(X[:, ::-1].copy()), ref_b))
record(219, close(out_bi, ref_birnn(Pf, Pb, X)))

Xv2 = X.copy()
fd_bi_dx = num_grad(lambda: bi_loss(Pf, Pb, Xv2), Xv2)
Pf2 = {k: v.copy() for k, v in Pf.items()}
Pb2 = {k: v.copy() for k, v in Pb.items()}
fd_bi = {('f', k): num_grad(lambda: bi_loss(Pf2, Pb2, X), Pf2[k]) for k in Pf2}
fd_bi.update({('b', k): num_grad(lambda: bi_loss(Pf2, Pb2, X), Pb2[k]) for k in Pb2})


def bi_checks(src):
    b = make_bi(load(src))
    dxb = b.backward(G2.copy(), X.copy())
    okx = close(dxb, fd_bi_dx)
    okf = all(close(getattr(b.forward_rnn, a), fd_bi[('f', k)])
              for a, k in [('kernel_grad', 'Wx'), ('r_kernel_grad', 'Wh'), ('b_grad', 'b')])
    okb = all(close(getattr(b.backward_rnn, a), fd_bi[('b', k)])
              for a, k in [('kernel_grad', 'Wx'), ('r_kernel_grad', 'Wh'), ('b_grad', 'b')])
    return okx, okf, okb


base = patch(SRC, BAD_T0, GOOD_T0)  # isolate the bidirectional lines from the RNN bug of line 152
all_fixed = patch(patch(patch(base, BAD_SPLIT, GOOD_SPLIT), BAD_BWIN, GOOD_BWIN), BAD_RET, GOOD_RET)
okx, okf, okb = bi_checks(all_fixed)
print('info: with lines 152, 237, 240, 242 corrected, dx / forward-RNN grads / backward-RNN grads match FD:',
      okx, okf, okb)
record(239, okf)
# line 237 alone wrong (the others corrected)
okx, okf, okb = bi_checks(patch(patch(base, BAD_BWIN, GOOD_BWIN), BAD_RET, GOOD_RET))
record(237, okf and okb and okx)
# line 240 alone wrong
okx, okf, okb = bi_checks(patch(patch(base, BAD_SPLIT, GOOD_SPLIT), BAD_RET, GOOD_RET))
record(240, okb and okx)
# line 242 alone wrong
okx, okf, okb = bi_checks(patch(patch(base, BAD_SPLIT, GOOD_SPLIT), BAD_BWIN, GOOD_BWIN))
record(242, okx)
print('info: the code exactly as published, dx / forward grads / backward grads match FD:', bi_checks(SRC))

# ---------------------------------------------------------------- report
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
agree = True
for line in sorted(set(results) | {int(k) for k in exp}):
    got = results.get(line)
    want = exp.get(str(line), {}).get('expected')
    status = 'NOT CHECKED' if got is None else ('OK' if got else 'MISMATCH')
    consistent = (want == 'pass' and got is True) or (want == 'fail' and got is False)
    agree &= consistent
    print(f"line {line}: {status}  (expected {want}) {'agrees' if consistent else 'DISAGREES'}")
print('ALL VERDICTS AGREE' if agree else 'SOME VERDICTS DISAGREE')
sys.exit(0 if agree else 1)
