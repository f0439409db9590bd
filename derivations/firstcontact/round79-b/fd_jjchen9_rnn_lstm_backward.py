# Finite-difference check of JJChen9's Coursera C5W1 (2021 notebook) RNN and LSTM backward (jjchen9_rnn_lstm_backward.md).
import numpy as np
np.random.seed(1)
def sigmoid(x): return 1/(1+np.exp(-x))
def softmax(x): e=np.exp(x-x.max(0,keepdims=True)); return e/e.sum(0,keepdims=True)
def num_grad(f, arr, eps=1e-6):
    g=np.zeros_like(arr); it=np.nditer(arr,flags=['multi_index'])
    for _ in it:
        i=it.multi_index; o=arr[i]; arr[i]=o+eps; fp=f(); arr[i]=o-eps; fm=f(); arr[i]=o; g[i]=(fp-fm)/(2*eps)
    return g
def rep(name,a,b):
    e=np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); print(f"{name:66s} rel.err={e:.2e}  {'AGREE' if e<1e-5 else 'DISAGREE'}")
n_x,n_a,n_y,m,T=3,5,2,4,4
# ---------------- RNN (lines 46, 48; 283-294; 350-362)
P={'Wax':np.random.randn(n_a,n_x),'Waa':np.random.randn(n_a,n_a),'Wya':np.random.randn(n_y,n_a),'ba':np.random.randn(n_a,1),'by':np.random.randn(n_y,1)}
def rnn_cell_forward(xt,a_prev,p):
    a_next=np.tanh(p['Waa']@a_prev+p['Wax']@xt+p['ba']); return a_next,softmax(p['Wya']@a_next+p['by']),(a_next,a_prev,xt,p)
def rnn_cell_backward(da_next,cache,student=True):
    (a_next,a_prev,xt,p)=cache
    dtanh = da_next if student else (1-a_next**2)*da_next            # line 283 (student) / eq. (0)
    return dict(dxt=p['Wax'].T@dtanh,dWax=dtanh@xt.T,da_prev=p['Waa'].T@dtanh,dWaa=dtanh@a_prev.T,dba=dtanh.sum(1,keepdims=True))
xt=np.random.randn(n_x,m); ap=np.random.randn(n_a,m); dan=np.random.randn(n_a,m)
L=lambda: np.sum(dan*rnn_cell_forward(xt,ap,P)[0])
print("== rnn_cell_backward as written (line 283 dtanh = da_next)")
g=rnn_cell_backward(dan,rnn_cell_forward(xt,ap,P)[2])
for k,arr,ln in [('dxt',xt,286),('dWax',P['Wax'],287),('da_prev',ap,290),('dWaa',P['Waa'],291),('dba',P['ba'],294)]: rep(f"line {ln} {k} (with line-283 dtanh)",g[k],num_grad(L,arr))
print("== same lines 286-294 fed with dtanh = (1-a_next**2)*da_next (eq. 0, line 243)")
g=rnn_cell_backward(dan,rnn_cell_forward(xt,ap,P)[2],student=False)
for k,arr,ln in [('dxt',xt,286),('dWax',P['Wax'],287),('da_prev',ap,290),('dWaa',P['Waa'],291),('dba',P['ba'],294)]: rep(f"line {ln} {k}",g[k],num_grad(L,arr))
x=np.random.randn(n_x,m,T); a0=np.random.randn(n_a,m); da=np.random.randn(n_a,m,T)
def rnn_forward(x,a0,p):
    a=np.zeros((n_a,m,T)); caches=[]; an=a0
    for t in range(T): an,_,c=rnn_cell_forward(x[:,:,t],an,p); a[:,:,t]=an; caches.append(c)
    return a,caches
def rnn_backward(da,caches,student):
    dx=np.zeros((n_x,m,T)); G={k:np.zeros_like(P[k[1:]]) for k in ['dWax','dWaa','dba']}; dap=np.zeros((n_a,m))
    for t in reversed(range(T)):
        g=rnn_cell_backward(da[:,:,t]+dap,caches[t],student)            # line 352
        dap=g['da_prev']; dx[:,:,t]=g['dxt']
        for k in G: G[k]+=g[k]
    G['dx']=dx; G['da0']=dap; return G
Ls=lambda: np.sum(da*rnn_forward(x,a0,P)[0])
print("== rnn_backward loop (lines 350-362) with the corrected cell: checks the loop itself")
G=rnn_backward(da,rnn_forward(x,a0,P)[1],False)
rep("line 356 dx",G['dx'],num_grad(Ls,x)); rep("line 362 da0",G['da0'],num_grad(Ls,a0))
for k,ln in [('Wax',357),('Waa',358),('ba',359)]: rep(f"line {ln} d{k}",G['d'+k],num_grad(Ls,P[k]))
G=rnn_backward(da,rnn_forward(x,a0,P)[1],True); rep("rnn_backward with the student cell (line 283): dWaa",G['dWaa'],num_grad(Ls,P['Waa']))
# ---------------- LSTM (lines 193-201; 457-476; 550-580)
p={k:np.random.randn(n_a,n_a+n_x) for k in ['Wf','Wi','Wc','Wo']}; p.update({k:np.random.randn(n_a,1) for k in ['bf','bi','bc','bo']})
p['Wy']=np.random.randn(n_y,n_a); p['by']=np.random.randn(n_y,1)
def lstm_cell_forward(xt,a_prev,c_prev,p):
    concat=np.concatenate((a_prev,xt),axis=0)
    ft=sigmoid(p['Wf']@concat+p['bf']); it=sigmoid(p['Wi']@concat+p['bi']); cct=np.tanh(p['Wc']@concat+p['bc'])
    c_next=it*cct+ft*c_prev; ot=sigmoid(p['Wo']@concat+p['bo']); a_next=ot*np.tanh(c_next)
    return a_next,c_next,softmax(p['Wy']@a_next+p['by']),(a_next,c_next,a_prev,c_prev,ft,it,cct,ot,xt,p)
