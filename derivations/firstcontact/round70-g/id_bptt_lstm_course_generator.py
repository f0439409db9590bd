# source: public GitHub Python file that generates an Indonesian deep-learning course chapter 13 (recurrent networks) as Markdown strings passed to create_subchapter(); search-index file id 68344454353 (51,851 characters; the index does not name its repository, path, author or date). Kept verbatim: the assignments c13_2_md (13.2 Vanilla RNN / Elman), c13_3_md (13.3 BPTT, Jacobian product, vanishing/exploding gradients) and c13_5_md (13.5 LSTM cell state / CEC). Cut: file header and chapter 13.1, the c13_*_desc/_code/_out/_pit/_ref strings and create_subchapter calls of 13.2, 13.3 and 13.5 (PyTorch demos, outputs, pitfalls, references), all of 13.4 (clipping / TBPTT), and 13.6 onward; marker comments "# >>> cut" added by the annotator. The strings are ordinary (non-raw) Python literals, so "\\" in the source is one backslash in the Markdown.
c13_2_md = """Arsitektur **Vanilla Recurrent Neural Network (RNN)**, yang secara historis dipelopori oleh Jeffrey Elman (1990) sebagai *Elman Network*, mengatasi keterbatasan model feedforward dengan mengintroduksi tautan berulang (*recurrent connection*). Pada setiap langkah waktu diskret $t \\in \\{1, \\dots, T\\}$, jaringan menerima masukan eksternal $\\mathbf{x}_t \\in \\mathbb{R}^d$ sekaligus membaca kembali **keadaan tersembunyi (hidden state)** dari langkah waktu sebelumnya $\\mathbf{h}_{t-1} \\in \\mathbb{R}^h$.

Hidden state $\\mathbf{h}_t$ bertindak sebagai memori internal kontinu yang meringkas seluruh lintasan historis dari langkah $1$ hingga $t$. Persamaan rekurensi formal didefinisikan sebagai transformasi afinitas gabungan yang dipetakan melalui fungsi aktivasi non-linier (umumnya tanh):
$$\\mathbf{h}_t = \\tanh\\left( \\mathbf{W}_{xh} \\mathbf{x}_t + \\mathbf{W}_{hh} \\mathbf{h}_{t-1} + \\mathbf{b}_h \\right)$$
di mana:
- $\\mathbf{W}_{xh} \\in \\mathbb{R}^{h \\times d}$ adalah matriks bobot yang memetakan masukan saat ini ke state tersembunyi.
- $\\mathbf{W}_{hh} \\in \\mathbb{R}^{h \\times h}$ adalah matriks rekuren transisi yang memetakan state sebelumnya ke state saat ini.
- $\\mathbf{b}_h \\in \\mathbb{R}^h$ adalah vektor bias tersembunyi.

Jika tugas pemodelan menghendaki prediksi luaran pada setiap langkah waktu (skenario *sequence-to-sequence*), vektor luaran $\\mathbf{y}_t$ diproyeksikan dari state saat ini melalui matriks luaran $\\mathbf{W}_{hy} \\in \\mathbb{R}^{c \\times h}$:
$$\\hat{\\mathbf{y}}_t = \\text{softmax}\\left( \\mathbf{W}_{hy} \\mathbf{h}_t + \\mathbf{b}_y \\right)$$

Prinsip terpenting dari arsitektur RNN adalah **Temporal Weight Sharing (Pembagian Bobot Lintas Waktu)**. Matriks parameter $\\{\\mathbf{W}_{xh}, \\mathbf{W}_{hh}, \\mathbf{W}_{hy}, \\mathbf{b}_h, \\mathbf{b}_y\\}$ bernilai **identik dan konstan di setiap langkah waktu $t$**. Ketika jaringan 'dibentangkan' (*unfolded in time*) sepanjang horizon waktu $T$, arsitektur ini menyerupai jaringan feedforward yang sangat dalam dengan $T$ lapisan, namun seluruh lapisan tersebut mengikat dan menggunakan parameter bobot yang sama secara berulang."""

