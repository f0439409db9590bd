# Finite-difference check of b-rib's many-to-one vanilla RNN backward (brib_vanilla_rnn_bptt.md), L = 1/2 (y_T - Y)^2 for one sample.
import numpy as np
np.random.seed(3)
io_dim,h_dim,cells=1,6,4
Wih=np.random.uniform(0,0.99,(h_dim,io_dim))*0.3; Who=np.random.uniform(0,0.99,(io_dim,h_dim))*0.3; Whh=np.random.uniform(0,0.99,(h_dim,h_dim))*0.3
X=np.random.uniform(-1,1,cells); Y=0.4
def forward():                                   # lines 41-53
    h=np.zeros((cells+1,h_dim,io_dim)); y=np.zeros(cells)
    for cell in range(1,cells+1):
        h[cell]=np.tanh(Whh.dot(h[cell-1])+Wih.dot(X[cell-1]))
        y[cell-1]=Who.dot(h[cell])[0,0]
    return h,y
def loss(): h,y=forward(); return 0.5*(y[-1]-Y)**2     # get_loss, lines 104-110, one sample
def backward():                                  # lines 60-87, as written
    T=len(X); h,y=forward()
    dLdWho_T=np.dot((y[-1]-Y),h[-1])
    dLdyhat_T=np.dot((y[-1]-Y),h[-1]); dyhatdh_T=1*Who
    summ=np.zeros(Whh.shape); muls={}
    for i in range(1,T+1):
        mul=np.ones(Whh.shape)
        for j in range(i,T-1): mul=mul*(1-(np.tanh(Whh.dot(h[j])+Wih.dot(X[j+1])))**2)*Whh
        muls[i]=mul; summ=summ+mul
    dLdWhh_T=dyhatdh_T*dLdyhat_T*summ
    summ2=np.zeros(Wih.shape)
    for i in range(1,T+1):
        mul=np.ones(Wih.shape)
        for j in range(i,T-1): mul=mul*(1-(np.tanh(Whh.dot(h[j])+Wih.dot(X[j+1])))**2)*Wih
        summ2=summ2+mul
    dLdWih=dLdyhat_T.T*dyhatdh_T*summ2.T
    return dict(dLdWho_T=dLdWho_T,dLdyhat_T=dLdyhat_T,dyhatdh_T=dyhatdh_T,muls=muls,dLdWhh_T=dLdWhh_T,dLdWih=dLdWih,h=h,y=y)
def num_grad(f,arr,eps=1e-6):
    g=np.zeros_like(arr); it=np.nditer(arr,flags=['multi_index'])
    for _ in it:
        i=it.multi_index; o=arr[i]; arr[i]=o+eps; fp=f(); arr[i]=o-eps; fm=f(); arr[i]=o; g[i]=(fp-fm)/(2*eps)
    return g
def rep(name,a,b):
    e=np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12); print(f"{name:72s} rel.err={e:.2e}  {'AGREE' if e<1e-5 else 'DISAGREE'}")
B=backward(); h,y=B['h'],B['y']
# the training loop (lines 130-132) applies W -= lr * dW.T, so the returned arrays are compared transposed
rep("line 65 dLdWho_T (.T as used in line 131) vs dL/dWho",B['dLdWho_T'].T,num_grad(loss,Who))
dLdyhat=y[-1]-Y
print(f"line 68 dLdyhat_T has shape {np.shape(B['dLdyhat_T'])}; true dL/dyhat is the scalar {dLdyhat:.4f}")
rep("line 68 dLdyhat_T vs (y_T - Y) broadcast",B['dLdyhat_T'],np.full_like(B['dLdyhat_T'],dLdyhat))
# dyhat/dh_T = Who by finite differences on h_T
def yT_of_hT(hT): return (Who@hT)[0,0]
hT=h[-1].copy(); J=np.zeros((1,h_dim))
for k in range(h_dim):
    e=np.zeros_like(hT); e[k]=1e-6; J[0,k]=(yT_of_hT(hT+e)-yT_of_hT(hT-e))/2e-6
rep("line 69 dyhatdh_T = Who vs d yhat / d h_T",B['dyhatdh_T'],J)
# line 75: product intended to be d h_T / d h_i ; compare for i = 1 with the true Jacobian
Jt=np.eye(h_dim)
for k in range(2,cells+1): Jt=np.diag(1-h[k][:,0]**2)@Whh@Jt
rep("line 75 mul (i=1) vs true Jacobian d h_T / d h_1",B['muls'][1],Jt)
rep("line 77 dLdWhh_T (.T as used in line 132) vs dL/dWhh",B['dLdWhh_T'].T,num_grad(loss,Whh))
rep("line 87 dLdWih (.T as used in line 130) vs dL/dWih",B['dLdWih'].T,num_grad(loss,Wih))
# reference BPTT (what lines 68-87 should compute) to show the finite differences are consistent
dh=(y[-1]-Y)*Who.T; gWhh=np.zeros_like(Whh); gWih=np.zeros_like(Wih)
for k in range(cells,0,-1):
    dz=dh*(1-h[k]**2); gWhh+=dz@h[k-1].T; gWih+=dz*X[k-1]; dh=Whh.T@dz
rep("reference BPTT dL/dWhh (sanity)",gWhh,num_grad(loss,Whh)); rep("reference BPTT dL/dWih (sanity)",gWih,num_grad(loss,Wih))
# line 77 / 87 even with the correct scalar dL/dyhat in place of line 68
summ=sum(B['muls'].values())
rep("line 77 with dLdyhat = y_T - Y (scalar) vs dL/dWhh",(B['dyhatdh_T']*dLdyhat*summ).T,num_grad(loss,Whh))
