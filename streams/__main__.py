"""`python -m streams` is `wirewatch`."""

from streams.cli import main

main()
