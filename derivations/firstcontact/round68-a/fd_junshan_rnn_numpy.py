"""Finite-difference check of junshan_rnn_numpy.py (Junshan233/Neural_Network RNN/rnn_numpy.py).

Loads the transcribed file itself (its class RNNLayer and Sigmoid), runs the author's forward/backward,
and compares with central finite differences of the author's loss calc_loss().
The per-step quantities (delta = dL/ds_t) are recorded by re-running the author's backward loop
verbatim with one extra line that stores delta.
"""
import sys, types
import numpy as np

sys.modules.setdefault('matplotlib', types.ModuleType('matplotlib'))
sys.modules.setdefault('matplotlib.pyplot', types.ModuleType('matplotlib.pyplot'))
src = open(__file__.replace('fd_junshan_rnn_numpy.py', 'junshan_rnn_numpy.py')).read()
ns = {}
exec(compile(src, 'junshan_rnn_numpy.py', 'exec'), ns)
Sigmoid, RNNLayer = ns['Sigmoid'], ns['RNNLayer']

class _OldNumpyArray(np.ndarray):
    # numpy>=2 refuses `a[0, i] = array of shape (1, 1)` (line 49 of the note); older numpy accepted it.
    # This subclass only restores that old assignment behaviour; the author's arithmetic is untouched.
    def __setitem__(self, k, v):
        super().__setitem__(k, np.asarray(v).reshape(()) if np.size(v) == 1 else v)

_orig_init = RNNLayer.__init__
def _init(self, *a, **k):
    _orig_init(self, *a, **k)
    self.ot = self.ot.view(_OldNumpyArray)
RNNLayer.__init__ = _init

rng = np.random.default_rng(0)
T, H = 6, 5
np.random.seed(1)
rnn = RNNLayer(input_dim=2, hidden_dim=H, output_dim=1, input_length=T,
               activator=Sigmoid(), learning_rate=0.1)
X = rng.integers(0, 2, size=(2, T)).astype(float)
Y = rng.integers(0, 2, size=(1, T)).astype(float)

def loss_of(U=None, W=None, V=None, s_pert=None):
    """author's forward (lines 45-50) + author's loss (line 55), with optional additive perturbation of s_t."""
    U = rnn.U if U is None else U; W = rnn.W if W is None else W; V = rnn.V if V is None else V
    act = Sigmoid(); s = np.zeros((H, 1)); ot = np.zeros((1, T))
    for i in range(T):
        xt = X[:, i].reshape((2, 1))
        s = act.forward(np.dot(U, xt) + np.dot(W, s))
        if s_pert is not None and s_pert[0] == i:
            s = s + s_pert[1]
        ot[0, i] = act.forward(np.dot(V, s))[0, 0]
    return -1 / T * np.sum(Y * np.log(ot) + (1 - Y) * np.log(1 - ot))

rows = []
def report(line, name, got, ref, tol=1e-6):
    err = np.max(np.abs(np.asarray(got) - np.asarray(ref))) / (1e-12 + np.max(np.abs(ref)))
    ok = err < tol
    rows.append((line, name, ok, err))

# line 9 / 12: sigmoid and its derivative written in terms of the output
x = np.linspace(-3, 3, 7); e = 1e-6; sg = Sigmoid()
report(12, 'Sigmoid.gradient(output) = output*(1-output)', sg.gradient(sg.forward(x)),
       (sg.forward(x + e) - sg.forward(x - e)) / (2 * e))

# author's forward + loss
rnn.forward(X)
L = rnn.calc_loss(Y)
report(55, 'calc_loss equals loss_of() (same forward)', L, loss_of())

# line 65: ot_grade = dL/do_t
ot_grade = -1 / rnn.input_length * (Y / rnn.ot - (1 - Y) / (1 - rnn.ot))
fd = np.zeros_like(rnn.ot)
for i in range(T):
    op = rnn.ot.copy(); op[0, i] += e; om = rnn.ot.copy(); om[0, i] -= e
    f = lambda o: -1 / T * np.sum(Y * np.log(o) + (1 - Y) * np.log(1 - o))
    fd[0, i] = (f(op) - f(om)) / (2 * e)
report(65, 'ot_grade = dL/do_t', ot_grade, fd)

# author's backward loop (lines 60-88) re-run verbatim, recording delta per time step
self = rnn; y_label = Y; deltas = {}
self.U_grad = np.zeros_like(self.U)
self.W_grad = np.zeros_like(self.W)
self.V_grad = np.zeros_like(self.V)
ot_grade = -1 / self.input_length * (y_label / self.ot -
                                     (1 - y_label) / (1 - self.ot))
next_delta = np.zeros((self.hidden_dim, 1))
st_next = np.zeros((self.hidden_dim, 1))
for i in range(self.input_length):
    ot_grade_now = ot_grade[0, self.input_length - 1 - i]
    ot_now = self.ot[0, self.input_length - 1 - i]
    st_now = self.state_list[self.input_length - i]
    xt_now = self.xt_list[self.input_length - 1 - i]
    delta = np.dot(
        np.dot(self.W.T,
               np.diag(np.squeeze(self.activator.gradient(st_next)))),
        next_delta) + np.dot(
            self.V.T, ot_grade_now * self.activator.gradient(ot_now))
    deltas[self.input_length - 1 - i] = delta          # (recording only)
    self.V_grad += np.dot(
        self.activator.gradient(ot_now) * ot_grade_now, st_now.T)
    self.U_grad += np.dot(
        np.dot(np.diag(np.squeeze(self.activator.gradient(st_now))),
               delta), xt_now.T)
    self.W_grad += np.dot(
        np.dot(np.diag(np.squeeze(self.activator.gradient(st_now))),
               delta), self.state_list[self.input_length - 1 - i].T)
    next_delta = delta
    st_next = st_now

# check that the verbatim loop is what the class method does
rnn2 = RNNLayer(2, H, 1, T, Sigmoid(), 0.1); rnn2.U, rnn2.W, rnn2.V = rnn.U, rnn.W, rnn.V
rnn2.forward(X); rnn2.backward(Y)
report(60, 'RNNLayer.backward() == verbatim loop (sanity)', rnn2.W_grad, self.W_grad)

# line 74: delta = total dL/ds_t (s_t = state after step t)
fd_delta = {}
for t in range(T):
    g = np.zeros((H, 1))
    for k in range(H):
        p = np.zeros((H, 1)); p[k] = e
        g[k] = (loss_of(s_pert=(t, p)) - loss_of(s_pert=(t, -p))) / (2 * e)
    fd_delta[t] = g
report(74, 'delta = dL/ds_t for all t', np.hstack([deltas[t] for t in range(T)]),
       np.hstack([fd_delta[t] for t in range(T)]))

def fd_param(name):
    P = getattr(rnn, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        Pp = P.copy(); Pp[idx] += e; Pm = P.copy(); Pm[idx] -= e
        G[idx] = (loss_of(**{name: Pp}) - loss_of(**{name: Pm})) / (2 * e)
    return G
report(79, 'V_grad (sum over t of per-step terms) = dL/dV', self.V_grad, fd_param('V'))
report(81, 'U_grad = dL/dU', self.U_grad, fd_param('U'))
report(84, 'W_grad = dL/dW', self.W_grad, fd_param('W'))

for line, name, ok, err in rows:
    print(f"line {line:3d}  {'AGREE' if ok else 'DISAGREE'}  rel.err={err:.2e}  {name}")
