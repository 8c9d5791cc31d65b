"""Live translator of notebook 06: type a date, see the translation and its alignment redrawn.

A text box takes a date in any supported format; the model (loaded from the checkpoint the
slider picks) translates it by greedy decoding and the [output x source] attention weights are
redrawn in place in an HTML heatmap (a few milliseconds). Train continues training on the
kernel's event loop in short chunks, as notebook 05's live trainer does, adding checkpoints the
slider can reach.
"""

from __future__ import annotations

import copy
import html

import ipywidgets as W
import numpy as np

from ...lessons.translation_experiments import DATE_SETTINGS
from ...lessons.translation_tasks import DATE_FORMATS, date_format, parse_date
from ..explorer import Explorer
from ..heatmap import AttentionHeatmap
from ..layout import DATE_BOX, START_BUTTON

__all__ = ["TranslationExplorer", "checkpoint_model", "shown_labels", "date_check"]

CHUNK = 10    # training steps between two chances for the kernel to handle messages
EXAMPLE = "'27 SEP 1994'"


def checkpoint_model(run, index):
    """A copy of ``run.model`` holding the parameters of checkpoint ``index`` (the run is untouched)."""
    step, params = run.trainer.checkpoints[index]
    model = copy.copy(run.model)
    model.params = {k: v.copy() for k, v in params.items()}
    return step, model


def shown_labels(text):
    """Column labels of the heatmap for a source text (a space shows as ``␣``)."""
    return ["␣" if c == " " else c for c in text]


def date_check(text):  # str -> (ISO date or None, advice: "" or one line saying what to change)
    """The right answer for a typed date, or None and why there is none (format, date, year, weekday)."""
    try:
        return parse_date(text).isoformat(), ""
    except ValueError as err:
        try:
            date_format(text)
            why = str(err)            # a supported format, but no such date (or a year out of range)
        except ValueError:            # its own message lists every format: too long for one line
            shown = text.strip() or text
            why = f"{shown!r} is in none of the {len(DATE_FORMATS)} formats the model was trained on."
    return None, (f"{why} To compare with the right answer, type a real date from 1950-2049 in a trained "
                  f"format, such as {EXAMPLE}.")


