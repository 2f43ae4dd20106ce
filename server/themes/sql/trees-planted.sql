-- Municipal trees planted per year (by planting year in the tree register), for the municipality.
SELECT $gm AS area_code, $gm AS area_name, planting_year::VARCHAR AS period, count(*)::DOUBLE AS value, 1.0 AS coverage
FROM main.trees WHERE planting_year >= 2015 GROUP BY planting_year ORDER BY period
