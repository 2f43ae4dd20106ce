-- Share of the municipality's buurten in heat-stress class 4 or 5, per year, percent.
SELECT $gm AS area_code, $gm AS area_name, year::VARCHAR AS period,
       round(100 * avg((heat_stress_class >= 4)::INT), 1) AS value, 1.0 AS coverage
FROM main.green_heat GROUP BY year ORDER BY period
