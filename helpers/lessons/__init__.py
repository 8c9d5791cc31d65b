"""Lesson data and the experiments behind each notebook. numpy only; imports :mod:`helpers.core`.

``examples``: every sentence, example vector set, preset and exercise matrix, in one place;
``start_here`` (notebook 00), ``rnn`` and ``forgetting`` (01-02), ``saturation``, ``attention`` and
``bilinear`` (03-04), ``race``, ``recall_tasks`` and ``recall_analysis`` (05), ``translation_tasks``,
``translation_experiments``, ``translation_positions`` and ``translation_probes`` (06), ``transformer``
and ``transformer_measures`` (07): the numbers each notebook's figures and explorers show. Every public
name of every module is re-exported here, loaded on first use (PEP 562), except ``race.race``, whose
name is its module's (``from helpers.lessons import race``).
"""

from .._lazy import lazy_exports

_MODULES = ("examples", "start_here", "rnn", "forgetting", "saturation", "attention", "bilinear", "race",
            "recall_tasks", "recall_analysis", "translation_tasks", "translation_experiments",
            "translation_positions", "translation_probes", "transformer", "transformer_measures")

_NAMES = {
    "examples": ("EXAMPLE_TOKENS", "EXAMPLE_WEIGHTS", "LONG_SENTENCE", "SHORT_SENTENCE", "FATE_MATRICES",
                 "embeddings_for_weights", "naive_example", "plain_example", "example_vectors", "unit_rows",
                 "check_weights", "naive_sentences", "rotation", "identity_maps", "random_maps"),
    "start_here": ("start_here_weights", "temperature_weights"),
    "rnn": ("influence_curves", "birnn_contributions", "fate_of"),
    "forgetting": ("influence_ends", "probe_last_state"),
    "saturation": ("SaturationCurve", "softmax_saturation", "GradientCurve", "softmax_gradients"),
    "attention": ("QKV_PRESETS", "qkv_preset", "self_weight_stats", "SelfWeightCurve",
                  "self_weight_vs_dimension", "solve_query_map", "PermutationResult", "permutation_demo",
                  "attention_influence"),
    "bilinear": ("bilinear_form", "self_scores", "diagonal_wins", "ReachComparison", "first_word_reach",
                 "sentence_and_models", "reach_in_one_sentence", "crossing_distance", "MiddleWords",
                 "middle_words_change_the_weight"),
    "race": ("KINDS", "TASKS", "make_model", "sampler", "held_out", "train_one", "matching_share",
             "input_gradient_norms", "long_run", "step_time_per_example"),
    "recall_tasks": ("N_KEYS", "N_VALUES", "N_SYMBOLS", "N_DISTRACTORS", "associative_recall",
                     "first_token_recall", "random_pair_value", "recall_d_in", "describe_pair_token"),
    "recall_analysis": ("pair_values", "accuracy_by_queried_pair", "answers_from_the_sequence",
                        "distinct_values", "keyless_ceiling"),
    "translation_tasks": ("DATE_FORMATS", "FIRST_DAY", "LAST_DAY", "date_pairs", "date_source", "date_format",
                          "date_vocab", "parse_date", "date_spans", "reversal_pairs", "DIGITS",
                          "TARGET_FORMATS"),
    "translation_experiments": ("DATE_SETTINGS", "REVERSAL_SETTINGS", "FULL_REVERSAL", "Run", "train_dates",
                                "train_reversal", "reversal_sweep", "reversal_sharpness", "date_sharpness",
                                "digit_sharpness", "ISO_FIELDS", "CONTEXT_EXERCISE"),
    "translation_positions": ("TARGET_FIELDS", "position_accuracy", "field_accuracy", "constant_guess",
                              "position_guess", "where", "position_by_length"),
    "translation_probes": ("classifier_probe", "first_states", "date_fields_in_s0", "digits_in_s0",
                           "at_step"),
    "transformer": ("HEAD_POSITION_SCALE", "HEAD_PRESETS", "head_preset", "head_input", "stack_heads",
                    "bilinear_words", "bilinear_scores", "split_bilinear", "with_unit_self_scores",
                    "PermutationWithPositions", "permutation_with_positions", "BLOCK_D_MODEL", "BLOCK_SEED",
                    "block_weights", "block_input", "influence_patterns", "PUZZLE_SENTENCES",
                    "puzzle_weights", "word_spread", "stack_spread"),
    "transformer_measures": ("last_position_influence", "HeadCost", "head_cost", "LoopTiming",
                             "time_rnn_loop"),
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _MODULES, _NAMES)
