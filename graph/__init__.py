"""seed-graph: knowledge graphs from Japanese news and industry articles.

Importing the package loads nothing heavy: the command line starts from here. The Python API for notebooks and
scripts is ``graph.api`` (``import graph.api as sg``); ``graph.pipeline`` runs the stages.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("seed-graph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
