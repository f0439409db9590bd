# source: https://github.com/rmaahin/LSTM-from-scratch/blob/0240954ac870a863483f6865f0e622513bb5612f/lstm_scratch.py (rmaahin, 'LSTM-from-scratch', numpy LSTM for car-trajectory prediction; file last changed in commit f781b5ea1f93bdda2d70b714530e0a6b1c92dc06 of 2025-05-07, HEAD 0240954 of 2025-05-11). Kept verbatim: file lines 1-362 (imports, class LSTMCell, class LSTM up to and including train_step). Cut: train_model() and the __main__ block (lines 363-482).
import numpy as np
import os

class LSTMCell:
    def __init__(self, input_size, hidden_size):
        """
        Initialize LSTM cell parameters
        
        Args:
            input_size: Dimension of input vector
            hidden_size: Dimension of hidden state
        """
        # Initialize weights and biases for gates with smaller values
        # Weights for input gate
        self.Wi = np.random.randn(hidden_size, input_size + hidden_size) * 0.02
        self.bi = np.zeros((hidden_size, 1))
        
        # Weights for forget gate
        self.Wf = np.random.randn(hidden_size, input_size + hidden_size) * 0.02
        self.bf = np.zeros((hidden_size, 1))
        
        # Weights for output gate
        self.Wo = np.random.randn(hidden_size, input_size + hidden_size) * 0.02
        self.bo = np.zeros((hidden_size, 1))
        
        # Weights for cell state
        self.Wc = np.random.randn(hidden_size, input_size + hidden_size) * 0.02
        self.bc = np.zeros((hidden_size, 1))
        
        self.hidden_size = hidden_size
        
    def sigmoid(self, x):
        """Sigmoid activation function"""
        return 1 / (1 + np.exp(-x))
    
    def sigmoid_derivative(self, x):
        """Derivative of sigmoid function"""
        return x * (1 - x)
    
    def tanh(self, x):
        """Tanh activation function"""
        return np.tanh(x)
    
    def tanh_derivative(self, x):
        """Derivative of tanh function"""
        return 1 - np.power(x, 2)
    
    def forward_step(self, xt, h_prev, c_prev):
        """
        Forward pass for a single timestep
        
        Args:
            xt: Input at current timestep (input_size, 1)
            h_prev: Previous hidden state (hidden_size, 1)
            c_prev: Previous cell state (hidden_size, 1)
            
        Returns:
            h_next: Next hidden state
            c_next: Next cell state
            cache: Values needed for backward pass
        """
        # Concatenate input and previous hidden state
        concat = np.vstack((h_prev, xt))
        
        # Input gate
        i = self.sigmoid(np.dot(self.Wi, concat) + self.bi)
        
        # Forget gate
        f = self.sigmoid(np.dot(self.Wf, concat) + self.bf)
        
        # Output gate
        o = self.sigmoid(np.dot(self.Wo, concat) + self.bo)
        
        # Candidate cell state
        c_tilde = self.tanh(np.dot(self.Wc, concat) + self.bc)
        
        # Cell state
        c_next = f * c_prev + i * c_tilde
        
        # Hidden state
        h_next = o * self.tanh(c_next)
        
        # Store values needed for backward pass
        cache = (i, f, o, c_tilde, c_next, h_prev, c_prev, xt, concat)
        
        return h_next, c_next, cache
    
    def backward_step(self, dh_next, dc_next, cache):
        """
        Backward pass for a single timestep
        
        Args:
            dh_next: Gradient of loss with respect to next hidden state
            dc_next: Gradient of loss with respect to next cell state
            cache: Values from forward pass
            
        Returns:
            dx: Gradient of loss with respect to input
            dh_prev: Gradient of loss with respect to previous hidden state
            dc_prev: Gradient of loss with respect to previous cell state
            dW: Dictionary containing gradients of all weights and biases
        """
        # Unpack cache
        i, f, o, c_tilde, c_next, h_prev, c_prev, xt, concat = cache
        
        # Initialize gradients
        dW = {
            'Wi': np.zeros_like(self.Wi),
            'bi': np.zeros_like(self.bi),
            'Wf': np.zeros_like(self.Wf),
            'bf': np.zeros_like(self.bf),
            'Wo': np.zeros_like(self.Wo),
            'bo': np.zeros_like(self.bo),
            'Wc': np.zeros_like(self.Wc),
            'bc': np.zeros_like(self.bc)
        }
        
        # Gradient of loss with respect to output gate
        do = self.tanh(c_next) * dh_next
        do_input = self.sigmoid_derivative(o) * do
        dW['Wo'] += np.dot(do_input, concat.T)
        dW['bo'] += np.sum(do_input, axis=1, keepdims=True)
        
        # Gradient of loss with respect to cell state
        dc = o * self.tanh_derivative(self.tanh(c_next)) * dh_next + dc_next
        
        # Gradient of loss with respect to input gate
        di = c_tilde * dc
        di_input = self.sigmoid_derivative(i) * di
        dW['Wi'] += np.dot(di_input, concat.T)
        dW['bi'] += np.sum(di_input, axis=1, keepdims=True)
        
        # Gradient of loss with respect to forget gate
        df = c_prev * dc
        df_input = self.sigmoid_derivative(f) * df
        dW['Wf'] += np.dot(df_input, concat.T)
        dW['bf'] += np.sum(df_input, axis=1, keepdims=True)
        
        # Gradient of loss with respect to candidate cell state
        dc_tilde = i * dc
        dc_tilde_input = self.tanh_derivative(c_tilde) * dc_tilde
        dW['Wc'] += np.dot(dc_tilde_input, concat.T)
        dW['bc'] += np.sum(dc_tilde_input, axis=1, keepdims=True)
        
        # Gradient of loss with respect to concatenated input
        dconcat = (np.dot(self.Wo.T, do_input) +
                  np.dot(self.Wi.T, di_input) +
                  np.dot(self.Wf.T, df_input) +
                  np.dot(self.Wc.T, dc_tilde_input))
        
        # Split gradient for previous hidden state and input
        dh_prev = dconcat[:self.hidden_size]
        dx = dconcat[self.hidden_size:]
        
        # Gradient of loss with respect to previous cell state
        dc_prev = f * dc
        
        return dx, dh_prev, dc_prev, dW

