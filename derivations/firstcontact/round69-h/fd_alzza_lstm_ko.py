# Finite-difference check of alzza_lstm_ko.md (파이썬 날코딩으로 알고 짜는 딥러닝, chap11 LSTM layer). numpy only.
# The helper cells and the forward/backprop functions are exec'd verbatim from the note; the book's
# framework (RnnBasicModel, update_param) is replaced by a stub object that records the gradients.
import re, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, 'alzza_lstm_ko.md'), encoding='utf-8').read()
cells = re.findall(r'```python\n(.*?)```', md, flags=re.S)
ns = {'np': np, 'relu': lambda x: np.maximum(x, 0)}   # relu from the cut mathutil cell 1
for c in cells:
    if c.startswith('%run') or 'class RnnLstmModel' in c or 'def rnn_alloc_lstm_layer' in c:
        continue
    c = re.sub(r'^RnnLstmModel\..*$', '', c, flags=re.M)
    exec(c, ns)

class Stub:
    def update_param(self, pm, key, G):
        self.grads[key] = G.copy()
stub = Stub(); stub.grads = {}
fwd, bwd = ns['rnn_forward_lstm_layer'], ns['rnn_backprop_lstm_layer']

rng = np.random.default_rng(2)
EPS = 1e-6
def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def fd(f, arr):
    g = np.zeros_like(arr)
    for i in np.ndindex(arr.shape):
        old = arr[i]
        arr[i] = old + EPS; fp = f()
        arr[i] = old - EPS; fm = f()
        arr[i] = old; g[i] = (fp - fm) / (2 * EPS)
    return g
def rep(name, a, n, expect='agree'):
    r = rel(a, n)
    print(f"  {name:48s} rel.err {r:9.2e}  {'AGREE' if r < 1e-6 else 'DIFFER'}   (expected {expect})")

print("== helpers (l.3-21)")
z = rng.normal(size=9) * 3
s = ns['sigmoid'](z)
rep("l.4 sigmoid vs 1/(1+exp(-x))", s, 1/(1+np.exp(-z)))
rep("l.7 sigmoid_derv(sigmoid(x)) vs FD", ns['sigmoid_derv'](s), (ns['sigmoid'](z+EPS)-ns['sigmoid'](z-EPS))/(2*EPS))
rep("l.18 tanh vs np.tanh", ns['tanh'](z), np.tanh(z))
rep("l.21 tanh_derv(tanh(x)) vs FD", ns['tanh_derv'](np.tanh(z)), (np.tanh(z+EPS)-np.tanh(z-EPS))/(2*EPS))
lab = (rng.random(9) < 0.5).astype(float)
rep("l.10 BCE-with-logits vs -z log s - (1-z) log(1-s)", ns['sigmoid_cross_entropy_with_logits'](lab, z),
    -lab*np.log(s) - (1-lab)*np.log(1-s))
rep("l.13 its derivative vs FD", ns['sigmoid_cross_entropy_with_logits_derv'](lab, z),
    (ns['sigmoid_cross_entropy_with_logits'](lab, z+EPS) - ns['sigmoid_cross_entropy_with_logits'](lab, z-EPS))/(2*EPS))

def case(label, inseq, outseq, use_state, lengths=None, F=3, R=2, T=4, mb=2):
    timesteps1 = T + 1
    pm = {'w': rng.normal(scale=0.6, size=(F + R, 4*R)), 'b': rng.normal(scale=0.3, size=4*R),
          'info': [inseq, outseq, timesteps1, F, R, use_state]}
    if inseq:
        x = rng.normal(size=(mb, timesteps1, F)); x[:, 0, :] = 0; x[:, 0, 0] = lengths
    else:
        x = rng.normal(size=(mb, F))
    out, aux = fwd(stub, x, {}, pm)
    G = rng.normal(size=out.shape)
    if outseq: G[:, 0, :] = 0          # slot 0 carries the lengths, not a value
    def L():
        o, _ = fwd(stub, x, {}, pm)
        return np.sum(G * o)
    L()
    Gx = bwd(stub, G, {}, pm, aux)
    print(f"== {label}")
    rep("G_weight (l.173, via 147-168)", stub.grads['w'], fd(L, pm['w']))
    rep("G_bias (l.174)", stub.grads['b'], fd(L, pm['b']))
    if inseq:
        rep("G_x[:,1:,:] (l.175, 177; recurrence l.180, 156)", Gx[:, 1:, :], fd(L, x[:, 1:, :]))
    else:
        rep("G_x (l.175, 178 summed over steps)", Gx, fd(L, x))

case("inseq, outseq, h outputs, lengths [4, 2]", True, True, False, lengths=[4, 2])
case("inseq, last output only (outseq=False), lengths [3, 4]", True, False, False, lengths=[3, 4])
case("inseq, outseq, use_state (outputs are c_t), lengths [4, 3]", True, True, True, lengths=[4, 3])
case("same x every step (inseq=False), last output only", False, False, False)
case("same x every step (inseq=False), use_state, outseq", False, True, True)
