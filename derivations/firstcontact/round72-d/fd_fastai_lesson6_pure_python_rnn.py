# Finite-difference check of fastai deeplearning1 lesson6 "Pure python RNN!" (fastai_lesson6_pure_python_rnn.md)
# Author's formulas are copied as written (row vectors, no biases, relu hidden, softmax + cross-entropy summed over time).
import numpy as np
from numpy import newaxis
np.random.seed(0)

# ---- author's helpers (lines 10-52) ----
def sigmoid(x): return 1/(1+np.exp(-x))
def sigmoid_d(x):
    output = sigmoid(x)
    return output*(1-output)
def relu(x): return np.maximum(0., x)
def relu_d(x): return (x > 0.)*1.
def dist(a,b): return pow(a-b,2)
def dist_d(a,b): return 2*(a-b)
eps = 1e-7
def x_entropy(pred, actual):
    return -np.sum(actual * np.log(np.clip(pred, eps, 1-eps)))
def x_entropy_d(pred, actual): return -actual/pred
def softmax(x): return np.exp(x)/np.exp(x).sum()
def softmax_d(x):
    sm = softmax(x)
    res = np.expand_dims(-sm,-1)*sm
    res[np.diag_indices_from(res)] = sm*(1-sm)
    return res
act=relu; act_d=relu_d; loss=x_entropy; loss_d=x_entropy_d
def col(x): return x[:,newaxis]

def report(name, a, b, tol=1e-5):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE   ' if err<tol else 'DISAGREE'} {name:55s} rel.err={err:.2e}")
    return err < tol

h = 1e-6
# ---- helper derivatives ----
x = np.random.randn(7)
fd = (sigmoid(x+h)-sigmoid(x-h))/(2*h); report("line 12-13 sigmoid_d", sigmoid_d(x), fd)
fd = (relu(x+h)-relu(x-h))/(2*h);       report("line 18 relu_d", relu_d(x), fd)
a, b = np.random.randn(5), np.random.randn(5)
fd = (dist(a+h,b)-dist(a-h,b))/(2*h);   report("line 23 dist_d (d/da)", dist_d(a,b), fd)
pred = softmax(np.random.randn(6)); actual = np.eye(6)[2]
fd = np.array([(x_entropy(pred+h*e,actual)-x_entropy(pred-h*e,actual))/(2*h) for e in np.eye(6)])
report("line 30 x_entropy_d", x_entropy_d(pred,actual), fd)
z = np.random.randn(6)
J = np.array([(softmax(z+h*e)-softmax(z-h*e))/(2*h) for e in np.eye(6)]).T   # J[i,j] = d sm_i / d z_j
report("lines 39-41 softmax_d (Jacobian)", softmax_d(z), J)

# ---- RNN forward (lines 84-108), small sizes ----
n_input = n_output = 5; n_hidden = 4; T = 6
scale = np.sqrt(2./n_input)
W0 = dict(w_x=np.random.normal(scale=scale, size=(n_input,n_hidden)),
          w_y=np.random.normal(scale=scale, size=(n_hidden,n_output)),
          w_h=np.random.normal(scale=0.5, size=(n_hidden,n_hidden)) + np.eye(n_hidden))
inp = [np.eye(n_input)[np.random.randint(n_input, size=T)]]
outp = [np.eye(n_output)[np.random.randint(n_output, size=T)]]

def one_char(prev, item, W, dpre=None, p=None, k=None):
    tot_loss, pre_hidden, pre_pred, hidden, ypred = prev
    x, y = item
    pre_hidden = np.dot(x,W['w_x']) + np.dot(hidden,W['w_h'])
    if dpre is not None and p == k: pre_hidden = pre_hidden + dpre   # perturbation hook for FD on pre_hidden[p]
    hidden = act(pre_hidden)
    pre_pred = np.dot(hidden,W['w_y'])
    ypred = softmax(pre_pred)
    return (tot_loss+loss(ypred, y), pre_hidden, pre_pred, hidden, ypred)

def one_fwd(n, W, dpre=None, p=None):
    res=[]; prev=(0,0,0,np.zeros(n_hidden),0)
    for k,item in enumerate(zip(inp[n], outp[n])):
        prev = one_char(prev, item, W, dpre, p, k); res.append(prev)
    return res

def total_loss(W, dpre=None, p=None): return one_fwd(0, W, dpre, p)[-1][0]

