-- Complaints of one kind received per calendar year, for the municipality (full years only: the
-- newest year counts once the register holds a complaint from its last month).
WITH yearly AS (
  SELECT year(received_on) AS year, count(*) AS n, max(month(received_on)) AS last_month
  FROM main.complaints WHERE kind = $kind GROUP BY ALL
)
SELECT $gm AS area_code, $gm AS area_name, year::VARCHAR AS period, n::DOUBLE AS value, 1.0 AS coverage
FROM yearly WHERE last_month = 12
ORDER BY period
