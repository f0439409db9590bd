# Finite-difference check of the student-completed DTU 02456 LSTM notebook (dtu_student_lstm_numpy.md).
# Author's forward (lines 149-191) and backward (lines 286-335) copied as written; clipping (line 340) is not applied here.
import numpy as np
np.random.seed(1)

def sigmoid(x, derivative=False, inputY=False):
    x_safe = x + 1e-12
    f = x if inputY else 1 / (1 + np.exp(-x_safe))
    return f * (1 - f) if derivative else f
def tanh(x, derivative=False, inputY=False):
    x_safe = x + 1e-12
    f = x if inputY else (np.exp(x_safe)-np.exp(-x_safe))/(np.exp(x_safe)+np.exp(-x_safe))
    return 1-f**2 if derivative else f
def softmax(x):
    x_safe = x + 1e-12
    return np.exp(x_safe) / np.sum(np.exp(x_safe))

hidden_size, vocab_size, T = 4, 5, 6
z_size = hidden_size + vocab_size
def rnd(*s): return np.random.randn(*s)*0.5
params = [rnd(hidden_size,z_size), rnd(hidden_size,z_size), rnd(hidden_size,z_size), rnd(hidden_size,z_size),
          rnd(vocab_size,hidden_size), rnd(hidden_size,1), rnd(hidden_size,1), rnd(hidden_size,1), rnd(hidden_size,1), rnd(vocab_size,1)]
names = ['W_f','W_i','W_g','W_o','W_v','b_f','b_i','b_g','b_o','b_v']
inputs = np.eye(vocab_size)[np.random.randint(vocab_size, size=T)].reshape(T, vocab_size, 1)
targets = np.eye(vocab_size)[np.random.randint(vocab_size, size=T)].reshape(T, vocab_size, 1)

def forward(inputs, h_prev, C_prev, p, dv_pert=None):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s = [],[],[],[],[],[],[],[],[]
    h_s.append(h_prev); C_s.append(C_prev)
    for t, x in enumerate(inputs):
        z = np.vstack((h_prev, x)); z_s.append(z)   # np.row_stack in the source (deprecated alias)
        f = sigmoid(np.dot(W_f, z) + b_f); f_s.append(f)
        i = sigmoid(np.dot(W_i, z) + b_i); i_s.append(i)
        g = tanh(np.dot(W_g, z) + b_g); g_s.append(g)
        C_prev = C_prev * f + g * i; C_s.append(C_prev)
        o = sigmoid(np.dot(W_o, z) + b_o); o_s.append(o)
        h_prev = tanh(C_prev) * o; h_s.append(h_prev)
        v = np.dot(W_v, h_prev) + b_v
        if dv_pert is not None and dv_pert[0] == t: v = v + dv_pert[1]
        v_s.append(v)
        output_s.append(softmax(v))
    return z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s

def backward(z, f, i, g, C, o, h, v, outputs, targets, p):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    W_f_d, b_f_d, W_i_d, b_i_d = np.zeros_like(W_f), np.zeros_like(b_f), np.zeros_like(W_i), np.zeros_like(b_i)
    W_g_d, b_g_d, W_o_d, b_o_d = np.zeros_like(W_g), np.zeros_like(b_g), np.zeros_like(W_o), np.zeros_like(b_o)
    W_v_d, b_v_d = np.zeros_like(W_v), np.zeros_like(b_v)
    dh_next = np.zeros_like(h[0]); dC_next = np.zeros_like(C[0])
    loss = 0; rec = {}
    for t in reversed(range(len(outputs))):
        loss += -np.mean(np.log(outputs[t]) * targets[t])
        dv = np.copy(outputs[t])
        dv[np.argmax(targets[t])] -= 1
        W_v_d += np.dot(dv, h[t+1].T)
        b_v_d += dv
        dh = np.dot(W_v.T, dv) + dh_next
        do = dh * tanh(C[t+1])
        do = sigmoid(o[t], derivative=True, inputY=True) * do
        W_o_d += np.dot(do, z[t].T)
        b_o_d += do
        dC = dh * o[t] * tanh(C[t+1], derivative=True, inputY=False) + dC_next
        dg = dC * i[t]
        dg = tanh(g[t], derivative=True, inputY=True) * dg
        W_g_d += np.dot(dg, z[t].T)
        b_g_d += dg
        di = dC * g[t]
        di = sigmoid(i[t], True, True) * di
        W_i_d += np.dot(di, z[t].T)
        b_i_d += di
        df = dC * C[t]
        df = sigmoid(f[t], True, True) * df
        W_f_d += np.dot(df, z[t].T)
        b_f_d += df
        dz = (np.dot(W_f.T, df) + np.dot(W_i.T, di) + np.dot(W_g.T, dg) + np.dot(W_o.T, do))
        dh_next = dz[:hidden_size, :]
        dC_next = f[t] * dC
        rec[t] = dict(dv=dv.copy(), dh=dh.copy(), dC=dC.copy(), dh_next=dh_next.copy(), dC_next=dC_next.copy())
    grads = W_f_d, W_i_d, W_g_d, W_o_d, W_v_d, b_f_d, b_i_d, b_g_d, b_o_d, b_v_d
    return loss, grads, rec

