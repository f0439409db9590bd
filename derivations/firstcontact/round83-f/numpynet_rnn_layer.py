# source: https://github.com/Nico-Curti/NumPyNet/blob/777db4f1f625d9ba61c944fee5b6073ea7e68f1a/NumPyNet/layers/rnn_layer.py (Mattia Ceccarelli and Nico Curti, NumPyNet "Neural Networks library in pure numpy", a Python port of darknet; commit 777db4f1, 2024-02-20; file last changed 2016cc1, 2020-05-28). Kept verbatim: source lines 19-21 (class and __init__ header), 60-80 (activation, batches, the three Connected_layer objects, state), 166-309 (forward and backward); cut: argument checks, __str__, __call__, properties, load/save_weights, update, __main__ demo. Connected_layer (NumPyNet/layers/connected_layer.py): weights (inputs, outputs), layer.activation = activation.activate, layer.gradient = activation.gradient evaluated on the activated output.
class RNN_layer(object):

  def __init__(self, outputs, steps, activation=Activations, input_shape=None, weights=None, bias=None, **kwargs):
    self.activation = _check_activation(self, activation)

    # if input shape is passed, init of weights, else done in  __call__
    if input_shape is not None:
      b, w, h, c = input_shape

      if b < self.steps:
        class_name = self.__class__.__name__
        prev_name  = layer.__class__.__name__
        raise LayerError('Incorrect steps found. Layer {} cannot be connected to the previous {} layer.'.format(class_name, prev_name))

      self.batch = b // self.steps
      self.input_shape = (self.batch, w, h, c)
      indices = np.arange(0, b)
      self.batches = np.lib.stride_tricks.as_strided(indices, shape=(self.steps, self.batch), strides=(self.batch * 8, 8)).copy()

      self.input_layer  = Connected_layer(self.outputs, self.activation, input_shape=(self.batches[-1][-1] + 1, w, h, c), weights=weights[0], bias=bias[0])
      self.self_layer   = Connected_layer(self.outputs, self.activation, weights=weights[1], bias=bias[1])(self.input_layer)
      self.output_layer = Connected_layer(self.outputs, self.activation, weights=weights[2], bias=bias[2])(self.self_layer)

      self.state = np.zeros(shape=(self.batch, w, h, self.outputs), dtype=float)

  def forward(self, inpt, copy=True, trainable=True):
    '''
    Forward function of the RNN layer. It computes the matrix product
      between inpt and weights, add bias and activate the result with the
      chosen activation function.

    Parameters
    ----------
      inpt : numpy array with shape (batch, w, h, c). Input batch of images of the layer

    Returns
    ----------
    RNN_layer object
    '''

    if trainable:
      self.prev_state = self.state.copy()
      self.state = np.zeros_like(self.state)

    self.input_layer.output = np.zeros(shape=self.input_layer.out_shape, dtype=float)
    self.self_layer.output = np.zeros(shape=self.self_layer.out_shape, dtype=float)
    self.output_layer.output = np.zeros(shape=self.output_layer.out_shape, dtype=float)

    for idx in self.batches:

      _input = inpt[idx, ...].reshape(len(idx), -1)
      _state = self.state.reshape(self.state.shape[0], -1)

      z = np.einsum('ij, jk -> ik', _input, self.input_layer.weights, optimize=True) + self.input_layer.bias
      self.input_layer.output[idx, ...] = self.input_layer.activation(z, copy=copy).reshape(-1, 1, 1, self.input_layer.outputs)

      z = np.einsum('ij, jk -> ik', _state, self.self_layer.weights, optimize=True) + self.self_layer.bias
      self.self_layer.output[idx, ...] = self.self_layer.activation(z, copy=copy).reshape(-1, 1, 1, self.self_layer.outputs)

      self.state = self.input_layer.output[idx, ...] + self.self_layer.output[idx, ...]
      _state = self.state.reshape(self.state.shape[0], -1)

      z = np.einsum('ij, jk -> ik', _state, self.output_layer.weights, optimize=True) + self.output_layer.bias
      self.output_layer.output[idx, ...] = self.output_layer.activation(z, copy=copy).reshape(-1, 1, 1, self.output_layer.outputs)


    self.input_layer.delta = np.zeros(shape=self.input_layer.out_shape, dtype=float)
    self.self_layer.delta = np.zeros(shape=self.self_layer.out_shape, dtype=float)
    self.output_layer.delta = np.zeros(shape=self.output_layer.out_shape, dtype=float)

    self.output = self.output_layer.output
    self.delta = self.output_layer.delta

    return self


  def backward(self, inpt, delta=None, copy=True):
    '''
    Backward function of the RNN layer, updates the global delta of the
      network to be Backpropagated, he weights upadtes and the biases updates

    Parameters
    ----------
      inpt     : original input of the layer
      delta    : global delta, to be backpropagated.

    Returns
    ----------
    RNN_layer object
    '''

    check_is_fitted(self, 'delta')

    last_input = self.input_layer.output[self.batches[-1]]
    last_self  = self.self_layer.output[self.batches[-1]]

    for i, idx in reversed(list(enumerate(self.batches))):

      self.state = self.input_layer.output[idx, ...] + self.self_layer.output[idx, ...]

      _state = self.state.reshape(self.state.shape[0], -1)
      _input = inpt[idx, ...].reshape(len(idx), -1)

      # output_layer backward

      _delta = self.output_layer.delta[idx, ...]
      _delta[:] *= self.output_layer.gradient(self.output_layer.output[idx, ...], copy=copy)
      _delta_r = _delta.reshape(-1, self.output_layer.outputs)

      self.output_layer.bias_update = _delta_r.sum(axis=0)
      self.output_layer.weights_update = np.einsum('ji, jk -> ik', _state, _delta_r, optimize=True)

      delta_view = self.self_layer.delta[idx, ...]
      delta_shaped = delta_view.reshape(len(idx), -1)
      delta_shaped[:] += np.einsum('ij, kj -> ik', _delta_r, self.output_layer.weights, optimize=True)
      self.self_layer.delta[idx, ...] = delta_shaped.reshape(delta_view.shape)

      # end 1st backward

      if i != 0:
        idx2 = self.batches[i - 1]
        self.state = self.input_layer.output[idx2, ...] + self.self_layer.output[idx2, ...]
      else:
        self.state = self.prev_state.copy()

      self.input_layer.delta[idx, ...] = self.self_layer.delta[idx, ...]

      _state = self.state.reshape(self.state.shape[0], -1)

      # self_layer backward

      _delta = self.self_layer.delta[idx, ...]
      _delta[:] *= self.self_layer.gradient(self.self_layer.output[idx, ...], copy=copy)
      _delta_r = _delta.reshape(-1, self.self_layer.outputs)

      self.self_layer.bias_update = _delta_r.sum(axis=0)
      self.self_layer.weights_update = np.einsum('ji, jk -> ik', _state, _delta_r, optimize=True)

      if i > 0:
        idx2 = self.batches[i - 1]

        delta_view = self.self_layer.delta[idx2, ...]
        delta_shaped = delta_view.reshape(len(idx2), -1)
        delta_shaped[:] += np.einsum('ij, kj -> ik', _delta_r, self.self_layer.weights, optimize=True)
        self.self_layer.delta[idx2, ...] = delta_shaped.reshape(delta_view.shape)

      # end 2nd backward

      # input_layer backward

      _delta = self.input_layer.delta[idx, ...]
      _delta[:] *= self.input_layer.gradient(self.input_layer.output[idx, ...], copy=copy)
      _delta_r = _delta.reshape(-1, self.input_layer.outputs)

      self.input_layer.bias_update = _delta_r.sum(axis=0)
      self.input_layer.weights_update = np.einsum('ji, jk -> ik', _input, _delta_r, optimize=True)

      if delta is not None:
        delta_view = delta[idx, ...]
        delta_shaped = delta_view.reshape(len(idx), -1)
        delta_shaped[:] += np.einsum('ij, kj -> ik', _delta_r, self.input_layer.weights, optimize=True)
        delta[idx, ...] = delta_shaped.reshape(delta_view.shape)

      # end 3rd backward

    self.state = last_input[idx, ...] + last_self[idx, ...]

    return self
