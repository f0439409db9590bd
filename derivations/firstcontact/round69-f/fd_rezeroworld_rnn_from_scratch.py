# Finite-difference check of rezeroworld_rnn_from_scratch.md (numpy only).
# The python cells of the verbatim transcription are exec'd (torch imports stubbed out),
# so the author's backward code runs exactly as written; patched copies isolate each error.
import os, re, sys, types, copy
import numpy as np
for name in ["torch", "torch.nn", "torch.nn.functional", "torch.autograd"]:
    m = types.ModuleType(name); m.Variable = object; sys.modules[name] = m
sys.modules["torch"].nn = sys.modules["torch.nn"]; sys.modules["torch.nn"].functional = sys.modules["torch.nn.functional"]
md = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rezeroworld_rnn_from_scratch.md")).read()
SRC = "\n".join(re.findall(r"```python\n(.*?)```", md, re.S))

def load(patches=()):
    s = SRC
    for a, b in patches:
        assert a in s, a; s = s.replace(a, b)
    ns = {}; exec(compile(s, "nb", "exec"), ns); return ns

V, E, H, B, T, eps = 6, 4, 4, 3, 3, 1e-6
rng = np.random.default_rng(1)
xi = rng.integers(0, V, size=(T, B)); yi = rng.integers(0, V, size=(T, B))
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def report(name, got, want):
    r = rel(got, want); print(f"{'AGREE' if r < 1e-5 else 'DISAGREE':9s} {name:66s} rel.err={r:.2e}")

def all_params(model):
    out = []
    for i, L in enumerate(model.layers):
        for k, p in getattr(L, "params", {}).items(): out.append((f"layer{i}:{L.__class__.__name__}.{k}", p))
    return out
def run(ns, kind, Tn, seed=0):
    np.random.seed(seed)
    M = ns["RNNModel"] if kind == "rnn" else ns["LSTMModel"]
    model = M(vocab_size=V, context_size=Tn, embed_size=E, hidden_size=H)
    x = np.transpose(ns["one_hot"](xi[:Tn].T, V), (1, 0, 2)); y = np.transpose(ns["one_hot"](yi[:Tn].T, V), (1, 0, 2))
    def loss():
        model.forward_dicts = []; return np.sum(model.forward(x, y, no_grad=True)[1])
    for _, p in all_params(model): p.dparam = np.zeros_like(p.param)
    model.forward_dicts = []
    probas, _ = model.forward(x, y); model.backward(probas)
    res = []
    for name, p in all_params(model):
        g = np.zeros_like(p.param)
        for idx in np.ndindex(p.param.shape):
            p.param[idx] += eps; lp = loss(); p.param[idx] -= 2 * eps; lm = loss(); p.param[idx] += eps
            g[idx] = (lp - lm) / (2 * eps)
        res.append((name, p.dparam.copy(), g))
    return res
def show(title, res, names=None):
    print("--", title)
    for name, got, want in res:
        if names is None or name in names: report(name, got, want)

# layer order: RNNModel = [Embedding, RNN, Linear, CrossEntropy]; LSTMModel = [Embedding, LSTM, Linear, CrossEntropy,
#   input_gate, forget_gate, output_gate, cell_state]
# loss = sum_t CrossEntropy_t (each a batch mean); the probas returned by forward are the softmax outputs
NB = ns0 = load()
FIX_OUT = ("out = self.cross_entropy.backward(out[timestamp])\n            dltdh = self.linear.backward(out)",
           "g_t = self.cross_entropy.backward(out[timestamp])\n            dltdh = self.linear.backward(g_t)")
FIX_ACC = [("self.params['w'].dparam = dw\n        #print(f\"norm of weight of linear", "self.params['w'].dparam += dw\n        #print(f\"norm of weight of linear"),
           ("self.params['b'].dparam = db", "self.params['b'].dparam += db"),
           ("self.params['w'].dparam = dw\n        #print(f\"norm of weight of embedding", "self.params['w'].dparam += dw\n        #print(f\"norm of weight of embedding")]
