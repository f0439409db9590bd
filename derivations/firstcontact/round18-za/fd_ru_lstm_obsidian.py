# FD check of ru_lstm_obsidian.md: row layout, concat [x_t, h_{t-1}] (x first), W_k (in+hid, hid)
# Correct LSTM uses separate W_i,W_f,W_o,W_C (as the backward section and the expanded formula do).
# Loss: L = sum_t g_t . h_t (random read-out) -> dh_t = g_t + future.
import numpy as np
rng=np.random.default_rng(2); sig=lambda a:1/(1+np.exp(-a))
I,H,T=3,4,3
W={k:rng.normal(size=(I+H,H))*0.6 for k in 'ifoC'}; b={k:rng.normal(size=H)*0.3 for k in 'ifoC'}
X=rng.normal(size=(T,I)); Gt=rng.normal(size=(T,H))
def fwd(W,b,X,shared_Wo=False):
    h=np.zeros(H); C=np.zeros(H); c=[]; L=0
    for t in range(T):
        xh=np.concatenate([X[t],h]); Wk=(lambda k: W['o']) if shared_Wo else (lambda k: W[k])
        i=sig(xh@Wk('i')+b['i']); f=sig(xh@Wk('f')+b['f']); o=sig(xh@W['o']+b['o']); Ct=np.tanh(xh@Wk('C')+b['C'])
        Cn=f*C+i*Ct; hn=o*np.tanh(Cn); L+=Gt[t]@hn
        c.append(dict(xh=xh,i=i,f=f,o=o,Ct=Ct,Cp=C,C=Cn)); h,C=hn,Cn
    return L,c
L,c=fwd(W,b,X)
def num(f,arr,eps=1e-6):
    g=np.zeros_like(arr); it=np.nditer(arr,flags=['multi_index'])
    for _ in it:
        j=it.multi_index; o=arr[j]; arr[j]=o+eps; a=f(); arr[j]=o-eps; bb=f(); arr[j]=o; g[j]=(a-bb)/(2*eps)
    return g
F=lambda: fwd(W,b,X)[0]
dW={k:np.zeros_like(W[k]) for k in W}; db={k:np.zeros(H) for k in b}
fut_h=np.zeros(H); fut_C=np.zeros(H); f_next=np.zeros(H); dC_next=np.zeros(H)
dxs={}; auth={}
for t in reversed(range(T)):
    s=c[t]; dh=Gt[t]+fut_h
    do=dh*np.tanh(s['C'])*s['o']*(1-s['o'])                          # line 42
    dC=dh*s['o']*(1-np.tanh(s['C'])**2)+dC_next*f_next                # line 45 RHS (total dL/dC_t)
    di=dC*s['Ct']*s['i']*(1-s['i'])                                   # line 48
    df=dC*s['Cp']*s['f']*(1-s['f'])                                   # line 51
    dCt=dC*s['i']*(1-s['Ct']**2)                                      # line 54
    for k,d in zip('ifoC',(di,df,do,dCt)):
        dW[k]+=np.outer(s['xh'],d); db[k]+=d                          # line 75
    full=sum(d@W[k].T for k,d in zip('ifoC',(di,df,do,dCt)))          # gradient wrt [x_t, h_{t-1}]
    # author line 64/67 literally: (delta . W) without transpose -> ill-typed for (in+hid, hid) W
    try: _=di@W['i']; auth[t]='typed'
    except ValueError as e: auth[t]='ILL-TYPED'
    auth_h=full[:I]; auth_x=full[I:]          # author's slices [:in_len] -> h_{t-1}, [in_len:] -> x_t (with W^T added)
    true_h=full[I:]; true_x=full[:I]
    dxs[t]=(true_x,auth_x,auth_h,true_h)
    fut_h=true_h; dC_next=dC; f_next=s['f']
for k in 'ifoC':
    print('dW_%s err %.1e  db_%s err %.1e'%(k,np.abs(dW[k]-num(F,W[k])).max(),k,np.abs(db[k]-num(F,b[k])).max()))
for t in range(T):
    gx=num(F,X[t:t+1])[0]; tx,ax,ah,th=dxs[t]
    print('t=%d dx (correct slice) err %.1e ; author delta x_t = [in_len:] part has length %d vs len(x)=%d'%(t,np.abs(tx-gx).max(),len(ax),I))
print("author's (delta_i . W_i) without transpose:",auth[0])
# dL/dC_t check at t=0 by perturbing C inside: use FD on forget-gate path: dL/dC_0-output = check via df formula already (dW_f pass)
# shared-W_o forward (lines 17,19,21 literally) differs from the LSTM the backward section differentiates:
L2,_=fwd(W,b,X,shared_Wo=True)
print('loss with separate W_i,W_f,W_C: %.4f ; with W_o for every gate (lines 17-21 as printed): %.4f'%(L,L2))
