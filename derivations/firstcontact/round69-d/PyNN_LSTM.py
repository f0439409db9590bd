# source: https://github.com/sarisabban/PyNN/blob/47986c2b07f3634848e299ef486f04405b8b0516/pynn/CNN.py (Sari Sabban / sarisabban, PyNN "A lightweight NumPy-based neural network library", nested class PyNN.LSTM in pynn/CNN.py lines 591-971; added in commit a255bf4 of 2025-04-03 "experimenting", unchanged up to 47986c2 of 2025-04-05 "minor fixes", removed later in 77964f0). Kept verbatim (tab indentation kept): class LSTM: __init__, the head of Parameters and its bias initialisation, forward, backward, sigmoid. Cut (marked '# >>> cut' by the annotator): the weight-initialisation if/elif branches of Parameters (every branch makes wi, wf, wc, wo, ui, uf, uc, uo of shape (units, units)), the Adam momentum/cache zero arrays, the L1/L2 regularisation terms at the end of forward and their gradients at the end of backward. Helpers outside the class: none used except np.
	class LSTM():
		''' A Long Short-Term Memory layer '''
		def __init__(self, units, return_sequences=False,
					alg='glorot uniform', mean=0.0, sd=0.1, a=-0.5, b=0.5,
					l1w=0, l1b=0, l2w=0, l2b=0):
			''' Initialize parameters '''
			self.units = units
			self.return_sequences = return_sequences
			self.l1w, self.l1b, self.l2w, self.l2b = l1w, l1b, l2w, l2b
			self.Parameters(alg, mean, sd, a, b)

		def Parameters(self, alg, mean, sd, a, b):
			''' Parameter initialization function '''
			# Initialize weights for input gate (i), forget gate (f), cell state (c), and output gate (o)
			# >>> cut: if/elif weight-initialisation branches (all weights of shape (self.units, self.units))

			# Initialize biases
			self.bi = np.zeros((1, self.units))
			self.bf = np.zeros((1, self.units))
			self.bc = np.zeros((1, self.units))
			self.bo = np.zeros((1, self.units))
			# >>> cut: Adam momentum/cache arrays

		def forward(self, x):
			''' Forward pass '''
			self.x = x
			self.batch_size = x.shape[0]
			self.sequence_length = x.shape[1]
			self.input_features = x.shape[2]

			# Initialize hidden state and cell state
			self.h = np.zeros((self.batch_size, self.sequence_length, self.units))
			self.c = np.zeros((self.batch_size, self.sequence_length, self.units))

			# Initialize gates
			self.i = np.zeros((self.batch_size, self.sequence_length, self.units))
			self.f = np.zeros((self.batch_size, self.sequence_length, self.units))
			self.c_bar = np.zeros((self.batch_size, self.sequence_length, self.units))
			self.o = np.zeros((self.batch_size, self.sequence_length, self.units))

			# Process each time step
			for t in range(self.sequence_length):
				# Input gate
				self.i[:, t] = self.sigmoid(np.dot(x[:, t], self.wi.T) + 
										  np.dot(self.h[:, t-1], self.ui.T) + self.bi)
				
				# Forget gate
				self.f[:, t] = self.sigmoid(np.dot(x[:, t], self.wf.T) + 
										  np.dot(self.h[:, t-1], self.uf.T) + self.bf)
				
				# Cell state candidate
				self.c_bar[:, t] = np.tanh(np.dot(x[:, t], self.wc.T) + 
										 np.dot(self.h[:, t-1], self.uc.T) + self.bc)
				
				# Update cell state
				self.c[:, t] = self.f[:, t] * self.c[:, t-1] + self.i[:, t] * self.c_bar[:, t]
				
				# Output gate
				self.o[:, t] = self.sigmoid(np.dot(x[:, t], self.wo.T) + 
										  np.dot(self.h[:, t-1], self.uo.T) + self.bo)
				
				# Update hidden state
				self.h[:, t] = self.o[:, t] * np.tanh(self.c[:, t])

			# >>> cut: L1/L2 regularisation terms (CPU and GPU branches)

			if self.return_sequences:
				return self.h
			else:
				return self.h[:, -1]

		def backward(self, dy):
			''' Backward pass '''
			# Initialize gradients
			self.dwi = np.zeros_like(self.wi)
			self.dwf = np.zeros_like(self.wf)
			self.dwc = np.zeros_like(self.wc)
			self.dwo = np.zeros_like(self.wo)
			self.dui = np.zeros_like(self.ui)
			self.duf = np.zeros_like(self.uf)
			self.duc = np.zeros_like(self.uc)
			self.duo = np.zeros_like(self.uo)
			self.dbi = np.zeros_like(self.bi)
			self.dbf = np.zeros_like(self.bf)
			self.dbc = np.zeros_like(self.bc)
			self.dbo = np.zeros_like(self.bo)
			dx = np.zeros_like(self.x)

			# Initialize cell state and hidden state gradients
			dc_next = np.zeros((self.batch_size, self.units))
			dh_next = np.zeros((self.batch_size, self.units))

			# Backpropagate through time
			for t in reversed(range(self.sequence_length)):
				if self.return_sequences:
					dh = dy[:, t] + dh_next
				else:
					dh = dy if t == self.sequence_length - 1 else dh_next

				# Output gate gradients
				do = dh * np.tanh(self.c[:, t])
				do = do * self.sigmoid(self.o[:, t]) * (1 - self.o[:, t])
				self.dwo += np.dot(self.x[:, t].T, do)
				self.duo += np.dot(self.h[:, t-1].T, do)
				self.dbo += np.sum(do, axis=0, keepdims=True)

				# Cell state gradients
				dc = dh * self.o[:, t] * (1 - np.tanh(self.c[:, t])**2)
				dc = dc + dc_next

				# Cell state candidate gradients
				dc_bar = dc * self.i[:, t]
				dc_bar = dc_bar * (1 - self.c_bar[:, t]**2)
				self.dwc += np.dot(self.x[:, t].T, dc_bar)
				self.duc += np.dot(self.h[:, t-1].T, dc_bar)
				self.dbc += np.sum(dc_bar, axis=0, keepdims=True)

				# Input gate gradients
				di = dc * self.c_bar[:, t]
				di = di * self.sigmoid(self.i[:, t]) * (1 - self.i[:, t])
				self.dwi += np.dot(self.x[:, t].T, di)
				self.dui += np.dot(self.h[:, t-1].T, di)
				self.dbi += np.sum(di, axis=0, keepdims=True)

				# Forget gate gradients
				df = dc * self.c[:, t-1]
				df = df * self.sigmoid(self.f[:, t]) * (1 - self.f[:, t])
				self.dwf += np.dot(self.x[:, t].T, df)
				self.duf += np.dot(self.h[:, t-1].T, df)
				self.dbf += np.sum(df, axis=0, keepdims=True)

				# Update gradients for next time step
				dc_next = dc * self.f[:, t]
				dh_next = np.dot(do, self.uo) + np.dot(dc_bar, self.uc) + \
						  np.dot(di, self.ui) + np.dot(df, self.uf)

				# Input gradients
				dx[:, t] = np.dot(do, self.wo) + np.dot(dc_bar, self.wc) + \
						   np.dot(di, self.wi) + np.dot(df, self.wf)

			# >>> cut: L1/L2 regularisation gradients (CPU and GPU branches)
			return dx

		def sigmoid(self, x):
			''' Sigmoid activation function '''
			return 1 / (1 + np.exp(-x))

