"""mizuho-audit: the information-security self-inspection and audit tool of 瑞穂町."""

__version__ = "0.1.0"
