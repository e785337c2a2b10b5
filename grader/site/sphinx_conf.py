"""The Sphinx configuration of the course site (build/site-work/src/conf.py imports it).

Stock tools only: myst-nb renders the lesson notebooks from their stored outputs (it never executes
anything), sphinx-design supplies tabs and badges, alabaster (Sphinx's default theme) the page.
Nothing is loaded from the network: no MathJax (the lessons use Unicode, not LaTeX), no ipywidgets
JavaScript (widget outputs are shown as text), and checks.py proves it on every build.
"""

from pathlib import Path

project = "PyTorch and TensorFlow, side by side"
author = "the course's authors"
extensions = ["myst_nb", "sphinx_design", "grader.site.sphinx_ext"]
root_doc = "index"
exclude_patterns = ["downloads/**", "_build", "**/.ipynb_checkpoints"]
language = "en"
smartquotes = False  # the notebooks' text as written: quotes in prose are often code

# myst-nb: stored outputs only, one stream per cell, nothing that would fetch JavaScript.
nb_execution_mode = "off"
nb_merge_streams = True
nb_ipywidgets_js = {}
nb_output_stderr = "show"
myst_enable_extensions = ["colon_fence"]
# Links are rewritten by pages.py into what the site serves (a page, a tab, a file on GitHub).
myst_all_links_external = True
suppress_warnings = ["myst.header"]  # guides may skip a heading level

html_theme = "alabaster"
html_theme_options = {
    # Alabaster's fixed page width is also its breakpoint for small screens (sidebar below the
    # page): keep the breakpoint at 900 px; above it, sbs.css lets the page grow to 1640 px.
    "page_width": "900px",
    "sidebar_width": "230px",
    "show_powered_by": False,
    "show_relbars": True,
    "fixed_sidebar": False,
}
html_title = project
html_show_sourcelink = False
html_copy_source = False
html_show_copyright = False
html_last_updated_fmt = "%Y-%m-%d %H:%M UTC"
html_permalinks_icon = "#"
# Without an icon, every browser asks the server for /favicon.ico (a failed request).
html_favicon = str(Path(__file__).parent / "static" / "favicon.svg")
