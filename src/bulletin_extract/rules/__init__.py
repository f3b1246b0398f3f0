"""Pattern data: the file schemas, loading and merging into a :class:`~.ruleset.Ruleset`, numerals, grammar helpers, examples."""
