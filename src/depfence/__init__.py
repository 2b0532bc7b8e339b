"""depfence: stop supply-chain attacks at the moment a dependency enters a codebase."""

__version__ = "0.1.0"
