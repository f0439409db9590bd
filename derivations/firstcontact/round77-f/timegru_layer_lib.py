# source: public GitHub Python file, search-index file id 40689277782 (36,256 characters; the index does not name its repository, path, author or date, and searches for its distinctive text found no other copy). A tab-indented numpy/CuPy layer library (Dense, Conv, DeConv, Pool, PoolAvg, Flatten, BFlatten, BatchNorm, ..., LSTM, TimeLSTM, GRU, TimeGRU, SoftmaxWithLoss) in the style of Saito's 'Deep Learning from Scratch' (header credits im2col/col2im to 斎藤康毅), row-vector batch layout, weights saved under ./weight/new/. Kept verbatim: the file header (original lines 1-12: coding line, imports) and classes GRU and TimeGRU (whole, incl. set_state/reset_state/save/load); cut: every other class (Dense ... TimeLSTM before, SoftmaxWithLoss after), marked by the one '# >>> cut' comment added by the annotator. Sigmoid/Tanh come from the author's Activation module (not stored with this file); the code reads sigm1.out, so they are taken to be the DLFS-style layers: forward(x) stores and returns out = 1/(1+exp(-x)) (resp. tanh(x)); backward(dout) returns dout*(1-out)*out (resp. dout*(1-out**2)) from the stored out. TimeGRU.params Wx (D,3H), Wh (H,3H), b (3H,) are set by the caller.
# coding: utf-8

#Original module
from functions import *				#im2col and col2im function(written by 斎藤康毅)
from optimizer import *				#SGD/Adam/optimizer/Momentum/RMSprop
from Activation import *			#ReLU/Elu/GELU/ISRL/ISRLU/Sigmoid/Softplus/Softsign/Tanh/Arctan		

#Native Module
import pickle
from setting import np
from setting import exp
import cupy as cp
import sys


# >>> cut


class GRU:
	
	'''
	Gated Recurrent Unit
	'''
	
	def __init__(self,Wx,Wh,b):
		self.name = 'LSTM'
		#parameters
		self.params = [Wx, Wh, b]
		self.grad = [np.zeros_like(i) for i in self.params]
		
		#gate
		self.sigm1 = Sigmoid()
		self.sigm2 = Sigmoid()
		self.tanIn = Tanh()
		
		#data for backward
		self.In = None
		self.Hin = None
		self.To = None
		
		#other
		self.size = 0
		self.flops = 0
		
	def forward(self,input,Hin=None):
		Wx,Wh,b = self.params
		N, H = Hin.shape
		
		x = np.dot(input,Wx)
		h = np.dot(Hin,Wh)
		
		#slice
		r = x[:, :H]+h[:, :H]+b[:H]
		u = x[:, H:2*H]+h[:, H:2*H]+b[H:2*H]
		xo = x[:, 2*H:]+b[2*H:]
		ho = h[:, 2*H:]
		
		Sr = self.sigm1.forward(r)			#reset Gate(sigmoid)
		Su = self.sigm2.forward(u)			#update gate(sigmoid)
		To = self.tanIn.forward(ho*Sr+xo)	#Ouput gate(Tanh)
		Hout = (Su-1)*Hin+(Su*To)
		
		self.Hin = Hin
		self.In = input
		self.To = To

		return Hout
	
	def backward(self,dOut,dHout):
		Wx,Wh,b = self.params
		dHout = dOut+dHout
		
		dSu = dHout*self.Hin+dHout*self.To
		dTo = dHout*self.sigm2.out
		dSr = dTo*self.Hin
		dHin = dTo*self.sigm1.out
		
		dr = self.sigm1.backward(dSr)
		du = self.sigm1.backward(dSu)
		do = self.tanIn.backward(dTo)
		
		dx = np.hstack((dr,du,do))
		dh = np.hstack((dr,du,do*self.sigm1.out))
		
		self.grad[2] = np.hstack((np.sum(dr,axis=0),np.sum(du,axis=0),np.sum(do,axis=0)))
		self.grad[1] = np.dot(self.Hin.T, dh)
		self.grad[0] = np.dot(self.In.T, dx)

		dHin += np.dot(dh, Wh.T)
		dIn = np.dot(dx, Wx.T)
	
		return dIn,dHin


class TimeGRU:
	
	def __init__(self,stateful=False):
		self.name = 'TimeGRU'
		#initialize
		self.h = None
		self.dh = None
		self.stateful = stateful
		
		#parameters
		self.params={}
		self.params['Wx'] = None
		self.params['Wh'] = None
		self.params['b'] = None
		self.grad = {}
		self.grad['Wx'] = None
		self.grad['Wh'] = None
		self.grad['b'] = None	
		
		#other
		self.flops = 0
		self.size = 0
		self.optimizer = Adam(0.01)
		
	def forward(self, xs):
		Wx, Wh, b = self.params['Wx'],self.params['Wh'],self.params['b']
		N, T, D = xs.shape
		H = Wh.shape[0]
		
		self.layers = []
		hs = np.empty((N, T, H), dtype='f')
		
		if not self.stateful or self.h is None:
			self.h = np.zeros((N,H), dtype='f')

		for t in range(T):
			layer = GRU(Wx,Wh,b)
			self.h = layer.forward(xs[:, t, :], self.h)
			hs[:, t, :] = self.h
			
			self.layers.append(layer)
			
		return hs
		
	def backward(self,dhs):
		Wx, Wh, b = self.params['Wx'],self.params['Wh'],self.params['b']
		N, T, H = dhs.shape
		D = Wx.shape[0]
		
		dxs = np.empty((N, T, D), dtype='f')
		dh = 0
		
		grads = [0,0,0]
		for t in reversed(range(T)):
			layer = self.layers[t]
			dx, dh = layer.backward(dhs[:, t, :], dh)
			try:
				dxs[:, t, :] = dx
			except:
				print(dxs.shape)
			for i , grad in enumerate(layer.grad):
				grads[i] += grad
				
		self.grad['Wx'] = grads[0]
		self.grad['Wh'] = grads[1]
		self.grad['b'] = grads[2]
		self.dh = dh
		
		return dxs
		
	def set_state(self, h, c=None):
		self.h = h
		
	def reset_state(self):
		self.h = None

	def save(self, name):
		params = {}
		for key, val in self.params.items():
			params[key] = val
		with open('./weight/new/TimeGRU_'+name, 'wb') as f:
			pickle.dump(params, f)
	
	def load(self, name):
		with open('./weight/new/TimeGRU_'+name, 'rb') as f:
			params = pickle.load(f)
		
		for key, val in params.items():
			try:
				self.params[key] = np.asarray(val)
			except:
				self.params[key] = cp.asnumpy(val)
