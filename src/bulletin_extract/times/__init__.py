"""Times: dates and periods found and resolved against the publication date."""
