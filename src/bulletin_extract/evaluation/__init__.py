"""Gold loading, validation and scoring (ANNOTATION.md §4–§5).

This subpackage never imports the extraction stages, so it can score any
system's predictions, including a blind set.
"""
