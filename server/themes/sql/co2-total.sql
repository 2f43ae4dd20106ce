-- Total CO2 emissions of the municipality per year, all sectors, kiloton.
SELECT $gm AS area_code, year::VARCHAR AS period, round(sum(kton_co2), 1) AS value
FROM main.co2_emissions GROUP BY year ORDER BY period