print("== RNN ==")
show("T=1 (one step: lines 137-145, 201-202, 252, 280-306 as per-step formulas)", run(ns0, "rnn", 1))
show("T=3 as published", run(ns0, "rnn", 3))
show("T=3, only line 359 patched (out not overwritten): Linear/Embedding still overwrite (lines 140, 145, 253)", run(load([FIX_OUT]), "rnn", 3))
show("T=3, line 359 patched and dparam accumulated (+=) in lines 140, 145, 253", run(load([FIX_OUT] + FIX_ACC), "rnn", 3))

print("== LSTM gate (class Gate) ==")
def gate_check(ns, label):
    np.random.seed(3)
    for nl in ["sigmoid", "tanh"]:
        g = ns["Gate"](E, H, nonlinearity=getattr(ns["Activation"], nl))
        cx = rng.normal(size=(B, E)); h1 = rng.normal(size=(B, H)); dh = rng.normal(size=(B, H))
        f = lambda: np.sum(dh * g.forward(cx, h1, no_grad=True))
        for p in g.params.values(): p.dparam = np.zeros_like(p.param)
        g.forward(cx, h1); dcx, dh1 = g.backward(dh)
        def fd(arr):
            out = np.zeros_like(arr)
            for idx in np.ndindex(arr.shape):
                arr[idx] += eps; lp = f(); arr[idx] -= 2 * eps; lm = f(); arr[idx] += eps; out[idx] = (lp - lm) / (2 * eps)
            return out
        report(f"{label} {nl}: dcx (lines 394-395)", dcx, fd(cx))
        report(f"{label} {nl}: dh_1 (line 396)", dh1, fd(h1))
        for k in ["w", "u", "b"]:
            report(f"{label} {nl}: d{k} (lines 397-400)", g.params[k].dparam, fd(g.params[k].param))
FIX_DA = ("da = self.nonlinearity(self.forward_dict['h'], grad=True) * dh", "da = self.nonlinearity(self.forward_dict['a'], grad=True) * dh")
FIX_U = ("a = cx @ self.params['w'].param + h_1 @ self.params['w'].param", "a = cx @ self.params['w'].param + h_1 @ self.params['u'].param")
gate_check(ns0, "as published         ")
gate_check(load([FIX_DA]), "line 394 fixed       ")
gate_check(load([FIX_DA, FIX_U]), "lines 394+380 fixed  ")

print("== LSTM cell / model ==")
FIX_DC = ("(1 - self.forward_dict['ct']**2)", "(1 - np.tanh(self.forward_dict['ct'])**2)")
FIX_DLDC = ("dldc = np.ones(shape=(B, self.hidden_size))", "dldc = np.zeros(shape=(B, self.hidden_size))")
FIX_OUT2 = ("out = self.cross_entropy.backward(out[timestamp])\n            dltdh = self.linear.backward(out)\n            dcxt, dldh, dldc",
            "g_t = self.cross_entropy.backward(out[timestamp])\n            dltdh = self.linear.backward(g_t)\n            dcxt, dldh, dldc")
base = [FIX_DA, FIX_U, FIX_OUT] + FIX_ACC  # FIX_OUT patches both model classes
res = run(load(base + [FIX_DLDC]), "lstm", 1)
show("T=1, everything fixed except line 452 (dc uses 1-ct**2)", res)
show("T=1, line 452 also fixed", run(load(base + [FIX_DLDC, FIX_DC]), "lstm", 1))
show("T=3, all fixed except line 524 (dldc initialised with ones)", run(load(base + [FIX_DC]), "lstm", 3), names=None)
show("T=3, everything fixed", run(load(base + [FIX_DC, FIX_DLDC]), "lstm", 3))
show("T=3 as published", run(ns0, "lstm", 3))