# >>> cut: c13_2_code, c13_2_out, c13_2_pit, c13_2_ref, create_subchapter("13.2", ...), c13_3_desc
c13_3_md = """Pelatihan parameter bobot dalam jaringan rekuren dilakukan melalui algoritma **Backpropagation Through Time (BPTT)**. Secara konseptual, BPTT membentangkan (*unfolds*) jaringan RNN sepanjang seluruh langkah waktu pelatihan $t=1, \\dots, T$, kemudian menerapkan aturan rantai kalkulus (*multivariate chain rule*) untuk menjalarbalikkan gradien rugi dari masa depan ke masa lalu.

Misalkan total loss sepanjang sekuens didefinisikan sebagai penjumlahan loss di setiap langkah waktu $\\mathcal{L} = \\sum_{t=1}^T \\mathcal{L}_t$. Untuk menghitung gradien terhadap matriks rekuren $\\mathbf{W}_{hh}$, gradien pada langkah waktu $t$ bergantung pada seluruh lintasan keadaan tersembunyi masa lalu:
$$\\frac{\\partial \\mathcal{L}_t}{\\partial \\mathbf{W}_{hh}} = \\sum_{k=1}^t \\frac{\\partial \\mathcal{L}_t}{\\partial \\mathbf{h}_t} \\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_k} \\frac{\\partial \\mathbf{h}_k}{\\partial \\mathbf{W}_{hh}}$$
Faktor kritis dalam persamaan di atas adalah suku interaksi temporal $\\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_k}$, yang merupakan perkalian berantai dari matriks Jacobi transisi:
$$\\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_k} = \\prod_{j=k+1}^t \\frac{\\partial \\mathbf{h}_j}{\\partial \\mathbf{h}_{j-1}} = \\prod_{j=k+1}^t \\text{diag}(1 - \\tanh^2(\\mathbf{a}_j)) \\, \\mathbf{W}_{hh}^T$$

Analisis spektral matriks Jacobi (Pascanu, Mikolov, & Bengio, ICML 2013) mengungkap kerentanan fatal dari persamaan perkalian berantai ini:
1. **Vanishing Gradients (Gradien Lenyap)**: Jika nilai eigen terbesar (*largest singular value* $\\lambda_{\\text{max}}$) dari matriks $\\mathbf{W}_{hh}$ bernilai lebih kecil dari 1 (atau karena turunan $\\tanh' \\le 1$), perkalian matriks berulang sebanyak $T-k$ kali akan menyusutkan besaran gradien secara eksponensial mendekati nol:
$$\\left\\| \\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_k} \\right\\| \\propto (\\lambda_{\\text{max}})^{t-k} \\xrightarrow{t - k \\to \\infty} 0$$
Akibatnya, sinyal kesalahan dari waktu $t$ tidak dapat merambat kembali ke waktu $k$ yang jauh di masa lalu. Model kehilangan kemampuan mengingat ketergantungan jangka panjang (*long-term dependencies*).
2. **Exploding Gradients (Gradien Meledak)**: Sebaliknya, jika $\\lambda_{\\text{max}} > 1$, perkalian berulang menyebabkan besaran gradien membesar secara eksponensial:
$$\\left\\| \\frac{\\partial \\mathbf{h}_t}{\\partial \\mathbf{h}_k} \\right\\| \\propto (\\lambda_{\\text{max}})^{t-k} \\xrightarrow{t - k \\to \\infty} \\infty$$
Hal ini menyebabkan lonjakan bobot (*weight explosion*), osilasi liar parameter, hingga nilai loss menghasilkan `NaN` atau `Inf` seketika."""

# >>> cut: c13_3_code, c13_3_out, c13_3_pit, c13_3_ref, create_subchapter("13.3", ...), subchapter 13.4, c13_5_desc
c13_5_md = """Meskipun gradient clipping mampu mengatasi exploding gradients, masalah *vanishing gradients* pada Vanilla RNN tetap tidak terpecahkan karena sifat intrinsik perkalian berulang matriks rekuren. Terobosan revolusioner dicapai oleh Sepp Hochreiter dan Jürgen Schmidhuber (1997) melalui arsitektur **Long Short-Term Memory (LSTM)**.

Kunci arsitektural utama LSTM adalah pemisahan dua jenis memori internal yang beroperasi secara paralel:
1. **Hidden State ($\\mathbf{h}_t$)**: Memori jangka pendek (*short-term memory*) yang berinteraksi langsung dengan transformasi non-linier dan memproyeksikan luaran prediksi pada langkah saat ini.
2. **Cell State ($\\mathbf{c}_t$)**: Memori jangka panjang (*long-term memory*) yang bertindak sebagai jalur bebas hambatan (*conveyor belt*) informasi temporal.

Jalur cell state dirancang berdasarkan konsep matematis **Constant Error Carousel (CEC)**. Pada Vanilla RNN, interaksi rekuren melibatkan transformasi matriks dan fungsi aktivasi non-linier saturatif ($h_t = \\tanh(W h_{t-1})$), yang menyebabkan gradien menyusut secara multiplikatif. Sebaliknya, pada LSTM, pembaruan cell state didasarkan pada **operasi aditif (penjumlahan)** linier:
$$\\mathbf{c}_t = \\mathbf{f}_t \\odot \\mathbf{c}_{t-1} + \\mathbf{i}_t \\odot \\tilde{\\mathbf{c}}_t$$
di mana $\\odot$ menyatakan perkalian elemen-demi-elemen (*Hadamard product*), $\\mathbf{f}_t$ adalah vektor gerbang lupa (*forget gate*), $\\mathbf{i}_t$ adalah gerbang masukan (*input gate*), dan $\\tilde{\\mathbf{c}}_t$ adalah kandidat memori baru.

Ketika gradien dijalarbalikkan dari $\\mathbf{c}_t$ ke $\\mathbf{c}_{t-1}$, turunan parsialnya berbentuk:
$$\\frac{\\partial \\mathbf{c}_t}{\\partial \\mathbf{c}_{t-1}} = \\mathbf{f}_t$$
Jika forget gate $\\mathbf{f}_t \\approx 1$, gradien dapat mengalir mundur melintasi puluhan hingga ratusan langkah waktu tanpa peluruhan eksponensial sama sekali. Prinsip aliran gradien aditif inilah yang membebaskan LSTM dari belenggu vanishing gradient dan memungkinkan model mempertahankan memori kontekstual jarak jauh."""

# >>> cut: c13_5_code onward (13.5 demo, 13.6 LSTM gates, later subchapters)
