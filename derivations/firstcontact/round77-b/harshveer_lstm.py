# source: https://github.com/Harsh-veer/LSTM_from_scratch/blob/bd726ba082a1e4cabe497d3c23d565aa70673b2c/lstm.py (Harshveer / GitHub user Harsh-veer, "LSTM scratch buit", numpy character-level LSTM, commit bd726ba "Add files via upload" of 2018-06-26, unchanged at HEAD 01b2790). Kept verbatim: file lines 1-2 (import), 54-85 (softmax, sgm with its derivative, dtanh, hyper-parameters, weights and biases) and 91-156 (model: forward pass, cross-entropy loss, BPTT, clipping). Cut: lines 3-53 (reading text0.txt, one-hot features, getBatch, getkey), 86-90 (Adagrad memory arrays) and 157-end (train: Adagrad loop calling model(x_batch, y_batch, pre_hs, mem, prei, preo, pref) with the previous batch's last h, s, i, o, f, zeros at the start; predict).
import numpy as np

def softmax(y):
    return np.exp(y)/np.sum(np.exp(y))

def sgm(y,diff=False):
    if diff:
        return sgm(y)*sgm(y)*np.exp(-y)
    else:
        return 1/(1+np.exp(-y))

def dtanh(y):
    return (1-np.tanh(y)*np.tanh(y))

hidden_size=100
input_size=vocab_size
output_size=vocab_size
learning_rate=0.1

Wgx=np.random.randn(hidden_size,input_size)*0.01
Wgh=np.random.randn(hidden_size,hidden_size)*0.01
Wix=np.random.randn(hidden_size,input_size)*0.01
Wih=np.random.randn(hidden_size,hidden_size)*0.01
Wox=np.random.randn(hidden_size,input_size)*0.01
Woh=np.random.randn(hidden_size,hidden_size)*0.01
Wfx=np.random.randn(hidden_size,input_size)*0.01
Wfh=np.random.randn(hidden_size,hidden_size)*0.01
Why=np.random.randn(output_size,hidden_size)*0.01
bg=np.zeros([hidden_size,1])
bi=np.zeros([hidden_size,1])
bo=np.zeros([hidden_size,1])
bf=np.zeros([hidden_size,1])
by=np.zeros([output_size,1])

def model(x,y,pre_hs,mem,prei,preo,pref): # pre_hs and mem are from the last batch
    loss=0
    g,i,f,o={},{},{},{}
    zi,zf,zo={},{},{}
    hs,ys,ps,s={},{},{},{}
    hs[-1]=np.copy(pre_hs)
    s[-1]=np.copy(mem)
    i[-1]=np.copy(prei)
    o[-1]=np.copy(preo)
    f[-1]=np.copy(pref)
    for t in range(len(x)):
        inputs=np.array(np.matrix(x[t]).T)
        labels=np.array(np.matrix(y[t]).T)
        g[t]=np.tanh(np.dot(Wgx,inputs)+np.dot(Wgh,hs[t-1])+bg)
        zi[t]=np.dot(Wix,inputs)+np.dot(Wih,hs[t-1])+bi
        i[t]=sgm(zi[t])
        zo[t]=np.dot(Wox,inputs)+np.dot(Woh,hs[t-1])+bo
        o[t]=sgm(zo[t])
        zf[t]=np.dot(Wfx,inputs)+np.dot(Wfh,hs[t-1])+bf
        f[t]=sgm(zf[t])
        s[t]=(g[t]*i[t]) + (f[t]*s[t-1])
        hs[t]=np.tanh(s[t])*o[t]
        ys[t]=np.dot(Why,hs[t])+by
        ps[t]=softmax(ys[t])

        loss+=-np.log(ps[t][list(labels).index(1)])

    dWgh,dWih,dWfh,dWoh=np.zeros_like(Wgh),np.zeros_like(Wih),np.zeros_like(Wfh),np.zeros_like(Woh)
    dWgx,dWix,dWfx,dWox=np.zeros_like(Wgx),np.zeros_like(Wix),np.zeros_like(Wfx),np.zeros_like(Wox)
    dbg,dbi,dbf,dbo=np.zeros_like(bg),np.zeros_like(bi),np.zeros_like(bf),np.zeros_like(bo)
    dWhy,dby=np.zeros_like(Why),np.zeros_like(by)
    dhnext,dsnext=np.zeros([hidden_size,1]),np.zeros([hidden_size,1])

    for t in reversed(range(len(x))):
        inputs=np.array(np.matrix(x[t]).T)
        dy=np.copy(ps[t])
        dy[list(y[t]).index(1)]-=1

        dWhy+=np.dot(dy,hs[t].T)
        dby+=dy

        dh=np.dot(Why.T,dy)+dhnext
        dWoh+=np.dot(dh*np.tanh(s[t])*sgm(zo[t],True), hs[t-1].T)
        dWox+=np.dot(dh*np.tanh(s[t])*sgm(zo[t],True), inputs.T)
        dbo+=dh*np.tanh(s[t])*sgm(zo[t],True)

        ds=dh*o[t]*dtanh(s[t]) + dsnext
        dWgx+=np.dot(ds*i[t]*(1-g[t]*g[t]),inputs.T)
        dWgh+=np.dot(ds*i[t]*(1-g[t]*g[t]),hs[t-1].T)
        dbg+=ds*i[t]*(1-g[t]*g[t])
        dWix+=np.dot(ds*g[t]*sgm(zi[t],True),inputs.T)
        dWih+=np.dot(ds*g[t]*sgm(zi[t],True),hs[t-1].T)
        dbi+=ds*g[t]*sgm(zi[t],True)
        dWfx+=np.dot(ds*s[t-1]*sgm(zf[t],True),inputs.T)
        dWfh+=np.dot(ds*s[t-1]*sgm(zf[t],True),hs[t-1].T)
        dbf+=ds*s[t-1]*sgm(zf[t],True)

        dhpreh=dtanh(s[t])*o[t]*(np.dot(Wfh.T,sgm(zf[t],True))*s[t-1] + np.dot(Wgh.T,1-g[t]*g[t])*i[t] + np.dot(Wih.T,sgm(zi[t],True))*g[t]) + np.dot(Woh.T,sgm(zo[t],True))*np.tanh(s[t])
        dhnext=dhpreh*dh
        dhpres=dtanh(s[t])*(i[t]*(np.dot(Wgh.T,1-g[t]*g[t])*o[t-1]*dtanh(s[t-1])) + g[t]*(np.dot(Wih.T,sgm(zi[t],True))*o[t-1]*dtanh(s[t-1])) + np.dot(Wfh.T,sgm(zf[t]))*o[t-1]*dtanh(s[t-1]) + f[t])*o[t] + np.dot(Woh.T,sgm(zo[t],True))*np.tanh(s[t])*o[t-1]*dtanh(s[t-1])
        dsnext=dhpres*dh

    for dparam in [dWgh,dWih,dWfh,dWoh,dWgx,dWix,dWfx,dWox,dbg,dbi,dbf,dbo,dWhy,dby]:
        np.clip(dparam, -5, 5, out=dparam)

    return loss,dWgh,dWih,dWfh,dWoh,dWgx,dWix,dWfx,dWox,dbg,dbi,dbf,dbo,dWhy,dby,hs[len(x)-1],s[len(x)-1],i[len(x)-1],o[len(x)-1],f[len(x)-1]
