"""``python -m diplodata``: the command line."""

from diplodata.cli import main

main()
