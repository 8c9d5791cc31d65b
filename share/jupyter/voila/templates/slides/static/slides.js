// Slides of the classroom: keys for the widgets, and what just appeared in view.
//
// reveal.js reads every key press that reaches the document. A key pressed in a widget (an arrow key
// on a slider's handle, say) stops at the slides, so it moves the widget and not to the next slide.
// A slide taller than the screen scrolls inside itself (slides.css). reveal.js announces each step
// with a DOM event on its .reveal element: a new slide starts at its top, and a new fragment that
// ends below the bottom edge scrolls up into view (its top first if it is taller than the screen).
(function () {
  const deck = document.querySelector(".reveal");
  if (!deck) {
    return;
  }
  deck.addEventListener("keydown", (event) => {
    if (event.target instanceof Element && event.target.closest(".jupyter-widgets")) {
      event.stopPropagation();
    }
  });
  deck.addEventListener("fragmentshown", (event) => {
    const fragment = event.fragment;
    const box = fragment && fragment.closest(".slides > section > section");
    if (!box || box.scrollHeight <= box.clientHeight) {
      return;
    }
    const f = fragment.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const scale = b.height / box.clientHeight; // reveal.js scales the whole slide to the window
    const below = f.bottom - b.bottom;
    if (below > 0) {
      box.scrollTop += Math.min(below, f.top - b.top) / scale;
    }
  });
  deck.addEventListener("slidechanged", (event) => {
    if (event.currentSlide) {
      event.currentSlide.scrollTop = 0;
    }
  });
})();
