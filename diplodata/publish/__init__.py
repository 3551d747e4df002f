"""Publishing a release: its parts, descriptor, validation, checksums and documents.

Its documents for readers (README, CITATION.cff, index.html) are made by
``documents``, ``readme``, ``citation``, ``site``, ``charts`` and ``overview``.
"""
