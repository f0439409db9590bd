"""Finite-difference check of gan_gru_layer_docs.md (GRU layer docs of the Go library 'gan').
Row-vector batch layout: x_t [B,F], h_t [B,H], W [F,3H], U [H,3H], b [1,3H], gate columns r|z|n.
Loss L = sum_t sum(G_t * h_t) so that gamma_t = G_t is the direct gradient on h_t.
dz, dn, dr are gradients w.r.t. the PRE-activations of z, n, r (checked by perturbing an additive offset
on the pre-activation of step t)."""
import json, os, numpy as np
rng = np.random.default_rng(1)
B, F, H, T = 2, 3, 4, 3
sig = lambda v: 1/(1+np.exp(-v))
W = rng.normal(size=(F,3*H))*.7; U = rng.normal(size=(H,3*H))*.7; b = rng.normal(size=(1,3*H))*.3
xs = [rng.normal(size=(B,F)) for _ in range(T)]; h0 = rng.normal(size=(B,H))*.5
G = [rng.normal(size=(B,H)) for _ in range(T)]
sl = {'r': slice(0,H), 'z': slice(H,2*H), 'n': slice(2*H,3*H)}
def forward(W=W, U=U, b=b, h0=h0, off=None, form='paper'):
    hs=[h0]; cache=[]
    for t in range(T):
        hp=hs[-1]; xw=xs[t]@W+b
        pr=xw[:,sl['r']]+(hp@U)[:,sl['r']]; pz=xw[:,sl['z']]+(hp@U)[:,sl['z']]
        if off and off[0]==t and off[1]=='r': pr=pr+off[2]
        if off and off[0]==t and off[1]=='z': pz=pz+off[2]
        r=sig(pr); z=sig(pz)
        pn=xw[:,sl['n']]+((r*hp)@U)[:,sl['n']]
        if off and off[0]==t and off[1]=='n': pn=pn+off[2]
        n=np.tanh(pn)
        h=(1-z)*n+z*hp if form=='paper' else n+z*(hp-n)
        if off and off[0]==t and off[1]=='h': h=h+off[2]
        hs.append(h); cache.append((hp,r,z,n))
    return hs, cache
def loss(**kw):
    hs,_=forward(**kw); return sum(np.sum(G[t]*hs[t+1]) for t in range(T))
def fd(f, X, eps=1e-6):
    g=np.zeros_like(X); it=np.nditer(X, flags=['multi_index'])
    for _ in it:
        i=it.multi_index; Xp=X.copy(); Xm=X.copy(); Xp[i]+=eps; Xm[i]-=eps; g[i]=(f(Xp)-f(Xm))/(2*eps)
    return g
close=lambda A,Bm: np.allclose(A,Bm,atol=1e-6,rtol=1e-5)
res={}
# forward lines: compare with an explicit per-element loop implementation
hs,cache=forward()
hp,r,z,n=cache[1]; x=xs[1]
def loopgate(k, inp_h):
    out=np.zeros((B,H))
    for bi in range(B):
        for j in range(H):
            col=sl[k].start+j
            out[bi,j]=sum(x[bi,f]*W[f,col] for f in range(F))+b[0,col]+sum(inp_h[bi,m]*U[m,col] for m in range(H))
    return out
res[9]=close(r, sig(loopgate('r',hp))); res[10]=close(z, sig(loopgate('z',hp)))
res[11]=close(n, np.tanh(loopgate('n', r*hp)))
res[12]=close(hs[2], (1-z)*n+z*hp)
res[47]=close(forward(form='impl')[0][-1], hs[-1])
# backward by the author's formulas
Ur,Uz,Un=U[:,sl['r']],U[:,sl['z']],U[:,sl['n']]
dW=np.zeros_like(W); db=np.zeros_like(b); dUr=np.zeros_like(Ur); dUz=np.zeros_like(Uz); dUn=np.zeros_like(Un)
dh=G[T-1].copy(); ok={30:True,31:True,32:True,37:True}
for t in reversed(range(T)):
    hp,r,z,n=cache[t]
    # total hidden gradient check
    dz=dh*(hp-n)*z*(1-z); dn=dh*(1-z)*(1-n**2); dr=(dn@Un.T)*hp*r*(1-r)
    for k,d,ln in (('z',dz,30),('n',dn,31),('r',dr,32)):
        ok[ln]&=close(d, fd(lambda o: loss(off=(t,k,o)), np.zeros((B,H))))
    dW+=xs[t].T@np.hstack([dr,dz,dn]); db+=np.sum(np.hstack([dr,dz,dn]),axis=0,keepdims=True)
    dUr+=hp.T@dr; dUz+=hp.T@dz; dUn+=(r*hp).T@dn
    if t>0:
        gam=G[t-1]
        dh=gam+dh*z+(dn@Un.T)*r+dr@Ur.T+dz@Uz.T
        ok[37]&=close(dh, fd(lambda o: loss(off=(t-1,'h',o)), np.zeros((B,H))))
    else:
        dh0=dh*z+(dn@Un.T)*r+dr@Ur.T+dz@Uz.T   # gamma for h0 is zero
        ok[37]&=close(dh0, fd(lambda h_: loss(h0=h_), h0))
res.update(ok)
gU=fd(lambda U_: loss(U=U_), U)
res[39]=close(dW, fd(lambda W_: loss(W=W_), W)) and close(db, fd(lambda b_: loss(b=b_), b))
res[41]=close(dUr, gU[:,sl['r']]) and close(dUz, gU[:,sl['z']]) and close(dUn, gU[:,sl['n']])
exp=json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'expected.json')))['gan_gru_layer_docs.md']
bad=0
for ln in sorted(set(res)|set(int(k) for k in exp)):
    want=exp.get(str(ln),{}).get('expected'); got='pass' if res.get(ln) else 'fail'
    agree=(ln in res) and want==got; bad+=not agree
    print(ln,'OK' if agree else 'MISMATCH',f'(author expression {got}, expected {want})')
print('all verdicts agree' if bad==0 else f'{bad} disagreements')
