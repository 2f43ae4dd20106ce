-- Renewable energy produced in the municipality per year, all sources, terajoule.
SELECT $gm AS area_code, $gm AS area_name, year::VARCHAR AS period, round(sum(tj), 1) AS value, 1.0 AS coverage
FROM main.renewable_energy GROUP BY year ORDER BY period
