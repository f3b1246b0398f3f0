"""HTML views a researcher reads: one document with its mentions and checks, and an evaluation report.

Every page is one self-contained file: styles and scripts inline, no fonts or scripts fetched (a
Content-Security-Policy forbids any request), every piece of dynamic text escaped. The markup lives in
``templates/`` as package data, so the Python modules hold no page text.
"""
