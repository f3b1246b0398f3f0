"""Indicators: what each figure measures, canonical regions, and the panel built from them."""