# ---- author's one_bkwd (lines 117-136) run literally with a tiny alpha; (W_before - W_after)/alpha = what the code treats as dL/dW ----
def one_bkwd_literal(args, n, W, alpha, record=None):
    i=inp[n]; o=outp[n]
    d_pre_hidden = np.zeros(n_hidden)
    for p in reversed(range(len(i))):
        totloss, pre_hidden, pre_pred, hidden, ypred = args[p]
        x=i[p]; y=o[p]
        d_pre_pred = softmax_d(pre_pred).dot(loss_d(ypred,y))
        d_pre_hidden = (np.dot(d_pre_hidden, W['w_h'].T)
                        + np.dot(d_pre_pred,W['w_y'].T)) * act_d(pre_hidden)
        if record is not None: record[p] = (d_pre_pred.copy(), d_pre_hidden.copy())
        W['w_y'] -= col(hidden) * d_pre_pred * alpha
        if (p>0): W['w_h'] -= args[p-1][3].dot(d_pre_hidden) * alpha
        W['w_x'] -= col(x)*d_pre_hidden * alpha
    return d_pre_hidden

# same formulas, but with the weights frozen during the sweep (alpha -> 0 limit), for the per-line checks
def one_bkwd_frozen(args, n, W):
    i=inp[n]; o=outp[n]; G={k:np.zeros_like(v) for k,v in W.items()}; rec={}
    d_pre_hidden = np.zeros(n_hidden)
    for p in reversed(range(len(i))):
        totloss, pre_hidden, pre_pred, hidden, ypred = args[p]
        x=i[p]; y=o[p]
        d_pre_pred = softmax_d(pre_pred).dot(loss_d(ypred,y))
        d_pre_hidden = (np.dot(d_pre_hidden, W['w_h'].T) + np.dot(d_pre_pred,W['w_y'].T)) * act_d(pre_hidden)
        rec[p]=(d_pre_pred.copy(), d_pre_hidden.copy())
        G['w_y'] += col(hidden) * d_pre_pred                       # line 132 (per-step term)
        if (p>0): G['w_h'] += args[p-1][3].dot(d_pre_hidden)       # line 134 as written (scalar!)
        G['w_x'] += col(x)*d_pre_hidden                            # line 135
        if p>0: G.setdefault('w_h_outer', np.zeros_like(W['w_h'])); G['w_h_outer'] += col(args[p-1][3])*d_pre_hidden
    return G, rec

def fd_grad(W, name):
    g = np.zeros_like(W[name])
    for idx in np.ndindex(g.shape):
        Wp = {k:v.copy() for k,v in W.items()}; Wm = {k:v.copy() for k,v in W.items()}
        Wp[name][idx] += h; Wm[name][idx] -= h
        g[idx] = (total_loss(Wp)-total_loss(Wm))/(2*h)
    return g

W = {k:v.copy() for k,v in W0.items()}
args = one_fwd(0, W)
G, rec = one_bkwd_frozen(args, 0, W)

# per-step quantities: d_pre_pred[p] = dL/d pre_pred[p]; d_pre_hidden[p] = dL/d pre_hidden[p]
for p in [T-1, 2, 0]:
    # dL/d pre_pred[p] via loss_p only (pre_pred[p] affects only step-p loss)
    pp = args[p][2]; y = outp[0][p]
    fdv = np.array([(loss(softmax(pp+h*e),y)-loss(softmax(pp-h*e),y))/(2*h) for e in np.eye(n_output)])
    report(f"line 127 d_pre_pred at p={p}", rec[p][0], fdv)
    fdh = np.array([(total_loss(W, h*e, p)-total_loss(W, -h*e, p))/(2*h) for e in np.eye(n_hidden)])
    report(f"line 128 d_pre_hidden at p={p} (total dL/dpre_hidden)", rec[p][1], fdh)

report("line 132 w_y update direction (sum over p)", G['w_y'], fd_grad(W,'w_y'))
report("line 135 w_x update direction (sum over p)", G['w_x'], fd_grad(W,'w_x'))
fdWh = fd_grad(W,'w_h')
ok = report("line 134 w_h update as written (args[p-1][3].dot(d_pre_hidden))", np.broadcast_to(G['w_h'], fdWh.shape), fdWh)
report("   (control) outer product col(h[p-1])*d_pre_hidden", G['w_h_outer'], fdWh)
print("   as written, line 134 is a scalar per step:", np.ndim(args[T-2][3].dot(rec[T-1][1])), "-dim, value", float(args[T-2][3].dot(rec[T-1][1])))

# literal run with in-place SGD updates and tiny alpha: effective gradients
alpha = 1e-7
Wl = {k:v.copy() for k,v in W0.items()}
one_bkwd_literal(one_fwd(0, Wl), 0, Wl, alpha)
for name in ['w_y','w_x','w_h']:
    eff = (W0[name]-Wl[name])/alpha
    report(f"literal one_bkwd, alpha=1e-7: effective d{name}", eff, fd_grad(W0,name), tol=1e-3)
