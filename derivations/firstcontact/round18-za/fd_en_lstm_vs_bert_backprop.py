# FD check of en_lstm_vs_bert_backprop.md (column vectors, W x_t + U h_{t-1}).
# Two losses: (a) sequence loss L = sum_t g_t.h_t ; (b) many-to-one L = g.h_T.
import numpy as np
rng=np.random.default_rng(4); sig=lambda a:1/(1+np.exp(-a))
D,H,T=3,4,4
P={k:rng.normal(size=(H,D))*.6 for k in ['Wf','Wi','WC','Wo']}; P.update({k:rng.normal(size=(H,H))*.6 for k in ['Uf','Ui','UC','Uo']})
P.update({k:rng.normal(size=H)*.3 for k in ['bf','bi','bC','bo']})
X=rng.normal(size=(T,D)); G=rng.normal(size=(T,H))
def fwd(seq=True, pert=None):
    h=np.zeros(H); C=np.zeros(H); L=0; c=[]
    for t in range(T):
        x=X[t]
        f=sig(P['Wf']@x+P['Uf']@h+P['bf']); i=sig(P['Wi']@x+P['Ui']@h+P['bi'])
        Ct=np.tanh(P['WC']@x+P['UC']@h+P['bC'])
        if pert and pert[0]=='Ct' and pert[1]==t: Ct=Ct+pert[2]
        o=sig(P['Wo']@x+P['Uo']@h+P['bo']); Cn=f*C+i*Ct
        if pert and pert[0]=='C' and pert[1]==t: Cn=Cn+pert[2]
        hn=o*np.tanh(Cn)
        if pert and pert[0]=='h' and pert[1]==t: hn=hn+pert[2]
        if seq or t==T-1: L+=G[t]@hn
        c.append(dict(f=f,i=i,Ct=Ct,o=o,C=Cn,Cp=C,h=hn)); h,C=hn,Cn
    return L,c
def g(kind,t,seq,eps=1e-6):
    return np.array([(fwd(seq,(kind,t,np.eye(H)[k]*eps))[0]-fwd(seq,(kind,t,-np.eye(H)[k]*eps))[0])/(2*eps) for k in range(H)])
for seq in (True,False):
    name='sequence loss' if seq else 'many-to-one loss'
    _,c=fwd(seq)
    for t in (1,T-1):
        dh=g('h',t,seq)
        if t+1<T:
            # total Jacobian dh_{t+1}/dh_t by FD
            J=np.zeros((H,H))
            for k in range(H):
                def h_next(d):
                    hh=c[t]['h']+d; CC=c[t]['C']; x=X[t+1]
                    f=sig(P['Wf']@x+P['Uf']@hh+P['bf']); i=sig(P['Wi']@x+P['Ui']@hh+P['bi']); Ct=np.tanh(P['WC']@x+P['UC']@hh+P['bC'])
                    o=sig(P['Wo']@x+P['Uo']@hh+P['bo']); return o*np.tanh(f*CC+i*Ct)
                J[:,k]=(h_next(np.eye(H)[k]*1e-6)-h_next(-np.eye(H)[k]*1e-6))/2e-6
            rhs=g('h',t+1,seq)@J
            # note: h_t also reaches L through C_{t+1}? No: C_{t+1} depends on h_t via gates, and C_{t+1} affects L via h_{t+1} AND C_{t+2}; so line 59 misses the C path too
            print(f'[{name}] t={t}: line 59 RHS vs FD dL/dh_t maxdiff {np.abs(rhs-dh).max():.2e}')
        else:
            print(f'[{name}] t={t}=T: no h_(T+1); FD dL/dh_T = {np.round(dh,3)} (direct term, absent from line 59)')
    # lines 69/73 and 77/80/83 at t=1
    t=1; s=c[t]; dC_fd=g('C',t,seq); dh_fd=g('h',t,seq); dCnext=g('C',t+1,seq)
    dC=dh_fd*s['o']*(1-np.tanh(s['C'])**2)+c[t+1]['f']*dCnext
    print(f'[{name}] lines 69+73 total dL/dC_t err {np.abs(dC-dC_fd).max():.2e}')
    dCt_fd=g('Ct',t,seq)
    print(f'[{name}] line 83: FD dL/dC~_t vs dC*i err {np.abs(dCt_fd-dC_fd*s["i"]).max():.2e} ; vs printed dC*i*(1-C~^2) err {np.abs(dCt_fd-dC_fd*s["i"]*(1-s["Ct"]**2)).max():.2e}')
