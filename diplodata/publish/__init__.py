"""The documents of a release, for readers: its README, CITATION.cff and index.html."""
