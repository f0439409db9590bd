# Finite-difference check of elman_es_many_to_one.md (eduard2diaz/RNN, Recurrent.py at c55dbba).
# The author's class code is taken from the first python fence of the note and executed as written
# (only the import of the empty Layer base class is replaced); the accumulation loop of backward()
# (note lines 147-164) is re-typed here because backward() keeps the sums in local variables.
import re, types
import numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md')).read()
fences = re.findall(r"```python\n(.*?)```", src, re.S)
cls_src = fences[0].replace("from classes.layers.Layer import Layer", "class Layer: pass")
ns = {}
exec(cls_src, ns)
exec(fences[1], ns)          # linear, tanh
exec(fences[2], ns)          # l2_cost
Recurrent, tanh, linear, l2_cost = ns['Recurrent'], ns['tanh'], ns['linear'], ns['l2_cost']

def author_grads(net, Yr, fix=None):
    """lines 147-164 of the note; fix = set of corrections to apply (for diagnosis only)."""
    fix = fix or set()
    Yp = net.forward(net.input)
    output_gradient = l2_cost[1](Yp, Yr)                       # note line 196 (uses line 185)
    if 'factor2' in fix:
        output_gradient = 2 * output_gradient
    if fix & {'outer79', 'T87', 'sum151'}:
        # patched copies of the author's methods
        def cpb(self, x, h_prev, da_next):
            dF_dbh = da_next * self.h_act_f[1](self.nextContext(x, h_prev))
            dWx = x.T.dot(dF_dbh)
            dWh = h_prev.T.dot(dF_dbh) if 'outer79' in fix else np.multiply(dF_dbh, h_prev)
            dh = dF_dbh.dot(self.W_h.T) if 'T87' in fix else dF_dbh.dot(self.W_h)
            return {"dbh": dF_dbh, "dWx": dWx, "dWh": dWh, "dh": dh}
        net.cellPartialBackward = types.MethodType(cpb, net)
    n = len(net.memory)
    dw_x = np.zeros_like(net.w_x); dW_h = np.zeros_like(net.W_h); dw_y = np.zeros_like(net.w_y)
    db_h = np.zeros_like(net.b_h); db_y = np.zeros_like(net.b_y); dh_prev = np.zeros_like(net.head_prev)
    for i in range(n):
        g, da_next = net.sequenceBackward(net.input[i], net.memory[i], output_gradient[i])
        if 'sum151' in fix:   # add the dWx / dbh of the earlier steps that the author drops
            T = len(net.memory[i]); dan = g['dY_dh']
            for t in range(T - 2, -1, -1):
                pg = net.cellPartialBackward(net.input[i][t].reshape(1, -1), net.memory[i][t], dan)
                g['dY_dWx'] = g['dY_dWx'] + pg['dWx']; g['dY_dbh'] = g['dY_dbh'] + pg['dbh']; dan = pg['dh']
        dw_x += g['dY_dWx']; dW_h += g['dY_dWh']; dw_y += g['dY_dWy']
        db_h += g['dY_dbh'].reshape(net.b_h.shape); db_y += g['dY_dBy'].reshape(net.b_y.shape)
        dh_prev += da_next
    return {k: v / n for k, v in dict(w_x=dw_x, W_h=dW_h, w_y=dw_y, b_h=db_h, b_y=db_y, head_prev=dh_prev).items()}

def fd(net, X, Yr, name, lossf, eps=1e-6):
    P = getattr(net, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + eps; lp = lossf(net.forward(X), Yr)
        P[idx] = old - eps; lm = lossf(net.forward(X), Yr)
        P[idx] = old; G[idx] = (lp - lm) / (2 * eps)
    return G

def make(T, H=3, D=2, N=3, seed=0):
    rng = np.random.default_rng(seed)
    np.random.seed(seed)
    net = Recurrent(H, tanh, linear)
    X = rng.normal(size=(N, T, D)) * 0.7
    Yr = rng.normal(size=(N, 1))
    net.forward(X)                                   # initialises w_x
    net.head_prev = rng.normal(size=(1, H)) * 0.5    # nonzero h0 so that dh_prev is testable
    net.forward(X)
    return net, X, Yr

L_author = lambda Yp, Yr: l2_cost[0](Yp, Yr)                  # note line 184
L_half = lambda Yp, Yr: 0.5 * np.mean((Yr - Yp) ** 2)        # what lines 185+159-164 actually differentiate

def report(title, T, fix=None, lossf=L_half, names=('w_y', 'b_y', 'w_x', 'b_h', 'W_h', 'head_prev')):
    net, X, Yr = make(T)
    g = author_grads(net, Yr, fix)
    print(f"--- {title} (T={T}, fix={sorted(fix) if fix else 'none'})")
    for k in names:
        num = fd(net, X, Yr, k, lossf)
        ok = np.allclose(g[k], num, rtol=1e-5, atol=1e-7)
        print(f"  d/d{k:10s} {'AGREES' if ok else 'DIFFERS'}  max|err|={np.max(np.abs(g[k]-num)):.2e}")

# helpers (note lines 172-173, 179-180)
z = np.linspace(-2, 2, 7); e = 1e-6
print("tanh' (line 180) agrees:", np.allclose(tanh[1](z), (tanh[0](z + e) - tanh[0](z - e)) / (2 * e), atol=1e-8))
print("linear' (line 173) agrees:", np.allclose(linear[1](z), np.ones_like(z)))

# line 185: derivative of the author's loss (line 184) -- gradient w.r.t. Yp, per sample, times N
Yp = np.array([[0.3], [-0.2]]); Yr = np.array([[1.0], [0.5]])
num = np.array([[(L_author(Yp + e * (np.arange(2) == i)[:, None], Yr) - L_author(Yp - e * (np.arange(2) == i)[:, None], Yr)) / (2 * e)] for i in range(2)]).reshape(2, 1)
print("line 185: N*dL/dYp =", (2 * num).ravel(), " author's (Yp-Yr) =", l2_cost[1](Yp, Yr).ravel(), "-> factor", (2 * num / l2_cost[1](Yp, Yr)).ravel())

# T = 1: one step, no recursion: checks lines 69-100 and 185 in isolation
report("T=1 as written, vs the author's loss L (line 184)", 1, lossf=L_author, names=('w_y',))
report("T=1 as written, vs L/2", 1)
report("T=1 with the outer product (line 79) fixed", 1, {'outer79'})
# T = 4 (< 6, so the _LAST_SEQUENCE_AMOUNT = 5 truncation of line 115 is not active)
report("T=4 as written", 4)
report("T=4, lines 79 and 87 fixed", 4, {'outer79', 'T87'})
report("T=4, lines 79, 87 fixed and earlier steps' dWx/dbh summed (151, 154)", 4, {'outer79', 'T87', 'sum151'})
report("T=4, all fixes incl. factor 2 (line 185), vs the author's loss L", 4, {'outer79', 'T87', 'sum151', 'factor2'}, lossf=L_author)
