-- Whether each buurt is in heat-stress class 4 or 5 (100) or not (0), per year; rolled up, the share
-- of buurten in those classes.
SELECT buurt_code AS area_code, year::VARCHAR AS period, 100.0 * (heat_stress_class >= 4)::INT AS value
FROM main.green_heat ORDER BY period, area_code
