# source: https://github.com/bordingj/chainer_layers/blob/719a985e611e1599fba944ecacf4242e055a9cfc/chainerLayers/layers/gruLayer.py (bordingj, 'chainer_layers': custom Chainer v1 function.Function layers with hand-written CPU (numpy) and GPU (pycuda) backward passes; file added in f627e90 'First commit' 2015-08-10, unchanged at HEAD 719a985 of 2015-08-10). Kept verbatim: file lines 1-94 (imports, class GRULayer, __init__, parameter_names, gradient_names, forward_cpu) and 131-171 (backward_cpu). Cut: forward_gpu (95-130) and backward_gpu (172-213), the GPU duplicate whose elementwise parts live in chainerLayers/cukernels/gru.py (same formulas); marked by the one '# >>> cut' line added by the annotator. utils (chainerLayers/layers/utils.pyx): weight_initialization(in, out, s) returns an (out, in) float32 array; Sigmoid(x, out): out = 1/(1+exp(-x)); Tanh(x, out): out = tanh(x). Chainer v1 semantics: Function.__call__ shallow-copies the function object per call, so self.u, self.r, self.HV, self.h_tilde, self.h are per-step caches while the parameter and gradient arrays (Wu, gWu, ...) are shared; grad_outputs[0] = dL/dh for this call; returned gx, gh_tm1 = dL/dx, dL/dh_tm1; gW* are zeroed by the optimizer and accumulated with +=.
import numpy as np
from chainer import cuda, function
import chainerLayers.cukernels as cuk
from chainerLayers.layers import utils
            
class GRULayer(function.Function):
    """
    Gated Recurrent Units layer
    """
    def __init__(self, in_size, out_size, act_func='tanh', 
                 Wscale=1.0, Vscale=1.0, 
                 nobias=False, bias=0.0):
   
        self.bias = np.float32(bias)
        self.nobias = nobias
        self.in_size = in_size
        self.out_size = out_size
        self.act_func_str = act_func.lower()

        #initialize weight matrices that operates on the input
        self.Wu = utils.weight_initialization(in_size, out_size, Wscale)
        self.gWu = np.empty_like(self.Wu)
        
        self.Vu = utils.weight_initialization(out_size, out_size, Vscale)
        self.gVu = np.empty_like(self.Vu)

        #initialize weight matrices that operates on the input
        self.Wr = utils.weight_initialization(in_size, out_size, Wscale)
        self.gWr = np.empty_like(self.Wr)
        
        self.Vr = utils.weight_initialization(out_size, out_size, Vscale)
        self.gVr = np.empty_like(self.Vr)
        
        #initialize weight matrices that operates on the input
        self.Wh = utils.weight_initialization(in_size, out_size, Wscale)
        self.gWh = np.empty_like(self.Wh)
        
        self.Vh = utils.weight_initialization(out_size, out_size, Vscale)
        self.gVh = np.empty_like(self.Vh)
        
                      
        if not self.nobias:
            self.bu = np.empty((1, out_size), dtype=np.float32)
            self.bu.fill(self.bias)
            self.gbu = np.empty_like(self.bu)

            self.br = np.empty((1, out_size), dtype=np.float32)
            self.br.fill(self.bias)
            self.gbr = np.empty_like(self.br)
            
            self.bh = np.empty((1, out_size), dtype=np.float32)
            self.bh.fill(self.bias)
            self.gbh = np.empty_like(self.bh)
        
    @property
    def parameter_names(self):
        if not self.nobias:
            return 'Wu', 'Vu', 'bu', 'Wr', 'Vr', 'br', 'Wh', 'Vh', 'bh'
        else:
            return 'Wu', 'Vu', 'Wr', 'Vr', 'Wh', 'Vh'

    @property
    def gradient_names(self):
        if not self.nobias:
            return 'gWu', 'gVu', 'gbu', 'gWr', 'gVr', 'gbr', 'gWh', 'gVh', 'gbh'
        else:
            return 'gWu', 'gVu', 'gWr', 'gVr', 'gWh', 'gVh'

    def forward_cpu(self, inputs):
        x, h_tm1 = inputs
        
        #update gate
        u = x.dot(self.Wu.T) + h_tm1.dot(self.Vu.T)
        #reset gate
        r = np.dot(x, self.Wr.T) + np.dot(h_tm1, self.Vr.T)
        if not self.nobias:
            u += self.bu
            r += self.br
        self.u = utils.Sigmoid(x=u, out=u)
        self.r = utils.Sigmoid(x=r, out=r)
        
        #new memory
        self.HV = h_tm1.dot(self.Vh.T)
        h_tilde = r*self.HV + x.dot(self.Wh.T)
        if not self.nobias:
            h_tilde += self.bh
        self.h_tilde = utils.Tanh(x=h_tilde, out=h_tilde)

        #hidden state
        self.h = (1-u)*h_tilde + u*h_tm1
        
        return self.h,


# >>> cut: forward_gpu (original lines 95-130)
    def backward_cpu(self, inputs, grad_outputs):
        x, h_tm1 = inputs
        gh = grad_outputs[0]
        
        gu = self.h
        gu = np.add(h_tm1, -self.h_tilde, out=gu)
        gu *= gh * self.u * (1 - self.u)
        gh_tilde = np.add(1, -self.h_tilde**2, out=self.h_tilde)
        gh_tilde *= gh * ( 1 - self.u )
        
        gh_tm1 = np.multiply(gh, self.u, out=self.u)
        gr = np.multiply((1-self.r), self.HV, out=self.HV)
        ghr = np.multiply(gh_tilde, self.r, out=self.r)
        gr *= ghr
        
        gx = gu.dot(self.Wu)
        gx += gr.dot(self.Wr)
        gx += gh_tilde.dot(self.Wh)
        
        gh_tm1 += ghr.dot(self.Vh)
        gh_tm1 += gr.dot(self.Vr)
        gh_tm1 += gu.dot(self.Vu)

        self.gWu += gu.T.dot(x)
        self.gVu += gu.T.dot(h_tm1)

        self.gWr += gr.T.dot(x)
        self.gVr += gr.T.dot(h_tm1)
        
        self.gWh += gh_tilde.T.dot(x)
        self.gVh += ghr.T.dot(h_tm1)
        
        if not self.nobias:
            N = x.shape[0]
            gb_ones = np.ones((1,N),dtype=np.float32)
            self.gbu += np.dot(gb_ones, gu)
            self.gbr += np.dot(gb_ones, gr)
            self.gbh += np.dot(gb_ones, gh_tilde)  
            
        return gx, gh_tm1

