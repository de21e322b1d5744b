"""seed-graph: knowledge graphs from Japanese news and industry articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("seed-graph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
