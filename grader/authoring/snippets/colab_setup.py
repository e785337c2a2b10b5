# Setup. On Colab, install only what Colab lacks (never torch or tensorflow);
# locally the course environment (make setup) already has everything.
import importlib.util
import subprocess
import sys

COLAB_NEEDS = {}  # import name -> pip requirement, for what Colab does not ship


def importable(module: str) -> bool:
    """True when `module` could be imported here (without importing it)."""
    if sys.modules.get(module) is not None:
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


def running_on_colab() -> bool:
    return importable("google.colab")


if running_on_colab():
    missing = [req for mod, req in COLAB_NEEDS.items() if not importable(mod)]
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)
    print("Colab: installed", ", ".join(missing) if missing else "nothing (all present)")
