"""The Jupyter server tuning: kernel websockets send without Nagle's delay, wired into every launcher."""

from __future__ import annotations

from unittest import mock

import pytest
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from tornado.web import Application
from voila.app import Voila

from helpers import server_tuning
from helpers.server_tuning import NoDelayKernelConnection


class _RecordingWsConnection:
    """Stands in for tornado's open websocket connection; records set_nodelay calls."""

    def __init__(self):
        self.nodelay = []

    def set_nodelay(self, value):
        self.nodelay.append(value)


def _handler_with_open_socket():
    request = HTTPServerRequest(start_line=RequestStartLine("GET", "/", "HTTP/1.1"),
                                headers=HTTPHeaders({"Host": "127.0.0.1"}), connection=mock.MagicMock())
    handler = KernelWebsocketHandler(Application(), request)
    handler.ws_connection = _RecordingWsConnection()
    return handler


def test_connect_turns_nagle_off_then_connects_as_the_stock_connection_does():
    handler = _handler_with_open_socket()
    conn = NoDelayKernelConnection(websocket_handler=handler)
    sentinel = object()
    with mock.patch.object(ZMQChannelsWebsocketConnection, "connect", return_value=sentinel) as stock:
        assert conn.connect() is sentinel
    assert handler.ws_connection.nodelay == [True]
    stock.assert_called_once_with()


def test_it_is_a_kind_of_the_stock_connection():
    # Everything but connect() is Jupyter Server's own code.
    assert issubclass(NoDelayKernelConnection, ZMQChannelsWebsocketConnection)
    assert {k for k, v in vars(NoDelayKernelConnection).items() if callable(v)} == {"connect"}


@pytest.mark.parametrize("args", [server_tuning.LAB_ARGS, server_tuning.VOILA_ARGS])
def test_command_line_options_name_an_importable_class(args):
    (arg,) = args
    name, value = arg.removeprefix("--").split("=", 1)
    assert name.endswith(".kernel_websocket_connection_class")
    module, _, cls = value.rpartition(".")
    assert getattr(__import__(module, fromlist=[cls]), cls) is NoDelayKernelConnection


def test_jupyter_server_accepts_the_option():
    app = ServerApp()
    app.parse_command_line(server_tuning.LAB_ARGS)
    assert app.kernel_websocket_connection_class is NoDelayKernelConnection


def test_voila_accepts_the_option():
    app = Voila()
    app.parse_command_line(server_tuning.VOILA_ARGS)
    assert app.kernel_websocket_connection_class is NoDelayKernelConnection
