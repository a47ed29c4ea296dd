"""kdefense: Kuwait's defense agreements from a sourced YAML dataset.

Library core (no CLI imports): dates, yamlsafe, validate, dataset, terms,
index, query. The command line lives in cli.py, output formats in render/.
"""

__version__ = "0.1.0"
