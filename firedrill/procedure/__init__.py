"""The response procedure of chapters 4–6 as a timed checklist, recorded in the journal.

See docs/procedure.md.
"""
