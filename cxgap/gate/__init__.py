"""The CI gate: `cxgap check` (policy and verdicts) and `cxgap diff`
(what a change does to a journey), with their report formats.

The policy and the comparison are pure functions over analyses; reading git
revisions lives in :mod:`cxgap.gate.revisions`.
"""
