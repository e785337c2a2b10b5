"""The course as a website: every lesson pair on one page, PyTorch and TensorFlow side by side.

Built offline with stock tools: Sphinx renders the pages, myst-nb renders the notebook cells and
their outputs, sphinx-design supplies the synced tabs that become two columns on a wide screen.
One module per concern:

- `pairing`: the `##` sections of a notebook, and how the sections of two notebooks pair up;
- `safe_cells`: the cells a page may show (the release's stubs, outputs of teaching cells only);
- `runs`: the executed solution notebooks those outputs come from (`make course`'s, or our own);
- `pages`: the Sphinx source tree (one combined notebook per lesson, the index, the guides);
- `sphinx_conf` and `sphinx_ext`: the Sphinx configuration and the extension that lays out pairs;
- `checks`: nothing graded leaks, nothing is loaded from the network;
- `build`: the entry point of `python -m grader site` and `make site`.
"""
