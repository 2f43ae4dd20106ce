-- Municipal trees planted per year (by planting year in the tree register), per buurt.
SELECT buurt_code AS area_code, planting_year::VARCHAR AS period, count(*)::DOUBLE AS value
FROM main.trees WHERE planting_year >= 2015 GROUP BY ALL ORDER BY period, area_code
