"""Training quizzes generated from the plan's own data (clause 3.3: train every year).

Questions come from the rule tables and the playbooks (``firedrill.quiz.gen``) and are verified
against the rules engine and the playbook calculators (``firedrill.quiz.verify``) before a trainee
sees them. Sessions (practice scheduled per question with FSRS, exams by a blueprint that resume
where they stopped, review of mistakes) record every answer in
the journal's SQLite file (``firedrill.quiz.store``). The engine never imports Textual; the console
screen lives in ``firedrill.tui.quiz``. See docs/quiz.md.
"""
