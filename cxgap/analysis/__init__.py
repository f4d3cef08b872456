"""The gap engine: matching, gap rules, scores, metrics and recommendations.

Pure functions over the spec models: no I/O, no printing, no rendering.
"""

from cxgap.analysis.engine import analyze, at_least
from cxgap.analysis.result import Analysis, Gap

__all__ = ["Analysis", "Gap", "analyze", "at_least"]
