# FD check of zh_zen_lstm_blog.md. Forward as printed in section 2.1 (column vectors for the gates,
# [h_{t-1}; x_t] concatenation; output gate reads [C~_t; h_{t-1}]); cell update C_t = f*C_{t-1} + i*C~
# (section 1.3 of the same article); classifier at T only: p = softmax(H_T W_out + B_out) (row), CE loss.
import numpy as np
rng=np.random.default_rng(3); sig=lambda a:1/(1+np.exp(-a))
E_,H,K,T=3,4,5,3
P=dict(Win=rng.normal(size=(H,E_)),Bin=rng.normal(size=H),
       Wf=rng.normal(size=(H,H+E_))*.5,Bf=rng.normal(size=H)*.3,Wc=rng.normal(size=(H,H+E_))*.5,Bc=rng.normal(size=H)*.3,
       Wi=rng.normal(size=(H,H+E_))*.5,Bi=rng.normal(size=H)*.3,Wo=rng.normal(size=(H,2*H))*.5,Bo=rng.normal(size=H)*.3,
       Wout=rng.normal(size=(H,K))*.5,Bout=rng.normal(size=K)*.3)
X=rng.normal(size=(T,E_)); y=np.eye(K)[2]
def fwd(P,X,extra=None):
    h=np.zeros(H); C=np.zeros(H); cache=[]
    for t in range(T):
        I=P['Win']@X[t]+P['Bin']                       # line 16 (never used downstream)
        hx=np.concatenate([h,X[t]])
        f=sig(P['Wf']@hx+P['Bf']); Ct=np.tanh(P['Wc']@hx+P['Bc']); i=sig(P['Wi']@hx+P['Bi'])
        if extra is not None and extra[0]==t: Ct=Ct+extra[1]
        o=sig(P['Wo']@np.concatenate([Ct,h])+P['Bo'])
        Cn=f*C+i*Ct; Hn=o*np.tanh(Cn); cache.append(dict(f=f,i=i,o=o,Ct=Ct,C=Cn,Cp=C,H=Hn,hp=h)); h,C=Hn,Cn
    z=h@P['Wout']+P['Bout']; p=np.exp(z-z.max()); p/=p.sum()
    return -np.log(p@y), cache, p
L,c,p=fwd(P,X)
def num(name,eps=1e-6):
    A=P[name]; g=np.zeros_like(A); it=np.nditer(A,flags=['multi_index'])
    for _ in it:
        j=it.multi_index; o=A[j]; A[j]=o+eps; a=fwd(P,X)[0]; A[j]=o-eps; b=fwd(P,X)[0]; A[j]=o; g[j]=(a-b)/(2*eps)
    return g
HT=c[-1]['H']; dz=p-y; dHT=P['Wout']@dz
gW=num('Wout'); print('FD dL/dW_out vs H_T^T(p-y): err %.1e'%np.abs(gW-np.outer(HT,dz)).max())
auth=(dHT@HT)*P['Wout'].T   # line 105: dE/dH_T . H_T^T . W_out^T  (row dE/dH_T times column H_T = scalar, times W_out^T)
print('line 105 author shape',auth.shape,'vs gradient shape',gW.shape,'-> fail (wrong shape/value)')
gB=num('Bout'); dLdp=-y/p
print('line 110: FD dL/dB_out',np.round(gB,4),' author sum_t dL/dy~_t (only t=T exists) =',np.round(dLdp,4),' maxdiff %.2e'%np.abs(gB-dLdp).max())
gI=num('Win'); gBin=num('Bin'); print('lines 128/151: FD dL/dW_in max|.| = %.1e, dL/dB_in max|.| = %.1e (I_t never used -> gradient 0)'%(np.abs(gI).max(),np.abs(gBin).max()))
# true dL/dC~_t at t=T-1 by perturbing C~ directly (note: C~ also feeds o_t in this article)
t=T-1; gCt=np.array([(fwd(P,X,(t,np.eye(H)[k]*1e-6))[0]-fwd(P,X,(t,-np.eye(H)[k]*1e-6))[0])/2e-6 for k in range(H)])
s=c[t]; dC=dHT*s['o']*(1-np.tanh(s['C'])**2)
true_path=dC*s['i']+ (P['Wo'][:,:H].T@(dHT*np.tanh(s['C'])*s['o']*(1-s['o'])))
print('dL/dC~_T FD vs delta_C*i + output-gate path: err %.1e'%np.abs(gCt-true_path).max())
print('line 119 author f_t(delta_c + (1-f_t) delta_C~) C~^T is an outer product (matrix %s), self-referential in delta_C~; not equal to the vector above -> fail'%((H,H),))
