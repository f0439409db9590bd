# FD check for jekyll_layered_bptt.md: delta^{l(t)} = dC/dz^{l(t)} in a layered RNN.
import numpy as np
rng = np.random.default_rng(1)
n0, n1, n2, T = 2, 3, 4, 4
Win = rng.normal(size=(n1, n0)); R = rng.normal(size=(n1, n1))*0.6; Wout = rng.normal(size=(n2, n1))
x = rng.normal(size=(T, n0)); r = rng.normal(size=(T, n2))
act = np.tanh; dact = lambda z: 1-np.tanh(z)**2
def run(pert=None):
    # page's matrix forward (line 6): a^{l(t)} = a(w^{l(t)} a^{l-1(t)} + w^{l(t-1)} a^{l(t-1)}), z = w a (w_{jm}: row = receiving unit)
    h = np.zeros(n1); Z1=[]; Z2=[]; C=0
    for t in range(T):
        z1 = Win@x[t] + R@h
        if pert is not None and pert[0]==t: z1 = z1 + pert[1]
        h = act(z1); z2 = Wout@h
        Z1.append(z1); Z2.append(z2); C += r[t]@act(z2)
    return C, Z1, Z2
C, Z1, Z2 = run()
def delta1(t):
    g = np.zeros(n1)
    for i in range(n1):
        e = np.zeros(n1); e[i]=1e-6
        g[i] = (run((t,e))[0]-run((t,-e))[0])/2e-6
    return g
d1 = [delta1(t) for t in range(T)]
d2 = [r[t]*dact(Z2[t]) for t in range(T)]    # delta^{l+1(t)} (output layer)
ok = lambda a,b: np.allclose(a,b,atol=1e-6)
t = 1
# component form (line 10) with w_{ij} = weight from unit i of layer l to unit j (the proof's z def, line 19): w_ij = Wout[j,i], recurrent w_ik = R[k,i]
comp = dact(Z1[t])*(np.array([sum(Wout[j,i]*d2[t][j] for j in range(n2)) for i in range(n1)]) + np.array([sum(R[k,i]*d1[t+1][k] for k in range(n1)) for i in range(n1)]))
print('line 10 component form (w_ij from i to j):', ok(comp, d1[t]))
# line 12 matrix form with the page's matrix forward (line 6: z = w a): author w delta vs correct w^T delta
auth = dact(Z1[t])*(Wout@np.zeros(n1) if False else 0)  # placeholder, shapes differ: Wout is n2 x n1, d2 is n2
try:
    auth = dact(Z1[t])*(Wout@d2[t] + R@d1[t+1]); print('line 12 as written:', ok(auth, d1[t]))
except ValueError as e:
    print('line 12 as written (w = line-6 matrices): ill-typed,', e)
print('line 12 with transposes:', ok(dact(Z1[t])*(Wout.T@d2[t] + R.T@d1[t+1]), d1[t]))
# line 18-19: second sum written with a(z_k^{l(t)}) instead of a(z_n^{l(t)}): d/dz_i sum_n w_nk a(z_k) = [i==k] a'(z_k) sum_n w_nk
wrong2 = np.array([d1[t+1][i]*dact(Z1[t][i])*R[i,:].sum() for i in range(n1)])   # w_nk = R[k,n]; sum_n R[k,n] at k=i
right2 = np.array([sum(d1[t+1][k]*R[k,i]*dact(Z1[t][i]) for k in range(n1)) for i in range(n1)])
print('line 19 as written (a(z_k)) equals the true second sum?', ok(wrong2, right2))
# line 22 first expression without sum over j: take j = 0
first_wo_sum = np.array([d2[t][0]*Wout[0,i]*dact(Z1[t][i]) for i in range(n1)])
print('line 22 first expr (no sum_j) == delta?', ok(first_wo_sum + right2, d1[t]))
