# Finite-difference check of lstm_cell_nabla.md ('# LSTM Cell' local nabla partials). numpy only.
# One LSTM step, column vectors: gate_k = act(W_xk x + W_hk h_prev + b_k); c = f*c_prev + i*g; h = o*tanh(c).
# Local partials are compared with Jacobians by central differences. "nabla_W q = x^T" is read as the
# usual backprop factor: for any upstream u, d(u.q)/dW = u x^T.
import numpy as np
rng = np.random.default_rng(2)
D, H = 3, 4; eps = 1e-6
sig = lambda a: 1/(1+np.exp(-a))
x = rng.normal(size=D); hp = rng.normal(size=H); cp = rng.normal(size=H)
Wx = {k: rng.normal(size=(H, D)) for k in 'ifog'}; Wh = {k: rng.normal(size=(H, H)) for k in 'ifog'}; b = {k: rng.normal(size=H) for k in 'ifog'}
act = {'i': sig, 'f': sig, 'o': sig, 'g': np.tanh}
def report(name, a, bb, tol=1e-6):
    a = np.asarray(a, float); bb = np.asarray(bb, float)
    if a.shape != bb.shape: print(f"{name:60s} DISAGREE (shape {a.shape} vs {bb.shape})"); return
    e = np.max(np.abs(a-bb)); print(f"{name:60s} {'AGREE' if e < tol else 'DISAGREE'}  (max abs diff {e:.2e})")
def jac(f, z):
    return np.array([(f(z+eps*e)-f(z-eps*e))/(2*eps) for e in np.eye(len(z))]).T
u = rng.normal(size=H)   # upstream vector
for k in 'ifog':
    p = Wx[k]@x + Wh[k]@hp + b[k]
    # nabla_p gate (diagonal of the Jacobian)
    dact = (1-sig(p))*sig(p) if k != 'g' else 1-np.tanh(p)**2
    report(f"[{k}] nabla_p {k}_t (diag)", np.diag(dact), jac(act[k], p))
    if k == 'g':
        report("[g] line 'g_t = sigma(p)' vs definition tanh(p)", sig(p), np.tanh(p))
    # q = W_x x : d(u.q)/dW_x = u x^T  ; nabla_x q = W_x^T (denominator layout: d(u.q)/dx = W_x^T u)
    qf = lambda Wflat: (Wflat.reshape(H, D)@x)
    gWx = np.array([(u@qf(Wx[k].ravel()+eps*e)-u@qf(Wx[k].ravel()-eps*e))/(2*eps) for e in np.eye(H*D)]).reshape(H, D)
    report(f"[{k}] nabla_Wx q = x^T  (u x^T vs FD)", np.outer(u, x), gWx)
    report(f"[{k}] nabla_x q = W_x^T (W_x^T u vs FD)", Wx[k].T@u, jac(lambda z: np.array([u@(Wx[k]@z)]), x)[0])
    # the note's lines 'nabla_{W_h} q = h^T' and 'nabla_{h_{t-1}} q = W_h^T': q = W_x x does not depend on W_h, h_{t-1}
    gq_Wh = np.array([(u@(Wx[k]@x) - u@(Wx[k]@x))/(2*eps) for _ in range(H*H)]).reshape(H, H)
    report(f"[{k}] nabla_Wh q = h^T  (u h^T vs FD of q)", np.outer(u, hp), gq_Wh)
    report(f"[{k}] nabla_h q = W_h^T (W_h^T u vs FD of q)", Wh[k].T@u, np.zeros(H))
    report(f"[{k}]   (reference) nabla_Wh v = h^T", np.outer(u, hp),
           np.array([(u@((Wh[k].ravel()+eps*e).reshape(H, H)@hp)-u@((Wh[k].ravel()-eps*e).reshape(H, H)@hp))/(2*eps) for e in np.eye(H*H)]).reshape(H, H))
    # chain lines: nabla_Wx gate = nabla_p gate nabla_q p nabla_Wx q -> d(u.gate)/dW_x = (u*act'(p)) x^T
    gate_of_Wx = lambda Wflat: u@act[k](Wflat.reshape(H, D)@x + Wh[k]@hp + b[k])
    fdWx = np.array([(gate_of_Wx(Wx[k].ravel()+eps*e)-gate_of_Wx(Wx[k].ravel()-eps*e))/(2*eps) for e in np.eye(H*D)]).reshape(H, D)
    report(f"[{k}] chain nabla_Wx {k}_t = x^T nabla_p {k}_t", np.outer(u*dact, x), fdWx)
    gate_of_Wh = lambda Wflat: u@act[k](Wx[k]@x + Wflat.reshape(H, H)@hp + b[k])
    fdWh = np.array([(gate_of_Wh(Wh[k].ravel()+eps*e)-gate_of_Wh(Wh[k].ravel()-eps*e))/(2*eps) for e in np.eye(H*H)]).reshape(H, H)
    report(f"[{k}] chain nabla_Wh {k}_t = h^T nabla_p {k}_t", np.outer(u*dact, hp), fdWh)
    report(f"[{k}] chain nabla_b {k}_t = nabla_p {k}_t", np.diag(dact), jac(lambda bb: act[k](Wx[k]@x+Wh[k]@hp+bb), b[k]))
# cell and hidden state
G = {k: act[k](Wx[k]@x + Wh[k]@hp + b[k]) for k in 'ifog'}
cell = lambda f, c_, i, g: f*c_ + i*g
report("[c] nabla_f c = c_{t-1}", np.diag(cp), jac(lambda f: cell(f, cp, G['i'], G['g']), G['f']))
report("[c] nabla_{c_{t-1}} c = f", np.diag(G['f']), jac(lambda c_: cell(G['f'], c_, G['i'], G['g']), cp))
report("[c] nabla_i c = g", np.diag(G['g']), jac(lambda i: cell(G['f'], cp, i, G['g']), G['i']))
report("[c] nabla_g c = i", np.diag(G['i']), jac(lambda g: cell(G['f'], cp, G['i'], g), G['g']))
c = cell(G['f'], cp, G['i'], G['g'])
report("[h] nabla_o h = tanh(c)", np.diag(np.tanh(c)), jac(lambda o: o*np.tanh(c), G['o']))
report("[h] nabla_c h = o (1-tanh^2 c)", np.diag(G['o']*(1-np.tanh(c)**2)), jac(lambda cc: G['o']*np.tanh(cc), c))
