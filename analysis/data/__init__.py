"""The data layer: validated loaders for ``data/raw/``, the processed build, the register.

>>> from analysis import data
>>> data.datasets()                      # one row per dataset with its metadata
>>> capex = data.load("hyperscaler_capex")   # validated (by `make data`, or on read if edited since)
>>> capex = data.load_processed("hyperscaler_capex")  # + calendar periods
>>> register = data.load_assumptions()
"""

from .assumptions import Assumption, assumptions_table, load_assumptions
from .build import StaleDataError, build, load_processed
from .catalog import dataset_names, datasets, load, metadata, used_datasets
from .inventory import inventory
from .errors import DataValidationError, Failure

__all__ = [
    "Assumption", "DataValidationError", "Failure", "StaleDataError", "assumptions_table", "build",
    "dataset_names", "datasets", "inventory", "load", "load_assumptions", "load_processed", "metadata", "used_datasets",
]
