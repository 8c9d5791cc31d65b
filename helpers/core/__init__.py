"""Compute: numpy only. Attention, RNNs, word vectors, RNN Jacobians, the trained models and their training.

Nothing here imports matplotlib or ipywidgets (import-linter checks it), so every function can be
tested, timed and reused without a screen. Every public name of every module is re-exported here
(``from helpers.core import softmax``), loaded on first use (PEP 562): ``import helpers.core`` loads
none of the modules below, and neither :mod:`helpers.lessons` nor any other layer. The modules, one
idea each:

attention       softmax and its backward, the score scale, scores and masks, the attention
                forward/backward pair, dot_product_attention, self-attention
rnn             one RNN step forward/backward, the loops over a sentence or a batch (BPTT),
                the influence of each input on each state, random parameters
rnn_analysis    per-step Jacobians, influence against distance, a probe of lost words, gradient fate
embeddings      tokens and their vectors
masks           causal and padding masks
positions       sinusoidal positions
multi_head      multi-head attention
block           layer norm, feed-forward, one Transformer block
compute_cost    sequential steps and multiply-adds of an RNN and of attention, and their time
products        gram(A, B) = A^T B, the weight gradient every backward pass shares
layers          linear map, embedding table, softmax cross-entropy (and the RNN and attention pairs)
gradcheck       central finite differences, and the largest gradient error of a model
training        Adam, the Trainer
classifiers     the RNN and attention classifiers of notebook 05
vocab           characters <-> ids with named PAD/START/END ids
encoder_decoder the encoder and the decoder of notebook 06, forward and backward
seq2seq         the encoder-decoder model that assembles them
"""

from .._lazy import lazy_exports

_MODULES = ("attention", "rnn", "rnn_analysis", "embeddings", "masks", "positions", "multi_head", "block",
            "compute_cost", "products", "layers", "gradcheck", "training", "classifiers", "vocab",
            "encoder_decoder", "seq2seq")

_NAMES = {
    "attention": ("softmax", "softmax_backward", "default_scale", "score_scale", "attention_scores",
                  "apply_mask", "AttentionCache", "attention_forward", "attention_backward",
                  "dot_product_attention", "naive_self_attention", "qkv_self_attention"),
    "rnn": ("NONLINEARITIES", "check_rnn_inputs", "RNNStepCache", "rnn_step_forward", "rnn_step_backward",
            "recurrent_step", "recurrent_step_backward", "rnn_forward", "run_recurrence", "birnn_forward",
            "RNNCache", "tanh_rnn_forward", "tanh_rnn_backward", "input_influence", "influence_norms",
            "init_rnn", "spectral_radius", "with_spectral_radius"),
    "rnn_analysis": ("step_jacobian", "jacobian_product", "hidden_influence", "first_word_influence",
                     "state_difference", "batched_rnn_forward", "ProbeResult", "linear_probe",
                     "probe_first_word", "birnn_influence", "power_norms", "gradient_fate", "classify_gain"),
    "embeddings": ("tokenize", "embed_tokens", "random_embeddings"),
    "masks": ("causal_mask", "padding_mask"),
    "positions": ("sinusoidal_positions",),
    "multi_head": ("multi_head_attention",),
    "block": ("layer_norm", "feed_forward", "BlockWeights", "BlockResult", "init_block", "transformer_block"),
    "compute_cost": ("sequential_steps", "multiply_adds", "CostTiming", "time_rnn_vs_attention"),
    "products": ("gram",),
    "layers": ("softmax_cross_entropy", "LinearCache", "linear_forward", "linear_backward", "EmbeddingCache",
               "embedding_forward", "embedding_backward"),
    "gradcheck": ("numerical_gradient", "numerical_jacobian", "relative_error", "gradient_errors",
                  "largest_gradient_error"),
    "training": ("Adam", "Trainer", "train"),
    "classifiers": ("RNNClassifier", "AttentionClassifier"),
    "vocab": ("PAD", "START", "END", "PAD_ID", "START_ID", "END_ID", "Vocab"),
    "encoder_decoder": ("EncoderCache", "encoder_forward", "encoder_backward", "DecoderCache",
                        "decoder_forward", "decoder_backward", "decoder_input_table", "decoder_step"),
    "seq2seq": ("Seq2Seq",),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _MODULES, _NAMES)
