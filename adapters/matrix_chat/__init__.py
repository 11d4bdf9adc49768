"""Matrix adapter (matrix-nio): rooms and direct chats, threads, files, optional E2EE."""

from adapters.matrix_chat.adapter import MatrixAdapter

__all__ = ["MatrixAdapter"]
