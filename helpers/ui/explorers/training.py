"""Live trainer of notebook 05: race an RNN and an attention layer on associative recall.

How the kernel stays responsive: a click on Train schedules one asyncio task on the kernel's own
event loop (the loop that also handles every widget message). The task trains a short chunk of
steps (``CHUNK``, a few milliseconds), updates the charts, then ``await asyncio.sleep(...)``: the
loop is free to handle a Pause click or a slider move before the next chunk. No thread, so every
widget update is sent from the kernel's main thread (updates from threads are unreliable with
ipykernel 7). Training is deterministic given the seed: both models are trained exactly as
``helpers.lessons.race.train_one(kind, "associative", n_pairs, seed=seed, steps=step)`` would,
whatever the chunking and pauses (the Trainer keeps Adam's moments between chunks).
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from ...core.training import Trainer
from ...lessons.race import held_out, make_model, sampler
from ...lessons.recall_tasks import describe_pair_token, random_pair_value
from ..charts import LineChart
from ..explorer import Explorer
from ..heatmap import AttentionHeatmap
from ..layout import CENTRED_ROW, LABELLED_SLIDER, PAUSE_BUTTON, RESET_BUTTON, START_BUTTON, wrapping_row

__all__ = ["TrainingExplorer", "CHUNK"]

CHUNK = 10            # steps per model between two chances for the kernel to handle messages
BATCH_SIZE = 32       # as in helpers.lessons.race.train_one
N_TEST = 500
N_SHOWN = 5           # fixed test sequences the heatmap can show
MAX_PAIRS = 32


class TrainingExplorer(Explorer):
    """Train both models live: Train / Pause / Reset, curves, and the attention heatmap as it learns.

    Parameters
    ----------
    n_pairs : int
        Starting number of pairs, 1..32 (the *pairs* slider changes it and starts over).
    steps : int
        Steps to train each model when Train is clicked (the Steps box changes it).
    seed : int
        Fixes weights, batches and the test set (same as ``train_one(..., seed=seed)``).
    pause_s : float
        Seconds the task sleeps between chunks (the window for other widget messages).

    Attributes
    ----------
    pairs, steps, sequence, checkpoint : widgets a test can set; train_button, pause_button,
    reset_button : Buttons (``.click()``); progress, status; loss_chart, accuracy_chart : LineChart;
    heatmap : AttentionHeatmap (1 x T: the query's weights over one fixed test sequence);
    models, trainers : dict "rnn"/"attention" -> model / Trainer; task : the running asyncio Task.
    """

    description = "Live trainer: race an RNN and an attention layer on associative recall"

    def __init__(self, n_pairs=8, *, steps=300, seed=0, pause_s=0.02):
        if n_pairs not in range(1, MAX_PAIRS + 1):
            raise ValueError(f"n_pairs must be an integer in 1..{MAX_PAIRS}; got {n_pairs!r}.")
        self.seed, self.pause_s, self.task = seed, pause_s, None
        self.pairs = W.IntSlider(value=n_pairs, min=1, max=MAX_PAIRS, description="pairs",
                                 continuous_update=False)
        self.steps = W.BoundedIntText(value=steps, min=CHUNK, max=100_000, step=CHUNK, description="steps")
        self.train_button = W.Button(description="Train", **START_BUTTON)
        self.pause_button = W.Button(description="Pause", disabled=True, **PAUSE_BUTTON)
        self.reset_button = W.Button(description="Reset", **RESET_BUTTON)
        self.progress = W.IntProgress(value=0, min=0, max=steps, description="progress")
        self.status = W.HTML()
        self.sequence = W.IntSlider(value=1, min=1, max=N_SHOWN, description="test sequence",
                                    **LABELLED_SLIDER)
        self.checkpoint = W.IntSlider(value=0, min=0, max=0, description="checkpoint",
                                      continuous_update=True)
        self.checkpoint_note = W.HTML()  # does the heatmap follow training, or stay at a checkpoint?
        self.loss_chart = LineChart("Training loss (mini-batch)", "step", "cross-entropy")
        self.accuracy_chart = LineChart("Held-out accuracy", "step", "accuracy", ylim=(0.0, 1.0))
        self.heatmap = AttentionHeatmap(np.ones((1, 2)) / 2, ["q"], ["a", "b"])
        for b, f in ((self.train_button, self.start), (self.pause_button, self.pause),
                     (self.reset_button, self.reset)):
            b.on_click(lambda _b, f=f: f())
        self.pairs.observe(lambda _c: self.reset(), names="value")
        self.sequence.observe(lambda _c: self._show_heatmap(), names="value")
        self.checkpoint.observe(lambda _c: self._show_heatmap(), names="value")
        self.steps.observe(lambda _c: self._on_steps(), names="value")

        def wrap(*kids):  # controls of one row, centred on each other
            return wrapping_row(kids, **CENTRED_ROW)

        super().__init__([
            wrap(self.pairs, self.steps), wrap(self.train_button, self.pause_button, self.reset_button),
            wrap(self.progress, self.status), wrap(self.accuracy_chart, self.loss_chart),
            wrap(self.sequence, self.checkpoint, self.checkpoint_note), self.heatmap,
        ])
        self.reset()

    # --- state -------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        """Steps each model has taken."""
        return self.trainers["attention"].step

    def reset(self):
        """Stop any training and start over from the seed at the chosen number of pairs."""
        if self.running:
            self.task.cancel()
        self.task = None
        self._set_running(False)
        n = self.pairs.value
        self.models, self.trainers = {}, {}
        for kind in ("rnn", "attention"):
            rng = np.random.default_rng(self.seed)     # each model its own stream, as in train_one
            self.models[kind] = make_model(kind, "associative", rng=rng)
            self.trainers[kind] = Trainer(self.models[kind], rng=rng,
                                          checkpoint_every=CHUNK if kind == "attention" else None)
        self.view = make_model("attention", "associative", rng=np.random.default_rng(0))
        self.X_test, self.y_test, self.match = held_out("associative", n, N_TEST, seed=self.seed)
        self.curves = {"step": [0], "loss step": [], "loss rnn": [], "loss attention": [],
                       "acc rnn": [self.models["rnn"].accuracy(self.X_test, self.y_test)],
                       "acc attention": [self.models["attention"].accuracy(self.X_test, self.y_test)]}
        with self.holding():
            self.checkpoint.max = 0
            self.checkpoint.value = 0
        self._refresh("ready")

    def _on_steps(self):
        """A new target: the progress bar and the status line say where training stands against it."""
        self.progress.max = self.steps.value
        if not self.running:  # (the box is disabled while training)
            self._refresh(self._idle_state())

    def _idle_state(self) -> str:
        if self.step == 0:
            return "ready"
        return "paused" if self.step < self.steps.value else "finished"

    def start(self):
        """Train until ``steps`` on the kernel's event loop; a second click while running does nothing."""
        if self.running or self.step >= self.steps.value:
            if not self.running:
                self._refresh("finished")
            return None
        self._pause_requested = False
        trainers = self.trainers
        self.run_in_chunks(self.train_chunk,
                           lambda: self.step < self.steps.value and not self._pause_requested,
                           lambda: self._chunks_ended(trainers))
        self._set_running(True)
        return self.task

    def pause(self):
        """Stop after the chunk in flight; Train resumes with the optimiser's state intact."""
        self._pause_requested = True

    def _chunks_ended(self, trainers):
        if trainers is self.trainers:            # not after a Reset
            self._set_running(False)
            self._refresh("finished" if self.step >= self.steps.value else "paused")

    def train_chunk(self, n=CHUNK):
        """Train both models ``n`` steps (fewer at the end) and update every view."""
        n = min(n, self.steps.value - self.step)
        for kind in ("rnn", "attention"):
            hist = self.trainers[kind].run(sampler("associative", self.pairs.value), steps=n,
                                           batch_size=BATCH_SIZE, eval_every=10**9)
            self.curves[f"loss {kind}"].append(float(np.mean(hist["loss"][-n:])))
            self.curves[f"acc {kind}"].append(self.models[kind].accuracy(self.X_test, self.y_test))
        self.curves["step"].append(self.step)
        self.curves["loss step"].append(self.step)
        if self.trainers["attention"].checkpoints[-1][0] != self.step:
            self.trainers["attention"].save_checkpoint()     # a pause off the CHUNK grid
        follow = self.checkpoint.value == self.checkpoint.max
        with self.holding():
            self.checkpoint.max = len(self.trainers["attention"].checkpoints) - 1
            if follow:
                self.checkpoint.value = self.checkpoint.max
        self._refresh("training")

    # --- views -------------------------------------------------------------------------------
    def _set_running(self, running):
        self.train_button.disabled = running
        self.pause_button.disabled = not running
        self.pairs.disabled = running
        self.steps.disabled = running

    def _refresh(self, state):
        c = self.curves
        self.progress.value = min(self.step, self.progress.max)
        self.loss_chart.update(c["loss step"], {"RNN": c["loss rnn"], "attention": c["loss attention"]})
        base = float(random_pair_value(self.pairs.value))
        self.accuracy_chart.update(c["step"], {"RNN": c["acc rnn"], "attention": c["acc attention"],
                                               "a random pair's value": [base] * len(c["step"])})
        acc = f"RNN {c['acc rnn'][-1]:.2f}, attention {c['acc attention'][-1]:.2f}"
        step, target = self.step, self.steps.value
        where = f"step {step} / {target}" if step <= target else f"step {step}, past the {target} steps set"
        say = state
        if state == "finished":
            say = (f"finished: raise steps above {step} to go on, or Reset" if step > target
                   else "finished: raise steps to go on, or Reset")
        self.status.value = (f'<span class="rta-train-status" data-step="{step}" data-state="{state}">'
                             f"{where}: {html.escape(say)}; held-out accuracy {acc}</span>")
        self._show_heatmap()

    def shown_weights(self) -> tuple[int, np.ndarray]:  # -> step, [1, T]
        """``(step, weights)``: the shown checkpoint's step and its weights on sequence ``sequence``."""
        step, params = self.trainers["attention"].checkpoints[self.checkpoint.value]
        for k, v in params.items():
            self.view.params[k][...] = v
        i = self.sequence.value - 1
        return step, self.view.attention_weights(self.X_test[i:i + 1])

    @property
    def pinned(self) -> bool:
        """True when the checkpoint slider was moved back: the heatmap stays there while training goes on."""
        return self.checkpoint.value < self.checkpoint.max

    def _show_heatmap(self):
        if self.held:
            return
        step, w = self.shown_weights()
        i = self.sequence.value - 1
        labels = [describe_pair_token(x) for x in self.X_test[i]]
        pin = ", held: the slider is not at its right end" if self.pinned else ""
        self.heatmap.update(w, [labels[-1]], labels, outlined=[(0, self.match[i])],
                            title=f"Attention of the query over test sequence {i + 1}, step {step} "
                                  f"(outlined: the matching pair, pair {self.match[i] + 1}){pin}")
        if self.pinned:
            note = (f"Showing step {step} while the models are at step {self.step}: the heatmap stays here. "
                    "Drag the slider to its right end to follow training.")
        else:
            note = "Following training: the latest checkpoint."
        self.checkpoint_note.value = f'<span class="rta-checkpoint-note">{html.escape(note)}</span>'

