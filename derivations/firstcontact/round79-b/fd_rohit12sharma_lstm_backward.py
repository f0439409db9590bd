# Finite-difference check of rohit12sharma's Coursera C5W1 v3 LSTM backward (rohit12sharma_lstm_backward.md).
import numpy as np
np.random.seed(0)
def sigmoid(x): return 1/(1+np.exp(-x))
def softmax(x): e=np.exp(x-x.max(0,keepdims=True)); return e/e.sum(0,keepdims=True)

def lstm_cell_forward(xt, a_prev, c_prev, p):           # lines 63-80
    n_x, m = xt.shape; n_y, n_a = p["Wy"].shape
    concat = np.zeros((n_a+n_x, m)); concat[:n_a]=a_prev; concat[n_a:]=xt
    ft = sigmoid(p["Wf"]@concat+p["bf"]); it = sigmoid(p["Wi"]@concat+p["bi"])
    cct = np.tanh(p["Wc"]@concat+p["bc"]); c_next = ft*c_prev+it*cct
    ot = sigmoid(p["Wo"]@concat+p["bo"]); a_next = ot*np.tanh(c_next)
    yt = softmax(p["Wy"]@a_next+p["by"])
    return a_next, c_next, yt, (a_next,c_next,a_prev,c_prev,ft,it,cct,ot,xt,p)

def lstm_forward(x, a0, p):                              # lines 125-157
    n_x,m,T=x.shape; n_y,n_a=p["Wy"].shape
    a=np.zeros((n_a,m,T)); c=np.zeros((n_a,m,T)); caches=[]
    a_next=a0; c_next=np.zeros(a0.shape)
    for t in range(T):
        a_next,c_next,yt,cache=lstm_cell_forward(x[:,:,t],a_next,c_next,p)
        a[:,:,t]=a_next; c[:,:,t]=c_next; caches.append(cache)
    return a,c,(caches,x)

def lstm_cell_backward(da_next, dc_next, cache):         # lines 190-223, as written
    (a_next,c_next,a_prev,c_prev,ft,it,cct,ot,xt,p)=cache
    n_x,m=xt.shape; n_a,m=a_next.shape
    dot = da_next*np.tanh(c_next)*ot*(1-ot)
    dcct = (dc_next*it + ot*(1-np.square(np.tanh(c_next)))*it*da_next)*(1-np.square(cct))
    dit = (dc_next*cct + ot*(1-np.square(np.tanh(c_next)))*cct*da_next)*it*(1-it)
    dft = (dc_next*c_prev + ot*(1-np.square(np.tanh(c_next)))*c_prev*da_next)*ft*(1-ft)
    concat=np.concatenate((a_prev,xt),axis=0)
    g=dict(dWf=dft@concat.T,dWi=dit@concat.T,dWc=dcct@concat.T,dWo=dot@concat.T,
           dbf=dft.sum(1,keepdims=True),dbi=dit.sum(1,keepdims=True),dbc=dcct.sum(1,keepdims=True),dbo=dot.sum(1,keepdims=True))
    W=lambda k:p[k]
    g["da_prev"]=W('Wf')[:,:n_a].T@dft+W('Wi')[:,:n_a].T@dit+W('Wc')[:,:n_a].T@dcct+W('Wo')[:,:n_a].T@dot
    g["dc_prev"]=dc_next*ft+ot*(1-np.square(np.tanh(c_next)))*ft*da_next
    g["dxt"]=W('Wf')[:,n_a:].T@dft+W('Wi')[:,n_a:].T@dit+W('Wc')[:,n_a:].T@dcct+W('Wo')[:,n_a:].T@dot
    g.update(dot=dot,dcct=dcct,dit=dit,dft=dft)
    return g

def lstm_backward(da, caches, fixed=False):              # lines 261-298, as written (fixed=True adds the recursion)
    (caches,x)=caches; (a1,c1,a0,c0,f1,i1,cc1,o1,x1,p)=caches[0]
    n_a,m,T=da.shape; n_x,m=x1.shape
    dx=np.zeros((n_x,m,T)); da_prevt=np.zeros((n_a,m)); dc_prevt=np.zeros((n_a,m))
    G={k:np.zeros_like(p['W'+k[2:]] if k.startswith('dW') else p['b'+k[2:]]) for k in ['dWf','dWi','dWc','dWo','dbf','dbi','dbc','dbo']}
    for t in reversed(range(T)):
        if fixed: g=lstm_cell_backward(da[:,:,t]+da_prevt, dc_prevt, caches[t])
        else:     g=lstm_cell_backward(da[:,:,t], dc_prevt, caches[t])      # line 286
        dx[:,:,t]=g["dxt"]
        for k in G: G[k]+=g[k]
        if fixed: da_prevt, dc_prevt = g["da_prev"], g["dc_prev"]
    G["dx"]=dx; G["da0"]=g["da_prev"]                                     # line 298
    return G

