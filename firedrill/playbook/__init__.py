"""Scenario playbooks (附件 1—7): schema, library loader, citations, search, phases and calculators.

Import the submodule you need (``firedrill.playbook.loader``, ``.search``, ``.calculators`` …);
this package imports nothing on its own so that ``firedrill playbook`` starts fast.
"""
