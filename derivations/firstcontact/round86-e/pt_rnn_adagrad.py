# source: public GitHub Python file held by the code-search index as file id 6666799162 (13326 characters; the index does not name its repository, path, author or date; Portuguese identifiers, class RNN with Adagrad updates, data from api.regras.statisticsRegras.TeamPontuacao = football match statistics). Kept verbatim: the __future__ import, 'import math', 'import numpy', the class header, __init__, sigmoid, derivada_sigmoid, softmax, the first forward and the first backward. Cut: the imports of matplotlib.pyplot and TeamPontuacao, normalizar_dataset (before __init__), treinar (calls forward then backward(entradas, estados_ocultos, saida, esperados) every epoch and prints mean |saida - esperados|), prever, normalizarDatasetStatistics, and a second multi-layer draft of forward/backward at the end of the class ('########## forward que funciona.') that uses attributes this class never sets (matriz_U, nNeuroniosEntrada, ...) and, being defined later in the same class body, overrides the pair kept here.
from __future__ import annotations

import math
import numpy

class RNN:
    def __init__(self, nEntrada: int, nOculta: list[list[int, int]], nSaida: int, txAprendizado: float):
        self.nEntrada = nEntrada
        self.nOculta = nOculta
        self.nSaida = nSaida
        self.txAprendizado = txAprendizado

        self.U = numpy.random.uniform(0.1, 0.9, (nOculta, nEntrada))
        self.U = numpy.asarray(self.U, dtype=numpy.float64)
        self.adagrad_U = numpy.zeros_like(self.U)
        self.adagrad_U = numpy.asarray(self.adagrad_U, dtype=numpy.float64)

        self.W = numpy.random.uniform(0.1, 0.9, (nOculta, nOculta))
        self.W = numpy.asarray(self.W, dtype=numpy.float64)
        self.adagrad_W = numpy.zeros_like(self.W)
        self.adagrad_W = numpy.asarray(self.adagrad_W, dtype=numpy.float64)


        self.V = numpy.random.uniform(0.1, 0.9, (nSaida, nOculta))
        self.V = numpy.asarray(self.V, dtype=numpy.float64)
        self.adagrad_V = numpy.zeros_like(self.V)
        self.adagrad_V = numpy.asarray(self.adagrad_V, dtype=numpy.float64)

    def sigmoid(self, x):
        sig = 1 / (1 + numpy.exp(-x))
        return sig

    def derivada_sigmoid(self, x):
        dsig = x * (1 - x)
        return dsig

    def softmax(self, x):
        exp_puntuacao = numpy.exp(x)
        return exp_puntuacao / numpy.sum(exp_puntuacao, axis=0)

    def forward(self, entradas: list, isSaida = False):
        tamanhaEntrada = len(entradas)
        estados_ocultos = numpy.zeros((tamanhaEntrada + 1, self.nOculta), dtype=numpy.float64)
        saidas = numpy.zeros((tamanhaEntrada, self.nSaida), dtype=numpy.float64)

        for t in range(tamanhaEntrada):
            estados_ocultos[t] = self.sigmoid(numpy.dot(self.U, entradas[t]) + numpy.dot(self.W, estados_ocultos[t - 1]))
            if isSaida:
                saidas[t] = self.softmax(numpy.dot(self.V, estados_ocultos[t]))
            else:
                saidas[t] = self.softmax(numpy.dot(self.V, estados_ocultos[t]))

        return estados_ocultos, saidas


    def backward(self, entradas: list, estadosOcultos: list, saidas: list, esperado: list):
        saidas = numpy.asarray(saidas, dtype=numpy.float64)
        entradas = numpy.asarray(entradas, dtype=numpy.float64)
        esperado = numpy.asarray(esperado, dtype=numpy.float64)
        estadosOcultos = numpy.asarray(estadosOcultos, dtype=numpy.float64)

        tamanhoEntrada = len(entradas)
        T = numpy.asarray(entradas, dtype=numpy.float64).shape[0]
        delta_U = numpy.zeros((self.nOculta, self.nEntrada), dtype=numpy.float64)
        delta_W = numpy.zeros((self.nOculta, self.nOculta), dtype=numpy.float64)
        delta_V = numpy.zeros((self.nSaida, self.nOculta), dtype=numpy.float64)

        delta_saidas = saidas - esperado

        for t in range(tamanhoEntrada - 1, -1, -1):
            delta_V += numpy.outer(delta_saidas[t], estadosOcultos[t])
            delta_oculto = numpy.dot(numpy.transpose(self.V), delta_saidas[t]) * (1 - estadosOcultos[t] ** 2)

            for k in range(t, 0, -1):
                delta_W += numpy.outer(delta_oculto, estadosOcultos[k - 1])
                delta_oculto = numpy.dot(numpy.transpose(self.W), delta_oculto) * (1 - estadosOcultos[k - 1] ** 2)

            delta_U += numpy.outer(delta_oculto, entradas[t])

        self.adagrad_W += delta_W ** 2
        self.W -= self.txAprendizado * delta_W / (numpy.sqrt(self.adagrad_W) + 1e-7)

        self.adagrad_U += delta_U ** 2
        self.U -= self.txAprendizado * delta_U / (numpy.sqrt(self.adagrad_U) + 1e-7)

        self.adagrad_V += delta_V ** 2
        self.V -= self.txAprendizado * delta_V / (numpy.sqrt(self.adagrad_V) + 1e-7)
