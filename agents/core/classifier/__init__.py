"""Multilingual alert classifier: negotiation rounds, ceasefire conditions, leader statements.

Public API::

    from agents.core.classifier import Classifier
    clf = Classifier.load({"leader_statement": 0.6})
    result = clf.classify(text, lang=None, title=None)   # -> schemas.evidence.Classification

Pure logic: data files (``data/lang/*.toml``, ``data/gazetteer/*.toml``, ``data/codes.toml``)
are validated and compiled once per process.
"""

from __future__ import annotations

from agents.core.classifier.engine import Classifier
from agents.core.classifier.lexicon import LexiconError

__all__ = ["Classifier", "LexiconError"]
