-- Daily means per pollutant at one station (UTC days; an hour is dated by its start). A day counts
-- only with at least 18 of its 24 hours measured, as the EU directives require.
SELECT formula, year(day) AS year, mean
FROM (
  SELECT formula, CAST(timestamp_measured - INTERVAL 1 HOUR AS DATE) AS day, avg(value) AS mean
  FROM main.air_measurements
  WHERE station_number = $station
  GROUP BY formula, day
  HAVING count(*) >= 18
)
ORDER BY formula, year
