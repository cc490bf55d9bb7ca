"""Exchange with others: the checklist as a CISO Assistant library, and anonymised score packs compared with
other towns on the auditor's dashboard."""
