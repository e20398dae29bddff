"""offsite: off-site medical-insurance claims (异地就医) for work-unit HR clerks."""

__version__ = "0.1.0"
