#!/usr/bin/env python3
"""`infonce estimate` (auto) on the public tables of the seaborn-data repository (issue 11), with scikit-learn's bar.

    /usr/bin/python3 scripts/sweep-seaborn-data.py DATA_DIR [--only FILE ...] [--kind label|numeric] [--no-bar]
                                                   [--timeout 120] [--bin CLI]

DATA_DIR holds the repository's CSV files (a clone or an unpacked archive of github.com/mwaskom/seaborn-data, the
tables `seaborn.load_dataset` fetches; nothing is downloaded here). The runs, the timing, the row format and the bar
are scripts/sweep-vega-datasets.py's (its `sweep`, which uses scripts/sweep-real-tables.py's label_range and
regression_lower); only the selections differ: each is what a pandas user would ask of the table.
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_vega", os.path.join(HERE, "sweep-vega-datasets.py"))
_vega = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vega)

# (file, X columns or None for "all the rest", Y column, "label" | "numeric")
RUNS = [
    ("iris.csv", None, "species", "label"),
    ("penguins.csv", None, "species", "label"),
    ("penguins.csv", None, "sex", "label"),
    ("penguins.csv", None, "body_mass_g", "numeric"),
    ("tips.csv", None, "day", "label"),
    ("tips.csv", None, "time", "label"),
    ("tips.csv", None, "tip", "numeric"),
    ("tips.csv", ["total_bill"], "tip", "numeric"),
    ("titanic.csv", None, "survived", "label"),
    ("titanic.csv", ["pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"], "survived", "label"),
    ("titanic.csv", None, "age", "numeric"),
    ("mpg.csv", None, "origin", "label"),
    ("mpg.csv", None, "mpg", "numeric"),
    ("mpg.csv", ["horsepower", "weight"], "cylinders", "label"),
    ("diamonds.csv", None, "cut", "label"),
    ("diamonds.csv", None, "price", "numeric"),
    ("diamonds.csv", ["carat"], "price", "numeric"),
    ("taxis.csv", None, "payment", "label"),
    ("taxis.csv", ["distance"], "fare", "numeric"),
    ("exercise.csv", None, "kind", "label"),
    ("exercise.csv", None, "pulse", "numeric"),
    ("fmri.csv", None, "event", "label"),
    ("geyser.csv", None, "kind", "label"),
    ("geyser.csv", ["waiting"], "duration", "numeric"),
    ("planets.csv", None, "method", "label"),
    ("car_crashes.csv", None, "total", "numeric"),
    ("healthexp.csv", None, "Country", "label"),
    ("healthexp.csv", None, "Life_Expectancy", "numeric"),
    ("anscombe.csv", None, "dataset", "label"),
    ("dots.csv", None, "firing_rate", "numeric"),
    ("flights.csv", None, "passengers", "numeric"),
    ("attention.csv", None, "score", "numeric"),
    ("dowjones.csv", ["Date"], "Price", "numeric"),
    ("seaice.csv", ["Date"], "Extent", "numeric"),
    ("glue.csv", None, "Score", "numeric"),
    ("anagrams.csv", None, "attnr", "label"),
]

if __name__ == "__main__":
    sys.exit(_vega.sweep(RUNS))
