-- Renewable energy produced in the municipality per year, all sources, terajoule.
SELECT $gm AS area_code, year::VARCHAR AS period, round(sum(tj), 1) AS value
FROM main.renewable_energy GROUP BY year ORDER BY period