n_x,n_a,n_y,m,T=3,5,2,4,6
p={k:np.random.randn(n_a,n_a+n_x) for k in ['Wf','Wi','Wc','Wo']}
p.update({k:np.random.randn(n_a,1) for k in ['bf','bi','bc','bo']}); p['Wy']=np.random.randn(n_y,n_a); p['by']=np.random.randn(n_y,1)
x=np.random.randn(n_x,m,T); a0=np.random.randn(n_a,m)

def num_grad(f, arr, eps=1e-6):
    g=np.zeros_like(arr); it=np.nditer(arr,flags=['multi_index'])
    for _ in it:
        i=it.multi_index; old=arr[i]; arr[i]=old+eps; fp=f(); arr[i]=old-eps; fm=f(); arr[i]=old; g[i]=(fp-fm)/(2*eps)
    return g
def rep(name, a, b):
    err=np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); print(f"{name:58s} rel.err={err:.2e}  {'AGREE' if err<1e-5 else 'DISAGREE'}")

# ---- one cell: L = sum(da_next*a_next) + sum(dc_next*c_next)
xt=np.random.randn(n_x,m); ap=np.random.randn(n_a,m); cp=np.random.randn(n_a,m)
dan=np.random.randn(n_a,m); dcn=np.random.randn(n_a,m)
_,_,_,cache=lstm_cell_forward(xt,ap,cp,p); g=lstm_cell_backward(dan,dcn,cache)
Lc=lambda: np.sum(dan*lstm_cell_forward(xt,ap,cp,p)[0])+np.sum(dcn*lstm_cell_forward(xt,ap,cp,p)[1])
print("== lstm_cell_backward (one step)")
for W,b,gn,ln in [('Wo','bo','dot',198),('Wc','bc','dcct',199),('Wi','bi','dit',200),('Wf','bf','dft',201)]:
    rep(f"line {ln} {gn} via d{b} (= sum over batch) ", g['d'+b], num_grad(Lc,p[b]))
for k,ln in [('Wf',211),('Wi',212),('Wc',213),('Wo',214)]: rep(f"line {ln} d{k}", g['d'+k], num_grad(Lc,p[k]))
for k,ln in [('bf',215),('bi',216),('bc',217),('bo',218)]: rep(f"line {ln} d{k}", g['d'+k], num_grad(Lc,p[k]))
rep("line 221 da_prev", g['da_prev'], num_grad(Lc,ap)); rep("line 222 dc_prev", g['dc_prev'], num_grad(Lc,cp)); rep("line 223 dxt", g['dxt'], num_grad(Lc,xt))

# ---- whole sequence: L = sum_t sum(da[:,:,t]*a[:,:,t])  (da = upstream dL/da_t as in the notebook test)
da=np.random.randn(n_a,m,T)
Ls=lambda: np.sum(da*lstm_forward(x,a0,p)[0])
_,_,caches=lstm_forward(x,a0,p)
print("== lstm_backward as written (line 286: da[:,:,t] only, dc_prevt never updated)")
G=lstm_backward(da,caches)
rep("line 288 dx", G['dx'], num_grad(Ls,x)); rep("line 298 da0", G['da0'], num_grad(Ls,a0))
for k,ln in [('Wf',289),('Wi',290),('Wc',291),('Wo',292),('bf',293),('bi',294),('bc',295),('bo',296)]: rep(f"line {ln} d{k}", G['d'+k], num_grad(Ls,p[k]))
print("== same loop with the recursion added (da[:,:,t]+da_prevt; da_prevt, dc_prevt updated): confirms the per-step rows")
G=lstm_backward(da,caches,fixed=True)
rep("dx", G['dx'], num_grad(Ls,x)); rep("da0", G['da0'], num_grad(Ls,a0))
for k in ['Wf','Wi','Wc','Wo','bf','bi','bc','bo']: rep(f"d{k}", G['d'+k], num_grad(Ls,p[k]))
