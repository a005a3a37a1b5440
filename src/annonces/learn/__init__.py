"""Learned parts of the pipeline and how they are fitted and cross-validated.

- :mod:`.gold`: the shared gold folder (document-level, ``SCHEMA.md``) as span
  annotations for the span model (``ORG``, ``PROGRAM``), and its folds;
- :mod:`.spans`: fine-tunes ``fr_core_news_md``'s NER on those spans (``annonces train``);
- :mod:`.pairs`: (amount, candidate recipient) pairs of an extraction, labelled from the gold,
  the training data of the amount → recipient linker (:mod:`annonces.records.linker`).

Run-time code never imports this package: the fitted weights ship as data
(``annonces/models/``) and are read by :mod:`annonces.records.linker` and
:mod:`annonces.pipeline`.
"""
