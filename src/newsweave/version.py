"""The package's version, in a module of its own so that any module can name it (the fetcher's User-Agent)
without importing the package root, which imports the whole library."""

__version__ = "0.1.0"
