# Check for mkdocs_lstm_single_step_example.md: single LSTM step, hidden size 1, concat=[h_{t-1}, x_t],
# W_g = [[w, w]] (1x2), biases 0. Upstream gradients dh_t = 0.1 (on h_t) and 0.05 (on C_t, from the next step)
# are realised by the surrogate loss L = 0.1*h_t + 0.05*C_t.
import numpy as np
sig = lambda z: 1/(1+np.exp(-z))
W = {'f': np.array([[0.5, 0.5]]), 'i': np.array([[0.4, 0.4]]), 'C': np.array([[0.3, 0.3]]), 'o': np.array([[0.2, 0.2]])}
def step(concat, W=W, eps={}):
    z = {g: (W[g]@concat).item() + eps.get(g, 0) for g in W}
    f, i, Ct, o = sig(z['f']), sig(z['i']), np.tanh(z['C']), sig(z['o'])
    C = f*0.2 + i*Ct; h = o*np.tanh(C)
    return dict(z=z, f=f, i=i, Ct=Ct, o=o, C=C, h=h, L=0.1*h + 0.05*C)
concat = np.array([[0.1], [0.5]])
s = step(concat)
print("45 f=sig(0.3)=%.6f (0.5744)  46 i=sig(0.24)=%.6f (0.5597)" % (s['f'], s['i']))
print("47 Ct=tanh(0.18)=%.6f   author 0.1785 -> %s" % (s['Ct'], 'OK' if abs(s['Ct']-0.1785) < 5e-5 else 'WRONG'))
mid = 0.5744*0.2 + 0.5597*0.1785
print("48 0.5744*0.2+0.5597*0.1785 = %.6f ; true C_t = %.6f ; author 0.2146 -> middle %s, final %s" % (mid, s['C'], 'OK' if abs(mid-0.2146) < 5e-5 else 'WRONG', 'OK' if abs(s['C']-0.2146) < 5e-5 else 'WRONG'))
print("49 o=sig(0.12)=%.6f (0.5300)  50 0.53*tanh(0.2146)=%.6f, h=%.6f (0.1120)" % (s['o'], 0.53*np.tanh(0.2146), s['h']))
# symbolic backward rows vs FD of the surrogate loss
dh, dCn = 0.1, 0.05
dC = dh*s['o']*(1-np.tanh(s['C'])**2) + dCn                                  # row 60
do = dh*np.tanh(s['C'])*s['o']*(1-s['o'])                                    # row 61 (sigma'(o_t) read as o(1-o))
dCt = dC*s['i']*(1-s['Ct']**2); di = dC*s['Ct']*s['i']*(1-s['i']); df = dC*0.2*s['f']*(1-s['f'])   # rows 62-64
e = 1e-7
for g, val, row in [('o', do, 61), ('C', dCt, 62), ('i', di, 63), ('f', df, 64)]:
    fdv = (step(concat, eps={g: e})['L'] - step(concat, eps={g: -e})['L'])/(2*e)
    print(f"{row} d{g} (pre-activation) = {val:.6f}  FD = {fdv:.6f}  {'OK' if abs(val-fdv) < 1e-7 else 'WRONG'}")
# row 60 check: total dL/dC_t at fixed gates = dh*o*(1-tanh^2) + 0.05
print("60 dC_t = %.6f  (0.1*o*(1-tanh^2 C) = %.6f)" % (dC, dh*s['o']*(1-np.tanh(s['C'])**2)))
print("72 author: 0.1*0.5300*(1-tanh^2(0.2146)) = %.6f (author 0.1028 -> %s); total %.6f (author 0.1528 -> %s)" % (
    0.1*0.53*(1-np.tanh(0.2146)**2), 'OK' if abs(0.1*0.53*(1-np.tanh(0.2146)**2)-0.1028) < 5e-5 else 'WRONG', dC, 'OK' if abs(dC-0.1528) < 5e-5 else 'WRONG'))
# row 66 dconcat and row 73 dx_t vs FD wrt concat
dcat = W['o'].T*do + W['C'].T*dCt + W['i'].T*di + W['f'].T*df
fdcat = np.zeros((2, 1))
for k in range(2):
    d = np.zeros((2, 1)); d[k] = e
    fdcat[k] = (step(concat+d)['L'] - step(concat-d)['L'])/(2*e)
print("66 dconcat =", dcat.ravel().round(6), " FD =", fdcat.ravel().round(6), 'OK' if np.allclose(dcat, fdcat, atol=1e-7) else 'WRONG')
print("73 dx_t = %.6f (author 0.0216) -> %s" % (dcat[1, 0], 'OK' if abs(dcat[1, 0]-0.0216) < 5e-5 else 'WRONG'))
# row 68 dW_f = df concat^T, db_f = df vs FD wrt W_f
gW = np.zeros((1, 2))
for k in range(2):
    Wp = {g: v.copy() for g, v in W.items()}; Wm = {g: v.copy() for g, v in W.items()}
    Wp['f'][0, k] += e; Wm['f'][0, k] -= e
    gW[0, k] = (step(concat, Wp)['L'] - step(concat, Wm)['L'])/(2*e)
print("68 dW_f = df concat^T =", (df*concat.T).ravel().round(7), " FD =", gW.ravel().round(7), 'OK' if np.allclose(df*concat.T, gW, atol=1e-7) else 'WRONG')
# row 65 dC_prev = dC_t f_t : FD wrt C_{t-1}
def L_cprev(cp):
    z = {g: (W[g]@concat).item() for g in W}
    C = sig(z['f'])*cp + sig(z['i'])*np.tanh(z['C']); return 0.1*sig(z['o'])*np.tanh(C) + 0.05*C
print("65 dC_prev = dC f = %.6f  FD = %.6f" % (dC*s['f'], (L_cprev(0.2+e)-L_cprev(0.2-e))/(2*e)))