def lstm_cell_backward(da_next,dc_next,cache,student=True):
    (a_next,c_next,a_prev,c_prev,ft,it,cct,ot,xt,p)=cache
    dot = da_next*np.tanh(c_next)                                       # 457
    dcct = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*it               # 458
    dit = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*cct               # 459
    dft = (da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*c_prev            # 460
    if not student:  # equations (7)-(10) of the notebook (lines 374-377)
        dot,dcct,dit,dft = dot*ot*(1-ot), dcct*(1-cct**2), dit*it*(1-it), dft*ft*(1-ft)
    cc=np.concatenate((a_prev,xt),axis=0).T
    g=dict(dot=dot,dcct=dcct,dit=dit,dft=dft,dWf=dft@cc,dWi=dit@cc,dWc=dcct@cc,dWo=dot@cc,
           dbf=dft.sum(1,keepdims=True),dbi=dit.sum(1,keepdims=True),dbc=dcct.sum(1,keepdims=True),dbo=dot.sum(1,keepdims=True))
    g['da_prev']=p['Wf'][:,:n_a].T@dft+p['Wi'][:,:n_a].T@dit+p['Wc'][:,:n_a].T@dcct+p['Wo'][:,:n_a].T@dot   # 473
    g['dc_prev']=(da_next*ot*(1-np.tanh(c_next)**2)+dc_next)*ft                                            # 474
    g['dxt']=p['Wf'][:,n_a:].T@dft+p['Wi'][:,n_a:].T@dit+p['Wc'][:,n_a:].T@dcct+p['Wo'][:,n_a:].T@dot     # 476
    return g
xt=np.random.randn(n_x,m); ap=np.random.randn(n_a,m); cp=np.random.randn(n_a,m); dan=np.random.randn(n_a,m); dcn=np.random.randn(n_a,m)
def Lc():
    a,c,_,_=lstm_cell_forward(xt,ap,cp,p); return np.sum(dan*a)+np.sum(dcn*c)
cache=lstm_cell_forward(xt,ap,cp,p)[3]
print("== lstm_cell_backward as written: gate gradients are used as pre-activation gradients (checked through db = sum over batch)")
g=lstm_cell_backward(dan,dcn,cache)
for gn,b,ln in [('dot','bo',457),('dcct','bc',458),('dit','bi',459),('dft','bf',460)]: rep(f"line {ln} {gn} (-> line {ln+10} d{b})",g['d'+b],num_grad(Lc,p[b]))
for k,ln in [('Wf',463),('Wo',466)]: rep(f"line {ln} d{k} with the student's gate gradient",g['d'+k],num_grad(Lc,p[k]))
rep("line 473 da_prev with the student's gate gradients",g['da_prev'],num_grad(Lc,ap))
rep("line 474 dc_prev",g['dc_prev'],num_grad(Lc,cp))
print("== lines 463-476 fed with the gate gradients of eqs. (7)-(10)")
g=lstm_cell_backward(dan,dcn,cache,student=False)
for k,ln in [('Wf',463),('Wi',464),('Wc',465),('Wo',466),('bf',467),('bi',468),('bc',469),('bo',470)]: rep(f"line {ln} d{k}",g['d'+k],num_grad(Lc,p[k]))
rep("line 473 da_prev",g['da_prev'],num_grad(Lc,ap)); rep("line 474 dc_prev",g['dc_prev'],num_grad(Lc,cp)); rep("line 476 dxt",g['dxt'],num_grad(Lc,xt))
def lstm_forward(x,a0,p):
    a=np.zeros((n_a,m,T)); caches=[]; an=a0; cn=np.zeros((n_a,m))
    for t in range(T): an,cn,_,c=lstm_cell_forward(x[:,:,t],an,cn,p); a[:,:,t]=an; caches.append(c)
    return a,caches
def lstm_backward(da,caches,student):   # lines 550-580, with range(T_x) in place of the committed range(None)
    dx=np.zeros((n_x,m,T)); dap=np.zeros((n_a,m)); dcp=np.zeros((n_a,m)); G={k:np.zeros_like(p[k[1:]]) for k in ['dWf','dWi','dWc','dWo','dbf','dbi','dbc','dbo']}
    for t in reversed(range(T)):
        g=lstm_cell_backward(da[:,:,t]+dap,dcp,caches[t],student); dap,dcp=g['da_prev'],g['dc_prev']; dx[:,:,t]=g['dxt']
        for k in G: G[k]+=g[k]
    G['dx']=dx; G['da0']=dap; return G
Ls=lambda: np.sum(da*lstm_forward(x,a0,p)[0])
print("== lstm_backward loop (lines 552-580, range(T_x)) with the eq.(7)-(10) cell: checks the loop itself")
G=lstm_backward(da,lstm_forward(x,a0,p)[1],False)
rep("line 569 dx",G['dx'],num_grad(Ls,x)); rep("line 580 da0",G['da0'],num_grad(Ls,a0))
for k,ln in [('Wf',570),('Wi',571),('Wc',572),('Wo',573),('bf',574),('bi',575),('bc',576),('bo',577)]: rep(f"line {ln} d{k}",G['d'+k],num_grad(Ls,p[k]))
G=lstm_backward(da,lstm_forward(x,a0,p)[1],True); rep("lstm_backward with the student cell (lines 457-460): dWf",G['dWf'],num_grad(Ls,p['Wf']))