class TranslationExplorer(Explorer):
    """Type a date -> translation and alignment heatmap; scrub checkpoints; train more.

    Parameters
    ----------
    run : helpers.lessons.translation_experiments.Run
        A trained date translator with attention whose trainer kept checkpoints
        (``train_dates(attention=True, checkpoint_every=10)``).
    text : str
        The first date shown.
    checkpoint : int or None
        Index of the checkpoint shown first (None: the last one).
    more_steps : int
        Steps one click on Train adds.

    Attributes
    ----------
    text : Text box; checkpoint : IntSlider (index into ``run.trainer.checkpoints``);
    train_button : Button; progress : IntProgress; output : HTML (the translation);
    message : HTML (one line saying what to change: an empty box, unknown characters, no such date);
    heatmap : AttentionHeatmap; task : the running training task (asyncio) or None.
    """

    description = "Live translator: type a date, watch where each output character looks"

    def __init__(self, run, *, text="tuesday, september 27, 1994", checkpoint=None, more_steps=100,
                 pause_s=0.02):
        if not run.model.attention or not run.trainer.checkpoints:
            raise ValueError("TranslationExplorer needs a model with attention and a trainer with "
                             "checkpoints: train_dates(attention=True, checkpoint_every=10).")
        self.run, self.pause_s, self.task = run, pause_s, None
        n = len(run.trainer.checkpoints)
        self.text = W.Text(value=text, description="date", continuous_update=True, **DATE_BOX)
        self.checkpoint = W.IntSlider(value=n - 1 if checkpoint is None else checkpoint, min=0, max=n - 1,
                                      description="checkpoint", continuous_update=True)
        self.step_label = W.HTML()
        self.more_steps = int(more_steps)
        self.train_button = W.Button(description=f"Train {self.more_steps} steps", **START_BUTTON)
        self.progress = W.IntProgress(value=0, min=0, max=self.more_steps, description="progress")
        self.output = W.HTML()
        self.message = W.HTML()
        self.heatmap = AttentionHeatmap(np.ones((1, 1)), ["?"], ["?"], xlabel="source", ylabel="output")
        self.text.observe(lambda _c: self.refresh(), names="value")
        self.checkpoint.observe(lambda _c: self._load_checkpoint(), names="value")
        self.train_button.on_click(lambda _b: self.start())
        super().__init__([W.HBox([self.text, self.output]), self.message,
                          W.HBox([self.checkpoint, self.step_label]),
                          W.HBox([self.train_button, self.progress]), self.heatmap])
        self._load_checkpoint()

    def _load_checkpoint(self):
        self.step, self.model = checkpoint_model(self.run, self.checkpoint.value)
        self.step_label.value = f"training step {self.step}"
        self.refresh()

    def translate(self):  # -> (output, [len(output), len(text)] weights) or raises ValueError
        """What the shown checkpoint makes of the text in the box."""
        return self.model.translate(self.text.value)

    def refresh(self):
        """Translate the box's text and redraw the output line and the heatmap in place.

        Text the model cannot read (an unknown character, an empty box) gets a one-line message and
        an empty heatmap, never the previous date's alignment.
        """
        text = self.text.value
        try:
            out, w = self.translate()
        except ValueError:
            self.output.value = '<span class="rta-translation" data-ok="0">no translation</span>'
            self.say(self._unreadable(text))
            self.heatmap.update(np.zeros((0, 0)), [], [],
                                title="No alignment: the model cannot read the text in the box")
            return
        truth, advice = date_check(text)
        verdict = "unchecked" if truth is None else "right" if out == truth else f"wrong: {truth}"
        self.say(advice)
        self.output.value = (f'<span class="rta-translation" data-output="{html.escape(out)}" data-ok="1">'
                             f"→ <b>{html.escape(out)}</b> ({html.escape(verdict)})</span>")
        if len(out) == 0:
            w, out = np.zeros((1, len(text))), "∅"
        self.heatmap.update(w, list(out), shown_labels(text),
                            title=f"Alignment after {self.step} steps: where each output character looks")

    def _unreadable(self, text):
        """Why the model cannot read ``text`` (it raised ValueError), and what to type instead."""
        if not text:
            return f"The date box is empty: type a date, such as {EXAMPLE}."
        unknown = sorted(set(text) - set(self.model.vocab_in[1:]))
        return (f"The model never saw {', '.join(map(repr, unknown))} in training: remove "
                f"{'it' if len(unknown) == 1 else 'them'} and type a date, such as {EXAMPLE}.")

    # --- training ---------------------------------------------------------------------------------
    def start(self):
        """Train ``more_steps`` more steps on the kernel's event loop (a second click does nothing)."""
        if self.running:
            return None
        self.progress.value = 0
        self.train_button.disabled = True
        self._done = 0
        return self.run_in_chunks(self._next_chunk, lambda: self._done < self.more_steps,
                                  lambda: setattr(self.train_button, "disabled", False))

    def _next_chunk(self):
        n = min(CHUNK, self.more_steps - self._done)
        self.train_chunk(n)
        self._done += n
        self.progress.value = self._done

    def train_chunk(self, n=CHUNK):
        """Train ``n`` steps, keep a checkpoint, and show it."""
        trainer = self.run.trainer
        trainer.run(*self.run.train_ids, steps=n, batch_size=DATE_SETTINGS["batch_size"], eval_every=10**9)
        if trainer.checkpoints[-1][0] != trainer.step:
            trainer.save_checkpoint()
        self.checkpoint.max = len(trainer.checkpoints) - 1
        self.checkpoint.value = self.checkpoint.max     # follows training; redraws
