"""Figures: find numbers with units, type unit-less ones, set qualifier and direction; zones that hold none."""
