"""Input and output: reading and decoding documents, and the Arrow tables the batch writes."""
