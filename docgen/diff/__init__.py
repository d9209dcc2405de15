"""`docgen diff OLD NEW`: what changed between two versions of an application.

sides     OLD/NEW as given (folder, git revision, filled .docx) → a folder on disk
changes   two loaded applications → changes by the form's structure, in its words
plan      the plan's changes by section, changed sentences inline, 字数 per section
textdiff  token diff of two texts (numbers and Latin words whole, CJK per character)
tracked   the NEW 申报表 with Word tracked changes against OLD
revisions reading and accepting tracked changes (counting, accept-all)
command   the command itself: report as text or JSON, exit 0/1/2
"""
