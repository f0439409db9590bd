# Finite-difference check of lstm_scratch.md (aaryan124/cnn-from-scratch LSTM_scratch.ipynb), numpy only.
# The two code cells are extracted from the .md and executed unchanged.
import re, numpy as np
md = open(__file__.replace('fd_lstm_scratch.py', 'lstm_scratch.md')).read()
cells = re.findall(r"```python\n(.*?)```", md, re.S)
ns = {}
for c in cells:
    exec(c, ns)
LSTM, sigmoid, dsigmoid, dtanh = ns['LSTM'], ns['sigmoid'], ns['dsigmoid'], ns['dtanh']

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def show(name, r):
    print(("AGREE   " if r < 1e-6 else "DISAGREE") + f"  rel={r:.2e}  {name}")

# helpers (lines 8, 11, 14): derivatives expressed through the activation's output
x0 = 0.37; e = 1e-6
show("line 11 dsigmoid(sigmoid(x)) vs d sigmoid/dx", rel(dsigmoid(sigmoid(x0)), (sigmoid(x0+e)-sigmoid(x0-e))/(2*e)))
show("line 14 dtanh(tanh(x)) vs d tanh/dx", rel(dtanh(np.tanh(x0)), (np.tanh(x0+e)-np.tanh(x0-e))/(2*e)))

np.random.seed(1)
D, H, T = 3, 4, 5
net = LSTM(D, H)
for W in (net.Wf, net.Wi, net.Wg, net.Wo):
    W *= 10                                           # larger weights so gates are not ~0.5
for b in (net.bf, net.bi, net.bg, net.bo):
    b[:] = np.random.randn(*b.shape)
inputs = np.random.randn(T, D)
G = np.random.randn(H, 1)                             # L = G . h_returned  => dL_dh = G

def grads_author():
    """Run the author's backward with lr=0 and capture dW/db by re-running its formulas
    from the cache (lines 62-98 copied literally)."""
    self = net
    dWf = np.zeros_like(self.Wf); dWi = np.zeros_like(self.Wi); dWg = np.zeros_like(self.Wg); dWo = np.zeros_like(self.Wo)
    dbf = np.zeros_like(self.bf); dbi = np.zeros_like(self.bi); dbg = np.zeros_like(self.bg); dbo = np.zeros_like(self.bo)
    dh_next = G
    dc_next = np.zeros((self.hidden_size, 1))
    for t in reversed(range(len(self.cache))):
        f, i, g, o, c, h, c_prev, h_prev, z = self.cache[t]
        do = dh_next * np.tanh(c)
        dco = dh_next * o * dtanh(np.tanh(c)) + dc_next
        df = dco * c_prev
        di = dco * g
        dg = dco * i
        dc_prev = dco * f
        dzf = df * dsigmoid(f)
        dzi = di * dsigmoid(i)
        dzg = dg * dtanh(g)
        dzo = do * dsigmoid(o)
        dWf += dzf @ z.T; dWi += dzi @ z.T; dWg += dzg @ z.T; dWo += dzo @ z.T
        dbf += dzf; dbi += dzi; dbg += dzg; dbo += dzo
        dz = (self.Wf.T @ dzf + self.Wi.T @ dzi + self.Wg.T @ dzg + self.Wo.T @ dzo)
        dh_next = dz[:self.hidden_size, :]
        dc_next = dc_prev
    return dict(Wf=dWf, Wi=dWi, Wg=dWg, Wo=dWo, bf=dbf, bi=dbi, bg=dbg, bo=dbo), dh_next, dc_next

def run(forward):
    L = lambda: float(np.sum(G * forward(inputs)))
    forward(inputs)
    g, dh0, dc0 = grads_author()
    print(f"  cache length after forward: {len(net.cache)} (T = {T})")
    for name in ['Wf', 'Wi', 'Wg', 'Wo', 'bf', 'bi', 'bg', 'bo']:
        P = getattr(net, name); num = np.zeros_like(P)
        for k in np.ndindex(P.shape):
            old = P[k]; P[k] = old + e; lp = L(); P[k] = old - e; lm = L(); P[k] = old
            num[k] = (lp - lm) / (2 * e)
        show(f"d{name} (lines 68-88, 90-98 recursion)", rel(g[name], num))
    # the author's own backward runs without error and (lr=0) leaves parameters unchanged
    net.backward(G, lr=0.0)

print("A) author's forward exactly as written ('return h' inside the for loop: only x_1 is processed)")
run(net.forward)

def forward_T(inputs):
    # same per-step lines 32-50, with 'return h' after the loop (the evident intent), to exercise the recursion
    self = net
    h_prev = np.zeros((self.hidden_size,1)); c_prev = np.zeros((self.hidden_size,1)); self.cache = []
    for x_t in inputs:
        x_t = x_t.reshape(-1, 1); z = np.vstack((h_prev, x_t))
        f = sigmoid(self.Wf @ z + self.bf); i = sigmoid(self.Wi @ z + self.bi); g = np.tanh(self.Wg @ z + self.bg)
        c = f * c_prev + i * g; o = sigmoid(self.Wo @ z + self.bo); h = o * np.tanh(c)
        self.cache.append((f, i, g, o, c, h, c_prev, h_prev, z)); h_prev, c_prev = h, c
    return h
print("B) same forward lines over all T steps (return moved after the loop), loss on the last h only")
run(forward_T)
