"""Server-side tuning: send each kernel message to the browser the moment it is written.

This module is loaded by the Jupyter server (JupyterLab or Voila), never by a notebook. It is
named on their command line by ``make lab``, ``make present`` and the browser tests
(:data:`LAB_ARGS`, :data:`VOILA_ARGS`).

Why it exists
-------------
A slider step makes the kernel send the browser several small messages in a burst ("busy", the
widget update, "idle"). Jupyter Server writes them on the kernel's websocket, whose TCP socket
keeps Nagle's algorithm switched on: a small write waits while an earlier one is still
unacknowledged. The browser acknowledges late on purpose (delayed ACK, up to 40 ms on Linux), so
when the learner holds an arrow key or drags a slider, the widget update can sit in the server's
socket for tens of milliseconds after the kernel has sent it. ``make bench`` measures it with two
servers side by side on one 2-core machine: on a held key about half of the stock connection's
steps stall past 50 ms and its mean step takes 1.6 to 2 times as long as this one's, whose
steps stay mostly under 40 ms; on single taps, when the connection is idle between steps,
the two are alike.

:class:`NoDelayKernelConnection` is the stock connection with ``TCP_NODELAY`` set on the
websocket when it opens, through the server's own ``kernel_websocket_connection_class`` setting.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["LAB_ARGS", "NoDelayKernelConnection", "VOILA_ARGS"]

_CLASS = f"{__name__}.NoDelayKernelConnection"
#: Command-line options that make JupyterLab (``jupyter lab``) use :class:`NoDelayKernelConnection`.
LAB_ARGS = [f"--ServerApp.kernel_websocket_connection_class={_CLASS}"]
#: The same for Voila (``voila``), whose setting lives on its own application class.
VOILA_ARGS = [f"--Voila.kernel_websocket_connection_class={_CLASS}"]


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """The stock kernel websocket connection, with Nagle's algorithm off on its socket."""

    def connect(self):
        """Set ``TCP_NODELAY`` on the websocket, then connect to the kernel as usual."""
        self.websocket_handler.set_nodelay(True)
        return super().connect()
