"""cxgap: a customer-journey gap analyzer.

Lay the company's touchpoints over the customer's, stage by stage, and report
where they miss each other.
"""

__version__ = "0.1.0"
