"""Named-entity recognition: gazetteers and rules from ``patterns/gazetteers/``, run in a spaCy pipeline.

* :mod:`.template` expands rule templates (``{list}`` and ``{LOC}`` references) into regexes;
* :mod:`.lexicon` turns the gazetteer files of a ruleset into phrase patterns and compiled rules;
* :mod:`.rules` applies the rules to spans already found (pure Python, no spaCy);
* :mod:`.segmentation` checks candidates against jieba's segmentation (person names, word boundaries);
* :mod:`.pipeline` builds the spaCy ``Language`` (imported lazily: only it imports spaCy).
"""
