"""Compute: numpy only. Attention, RNNs, word vectors, RNN Jacobians, the trained models and their training.

Nothing here imports matplotlib or ipywidgets (import-linter checks it), so every function can be
tested, timed and reused without a screen. Importing ``helpers.core`` loads this package only
(not :mod:`helpers.lessons`). Every public name of every module is re-exported here and from
:mod:`helpers`; the modules, one idea each:

attention       softmax and its backward, the score scale, scores and masks, the attention
                forward/backward pair, dot_product_attention, self-attention
rnn             one RNN step forward/backward, the loops over a sentence or a batch (BPTT),
                the influence of each input on each state, random parameters
rnn_analysis    per-step Jacobians, influence against distance, a probe of lost words, gradient fate
embeddings      tokens and their vectors
transformer     masks, sinusoidal positions, multi-head attention
block           layer norm, feed-forward, one Transformer block
cost            sequential steps and multiply-adds of an RNN and of attention, and their time
products        gram(A, B) = A^T B, the weight gradient every backward pass shares
layers          linear map, embedding table, softmax cross-entropy (and the RNN and attention pairs)
gradcheck       central finite differences, and the largest gradient error of a model
training        Adam, the Trainer
classifiers     the RNN and attention classifiers of notebook 05
vocab           characters <-> ids with named PAD/START/END ids
encoder_decoder the encoder and the decoder of notebook 06, forward and backward
seq2seq         the encoder-decoder model that assembles them
"""

from . import (
    attention,
    block,
    classifiers,
    cost,
    embeddings,
    encoder_decoder,
    gradcheck,
    layers,
    products,
    rnn,
    rnn_analysis,
    seq2seq,
    training,
    transformer,
    vocab,
)
from .attention import (
    AttentionCache,
    apply_mask,
    attention_backward,
    attention_forward,
    attention_scores,
    default_scale,
    dot_product_attention,
    naive_self_attention,
    qkv_self_attention,
    score_scale,
    softmax,
    softmax_backward,
)
from .block import (
    BlockResult,
    BlockWeights,
    feed_forward,
    init_block,
    layer_norm,
    transformer_block,
)
from .classifiers import (
    AttentionClassifier,
    RNNClassifier,
)
from .cost import (
    CostTiming,
    multiply_adds,
    sequential_steps,
    time_rnn_vs_attention,
)
from .embeddings import (
    embed_tokens,
    random_embeddings,
    tokenize,
)
from .encoder_decoder import (
    DecoderCache,
    EncoderCache,
    decoder_backward,
    decoder_forward,
    decoder_input_table,
    decoder_step,
    encoder_backward,
    encoder_forward,
)
from .gradcheck import (
    gradient_errors,
    largest_gradient_error,
    numerical_gradient,
    numerical_jacobian,
    relative_error,
)
from .layers import (
    EmbeddingCache,
    LinearCache,
    embedding_backward,
    embedding_forward,
    linear_backward,
    linear_forward,
    softmax_cross_entropy,
)
from .products import (
    gram,
)
from .rnn import (
    NONLINEARITIES,
    RNNCache,
    RNNStepCache,
    birnn_forward,
    check_rnn_inputs,
    influence_norms,
    init_rnn,
    input_influence,
    recurrent_step,
    recurrent_step_backward,
    rnn_forward,
    rnn_step_backward,
    rnn_step_forward,
    run_recurrence,
    spectral_radius,
    tanh_rnn_backward,
    tanh_rnn_forward,
    with_spectral_radius,
)
from .rnn_analysis import (
    ProbeResult,
    batched_rnn_forward,
    birnn_influence,
    classify_gain,
    first_word_influence,
    gradient_fate,
    hidden_influence,
    jacobian_product,
    linear_probe,
    power_norms,
    probe_first_word,
    state_difference,
    step_jacobian,
)
from .seq2seq import (
    Seq2Seq,
)
from .training import (
    Adam,
    Trainer,
    train,
)
from .transformer import (
    causal_mask,
    multi_head_attention,
    padding_mask,
    sinusoidal_positions,
)
from .vocab import (
    END,
    END_ID,
    PAD,
    PAD_ID,
    START,
    START_ID,
    Vocab,
)

__all__ = [
    "attention", "rnn", "rnn_analysis", "embeddings", "transformer", "block", "cost", "products", "layers",
    "gradcheck", "training", "classifiers", "vocab", "encoder_decoder", "seq2seq",
    "softmax", "softmax_backward", "default_scale", "score_scale", "attention_scores", "apply_mask",
    "AttentionCache", "attention_forward", "attention_backward", "dot_product_attention",
    "naive_self_attention", "qkv_self_attention",
    "NONLINEARITIES", "check_rnn_inputs", "RNNStepCache", "rnn_step_forward", "rnn_step_backward",
    "recurrent_step", "recurrent_step_backward", "rnn_forward", "run_recurrence", "birnn_forward",
    "RNNCache", "tanh_rnn_forward", "tanh_rnn_backward", "input_influence", "influence_norms", "init_rnn",
    "spectral_radius", "with_spectral_radius",
    "step_jacobian", "jacobian_product", "hidden_influence", "first_word_influence", "state_difference",
    "batched_rnn_forward", "ProbeResult", "linear_probe", "probe_first_word", "birnn_influence",
    "power_norms", "gradient_fate", "classify_gain",
    "tokenize", "embed_tokens", "random_embeddings",
    "causal_mask", "padding_mask", "sinusoidal_positions", "multi_head_attention",
    "layer_norm", "feed_forward", "BlockWeights", "BlockResult", "init_block", "transformer_block",
    "sequential_steps", "multiply_adds", "CostTiming", "time_rnn_vs_attention",
    "gram",
    "softmax_cross_entropy", "LinearCache", "linear_forward", "linear_backward", "EmbeddingCache",
    "embedding_forward", "embedding_backward",
    "numerical_gradient", "numerical_jacobian", "relative_error", "gradient_errors",
    "largest_gradient_error",
    "Adam", "Trainer", "train",
    "RNNClassifier", "AttentionClassifier",
    "PAD", "START", "END", "PAD_ID", "START_ID", "END_ID", "Vocab",
    "EncoderCache", "encoder_forward", "encoder_backward", "DecoderCache", "decoder_forward",
    "decoder_backward", "decoder_input_table", "decoder_step",
    "Seq2Seq",
]
