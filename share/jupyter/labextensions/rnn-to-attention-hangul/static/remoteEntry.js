// rnn-to-attention-hangul: a prebuilt JupyterLab extension made of two stylesheets and this loader.
//
// JupyterLab and Voila load a prebuilt extension as a module-federation container: they run this
// script, call init(), then get("./style") and call the factory it resolves to. That factory links
// nanum-gothic.css (one @font-face rule per woff2 subset of Nanum Gothic, each for its Unicode range,
// so a page downloads only the subsets for the Hangul it shows) and hangul.css (which adds the font
// to the stacks of text, outputs, editors and widgets), found next to this file whatever the server's
// base URL. No build step: there is nothing to bundle.
(function () {
  "use strict";
  var NAME = "rnn-to-attention-hangul";
  var VERSION = "0.1.0";  // the stylesheets' cache key: raise it with package.json's version
  var here = document.currentScript.src;

  function linkStylesheets() {
    ["nanum-gothic.css", "hangul.css"].forEach(function (file) {
      var href = new URL(file + "?v=" + VERSION, here).href;
      if (!document.querySelector('link[href="' + href + '"]')) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
      }
    });
    return {};
  }

  var modules = {"./style": linkStylesheets};
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () {
      return Promise.resolve();
    },
    get: function (module) {
      return module in modules
        ? Promise.resolve(modules[module])
        : Promise.reject(new Error(NAME + " has no module " + module));
    }
  };
})();
