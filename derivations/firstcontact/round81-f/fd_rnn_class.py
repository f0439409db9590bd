# Finite-difference check of rnn_class.py (file id 23615198819), numpy only.
# The author's class is executed unchanged; only `xrange` (Python 2) is provided as `range`.
import numpy as np
ns = {'xrange': range}
exec(open(__file__.replace('fd_rnn_class.py', 'rnn_class.py')).read(), ns)
RNN = ns['RNN']
np.random.seed(0)
D, H, M, T = 3, 4, 5, 6
net = RNN(D, H)
X = np.random.randn(D, M, T)
G = np.random.randn(H, M, T)          # L = sum(G * a_arr)  => gradOutput = G

def loss():
    return np.sum(G * net.forward(X))

def fd(arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; old = arr[k]
        arr[k] = old + eps; lp = loss()
        arr[k] = old - eps; lm = loss()
        arr[k] = old; g[k] = (lp - lm) / (2 * eps)
    return g

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))

a_arr = net.forward(X)
din = net.backward(X, G, a_arr)
dWa, dba = net._dWa.copy(), net._dba.copy()
gW, gb, gX = fd(net._Wa), fd(net._ba), fd(X)
rows = [
  ("41  _tanh_d(a)=1-a**2 (used on tanh output)", rel(net._tanh_d(np.tanh(0.3)), 1 - np.tanh(0.3)**2)),
  ("80/100/102/104  din (dL/dx_t, recursion through da_prev line 81)", rel(din, gX)),
  ("83+105  sum_t dWa_t (before line 107)", rel(dWa * M, gW)),
  ("84+106  sum_t dba_t (before line 108)", rel(dba * M, gb)),
  ("107  _dWa /= m  vs dL/dWa", rel(dWa, gW)),
  ("108  _dba /= m  vs dL/dba", rel(dba, gb)),
]
# line 35: _sigmoid_d(x) = x vs d sigmoid/dx (either convention)
x0 = 0.7; s = 1 / (1 + np.exp(-x0))
num = (1/(1+np.exp(-(x0+1e-6))) - 1/(1+np.exp(-(x0-1e-6)))) / 2e-6
rows.append(("35  _sigmoid_d(x)=x vs sigma'(x) (input x)", rel(net._sigmoid_d(x0), num)))
rows.append(("35  _sigmoid_d(s)=s vs s(1-s) (output s)", rel(net._sigmoid_d(s), s * (1 - s))))
for name, r in rows:
    print(("AGREE   " if r < 1e-6 else "DISAGREE") + f"  rel={r:.2e}  line {name}")
print("ratio FD dWa / author _dWa =", np.median(gW / dWa), "(batch size m =", M, ")")

# Diagnosis of the line-83 disagreement: with a0=None, line 67 makes a0 a *view* of a_arr[:,:,0],
# which line 71 then overwrites with a^<1>; line 102 therefore uses a^<1> instead of a^<0>=0 as a_prev.
print("after forward with a0=None: max|net._a0| =", np.abs(net._a0).max(), "(should be 0), equals a_arr[:,:,0]:", np.allclose(net._a0, a_arr[:, :, 0]))
rows_W = np.abs(gW - dWa * M).max(axis=1)
print("rows of Wa with mismatch (0..D-1 input rows, D.. hidden rows):", np.nonzero(rows_W > 1e-6)[0])
# Same check when the caller passes an explicit zero a0 (no aliasing): sum_t dWa_t is then exact.
net2 = RNN(D, H); net2._Wa[:] = net._Wa; net2._ba[:] = net._ba
A0 = np.zeros((H, M))
def loss2():
    return np.sum(G * net2.forward(X, A0))
a2 = net2.forward(X, A0); net2.backward(X, G, a2)
g2 = np.zeros_like(net2._Wa)
for k in np.ndindex(net2._Wa.shape):
    old = net2._Wa[k]; net2._Wa[k] = old + 1e-6; lp = loss2(); net2._Wa[k] = old - 1e-6; lm = loss2(); net2._Wa[k] = old
    g2[k] = (lp - lm) / 2e-6
r = rel(net2._dWa * M, g2)
print(("AGREE   " if r < 1e-6 else "DISAGREE") + f"  rel={r:.2e}  line 83+105 with explicit a0=zeros (no aliasing): sum_t dWa_t")
