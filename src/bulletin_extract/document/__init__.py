"""The document model every stage reads: text, fold, lines, blocks, sentences and clauses."""
