"""Why each mention came out as it did: the rule, the pattern files behind it, and the resolution steps."""

from .explain import Explanation, explain

__all__ = ["Explanation", "explain"]
