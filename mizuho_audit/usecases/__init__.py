"""The core's only API: one module per job, used alike by the window and the command line.

- :mod:`.session` opens a database for a person (:class:`Session`);
- :mod:`.answering` — a department's checklist, answers, evidence, carry-over, the answer files;
- :mod:`.submission` — submit with approval, reopen, the submission file, notices from the auditor;
- :mod:`.intake` — the auditor imports, accepts or returns submissions; the board and deadline;
- :mod:`.findings` — 指摘事項: proposed, edited, confirmed, exported, carried;
- :mod:`.reports` — the workbook, the audit report, 結果通知, signing (年度締め) and verifying;
- :mod:`.administration` — checklists, the CA, trust roots, backups, the operation log, the demo.

Each use case owns its role check, its log entry and its atomic write, and returns plain results; the
store is private to the core (nothing in ``ui/`` or ``cli/`` touches it).
"""
