"""Context: each figure's as_of, subject, region and comparison base; the document's published date and region; checks."""