class LSTM:
    def __init__(self, input_size, hidden_size, output_size=2, prediction_steps=5):
        """
        Initialize LSTM network
        
        Args:
            input_size: Dimension of input vector
            hidden_size: Dimension of hidden state
            output_size: Dimension of output (default=2 for x,y coordinates)
            prediction_steps: Number of future steps to predict
        """
        self.cell = LSTMCell(input_size, hidden_size)
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.prediction_steps = prediction_steps
        
        # Output layer weights with smaller initialization
        self.Wy = np.random.randn(output_size, hidden_size) * 0.02
        self.by = np.zeros((output_size, 1))
        
        # Gradient clipping threshold
        self.clip_threshold = 1.0
        
    def forward(self, x, h0=None, c0=None):
        """
        Forward pass for entire sequence
        
        Args:
            x: Input sequence (sequence_length, input_size, batch_size)
            h0: Initial hidden state (hidden_size, batch_size)
            c0: Initial cell state (hidden_size, batch_size)
            
        Returns:
            h: Hidden states for all timesteps
            c: Cell states for all timesteps
            y: Output predictions for prediction_steps
            cache: Values needed for backward pass
        """
        # Get dimensions
        seq_len, input_size, batch_size = x.shape
        
        # Initialize hidden and cell states if not provided
        if h0 is None:
            h0 = np.zeros((self.hidden_size, batch_size))
        if c0 is None:
            c0 = np.zeros((self.hidden_size, batch_size))
            
        # Initialize output arrays
        h = np.zeros((seq_len, self.hidden_size, batch_size))
        c = np.zeros((seq_len, self.hidden_size, batch_size))
        y = np.zeros((self.prediction_steps, self.output_size, batch_size))
        
        # Initialize cache list
        cache = []
        
        # Process each timestep
        h_prev = h0
        c_prev = c0
        
        for t in range(seq_len):
            # Get current input
            xt = x[t]
            
            # Forward step
            h_next, c_next, step_cache = self.cell.forward_step(xt, h_prev, c_prev)
            
            # Store outputs
            h[t] = h_next
            c[t] = c_next
            
            # Update previous states
            h_prev = h_next
            c_prev = c_next
            
            # Store cache
            cache.append(step_cache)
            
            # Only compute predictions for the last prediction_steps
            if t >= seq_len - self.prediction_steps:
                pred_idx = t - (seq_len - self.prediction_steps)
                y[pred_idx] = np.dot(self.Wy, h_next) + self.by
            
        return h, c, y, cache
    
    def backward(self, x, y, y_pred, cache):
        """
        Backward pass through time
        
        Args:
            x: Input sequence (sequence_length, input_size, batch_size)
            y: True output sequence (prediction_steps, output_size, batch_size)
            y_pred: Predicted output sequence (prediction_steps, output_size, batch_size)
            cache: Values from forward pass
            
        Returns:
            gradients: Dictionary containing gradients of all parameters
        """
        seq_len, input_size, batch_size = x.shape
        
        # Initialize gradients
        gradients = {
            'Wy': np.zeros_like(self.Wy),
            'by': np.zeros_like(self.by),
            'Wi': np.zeros_like(self.cell.Wi),
            'bi': np.zeros_like(self.cell.bi),
            'Wf': np.zeros_like(self.cell.Wf),
            'bf': np.zeros_like(self.cell.bf),
            'Wo': np.zeros_like(self.cell.Wo),
            'bo': np.zeros_like(self.cell.bo),
            'Wc': np.zeros_like(self.cell.Wc),
            'bc': np.zeros_like(self.cell.bc)
        }
        
        # Initialize gradients for hidden and cell states
        dh_next = np.zeros((self.hidden_size, batch_size))
        dc_next = np.zeros((self.hidden_size, batch_size))
        
        # Backward pass through time
        for t in reversed(range(seq_len)):
            # Only compute gradients for the prediction steps
            if t >= seq_len - self.prediction_steps:
                pred_idx = t - (seq_len - self.prediction_steps)
                # Gradient of loss with respect to output
                dy = y_pred[pred_idx] - y[pred_idx]
                
                # Gradient of loss with respect to output layer weights
                gradients['Wy'] += np.dot(dy, cache[t][4].T)  # cache[t][4] is h_next
                gradients['by'] += np.sum(dy, axis=1, keepdims=True)
                
                # Gradient of loss with respect to hidden state
                dh = np.dot(self.Wy.T, dy) + dh_next
            else:
                dh = dh_next
            
            # Backward step
            dx, dh_next, dc_next, dW = self.cell.backward_step(dh, dc_next, cache[t])
            
            # Accumulate gradients
            for key in dW:
                gradients[key] += dW[key]
        
        return gradients
    
    def update_parameters(self, gradients, learning_rate):
        """
        Update network parameters using gradients with clipping
        
        Args:
            gradients: Dictionary containing gradients of all parameters
            learning_rate: Learning rate for gradient descent
        """
        # Clip gradients
        for key in gradients:
            np.clip(gradients[key], -self.clip_threshold, self.clip_threshold, out=gradients[key])
        
        # Update output layer weights
        self.Wy -= learning_rate * gradients['Wy']
        self.by -= learning_rate * gradients['by']
        
        # Update LSTM cell weights
        self.cell.Wi -= learning_rate * gradients['Wi']
        self.cell.bi -= learning_rate * gradients['bi']
        self.cell.Wf -= learning_rate * gradients['Wf']
        self.cell.bf -= learning_rate * gradients['bf']
        self.cell.Wo -= learning_rate * gradients['Wo']
        self.cell.bo -= learning_rate * gradients['bo']
        self.cell.Wc -= learning_rate * gradients['Wc']
        self.cell.bc -= learning_rate * gradients['bc']
    
    def compute_loss(self, y_pred, y_true):
        """Compute root mean squared error (RMSE) loss"""
        return np.sqrt(np.mean((y_pred - y_true) ** 2))
    
    def compute_rmse(self, y_pred, y_true):
        """Compute root mean squared error (RMSE) - kept for backward compatibility"""
        return self.compute_loss(y_pred, y_true)
    
    def train_step(self, x, y_true, learning_rate=0.01):
        """
        Perform one training step
        
        Args:
            x: Input sequence (sequence_length, input_size, batch_size)
            y_true: True output sequence (prediction_steps, output_size, batch_size)
            learning_rate: Learning rate for gradient descent
            
        Returns:
            loss: RMSE loss
        """
        # Forward pass
        _, _, y_pred, cache = self.forward(x)
        
        # Compute loss
        loss = self.compute_loss(y_pred, y_true)
        
        # Backward pass
        gradients = self.backward(x, y_true, y_pred, cache)
        
        # Update parameters
        self.update_parameters(gradients, learning_rate)
        
        return loss

