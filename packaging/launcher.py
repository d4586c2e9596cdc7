"""Entry script of the bundled app (PyInstaller): the same as the ``annotator`` command."""

import multiprocessing

from annotator.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app re-executes itself for worker processes
    run()