h0 = np.zeros((hidden_size,1)); c0 = np.zeros((hidden_size,1))
def loss_mean(p, dv_pert=None):   # the author's loss (line 288): sum_t mean_k( -log(yhat)*y )
    out = forward(inputs, h0, c0, p, dv_pert)[-1]
    return sum(-np.mean(np.log(out[t]) * targets[t]) for t in range(T))
def loss_sum(p, dv_pert=None):    # plain cross-entropy summed over time
    out = forward(inputs, h0, c0, p, dv_pert)[-1]
    return sum(-np.sum(np.log(out[t]) * targets[t]) for t in range(T))

def report(name, a, b, tol=1e-5):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE   ' if err<tol else 'DISAGREE'} {name:62s} rel.err={err:.2e}")

hh = 1e-6
fw = forward(inputs, h0, c0, params)
loss, grads, rec = backward(*fw, targets, params)
print("author's loss (line 288) =", loss, " recomputed mean-loss =", loss_mean(params))
x = np.random.randn(6)
report("lines 20/23 sigmoid derivative (inputY=True on output)", sigmoid(sigmoid(x), True, True), (sigmoid(x+hh)-sigmoid(x-hh))/(2*hh))
report("lines 45/48 tanh derivative (inputY=False)", tanh(x, True), (tanh(x+hh)-tanh(x-hh))/(2*hh))
report("line 45 tanh == np.tanh", tanh(x), np.tanh(x), 1e-9)

for t in [T-1, 1]:
    E = np.eye(vocab_size)
    fd_mean = np.array([(loss_mean(params,(t,hh*E[:,[k]]))-loss_mean(params,(t,-hh*E[:,[k]])))/(2*hh) for k in range(vocab_size)]).reshape(-1,1)
    fd_sum = np.array([(loss_sum(params,(t,hh*E[:,[k]]))-loss_sum(params,(t,-hh*E[:,[k]])))/(2*hh) for k in range(vocab_size)]).reshape(-1,1)
    report(f"lines 291-292 dv vs dL/dv of the author's (mean) loss, t={t}", rec[t]['dv'], fd_mean)
    report(f"   dv vs d(sum-CE)/dv, t={t}", rec[t]['dv'], fd_sum)
    print(f"   ratio dv / dL_mean/dv = {np.median(rec[t]['dv']/fd_mean):.4f} (vocab_size={vocab_size})")

def fd_param(lossf, k):
    g = np.zeros_like(params[k])
    for idx in np.ndindex(g.shape):
        pp = [q.copy() for q in params]; pm = [q.copy() for q in params]
        pp[k][idx] += hh; pm[k][idx] -= hh
        g[idx] = (lossf(pp)-lossf(pm))/(2*hh)
    return g
lines = {'W_f':326,'W_i':320,'W_g':314,'W_o':304,'W_v':295,'b_f':327,'b_i':321,'b_g':315,'b_o':305,'b_v':296}
for k,n in enumerate(names):
    report(f"line {lines[n]} {n}_d vs d(sum-CE)/d{n}  (chain right given dv)", grads[k], fd_param(loss_sum, k))
for k,n in enumerate(names[:5]):
    report(f"line {lines[n]} {n}_d vs d(author's mean loss)/d{n}", grads[k], fd_param(loss_mean, k))
