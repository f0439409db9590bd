# Finite-difference check of cs182_rnn_layers.py (leehanchung, Berkeley CS182 assignment 2).
# Imports the transcribed functions themselves (the file is the verbatim source plus a '# source:' comment line).
import numpy as np
from cs182_rnn_layers import (rnn_step_forward, rnn_step_backward, rnn_forward, rnn_backward,
                              sigmoid, lstm_step_forward, lstm_step_backward, lstm_forward, lstm_backward)
np.random.seed(0)
h = 1e-6

def num_grad(f, x, df):
    """numerical gradient of sum(f()*df) w.r.t. array x (in place perturbation)"""
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h; fp = np.sum(f() * df)
        x[idx] = old - h; fm = np.sum(f() * df)
        x[idx] = old; g[idx] = (fp - fm) / (2 * h)
    return g

def report(name, a, b, tol=1e-6):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE   ' if err<tol else 'DISAGREE'} {name:55s} rel.err={err:.2e}")

N, D, H, T = 3, 4, 5, 6
x = np.random.randn(N, D); prev_h = np.random.randn(N, H)
Wx = np.random.randn(D, H)*0.5; Wh = np.random.randn(H, H)*0.5; b = np.random.randn(H)
dnext = np.random.randn(N, H)
out, cache = rnn_step_forward(x, prev_h, Wx, Wh, b)
report("line 38 rnn_step_forward == tanh(xWx+hWh+b)", out, np.tanh(x@Wx+prev_h@Wh+b), 1e-12)
dx, dph, dWx, dWh, db = rnn_step_backward(dnext, cache)
f = lambda: rnn_step_forward(x, prev_h, Wx, Wh, b)[0]
report("lines 70-71 rnn_step dx", dx, num_grad(f, x, dnext))
report("line 72 rnn_step dprev_h", dph, num_grad(f, prev_h, dnext))
report("line 73 rnn_step dWx", dWx, num_grad(f, Wx, dnext))
report("line 74 rnn_step dWh", dWh, num_grad(f, Wh, dnext))
report("line 75 rnn_step db", db, num_grad(f, b, dnext))

xs = np.random.randn(N, T, D); h0 = np.random.randn(N, H); dh = np.random.randn(N, T, H)
hs, cache = rnn_forward(xs, h0, Wx, Wh, b)
dx, dh0, dWx, dWh, db = rnn_backward(dh, cache)
f = lambda: rnn_forward(xs, h0, Wx, Wh, b)[0]
report("lines 159-164 rnn_backward dx", dx, num_grad(f, xs, dh))
report("line 167 rnn_backward dh0", dh0, num_grad(f, h0, dh))
report("lines 160/162 rnn_backward dWx (sum over t)", dWx, num_grad(f, Wx, dh))
report("lines 160/163 rnn_backward dWh (sum over t)", dWh, num_grad(f, Wh, dh))
report("lines 160/164 rnn_backward db (sum over t)", db, num_grad(f, b, dh))

z = np.random.randn(7)*5
report("lines 178-186 stable sigmoid == 1/(1+exp(-x))", sigmoid(z), 1/(1+np.exp(-z)), 1e-12)

Wx4 = np.random.randn(D, 4*H)*0.5; Wh4 = np.random.randn(H, 4*H)*0.5; b4 = np.random.randn(4*H)
prev_c = np.random.randn(N, H); dnext_h = np.random.randn(N, H); dnext_c = np.random.randn(N, H)
nh, nc, cache = lstm_step_forward(x, prev_h, prev_c, Wx4, Wh4, b4)
dx, dph, dpc, dWx, dWh, db = lstm_step_backward(dnext_h, dnext_c, cache)
# scalar objective sum(next_h*dnext_h) + sum(next_c*dnext_c)
def obj_grad(var):
    g = np.zeros_like(var)
    for idx in np.ndindex(var.shape):
        old = var[idx]
        var[idx] = old + h; a, c, _ = lstm_step_forward(x, prev_h, prev_c, Wx4, Wh4, b4); fp = np.sum(a*dnext_h)+np.sum(c*dnext_c)
        var[idx] = old - h; a, c, _ = lstm_step_forward(x, prev_h, prev_c, Wx4, Wh4, b4); fm = np.sum(a*dnext_h)+np.sum(c*dnext_c)
        var[idx] = old; g[idx] = (fp-fm)/(2*h)
    return g
report("lines 272-300 lstm_step dx", dx, obj_grad(x))
report("line 298 lstm_step dprev_h", dph, obj_grad(prev_h))
report("line 282 lstm_step dprev_c", dpc, obj_grad(prev_c))
report("line 297 lstm_step dWx", dWx, obj_grad(Wx4))
report("line 299 lstm_step dWh", dWh, obj_grad(Wh4))
report("line 300 lstm_step db", db, obj_grad(b4))
# gate pre-activation gradients (lines 287-293): compare dA with numerical dObj/dA via perturbing b (dA summed over batch == db) and via x-independent check
A = prev_h@Wh4 + x@Wx4 + b4
def obj_from_A(A):
    ai, af, ao, ag = np.split(A, 4, axis=1)
    i, f_, o, g = 1/(1+np.exp(-ai)), 1/(1+np.exp(-af)), 1/(1+np.exp(-ao)), np.tanh(ag)
    c = f_*prev_c + i*g; hh_ = o*np.tanh(c)
    return np.sum(hh_*dnext_h)+np.sum(c*dnext_c)
gA = np.zeros_like(A)
for idx in np.ndindex(A.shape):
    Ap = A.copy(); Ap[idx] += h; Am = A.copy(); Am[idx] -= h
    gA[idx] = (obj_from_A(Ap)-obj_from_A(Am))/(2*h)
i_, f_, o_, g_ = cache[6:10]
dai = i_*(1-i_)*(g_*(dnext_c + o_*(1-np.tanh(nc)**2)*dnext_h))
report("line 287 dai (via lines 273-280)", dai, gA[:, :H])
report("line 293 dA = concat(dai,daf,dao,dag)", (np.concatenate((dai, f_*(1-f_)*(prev_c*(dnext_c + o_*(1-np.tanh(nc)**2)*dnext_h)), o_*(1-o_)*np.tanh(nc)*dnext_h, (1-g_**2)*(i_*(dnext_c + o_*(1-np.tanh(nc)**2)*dnext_h))), axis=1)), gA)

hs, cache = lstm_forward(xs, h0, Wx4, Wh4, b4)
dx, dh0, dWx, dWh, db = lstm_backward(dh, cache)
f = lambda: lstm_forward(xs, h0, Wx4, Wh4, b4)[0]
report("lines 394-403 lstm_backward dx", dx, num_grad(f, xs, dh))
report("line 406 lstm_backward dh0", dh0, num_grad(f, h0, dh))
report("lines 400/401 lstm_backward dWx (sum over t)", dWx, num_grad(f, Wx4, dh))
report("lines 400/402 lstm_backward dWh (sum over t)", dWh, num_grad(f, Wh4, dh))
report("lines 400/403 lstm_backward db (sum over t)", db, num_grad(f, b4, dh))
