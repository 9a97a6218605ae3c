#!/usr/bin/env python3
"""`infonce estimate` (auto) on public CSVs of the plotly/datasets repository (issue 11), with scikit-learn's bar.

    /usr/bin/python3 scripts/sweep-plotly-datasets.py DATA_DIR [--only FILE ...] [--kind label|numeric] [--no-bar]
                                                      [--timeout 120] [--bin CLI]

DATA_DIR holds the repository's CSV files (a clone or an unpacked archive of github.com/plotly/datasets; nothing is
downloaded here). The runs, the timing, the row format and the bar are scripts/sweep-vega-datasets.py's (its
`sweep`, which uses scripts/sweep-real-tables.py's label_range and regression_lower); only the selections differ:
each is what a pandas user would ask of the table (a label or a numeric target against the rest, or a few columns).
"""
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("sweep_vega", os.path.join(HERE, "sweep-vega-datasets.py"))
_vega = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_vega)

SQUIRRELS = "2018_Central_Park_Squirrel_Census_-_Squirrel_Data_20250721.csv"

# (file, X columns or None for "all the rest", Y column, "label" | "numeric")
RUNS = [
    ("imports-85.csv", None, "price", "numeric"),
    ("imports-85.csv", None, "body-style", "label"),
    ("imports-85.csv", ["horsepower", "engine-size", "curb-weight"], "city-mpg", "numeric"),
    ("telco-customer-churn-by-IBM.csv", None, "Churn", "label"),
    ("telco-customer-churn-by-IBM.csv", ["tenure", "MonthlyCharges"], "TotalCharges", "numeric"),
    ("telco-customer-churn-by-IBM.csv", ["Contract", "InternetService", "PaymentMethod"], "Churn", "label"),
    ("gapminder-unclean.csv", None, "continent", "label"),
    ("gapminder-unclean.csv", ["gdpPercap", "year"], "lifeExp", "numeric"),
    ("gapminderDataFiveYear.csv", None, "lifeExp", "numeric"),
    ("gapminder_unfiltered.csv", ["lifeExp", "gdpPercap"], "continent", "label"),
    ("salaries-ai-jobs-net.csv", None, "salary_in_usd", "numeric"),
    ("salaries-ai-jobs-net.csv", None, "experience_level", "label"),
    ("supermarket_Sales.csv", None, "Customer type", "label"),
    ("supermarket_Sales.csv", None, "Customer stratification rating", "numeric"),
    ("supermarket_Sales.csv", ["Unit price", "Quantity"], "Total", "numeric"),
    ("supermarket_Sales.csv", None, "Product line", "label"),
    ("beers.csv", ["abv", "ibu", "ounces"], "style2", "label"),
    ("beers.csv", ["abv", "ounces", "state"], "ibu", "numeric"),
    ("earthquakes-23k.csv", None, "Magnitude", "numeric"),
    ("earthquakes-23k.csv", ["Latitude", "Longitude"], "Date", "numeric"),
    (SQUIRRELS, None, "Age", "label"),
    (SQUIRRELS, ["X", "Y"], "Shift", "label"),
    (SQUIRRELS, ["Running", "Chasing", "Climbing", "Eating", "Foraging"], "Primary Fur Color", "label"),
    ("US-shooting-incidents.csv", None, "cause_short", "label"),
    ("US-shooting-incidents.csv", ["year", "state", "canine"], "cause_short", "label"),
    ("winequality-red.csv", None, "quality", "label"),
    ("winequality-red.csv", None, "alcohol", "numeric"),
    ("hofstede-cultural-dimensions.csv", ["pdi", "mas", "uai", "ltowvs", "ivr"], "idv", "numeric"),
    ("nz_weather.csv", None, "Auckland", "numeric"),
    ("nz_weather.csv", ["DATE"], "Wellington", "numeric"),
    ("medicare.csv", None, "Classification", "label"),
    ("medicare.csv", ["DRG", "Provider State", "Total Discharges"], "Average Total Payments", "numeric"),
    ("job-automation-probability.csv", None, "education", "label"),
    ("job-automation-probability.csv", ["education", "average_ann_wage"], "probability", "numeric"),
    ("laucnty16.csv", ["Labor Force", "Employed"], "Unemployment Rate (%)", "numeric"),
    ("minoritymajority.csv", ["TOT_POP", "BlackPCT", "HispanicPCT"], "MinorityMinority", "label"),
    ("state-population-projections-by-race-sex-age-groups.csv", None, "Race", "label"),
    ("titanic.csv", None, "Survived", "label"),
    ("titanic.csv", ["Pclass", "Sex", "Age", "Fare"], "Survived", "label"),
    ("titanic-mosaic-chart.csv", None, "survived", "label"),
    ("tips.csv", None, "tip", "numeric"),
    ("tips.csv", None, "day", "label"),
    ("diabetes.csv", None, "Outcome", "label"),
    ("auto-mpg.csv", None, "mpg", "numeric"),
    ("iris-id.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width"], "species", "label"),
    ("pbc-event.csv", ["age", "albumin", "bili", "protime", "edema"], "stage", "label"),
    ("nhl_draft_2013_@thejustinfisher.csv", ["Height", "Weight", "Position"], "Overall", "numeric"),
    ("volcano_db.csv", ["Latitude", "Longitude", "Elev"], "Type", "label"),
    ("311_Animals_short.csv", ["Borough", "Location Type", "Agency"], "Descriptor", "label"),
    ("MTA_Ridership_by_DATA_NY_GOV.csv", ["Date"], "Subways: Total Estimated Ridership", "numeric"),
    ("Mining-BTC-180.csv", None, "Market-price", "numeric"),
    ("dash-stock-ticker-demo.csv", ["Open", "Volume"], "Stock", "label"),
    ("district_density.csv", None, "cluster", "label"),
    ("european_leaders.csv", None, "left_right", "numeric"),
    ("parcoords_data.csv", None, "colorVal", "numeric"),
    ("simple_feature_dataframe.csv", None, "classes", "label"),
    ("unemployment_data_europe_oecd.csv", ["LOCATION", "TIME"], "Value", "numeric"),
    ("country_indicators.csv", None, "Value", "numeric"),
    ("amazon-purchases-sample.csv", ["Purchase Price Per Unit", "Quantity", "Shipping Address State"], "Category", "label"),
    ("1962_2006_walmart_store_openings.csv", ["LAT", "LON", "YEAR"], "type_store", "label"),
    ("stockdata2.csv", ["Date", "stock"], "value", "numeric"),
    ("english_french.csv", ["English", "French", "total"], "region", "label"),
]

if __name__ == "__main__":
    sys.exit(_vega.sweep(RUNS))
